use proptest::prelude::*;

use super::super::stats::{group_difference, paired_change, summarise, t_quantile_975};

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn t_quantiles_match_the_published_table() {
    // Two-sided 95 % (one-sided 0.975) values of Student's t, as printed in every table.
    for (df, t) in [
        (1.0, 12.706),
        (2.0, 4.303),
        (5.0, 2.571),
        (10.0, 2.228),
        (30.0, 2.042),
        (100.0, 1.984),
    ] {
        let got = t_quantile_975(df);
        assert!(close(got, t, 0.0005), "df {df}: {got} not {t}");
    }
    // Large df tends to the normal 1.95996.
    assert!(close(t_quantile_975(1e6), 1.960, 0.0005));
    // Non-integer df (Welch) lies between its neighbours.
    let t = t_quantile_975(7.5);
    assert!(t < t_quantile_975(7.0) && t > t_quantile_975(8.0));
}

#[test]
fn a_summary_has_the_sample_sd() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40 / 8 = 5; squares of deviations 9+1+1+1+0+0+4+16 = 32;
    // sample variance 32 / 7; sd 2.138.
    let s = summarise(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
    assert_eq!((s.n, s.mean), (8, 5.0));
    assert!(close(s.sd.unwrap(), (32.0f64 / 7.0).sqrt(), 1e-12));
    assert_eq!(summarise(&[3.0]).unwrap().sd, None);
    assert_eq!(summarise(&[]), None);
}

#[test]
fn a_paired_change_has_its_interval_and_d_z() {
    // Changes after - before: 1, 2, 3, 2 -> mean 2; deviations -1, 0, 1, 0; variance 2 / 3;
    // sd 0.8165; se = 0.8165 / 2 = 0.40825; t(3) = 3.1824; half-width 1.2992;
    // CI (0.7008, 3.2992); d_z = 2 / 0.8165 = 2.449.
    let p = paired_change(&[(1.0, 2.0), (2.0, 4.0), (3.0, 6.0), (4.0, 6.0)]).unwrap();
    assert_eq!((p.n, p.mean_change), (4, 2.0));
    let (lo, hi) = p.ci95.unwrap();
    assert!(
        close(lo, 0.7008, 0.0005) && close(hi, 3.2992, 0.0005),
        "{lo} {hi}"
    );
    assert!(close(p.effect_size.unwrap(), 2.449, 0.0005));
    // One pair: a change but no interval; all the same change: no effect size.
    let one = paired_change(&[(1.0, 3.0)]).unwrap();
    assert_eq!(
        (one.mean_change, one.ci95, one.effect_size),
        (2.0, None, None)
    );
    let flat = paired_change(&[(1.0, 2.0), (3.0, 4.0)]).unwrap();
    assert_eq!((flat.ci95, flat.effect_size), (Some((1.0, 1.0)), None));
    assert_eq!(paired_change(&[]), None);
}

#[test]
fn a_group_difference_uses_welch_and_hedges() {
    // a = 1..5: mean 3, variance 2.5; b = 2, 4, 6: mean 4, variance 4.
    // difference -1; va/na = 0.5, vb/nb = 1.3333; se = sqrt(1.8333) = 1.35401.
    // Welch df = 1.8333^2 / (0.5^2 / 4 + 1.3333^2 / 2) = 3.3611 / 0.95139 = 3.5328;
    // t(3.5328, 0.975) = 2.9274 (between t(3) = 3.182 and t(4) = 2.776; the value checked by
    // integrating the t density numerically, Simpson's rule with 20,000 steps).
    // Pooled sd = sqrt((4 * 2.5 + 2 * 4) / 6) = sqrt(3) = 1.73205; d = -0.57735;
    // J = 1 - 3 / (4 * 8 - 9) = 0.869565; g = -0.50204.
    let g = group_difference(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 6.0]).unwrap();
    assert_eq!(g.mean_difference, -1.0);
    let (lo, hi) = g.ci95.unwrap();
    let half = (hi - lo) / 2.0;
    assert!(close((lo + hi) / 2.0, -1.0, 1e-9));
    assert!(
        close(half / 1.354_01, 2.9274, 0.0005),
        "t = {}",
        half / 1.354_01
    );
    assert!(close(g.effect_size.unwrap(), -0.50204, 0.0005));
    // Too few to say more than the difference.
    let small = group_difference(&[1.0], &[2.0, 3.0]).unwrap();
    assert_eq!(
        (small.mean_difference, small.ci95, small.effect_size),
        (-1.5, None, None)
    );
    assert_eq!(group_difference(&[], &[1.0]), None);
}

proptest! {
    #[test]
    fn the_paired_interval_contains_the_mean_change(
        pairs in prop::collection::vec((-100.0f64..100.0, -100.0f64..100.0), 2..40)
    ) {
        let p = paired_change(&pairs).unwrap();
        let (lo, hi) = p.ci95.unwrap();
        prop_assert!(lo <= p.mean_change && p.mean_change <= hi);
    }

    #[test]
    fn the_t_quantile_falls_as_df_grows(df in 1.0f64..200.0) {
        prop_assert!(t_quantile_975(df) > t_quantile_975(df + 1.0));
        prop_assert!(t_quantile_975(df) > 1.959);
    }
}
