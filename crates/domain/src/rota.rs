//! The presenter rota (C4): each meeting of a set gives the floor to one unit (a person or a
//! pair) in turn, and every Nth meeting is a review of the set's learning with no presenter.
//! The plan is recomputed from the facts of every meeting so far (cancelled, held, who came,
//! facilitator swaps) rather than stored, so moving or cancelling a meeting can never leave the
//! rota inconsistent.

use std::collections::VecDeque;

use crate::ValidationError;

/// Every how many meetings a set holds a review meeting (7th, 14th, 21st... by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct ReviewEvery(u32);

impl ReviewEvery {
    pub const MIN: u32 = 2;
    /// A review once a year of weekly meetings; rarer than that is no rule at all.
    pub const MAX: u32 = 52;

    /// Takes any integer type a form or a database hands over (u32, i32, i64).
    pub fn new(n: impl Into<i64>) -> Result<Self, ValidationError> {
        let n = n.into();
        if !(i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&n) {
            return Err(ValidationError::new(
                "review_every",
                format!(
                    "A review meeting comes every {} to {} meetings (you entered {n})",
                    Self::MIN,
                    Self::MAX
                ),
            ));
        }
        Ok(Self(n as u32))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for ReviewEvery {
    /// Seed 003: every 7th meeting (7th, 14th, 21st, 28th) draws out tacit learning.
    fn default() -> Self {
        Self(7)
    }
}

/// What is known about one meeting, given in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFacts<U> {
    pub cancelled: bool,
    /// Attendance has been recorded, so `present` is fact rather than expectation.
    pub held: bool,
    /// The facilitator gave the floor to this unit instead of the one whose turn it was.
    pub swap_to: Option<U>,
    /// Units with at least one member present.
    pub present: Vec<U>,
}

/// Who has the floor at one meeting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "unit", rename_all = "snake_case")]
pub enum Slot<U> {
    /// A review of the set's learning: nobody presents.
    Review,
    Presenter(U),
    /// The set has no units (yet).
    NoPresenter,
    /// Cancelled meetings take no turn and do not count towards the next review.
    Cancelled,
}

/// One slot per meeting. The rota is a queue in `rota_order` (duplicates after the first are
/// ignored): the front unit presents unless the facilitator swaps in another, who is taken out
/// of its place while the displaced front keeps its turn. A presenter who came goes to the back;
/// one absent from a held meeting keeps its place, so it presents at the next ordinary meeting.
/// Meetings not yet held assume the presenter comes, so the plan shows who is expected next.
pub fn plan_rota<U: Clone + Eq>(
    rota_order: &[U],
    meetings: &[MeetingFacts<U>],
    review_every: ReviewEvery,
) -> Vec<Slot<U>> {
    let mut queue: VecDeque<U> = VecDeque::new();
    for unit in rota_order {
        if !queue.contains(unit) {
            queue.push_back(unit.clone());
        }
    }
    let mut ordinal = 0u32;
    meetings
        .iter()
        .map(|meeting| {
            if meeting.cancelled {
                return Slot::Cancelled;
            }
            ordinal += 1;
            if ordinal.is_multiple_of(review_every.get()) {
                return Slot::Review;
            }
            let at = meeting
                .swap_to
                .as_ref()
                .and_then(|s| queue.iter().position(|u| u == s))
                .unwrap_or(0);
            let Some(presenter) = queue.get(at).cloned() else {
                return Slot::NoPresenter;
            };
            if !meeting.held || meeting.present.contains(&presenter) {
                queue.remove(at);
                queue.push_back(presenter.clone());
            }
            Slot::Presenter(presenter)
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn held(present: &[char]) -> MeetingFacts<char> {
        MeetingFacts {
            cancelled: false,
            held: true,
            swap_to: None,
            present: present.to_vec(),
        }
    }

    fn future() -> MeetingFacts<char> {
        MeetingFacts {
            held: false,
            ..held(&[])
        }
    }

    fn presenters(slots: &[Slot<char>]) -> String {
        slots
            .iter()
            .map(|s| match s {
                Slot::Review => 'R',
                Slot::Presenter(u) => *u,
                Slot::NoPresenter => '-',
                Slot::Cancelled => 'x',
            })
            .collect()
    }

    #[test]
    fn review_every_is_bounded_and_defaults_to_seven() {
        assert_eq!(ReviewEvery::default().get(), 7);
        assert!(ReviewEvery::new(1).is_err());
        assert!(ReviewEvery::new(53u32).is_err());
        assert_eq!(ReviewEvery::new(2i64).unwrap().get(), 2);
        let e = ReviewEvery::new(-3).unwrap_err();
        assert_eq!(e.field, "review_every");
        assert!(e.message.contains("you entered -3"), "{e}");
    }

    #[test]
    fn three_pairs_a_review_an_absence_a_cancellation_and_a_swap() {
        let all = ['a', 'b', 'c'];
        let meetings = vec![
            held(&all),
            held(&['a', 'c']), // b is absent: keeps the turn
            held(&all),        // b presents
            MeetingFacts {
                cancelled: true,
                ..future()
            },
            held(&all), // c
            MeetingFacts {
                swap_to: Some('c'),
                ..held(&all)
            }, // a's turn, but the floor goes to c; a presents next
            future(),   // 6th non-cancelled: a
            future(),   // 7th: review
            future(),   // b
        ];
        let slots = plan_rota(&all, &meetings, ReviewEvery::default());
        assert_eq!(presenters(&slots), "abbxccaRb");
    }

    #[test]
    fn no_units_no_presenter_but_reviews_still_come() {
        let slots = plan_rota::<char>(&[], &vec![future(); 4], ReviewEvery::new(2).unwrap());
        assert_eq!(presenters(&slots), "-R-R");
    }

    #[test]
    fn a_swap_to_a_unit_not_in_the_rota_is_ignored() {
        let m = MeetingFacts {
            swap_to: Some('z'),
            ..future()
        };
        let slots = plan_rota(&['a', 'b'], &[m, future()], ReviewEvery::default());
        assert_eq!(presenters(&slots), "ab");
    }

    fn facts(units: u8) -> impl Strategy<Value = MeetingFacts<u8>> {
        (
            proptest::bool::weighted(0.15),
            any::<bool>(),
            proptest::option::weighted(0.2, 0..units + 1),
            proptest::collection::vec(0..units, 0..units as usize + 1),
        )
            .prop_map(|(cancelled, held, swap_to, present)| MeetingFacts {
                cancelled,
                held,
                swap_to,
                present,
            })
    }

    fn setup() -> impl Strategy<Value = (u8, Vec<MeetingFacts<u8>>, u32)> {
        (1u8..7).prop_flat_map(|n| {
            (
                Just(n),
                proptest::collection::vec(facts(n), 0..40),
                2u32..10,
            )
        })
    }

    proptest! {
        #[test]
        fn when_everyone_comes_each_unit_presents_once_per_cycle(
            n in 1u8..8, meetings in 0usize..60, every in 2u32..10,
        ) {
            let order: Vec<u8> = (0..n).rev().collect();
            let everyone = MeetingFacts { cancelled: false, held: true, swap_to: None, present: order.clone() };
            let slots = plan_rota(&order, &vec![everyone; meetings], ReviewEvery::new(every).unwrap());
            let shown: Vec<u8> = slots.iter().filter_map(|s| match s { Slot::Presenter(u) => Some(*u), _ => None }).collect();
            for (i, u) in shown.iter().enumerate() {
                prop_assert_eq!(*u, order[i % order.len()]);
            }
        }

        #[test]
        fn reviews_fall_on_every_nth_meeting_and_have_no_presenter((n, meetings, every) in setup()) {
            let order: Vec<u8> = (0..n).collect();
            let slots = plan_rota(&order, &meetings, ReviewEvery::new(every).unwrap());
            prop_assert_eq!(slots.len(), meetings.len());
            let mut k = 0;
            for (slot, m) in slots.iter().zip(&meetings) {
                prop_assert_eq!(m.cancelled, *slot == Slot::Cancelled);
                if m.cancelled { continue; }
                k += 1;
                prop_assert_eq!(k % every == 0, *slot == Slot::Review);
            }
            let reviews = slots.iter().filter(|s| **s == Slot::Review).count() as u32;
            prop_assert_eq!(reviews, k / every);
        }

        #[test]
        fn an_absent_presenter_presents_at_the_next_ordinary_meeting((n, meetings, every) in setup()) {
            let order: Vec<u8> = (0..n).collect();
            let slots = plan_rota(&order, &meetings, ReviewEvery::new(every).unwrap());
            for i in 0..slots.len() {
                let Slot::Presenter(u) = slots[i] else { continue };
                let m = &meetings[i];
                if !m.held || m.present.contains(&u) || m.swap_to.is_some() { continue; }
                let next = (i + 1..slots.len()).find(|&j| matches!(slots[j], Slot::Presenter(_)));
                if let Some(j) = next.filter(|&j| meetings[j].swap_to.is_none()) {
                    prop_assert_eq!(&slots[j], &Slot::Presenter(u));
                }
            }
        }

        #[test]
        fn a_displaced_unit_presents_next((n, meetings, every) in setup()) {
            let order: Vec<u8> = (0..n).collect();
            let slots = plan_rota(&order, &meetings, ReviewEvery::new(every).unwrap());
            // Without the swap, the unit whose turn it was would have presented.
            for i in 0..slots.len() {
                let Some(swap) = meetings[i].swap_to else { continue };
                if slots[i] != Slot::Presenter(swap) { continue; }
                let mut plain = meetings[..=i].to_vec();
                plain[i].swap_to = None;
                let Some(Slot::Presenter(front)) = plan_rota(&order, &plain, ReviewEvery::new(every).unwrap()).pop() else { continue };
                if front == swap { continue; }
                let next = (i + 1..slots.len()).find(|&j| matches!(slots[j], Slot::Presenter(_)));
                if let Some(j) = next.filter(|&j| meetings[j].swap_to.is_none()) {
                    prop_assert_eq!(&slots[j], &Slot::Presenter(front));
                }
            }
        }
    }
}
