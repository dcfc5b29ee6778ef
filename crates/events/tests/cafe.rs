//! Cafe rotations: every rota keeps the rules, the score is honest, runs are reproducible.

use proptest::prelude::*;
use revans_engine::Budget;
use revans_events::cafe::{
    CafeError, CafeProblem, CafeViolation, Rota, check, lower_bound, repeats, solve,
};

/// Repeats counted the plainest way: every pair, every round.
fn naive_repeats(rota: &Rota, participants: usize) -> u64 {
    let mut total = 0;
    for i in 0..participants {
        for j in i + 1..participants {
            let k = (0..rota.rounds())
                .filter(|&r| rota.table(r, i) == rota.table(r, j))
                .count() as u64;
            total += k.saturating_sub(1);
        }
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_rota_keeps_the_rules(p in 1usize..30, g in 1usize..8, r in 1usize..12, seed: u64) {
        let problem = CafeProblem::new(p, g, r).unwrap();
        let solution = solve(&problem, seed, Budget::rounds(20));
        prop_assert_eq!(check(&problem, &solution.rota), Ok(()));
        prop_assert_eq!(solution.repeats, repeats(&problem, &solution.rota));
        prop_assert_eq!(solution.repeats, naive_repeats(&solution.rota, p));
        prop_assert_eq!(solution.lower_bound, lower_bound(&problem));
        prop_assert!(solution.repeats >= solution.lower_bound);
    }
}

#[test]
fn nobody_meets_a_guest_twice_while_rounds_do_not_exceed_guests() {
    let problem = CafeProblem::new(60, 6, 6).unwrap();
    let rota = solve(&problem, 3, Budget::rounds(50)).rota;
    for i in 0..60 {
        let mut seen: Vec<usize> = (0..6).map(|r| rota.table(r, i)).collect();
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2, 3, 4, 5], "participant {i}");
    }
}

#[test]
fn more_rounds_than_guests_spread_visits_evenly() {
    let problem = CafeProblem::new(17, 3, 7).unwrap();
    let rota = solve(&problem, 5, Budget::rounds(50)).rota;
    assert_eq!(check(&problem, &rota), Ok(()));
    for i in 0..17 {
        for guest in 0..3 {
            let times = (0..7).filter(|&r| rota.table(r, i) == guest).count();
            assert!(
                (2..=3).contains(&times),
                "participant {i} guest {guest}: {times}"
            );
        }
    }
}

#[test]
fn the_same_seed_and_rounds_give_the_same_rota() {
    let problem = CafeProblem::new(61, 6, 5).unwrap();
    let one = solve(&problem, 42, Budget::rounds(30));
    let two = solve(&problem, 42, Budget::rounds(30));
    assert_eq!(one, two);
}

/// Participant `(x, y)`, `x` in 1..=4 and `y` in 0..5, sits at `(y + m x) mod 5` in round `m`:
/// two participants share at most one round (a line of the affine plane of order 5) and each
/// sees every guest once, so 0 repeats is possible and the bound says so.
#[test]
fn the_bound_is_reached_where_a_perfect_rota_exists() {
    let problem = CafeProblem::new(20, 5, 5).unwrap();
    let perfect = Rota::from_rounds(
        (0..5)
            .map(|m| (0..20).map(|i| (i % 5 + m * (1 + i / 5)) % 5).collect())
            .collect(),
    );
    assert_eq!(check(&problem, &perfect), Ok(()));
    assert_eq!(repeats(&problem, &perfect), 0);
    assert_eq!(lower_bound(&problem), 0);
    let found = solve(&problem, 1, Budget::rounds(2_000));
    assert_eq!(found.repeats, 0);
    let small = CafeProblem::new(12, 4, 4).unwrap();
    assert_eq!(solve(&small, 1, Budget::rounds(2_000)).repeats, 0);
}

/// Thirty participants at five tables for four rounds: each table's six people must spread over
/// the other four tables next time, so every two rounds share at least ten pairs.
#[test]
fn the_round_pair_bound_is_tight_and_reached() {
    let problem = CafeProblem::new(30, 5, 4).unwrap();
    assert_eq!(lower_bound(&problem), 30);
    let found = solve(&problem, 1, Budget::rounds(2_000));
    assert_eq!(found.repeats, 30);
}

#[test]
fn bounds_in_simple_cases() {
    // One guest: everyone meets everyone every round.
    let one = CafeProblem::new(10, 1, 3).unwrap();
    assert_eq!(lower_bound(&one), 2 * 45);
    assert_eq!(solve(&one, 1, Budget::rounds(5)).repeats, 90);
    // More guests than participants: nobody shares a table.
    let sparse = CafeProblem::new(3, 5, 4).unwrap();
    assert_eq!(solve(&sparse, 1, Budget::rounds(5)).repeats, 0);
}

#[test]
fn check_names_the_broken_rule() {
    let problem = CafeProblem::new(4, 2, 2).unwrap();
    let twice = Rota::from_rounds(vec![vec![0, 0, 1, 1], vec![0, 1, 0, 1]]);
    assert!(matches!(
        check(&problem, &twice),
        Err(CafeViolation::Guest {
            participant: 0,
            guest: 0,
            times: 2,
            ..
        })
    ));
    let lopsided = Rota::from_rounds(vec![vec![0, 0, 0, 1], vec![1, 1, 1, 0]]);
    assert!(matches!(
        check(&problem, &lopsided),
        Err(CafeViolation::Unbalanced {
            round: 0,
            smallest: 1,
            largest: 3
        })
    ));
    let nowhere = Rota::from_rounds(vec![vec![0, 0, 1, 2], vec![1, 1, 0, 0]]);
    assert!(matches!(
        check(&problem, &nowhere),
        Err(CafeViolation::Table { .. })
    ));
    let short = Rota::from_rounds(vec![vec![0, 0, 1, 1]]);
    assert_eq!(
        check(&problem, &short).unwrap_err().to_string(),
        "the rota has 1 rounds, not 2"
    );
}

#[test]
fn bad_numbers_are_refused_with_the_field() {
    for (p, g, r, field) in [
        (0, 3, 3, "participants"),
        (10_001, 3, 3, "participants"),
        (10, 0, 3, "guests"),
        (10, 1_001, 3, "guests"),
        (10, 3, 0, "rounds"),
        (10, 3, 1_001, "rounds"),
        (5_000, 1, 3, "rounds"),
    ] {
        let error = CafeProblem::new(p, g, r).unwrap_err();
        assert_eq!(error.field(), field, "{p} {g} {r}");
        assert!(error.to_string().contains("must") || error.to_string().contains("more than"));
    }
    assert_eq!(
        CafeProblem::new(10, 3, 0).unwrap_err(),
        CafeError::Rounds(0)
    );
}
