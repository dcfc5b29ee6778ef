//! The statistics evaluation reports use: a mean with its spread, the mean change of paired
//! before/after answers with its 95 % confidence interval (Student's t) and paired effect size
//! (Cohen's d_z), and the difference between two independent groups (Welch).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation; `None` below two values.
    pub sd: Option<f64>,
}

pub fn summarise(values: &[f64]) -> Option<Summary> {
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let sd = (n >= 2).then(|| {
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        (ss / (n - 1) as f64).sqrt()
    });
    Some(Summary { n, mean, sd })
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedChange {
    pub n: usize,
    /// Mean of (after - before).
    pub mean_change: f64,
    /// 95 % confidence interval of the mean change; `None` below two pairs.
    pub ci95: Option<(f64, f64)>,
    /// Cohen's d_z: mean change / sd of the changes; `None` when the sd is 0 or n < 2.
    pub effect_size: Option<f64>,
}

/// Pairs are (before, after).
pub fn paired_change(pairs: &[(f64, f64)]) -> Option<PairedChange> {
    let changes: Vec<f64> = pairs.iter().map(|(before, after)| after - before).collect();
    let s = summarise(&changes)?;
    let ci95 = s.sd.map(|sd| {
        let half = t_quantile_975((s.n - 1) as f64) * sd / (s.n as f64).sqrt();
        (s.mean - half, s.mean + half)
    });
    Some(PairedChange {
        n: s.n,
        mean_change: s.mean,
        ci95,
        effect_size: s.sd.filter(|sd| *sd > 0.0).map(|sd| s.mean / sd),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupDifference {
    /// mean(a) - mean(b).
    pub mean_difference: f64,
    /// Welch's 95 % interval; `None` when either group has fewer than two values.
    pub ci95: Option<(f64, f64)>,
    /// Hedges' g; `None` when it cannot be computed.
    pub effect_size: Option<f64>,
}

pub fn group_difference(a: &[f64], b: &[f64]) -> Option<GroupDifference> {
    let (sa, sb) = (summarise(a)?, summarise(b)?);
    let mean_difference = sa.mean - sb.mean;
    let (Some(sd_a), Some(sd_b)) = (sa.sd, sb.sd) else {
        return Some(GroupDifference {
            mean_difference,
            ci95: None,
            effect_size: None,
        });
    };
    let (na, nb) = (sa.n as f64, sb.n as f64);
    let (va, vb) = (sd_a * sd_a / na, sd_b * sd_b / nb);
    let se = (va + vb).sqrt();
    let ci95 = if se > 0.0 {
        // Welch-Satterthwaite degrees of freedom.
        let df = (va + vb).powi(2) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
        let half = t_quantile_975(df) * se;
        (mean_difference - half, mean_difference + half)
    } else {
        (mean_difference, mean_difference)
    };
    let pooled = (((na - 1.0) * sd_a * sd_a + (nb - 1.0) * sd_b * sd_b) / (na + nb - 2.0)).sqrt();
    let effect_size = (pooled > 0.0).then(|| {
        // Hedges' small-sample correction J = 1 - 3 / (4 (na + nb) - 9).
        mean_difference / pooled * (1.0 - 3.0 / (4.0 * (na + nb) - 9.0))
    });
    Some(GroupDifference {
        mean_difference,
        ci95: Some(ci95),
        effect_size,
    })
}

/// The 97.5th percentile of Student's t with `df` degrees of freedom (any positive df, as
/// Welch's are not whole): the half-width of a 95 % interval in standard errors.
pub fn t_quantile_975(df: f64) -> f64 {
    t_quantile(0.975, df)
}

/// The `p` quantile (0.5 < p < 1) of Student's t, by bisection on its distribution function.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    assert!(p > 0.5 && p < 1.0 && df > 0.0, "t_quantile({p}, {df})");
    let mut hi = 1.0;
    while t_cdf(hi, df) < p {
        hi *= 2.0;
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// P(T <= t) for t >= 0: 1 - I_x(df/2, 1/2) / 2 with x = df / (df + t^2).
fn t_cdf(t: f64, df: f64) -> f64 {
    1.0 - 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5)
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz).
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    // The fraction converges quickly for x < (a + 1) / (a + b + 2); otherwise use the symmetry.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_fraction(1.0 - x, b, a) / b
    }
}

fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..500 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        for coefficient in [
            even,
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ] {
            d = 1.0 + coefficient * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + coefficient / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; about 15 significant digits).
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}
