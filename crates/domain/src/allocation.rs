//! Allocation of places (C2): approved applicants are taken in a visible order (order of
//! approval, or a lottery from a recorded seed) and each gets the first cohort in their ranked
//! preference that still has a free place; anyone left joins the waiting list of their first
//! choice with a position. Pure and deterministic, so a programme lead can explain and re-run it.

use std::collections::HashMap;

use crate::Id;

/// An approved applicant waiting for a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub application_id: Id,
    pub approved_at: i64,
    /// Cohorts, most wanted first.
    pub preferences: Vec<Id>,
}

/// A cohort's free places now (capacity less confirmed places and open offers) and the
/// length of its waiting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortPlaces {
    pub cohort_id: Id,
    pub free: u32,
    pub waiting: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Earliest approval first; ties by application id.
    ApprovalOrder,
    /// A shuffle from this seed: the same seed gives the same order.
    Lottery(u64),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allocation {
    /// (application, cohort), in the order decided.
    pub offers: Vec<(Id, Id)>,
    /// (application, cohort, position on that cohort's waiting list, from 1).
    pub waitlisted: Vec<(Id, Id, u32)>,
    /// Applications none of whose preferences is one of the cohorts given.
    pub unplaced: Vec<Id>,
    /// The order candidates were considered in, for the explanation.
    pub order: Vec<Id>,
}

pub fn allocate(candidates: &[Candidate], cohorts: &[CohortPlaces], order: Order) -> Allocation {
    let mut queue: Vec<&Candidate> = candidates.iter().collect();
    queue.sort_by(|a, b| {
        (a.approved_at, &a.application_id).cmp(&(b.approved_at, &b.application_id))
    });
    if let Order::Lottery(seed) = order {
        // Sorted first, so the result depends on the seed and the set, not on input order.
        queue.sort_by(|a, b| a.application_id.cmp(&b.application_id));
        shuffle(&mut queue, seed);
    }
    let mut free: HashMap<&Id, u32> = cohorts.iter().map(|c| (&c.cohort_id, c.free)).collect();
    let mut waiting: HashMap<&Id, u32> =
        cohorts.iter().map(|c| (&c.cohort_id, c.waiting)).collect();
    let mut out = Allocation::default();
    for c in queue {
        out.order.push(c.application_id.clone());
        let known: Vec<&Id> = c
            .preferences
            .iter()
            .filter(|p| free.contains_key(p))
            .collect();
        let Some(first) = known.first() else {
            out.unplaced.push(c.application_id.clone());
            continue;
        };
        let open = known
            .iter()
            .find(|p| free.get(**p).copied().unwrap_or(0) > 0);
        match open {
            Some(cohort) => {
                if let Some(n) = free.get_mut(*cohort) {
                    *n -= 1;
                }
                out.offers
                    .push((c.application_id.clone(), (*cohort).clone()));
            }
            None => {
                let position = waiting.get(*first).copied().unwrap_or(0) + 1;
                waiting.insert(first, position);
                out.waitlisted
                    .push((c.application_id.clone(), (*first).clone(), position));
            }
        }
    }
    out
}

/// Fisher-Yates with SplitMix64: small, well-known, and stable across releases (a library
/// RNG could change its stream and silently change a recorded lottery).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn id(s: String) -> Id {
        Id::from_trusted(s)
    }

    fn case() -> impl Strategy<Value = (Vec<Candidate>, Vec<CohortPlaces>)> {
        let cohorts = proptest::collection::vec((0u32..5, 0u32..3), 1..4);
        (cohorts, 0usize..25).prop_flat_map(|(cohorts, n)| {
            let k = cohorts.len();
            let prefs =
                proptest::collection::vec((proptest::collection::vec(0..k + 1, 0..4), 0i64..50), n);
            (Just(cohorts), prefs).prop_map(move |(cohorts, prefs)| {
                let cs = cohorts
                    .iter()
                    .enumerate()
                    .map(|(i, (free, waiting))| CohortPlaces {
                        cohort_id: id(format!("c{i}")),
                        free: *free,
                        waiting: *waiting,
                    })
                    .collect();
                let cands = prefs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (p, at))| Candidate {
                        application_id: id(format!("a{i:02}")),
                        approved_at: at,
                        // Index k names a cohort of another programme (unknown here).
                        preferences: p.into_iter().map(|c| id(format!("c{c}"))).collect(),
                    })
                    .collect();
                (cands, cs)
            })
        })
    }

    #[test]
    fn first_choice_then_second_then_waiting_list() {
        let cohorts = [
            CohortPlaces {
                cohort_id: id("nov1".into()),
                free: 1,
                waiting: 0,
            },
            CohortPlaces {
                cohort_id: id("nov29".into()),
                free: 1,
                waiting: 2,
            },
        ];
        let c = |a: &str, at: i64, p: &[&str]| Candidate {
            application_id: id(a.into()),
            approved_at: at,
            preferences: p.iter().map(|s| id((*s).into())).collect(),
        };
        let got = allocate(
            &[
                c("late", 30, &["nov1"]),
                c("first", 10, &["nov1", "nov29"]),
                c("second", 20, &["nov1", "nov29"]),
            ],
            &cohorts,
            Order::ApprovalOrder,
        );
        assert_eq!(
            got.offers,
            vec![
                (id("first".into()), id("nov1".into())),
                (id("second".into()), id("nov29".into()))
            ]
        );
        assert_eq!(
            got.waitlisted,
            vec![(id("late".into()), id("nov1".into()), 1)]
        );
    }

    proptest! {
        #[test]
        fn never_over_capacity_everyone_placed_and_deterministic(
            (cands, cohorts) in case(), seed in any::<u64>(), lottery in any::<bool>(),
        ) {
            let order = if lottery { Order::Lottery(seed) } else { Order::ApprovalOrder };
            let got = allocate(&cands, &cohorts, order);
            // Same input, same result; input order does not matter.
            let mut reversed = cands.clone();
            reversed.reverse();
            prop_assert_eq!(&got, &allocate(&reversed, &cohorts, order));
            for c in &cohorts {
                let offered = got.offers.iter().filter(|(_, k)| k == &c.cohort_id).count();
                prop_assert!(offered <= c.free as usize);
                // Waiting-list positions continue the existing list without gaps.
                let mut positions: Vec<u32> = got.waitlisted.iter()
                    .filter(|(_, k, _)| k == &c.cohort_id).map(|(_, _, p)| *p).collect();
                positions.sort();
                let expected: Vec<u32> = (c.waiting + 1..=c.waiting + positions.len() as u32).collect();
                prop_assert_eq!(positions, expected);
            }
            // Everyone is offered, waitlisted or (no usable preference) unplaced, exactly once.
            let mut seen = HashSet::new();
            for a in got.offers.iter().map(|x| &x.0)
                .chain(got.waitlisted.iter().map(|x| &x.0))
                .chain(got.unplaced.iter()) {
                prop_assert!(seen.insert(a.clone()));
            }
            prop_assert_eq!(seen.len(), cands.len());
            // Nobody waits while one of their preferences still has a place.
            for (a, _, _) in &got.waitlisted {
                let cand = cands.iter().find(|c| &c.application_id == a).unwrap();
                for p in &cand.preferences {
                    if let Some(c) = cohorts.iter().find(|c| &c.cohort_id == p) {
                        let offered = got.offers.iter().filter(|(_, k)| k == p).count();
                        prop_assert_eq!(offered, c.free as usize);
                    }
                }
            }
        }
    }
}
