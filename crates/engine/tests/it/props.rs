//! Property tests: every output keeps every hard rule; the reported objective equals an
//! independent recomputation; the exact solver matches brute force.

use proptest::prelude::*;
use revans_engine::{
    Budget, MdgpInstance, Model, Never, NoProgress, Rule, SetBounds, SolveOptions, form,
    mdgp_objective, objective, solve_mdgp, violations,
};

use crate::helpers::{cat_idx, ids, num, quick};

/// A random model: categorical org and role, numeric tz, optional manager tree, units,
/// never pairs, pins, history, and a random subset of rules.
pub(crate) fn arb_model(max_n: usize) -> impl Strategy<Value = Model> {
    (4..=max_n, 2usize..=3, any::<u64>()).prop_map(|(n, m, seed)| {
        let mut r = seed;
        let mut next = move |k: usize| {
            r = r
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((r >> 33) % k as u64) as usize
        };
        let mut model = Model::new(ids(n));
        model.sets = Model::sets_by_count(n, m).expect("sets");
        model
            .attributes
            .push(cat_idx("org", &(0..n).map(|_| next(4)).collect::<Vec<_>>()));
        model.attributes.push(cat_idx(
            "role",
            &(0..n).map(|_| next(3)).collect::<Vec<_>>(),
        ));
        model.attributes.push(num(
            "tz",
            &(0..n).map(|_| next(5) as f64).collect::<Vec<_>>(),
        ));
        model.rules.push(Rule::Diverse {
            attr: 0,
            weight: 1.0 + next(3) as f64,
        });
        if next(2) == 0 {
            model.rules.push(Rule::Similar {
                attr: 2,
                weight: 0.5,
            });
        }
        if next(2) == 0 {
            model.rules.push(Rule::DontIsolate {
                attr: 1,
                weight: 0.7,
            });
        }
        if next(2) == 0 {
            model.rules.push(Rule::MaxPer {
                attr: 0,
                k: n.div_ceil(m).div_ceil(2).max(2),
            });
        }
        if next(3) == 0 {
            model.rules.push(Rule::MinPer {
                attr: 1,
                value: "v0".into(),
                k: 1,
            });
        }
        if next(2) == 0 {
            model.managers = (0..n)
                .map(|p| (p > 0 && next(3) == 0).then(|| next(p)))
                .collect();
        }
        if next(2) == 0 && n >= 6 {
            model.units = vec![vec![n - 1, n - 2]];
        }
        if next(2) == 0 {
            model.never.push(Never {
                a: 0,
                b: n - 3,
                reason: "test".into(),
            });
        }
        if next(3) == 0 {
            model.pins.push((1, m - 1));
        }
        if next(2) == 0 {
            model.history = (0..n / 2).map(|_| (next(n), next(n))).collect();
            model.history_weight = 0.8;
        }
        model
    })
}

/// Best over all m^n assignments that keep every hard rule, by brute force.
fn brute_force(model: &Model) -> Option<f64> {
    let n = model.ids.len();
    let m = model.sets.len();
    let mut a = vec![0usize; n];
    let mut best: Option<f64> = None;
    loop {
        if violations(model, &a).is_empty() {
            let v = objective(model, &a);
            if best.is_none_or(|b| v > b) {
                best = Some(v);
            }
        }
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            a[i] += 1;
            if a[i] < m {
                break;
            }
            a[i] = 0;
            i += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn heuristic_output_keeps_hard_rules(model in arb_model(28), seed in 0u64..1000) {
        let opts = SolveOptions { seed, budget: Budget::rounds(2), exact_up_to: 0 };
        if let Ok(f) = form(&model, &opts, &mut NoProgress) {
            prop_assert!(violations(&model, &f.set_of).is_empty(), "{:?}", violations(&model, &f.set_of));
            let again = objective(&model, &f.set_of);
            prop_assert!((again - f.objective).abs() <= 1e-6 * (1.0 + again.abs()), "{again} vs {}", f.objective);
        }
    }

    #[test]
    fn exact_matches_brute_force(model in arb_model(8), seed in 0u64..1000) {
        let brute = brute_force(&model);
        match form(&model, &quick(seed), &mut NoProgress) {
            Ok(f) => {
                prop_assert!(f.proven_optimal);
                prop_assert!(violations(&model, &f.set_of).is_empty());
                let b = brute.expect("brute force finds a formation too");
                prop_assert!((b - f.objective).abs() < 1e-6, "brute {b} exact {}", f.objective);
                prop_assert!((objective(&model, &f.set_of) - f.objective).abs() < 1e-6);
            }
            Err(_) => prop_assert!(brute.is_none(), "exact failed but brute force found {brute:?}"),
        }
    }

    #[test]
    fn mdgp_exact_and_heuristic(n in 4usize..=9, m in 2usize..=3, seed in any::<u64>()) {
        let mut r = seed;
        let mut d = vec![0.0; n * n];
        for i in 0..n {
            for j in (i + 1)..n {
                r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let v = ((r >> 40) % 100) as f64;
                d[i * n + j] = v;
                d[j * n + i] = v;
            }
        }
        let lo = n / m - 1;
        let inst = MdgpInstance { n, bounds: vec![(lo.max(1), n / m + 1); m], d };
        let exact = solve_mdgp(&inst, &quick(seed), &mut NoProgress).expect("solve");
        prop_assert!(exact.proven_optimal);
        // Brute force over all assignments within the bounds.
        let mut a = vec![0usize; n];
        let mut best = f64::NEG_INFINITY;
        'all: loop {
            let mut sizes = vec![0; m];
            for &g in &a { sizes[g] += 1; }
            if sizes.iter().zip(&inst.bounds).all(|(&s, &(lo, hi))| s >= lo && s <= hi) {
                best = best.max(mdgp_objective(&inst, &a));
            }
            let mut i = 0;
            loop {
                if i == n { break 'all; }
                a[i] += 1;
                if a[i] < m { break; }
                a[i] = 0;
                i += 1;
            }
        }
        prop_assert!((best - exact.objective).abs() < 1e-6);
        let heur = solve_mdgp(&inst, &SolveOptions { seed, budget: Budget::rounds(2), exact_up_to: 0 }, &mut NoProgress).expect("solve");
        prop_assert!((mdgp_objective(&inst, &heur.group) - heur.objective).abs() < 1e-6);
        prop_assert!(heur.objective <= best + 1e-6);
    }
}

#[test]
fn same_seed_same_result() {
    let mut model = Model::new(ids(30));
    model.sets = vec![SetBounds { min: 5, max: 6 }; 5];
    model.attributes.push(cat_idx(
        "org",
        &(0..30).map(|i| i * 7 % 5).collect::<Vec<_>>(),
    ));
    model.rules.push(Rule::Diverse {
        attr: 0,
        weight: 1.0,
    });
    let a = form(&model, &quick(9), &mut NoProgress).expect("form");
    let b = form(&model, &quick(9), &mut NoProgress).expect("form");
    assert_eq!(a, b);
}
