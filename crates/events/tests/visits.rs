//! Visit allocation checked from outside: every answer is recomputed by `check` and
//! `objective`, and on small events compared with an exhaustive search over every allocation.

use proptest::prelude::*;
use revans_events::visits::{
    Allocation, Host, Missed, VisitError, VisitProblem, check, explain_host, explain_person,
    generate, objective, solve,
};

/// The best objective over every allocation (each person: an ordered choice of K distinct
/// ranked hosts), or `None` when no allocation meets the rules.
fn brute_force(problem: &VisitProblem) -> Option<u64> {
    fn tuples(ranking: &[usize], k: usize) -> Vec<Vec<usize>> {
        if k == 0 {
            return vec![vec![]];
        }
        let mut out = Vec::new();
        for &h in ranking {
            for mut rest in tuples(ranking, k - 1) {
                if !rest.contains(&h) {
                    rest.insert(0, h);
                    out.push(rest);
                }
            }
        }
        out
    }
    let options: Vec<Vec<Vec<usize>>> = (0..problem.people())
        .map(|p| tuples(problem.ranking(p), problem.slots()))
        .collect();
    let mut best = None;
    let mut pick = vec![0usize; problem.people()];
    loop {
        let allocation = Allocation {
            visits: pick
                .iter()
                .enumerate()
                .map(|(p, &i)| options[p][i].clone())
                .collect(),
        };
        if check(problem, &allocation).is_ok() {
            let cost = objective(problem, &allocation);
            best = Some(best.map_or(cost, |b: u64| b.min(cost)));
        }
        // Next combination (odometer).
        let mut p = 0;
        loop {
            if p == pick.len() {
                return best;
            }
            pick[p] += 1;
            if pick[p] < options[p].len() {
                break;
            }
            pick[p] = 0;
            p += 1;
        }
    }
}

fn small_problem() -> impl Strategy<Value = VisitProblem> {
    (1usize..=2, 2usize..=4, 2usize..=5).prop_flat_map(|(slots, hosts, people)| {
        let host = (0u32..=2, 0u32..=2).prop_map(|(min, extra)| Host {
            min,
            max: min + extra,
        });
        let ranking = Just((0..hosts).collect::<Vec<usize>>())
            .prop_shuffle()
            .prop_flat_map(move |all| (slots..=hosts).prop_map(move |n| all[..n].to_vec()));
        (
            proptest::collection::vec(host, hosts),
            proptest::collection::vec(ranking, people),
        )
            .prop_filter_map("needs enough places", move |(hosts, rankings)| {
                VisitProblem::new(hosts, rankings, slots).ok()
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The solver's answer meets every rule, its objective is what it says, and it equals the
    /// exhaustive optimum; when it says none exists, none does.
    #[test]
    fn optimal_against_brute_force(problem in small_problem()) {
        let outcome = solve(&problem, None);
        prop_assert!(outcome.proven_optimal);
        let exhaustive = brute_force(&problem);
        match (&outcome.allocation, exhaustive) {
            (Some(allocation), Some(best)) => {
                prop_assert_eq!(check(&problem, allocation), Ok(()));
                prop_assert_eq!(objective(&problem, allocation), best);
                prop_assert_eq!(outcome.objective, Some(best));
                prop_assert_eq!(outcome.bound, best);
            }
            (None, None) => {}
            (found, best) => prop_assert!(false, "solver {:?} but exhaustive {:?}", found, best),
        }
    }
}

#[test]
fn a_generated_event_of_national_size_is_proven_optimal_and_feasible() {
    let problem = generate(300, 20, 3, 8, 7);
    let outcome = solve(&problem, None);
    let allocation = outcome.allocation.expect("an allocation");
    assert!(outcome.proven_optimal);
    assert_eq!(check(&problem, &allocation), Ok(()));
    assert_eq!(Some(objective(&problem, &allocation)), outcome.objective);
    // Nobody can do better than their K best ranks.
    let ideal: u64 = (1..=3u64).map(|r| r * r).sum::<u64>() * 300;
    assert!(outcome.objective.unwrap() >= ideal);
}

#[test]
fn a_host_that_too_few_want_stays_closed_and_says_so() {
    // Two slots; host 2 needs 3 visitors per slot but only one person ranks it first.
    let hosts = vec![
        Host { min: 0, max: 3 },
        Host { min: 0, max: 3 },
        Host { min: 3, max: 3 },
    ];
    let rankings = vec![vec![2, 0, 1], vec![0, 1, 2], vec![1, 0, 2]];
    let problem = VisitProblem::new(hosts, rankings, 2).unwrap();
    let outcome = solve(&problem, None);
    let allocation = outcome.allocation.unwrap();
    assert!(outcome.proven_optimal);
    assert!(allocation.visits.iter().all(|v| !v.contains(&2)));
    let report = explain_person(&problem, &allocation, 0);
    assert_eq!(report.missed, vec![Missed::Closed { host: 2, rank: 1 }]);
    assert!(!explain_host(&problem, &allocation, 2).open);
}

#[test]
fn a_full_host_is_explained_with_who_ranked_it_as_high() {
    // One slot, host 0 has one place and both want it first; the other goes to their 2nd.
    let hosts = vec![Host { min: 0, max: 1 }, Host { min: 0, max: 2 }];
    let problem = VisitProblem::new(hosts, vec![vec![0, 1], vec![0, 1]], 1).unwrap();
    let allocation = solve(&problem, None).allocation.unwrap();
    let second = (0..2).find(|&p| allocation.visits[p][0] == 1).unwrap();
    let report = explain_person(&problem, &allocation, second);
    assert_eq!(report.visits, vec![(0, 1, 2)]);
    assert_eq!(
        report.missed,
        vec![Missed::Full {
            host: 0,
            rank: 1,
            places: 1,
            ranked_as_high: 1
        }]
    );
    let host = explain_host(&problem, &allocation, 0);
    assert_eq!((host.per_slot.clone(), host.first_choice_of), (vec![1], 2));
}

#[test]
fn minimums_force_people_together_when_every_host_must_open() {
    // Four people, two slots, two hosts each needing exactly two per slot: everyone visits both.
    let hosts = vec![Host { min: 2, max: 2 }, Host { min: 2, max: 2 }];
    let rankings = vec![vec![0, 1]; 4];
    let problem = VisitProblem::new(hosts, rankings, 2).unwrap();
    let outcome = solve(&problem, None);
    let allocation = outcome.allocation.unwrap();
    assert_eq!(check(&problem, &allocation), Ok(()));
    assert_eq!(outcome.objective, Some(4 * (1 + 4)));
    assert_eq!(allocation.counts(2, 2), vec![vec![2, 2], vec![2, 2]]);
}

#[test]
fn no_allocation_when_minimums_cannot_be_met() {
    // Three people, one slot, two hosts each needing two: one host opens with 3 > max 2, or
    // both open with 4 > 3 people.
    let hosts = vec![Host { min: 2, max: 2 }, Host { min: 2, max: 2 }];
    let problem = VisitProblem::new(hosts, vec![vec![0, 1]; 3], 1).unwrap();
    let outcome = solve(&problem, None);
    assert!(outcome.allocation.is_none());
    assert!(outcome.proven_optimal, "infeasibility is proven");
}

#[test]
fn check_names_the_rule_an_adjustment_breaks() {
    let hosts = vec![Host { min: 1, max: 1 }, Host { min: 0, max: 2 }];
    let problem = VisitProblem::new(hosts, vec![vec![0, 1], vec![1, 0]], 1).unwrap();
    let too_many = Allocation {
        visits: vec![vec![0], vec![0]],
    };
    assert_eq!(
        check(&problem, &too_many).unwrap_err().to_string(),
        "host 0 has 2 visitor(s) in slot 1, above its maximum of 1"
    );
    let unranked = VisitProblem::new(
        vec![Host { min: 0, max: 2 }; 3],
        vec![vec![0, 1], vec![1, 0]],
        1,
    )
    .unwrap();
    assert!(
        check(
            &unranked,
            &Allocation {
                visits: vec![vec![2], vec![1]]
            }
        )
        .is_err()
    );
}

#[test]
fn bad_problems_are_refused_with_the_reason() {
    let two = vec![Host { min: 0, max: 1 }, Host { min: 0, max: 1 }];
    let cases = [
        (two.clone(), vec![vec![0, 1]], 0, VisitError::NoSlots),
        (two.clone(), vec![], 1, VisitError::NoPeople),
        (
            vec![Host { min: 3, max: 2 }],
            vec![vec![0]],
            1,
            VisitError::MinAboveMax {
                host: 0,
                min: 3,
                max: 2,
            },
        ),
        (
            two.clone(),
            vec![vec![0, 5]],
            1,
            VisitError::UnknownHost { person: 0, host: 5 },
        ),
        (
            two.clone(),
            vec![vec![1, 1]],
            1,
            VisitError::RankedTwice { person: 0, host: 1 },
        ),
        (
            two.clone(),
            vec![vec![0]],
            2,
            VisitError::TooFewRanked {
                person: 0,
                ranked: 1,
                slots: 2,
            },
        ),
        (
            two.clone(),
            vec![vec![0, 1]; 3],
            1,
            VisitError::TooFewPlaces {
                people: 3,
                places: 2,
            },
        ),
    ];
    for (hosts, rankings, slots, expected) in cases {
        assert_eq!(
            VisitProblem::new(hosts, rankings, slots).unwrap_err(),
            expected
        );
    }
}

#[test]
fn a_deadline_in_the_past_still_answers_with_a_bound() {
    let problem = generate(120, 12, 3, 6, 3);
    let outcome = solve(&problem, Some(std::time::Instant::now()));
    assert!(!outcome.proven_optimal);
    assert!(outcome.objective.is_none_or(|o| o >= outcome.bound));
    let full = solve(&problem, None);
    assert!(
        full.objective.unwrap() >= outcome.bound,
        "the bound is a true lower bound"
    );
}
