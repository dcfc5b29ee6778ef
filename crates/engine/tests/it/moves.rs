//! Properties of hand changes: a suggested set keeps every rule and a set not suggested breaks
//! one; a swap exchanges exactly the two units, undoes itself, and every suggested swap keeps
//! every rule.

use proptest::prelude::*;
use revans_engine::{
    Budget, NoProgress, SolveOptions, SwapRefusal, fine_sets_for, fine_swaps_for, form, moved,
    swapped, unit_of, violations,
};

use crate::props::arb_model;

fn opts(seed: u64) -> SolveOptions {
    SolveOptions {
        seed,
        budget: Budget::rounds(2),
        exact_up_to: 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn suggested_sets_are_exactly_those_that_keep_every_rule(model in arb_model(20), seed in 0u64..100, who in 0usize..20) {
        if let Ok(f) = form(&model, &opts(seed), &mut NoProgress) {
            let p = who % model.ids.len();
            let fine = fine_sets_for(&model, &f.set_of, p);
            for g in 0..model.sets.len() {
                let after = moved(&model, &f.set_of, p, g);
                for q in unit_of(&model, p) {
                    prop_assert_eq!(after[q], g);
                }
                if g == f.set_of[p] {
                    prop_assert!(!fine.contains(&g), "their own set is not a suggestion");
                } else {
                    prop_assert_eq!(fine.contains(&g), violations(&model, &after).is_empty());
                }
            }
        }
    }

    #[test]
    fn a_swap_exchanges_two_units_and_undoes_itself(model in arb_model(20), seed in 0u64..100, a in 0usize..20, b in 0usize..20) {
        if let Ok(f) = form(&model, &opts(seed), &mut NoProgress) {
            let n = model.ids.len();
            let (p, q) = (a % n, b % n);
            match swapped(&model, &f.set_of, p, q) {
                Err(SwapRefusal::SameUnit) => prop_assert!(unit_of(&model, p).contains(&q)),
                Err(SwapRefusal::SameSet) => prop_assert_eq!(f.set_of[p], f.set_of[q]),
                Ok(after) => {
                    let (up, uq) = (unit_of(&model, p), unit_of(&model, q));
                    for (x, &now) in after.iter().enumerate() {
                        let expected = if up.contains(&x) {
                            f.set_of[q]
                        } else if uq.contains(&x) {
                            f.set_of[p]
                        } else {
                            f.set_of[x]
                        };
                        prop_assert_eq!(now, expected);
                    }
                    prop_assert_eq!(swapped(&model, &after, p, q).unwrap(), f.set_of.clone());
                }
            }
        }
    }

    #[test]
    fn every_suggested_swap_keeps_every_rule(model in arb_model(20), seed in 0u64..100, who in 0usize..20) {
        if let Ok(f) = form(&model, &opts(seed), &mut NoProgress) {
            let p = who % model.ids.len();
            for g in 0..model.sets.len() {
                for q in fine_swaps_for(&model, &f.set_of, p, g) {
                    prop_assert_eq!(f.set_of[q], g);
                    let after = swapped(&model, &f.set_of, p, q).unwrap();
                    prop_assert!(violations(&model, &after).is_empty());
                }
            }
        }
    }
}

#[test]
fn two_people_of_equal_sets_swap_when_a_move_would_overfill() {
    use revans_engine::{Model, Never};
    let mut model = Model::new((0..4).map(|i| format!("p{i}")).collect());
    model.sets = Model::sets_by_count(4, 2).unwrap();
    // p0 may not be with p3: p0 in set 0 with p1, p2 and p3 in set 1.
    model.never.push(Never {
        a: 0,
        b: 3,
        reason: "test".into(),
    });
    let set_of = vec![0, 0, 1, 1];
    assert!(
        fine_sets_for(&model, &set_of, 1).is_empty(),
        "sets hold two each"
    );
    assert_eq!(fine_swaps_for(&model, &set_of, 1, 1), vec![2]);
    assert_eq!(swapped(&model, &set_of, 1, 2).unwrap(), vec![0, 1, 0, 1]);
    assert!(!violations(&model, &swapped(&model, &set_of, 1, 3).unwrap()).is_empty());
}
