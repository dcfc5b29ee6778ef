//! Support circles (C7): a circle's topic tags, its places, and the pure rules of booking and
//! its waiting list. Storage counts places with conditional UPDATEs; these rules say what a
//! booking may become, who is offered a freed place, and until when.

use crate::ValidationError;

/// A topic tag: lower-case letters, digits and hyphens, 1-40 characters ("hybrid-working").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Topic(String);

impl Topic {
    pub const MAX_CHARS: usize = 40;

    /// Trims, lower-cases and turns spaces into hyphens ("Hybrid working" is `hybrid-working`).
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let tag: String = raw
            .trim()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-");
        if tag.is_empty() {
            return Err(ValidationError::new("topic", "Enter a topic"));
        }
        if tag.chars().count() > Self::MAX_CHARS {
            return Err(ValidationError::new(
                "topic",
                format!("A topic must be {} characters or fewer", Self::MAX_CHARS),
            ));
        }
        if !tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || tag.starts_with('-')
            || tag.ends_with('-')
        {
            return Err(ValidationError::new(
                "topic",
                "A topic can only use letters, numbers and hyphens, like hybrid-working",
            ));
        }
        Ok(Self(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The tag in words for a page: `hybrid-working` reads "Hybrid working".
    pub fn label(&self) -> String {
        topic_label(&self.0)
    }
}

/// A stored tag in words: `hybrid-working` reads "Hybrid working".
pub fn topic_label(tag: &str) -> String {
    let words = tag.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A circle's places: at least `min` booked for it to run, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Places {
    min: u32,
    max: u32,
}

impl Places {
    /// Fewest places a circle may need to run.
    pub const FLOOR: u32 = 2;
    /// Most places a circle may have: beyond this it is no longer a circle.
    pub const CEILING: u32 = 25;
    /// What a new circle starts with.
    pub const DEFAULT: Places = Places { min: 6, max: 25 };

    pub fn new(min: i64, max: i64) -> Result<Self, ValidationError> {
        if min < i64::from(Self::FLOOR) {
            return Err(ValidationError::new(
                "min_places",
                format!("A circle needs at least {} places to run", Self::FLOOR),
            ));
        }
        if max > i64::from(Self::CEILING) {
            return Err(ValidationError::new(
                "max_places",
                format!("A circle can have {} places at most", Self::CEILING),
            ));
        }
        if max < min {
            return Err(ValidationError::new(
                "max_places",
                "The most places must be at least the fewest places",
            ));
        }
        Ok(Self {
            min: min as u32,
            max: max as u32,
        })
    }

    pub fn min(self) -> u32 {
        self.min
    }

    pub fn max(self) -> u32 {
        self.max
    }

    /// Places still free when `booked` are taken (never negative).
    pub fn left(self, booked: i64) -> i64 {
        (i64::from(self.max) - booked).max(0)
    }
}

/// Places left on a circle of `max` places with `booked` taken (never negative).
pub fn places_left(max: i64, booked: i64) -> i64 {
    (max - booked).max(0)
}

/// Where a person's booking of a circle stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// They have a place.
    Booked,
    /// The circle was full; they wait in order of joining.
    Waiting,
    /// A freed place is held for them until the offer expires.
    Offered,
    /// They cancelled, declined or let an offer lapse.
    Cancelled,
}

/// What happens to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingEvent {
    /// The person cancels (a place, a wait or an offer).
    Cancel,
    /// A freed place is offered to them.
    Offer,
    /// They accept the offer.
    Accept,
    /// The offer's time ran out.
    Lapse,
}

impl BookingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Waiting => "waiting",
            Self::Offered => "offered",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "booked" => Self::Booked,
            "waiting" => Self::Waiting,
            "offered" => Self::Offered,
            "cancelled" => Self::Cancelled,
            _ => return None,
        })
    }

    /// Whether this booking holds one of the circle's counted places (an offer holds the freed
    /// place until it is accepted or lapses).
    pub fn holds_place(self) -> bool {
        matches!(self, Self::Booked | Self::Offered)
    }

    /// The status after `event`, or None when the event cannot happen from here.
    pub fn after(self, event: BookingEvent) -> Option<Self> {
        use BookingEvent::*;
        use BookingStatus::*;
        match (self, event) {
            (Booked | Waiting | Offered, Cancel) => Some(Cancelled),
            (Waiting, Offer) => Some(Offered),
            (Offered, Accept) => Some(Booked),
            (Offered, Lapse) => Some(Cancelled),
            _ => None,
        }
    }
}

/// An hour in milliseconds.
pub const HOUR_MS: i64 = 3_600_000;
/// How long someone has to accept a freed place, unless the cancel deadline comes first.
pub const OFFER_HOURS: i64 = 24;

/// The last moment bookings may be cancelled: `cancel_hours` before the first session.
pub fn cancel_deadline(first_starts_at: i64, cancel_hours: i64) -> i64 {
    first_starts_at - cancel_hours * HOUR_MS
}

/// Whether a booking may still be cancelled at `now`.
pub fn may_cancel(now: i64, first_starts_at: i64, cancel_hours: i64) -> bool {
    now < cancel_deadline(first_starts_at, cancel_hours)
}

/// Until when a place freed at `now` is held for the person offered it: a day, or the cancel
/// deadline if that is sooner, but never less than an hour and never past the first session.
/// None when the circle starts within the hour: too late to offer it.
pub fn offer_expires_at(now: i64, first_starts_at: i64, cancel_hours: i64) -> Option<i64> {
    let day = now + OFFER_HOURS * HOUR_MS;
    let deadline = cancel_deadline(first_starts_at, cancel_hours);
    let until = day.min(deadline.max(now + HOUR_MS)).min(first_starts_at);
    (until >= now + HOUR_MS).then_some(until)
}

/// One person waiting: when they joined and their booking id (ids sort by creation, so they
/// break ties between people who joined in the same millisecond).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiter {
    pub waiting_since: i64,
    pub booking_id: String,
}

fn key(w: &Waiter) -> (i64, &str) {
    (w.waiting_since, w.booking_id.as_str())
}

/// The first in line: whoever joined earliest.
pub fn next_in_line(queue: &[Waiter]) -> Option<&Waiter> {
    queue.iter().min_by(|a, b| key(a).cmp(&key(b)))
}

/// A waiter's position in the queue, counting from 1: one more than the number who joined
/// before them. None when they are not in it.
pub fn position(queue: &[Waiter], booking_id: &str) -> Option<usize> {
    let me = queue.iter().find(|w| w.booking_id == booking_id)?;
    Some(queue.iter().filter(|w| key(w) < key(me)).count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn topics_are_tags() {
        assert_eq!(
            Topic::parse("  Hybrid   Working ").unwrap().as_str(),
            "hybrid-working"
        );
        assert_eq!(Topic::parse("burnout").unwrap().label(), "Burnout");
        assert!(Topic::parse("").is_err());
        assert!(Topic::parse("a,b").is_err());
        assert!(Topic::parse("-x").is_err());
        assert!(Topic::parse(&"x".repeat(41)).is_err());
    }

    #[test]
    fn places_are_within_bounds() {
        assert_eq!(Places::DEFAULT, Places::new(6, 25).unwrap());
        assert_eq!(Places::new(1, 8).unwrap_err().field, "min_places");
        assert_eq!(Places::new(6, 26).unwrap_err().field, "max_places");
        assert_eq!(Places::new(9, 8).unwrap_err().field, "max_places");
        assert_eq!(Places::new(6, 8).unwrap().left(10), 0);
    }

    #[test]
    fn booking_moves_only_by_its_rules() {
        use BookingEvent::*;
        use BookingStatus::*;
        assert_eq!(Waiting.after(Offer), Some(Offered));
        assert_eq!(Offered.after(Accept), Some(Booked));
        assert_eq!(Offered.after(Lapse), Some(Cancelled));
        assert_eq!(Booked.after(Offer), None);
        assert_eq!(Cancelled.after(Cancel), None);
        assert_eq!(Waiting.after(Accept), None);
        for s in [Booked, Waiting, Offered, Cancelled] {
            assert_eq!(BookingStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn an_offer_lasts_a_day_or_until_the_deadline() {
        let now = 0;
        let far = 30 * 24 * HOUR_MS;
        assert_eq!(offer_expires_at(now, far, 24), Some(24 * HOUR_MS));
        // Deadline in 5 hours: the offer ends then.
        assert_eq!(offer_expires_at(now, 29 * HOUR_MS, 24), Some(5 * HOUR_MS));
        // Past the deadline but more than an hour before the start: an hour.
        assert_eq!(offer_expires_at(now, 3 * HOUR_MS, 24), Some(HOUR_MS));
        // Starting within the hour: no offer.
        assert_eq!(offer_expires_at(now, HOUR_MS / 2, 24), None);
        assert!(may_cancel(0, 25 * HOUR_MS, 24));
        assert!(!may_cancel(HOUR_MS, 25 * HOUR_MS, 24));
    }

    fn queue() -> impl Strategy<Value = Vec<Waiter>> {
        prop::collection::vec((0i64..50, 0u32..1000), 1..40).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (since, n))| Waiter {
                    waiting_since: since,
                    booking_id: format!("{n:04}-{i:03}"),
                })
                .collect()
        })
    }

    proptest! {
        /// Positions are 1..=n, each once, and the next in line is the one at position 1.
        #[test]
        fn positions_are_a_permutation_and_the_first_is_next(q in queue()) {
            let mut seen: Vec<usize> = q.iter().map(|w| position(&q, &w.booking_id).unwrap()).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (1..=q.len()).collect::<Vec<_>>());
            let next = next_in_line(&q).unwrap();
            prop_assert_eq!(position(&q, &next.booking_id), Some(1));
        }

        /// Whoever joined earlier is always ahead.
        #[test]
        fn earlier_is_ahead(q in queue()) {
            for a in &q {
                for b in &q {
                    if a.waiting_since < b.waiting_since {
                        prop_assert!(position(&q, &a.booking_id) < position(&q, &b.booking_id));
                    }
                }
            }
        }

        /// An offer never outlasts the first session and is at least an hour long.
        #[test]
        fn offers_fit_before_the_start(now in 0i64..1_000_000_000, ahead in 0i64..1_000_000_000, hours in 0i64..200) {
            let start = now + ahead;
            if let Some(until) = offer_expires_at(now, start, hours) {
                prop_assert!(until <= start);
                prop_assert!(until >= now + HOUR_MS);
                prop_assert!(until <= now + OFFER_HOURS * HOUR_MS);
            } else {
                prop_assert!(start < now + HOUR_MS);
            }
        }

        /// Places parse exactly when FLOOR <= min <= max <= CEILING.
        #[test]
        fn places_parse_in_bounds(min in -5i64..40, max in -5i64..40) {
            let ok = min >= 2 && max <= 25 && min <= max;
            prop_assert_eq!(Places::new(min, max).is_ok(), ok);
        }
    }
}
