//! A set's meetings on a cadence (C4): monthly for 3 hours, every six weeks for a day, weekly.
//! A cadence is only a friendly name for an RFC 5545 rule, expanded by the same code as cohort
//! sessions (`Schedule::recurrence`), plus the checks a facilitator needs when planning:
//! clashes with their other meetings, and meetings outside the cohort's dates.

use crate::keyword::keyword_enum;
use crate::{MAX_SESSIONS, RecurrenceInput, Schedule, Session, ValidationError};

keyword_enum!(
    /// How often a set meets.
    Cadence, "cadence", "a cadence", {
        Weekly => "weekly",
        Fortnightly => "fortnightly",
        Monthly => "monthly",
        /// Every six weeks, typically for a whole day.
        SixWeekly => "six_weekly",
    }
);

impl Cadence {
    /// The RRULE value for `count` meetings, e.g. `FREQ=MONTHLY;COUNT=6`.
    pub fn rrule(&self, count: u32) -> String {
        let every = match self {
            Cadence::Weekly => "FREQ=WEEKLY",
            Cadence::Fortnightly => "FREQ=WEEKLY;INTERVAL=2",
            Cadence::Monthly => "FREQ=MONTHLY",
            Cadence::SixWeekly => "FREQ=WEEKLY;INTERVAL=6",
        };
        format!("{every};COUNT={count}")
    }

    /// Expands `count` meetings from `start`, whose `rule` is replaced by this cadence's.
    /// A monthly cadence starting on the 29th-31st skips months without that day (RFC 5545).
    pub fn schedule(
        &self,
        count: u32,
        start: &RecurrenceInput<'_>,
        now_ms: i64,
    ) -> Result<Schedule, ValidationError> {
        if count == 0 || count as usize > MAX_SESSIONS {
            return Err(ValidationError::new(
                "count",
                format!("A set meets between 1 and {MAX_SESSIONS} times (you entered {count})"),
            ));
        }
        let rule = self.rrule(count);
        Schedule::recurrence(
            &RecurrenceInput {
                rule: &rule,
                ..start.clone()
            },
            now_ms,
        )
    }
}

fn overlap(x: &Session, y: &Session) -> bool {
    x.starts_at < x.ends_at
        && y.starts_at < y.ends_at
        && x.starts_at < y.ends_at
        && y.starts_at < x.ends_at
}

/// Every pair (one from `a`, one from `b`) whose times overlap, so a facilitator can be warned
/// of a clash. Sessions are half-open: one ending at 12:00 does not clash with one starting at
/// 12:00. Pairs come in the order of `a`, then of `b`.
pub fn overlaps(a: &[Session], b: &[Session]) -> Vec<(Session, Session)> {
    a.iter()
        .flat_map(|x| b.iter().filter(|y| overlap(x, y)).map(|y| (*x, *y)))
        .collect()
}

/// The sessions not wholly inside `[from_ms, until_ms)`, e.g. a meeting after the cohort ends.
pub fn outside_window(sessions: &[Session], from_ms: i64, until_ms: i64) -> Vec<Session> {
    sessions
        .iter()
        .filter(|s| !(s.starts_at >= from_ms && s.ends_at <= until_ms))
        .copied()
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::describe_session;
    use proptest::prelude::*;

    /// 1 January 2023.
    const NOW: i64 = 1_672_531_200_000;

    fn start() -> RecurrenceInput<'static> {
        RecurrenceInput {
            start_date: "2023-01-12",
            start_time: "09:30",
            duration_minutes: "180",
            timezone: "Europe/London",
            rule: "ignored",
            exceptions: "",
        }
    }

    fn s(starts_at: i64, ends_at: i64) -> Session {
        Session { starts_at, ends_at }
    }

    #[test]
    fn rules_for_each_cadence() {
        assert_eq!(Cadence::Monthly.rrule(6), "FREQ=MONTHLY;COUNT=6");
        assert_eq!(
            Cadence::SixWeekly.rrule(4),
            "FREQ=WEEKLY;INTERVAL=6;COUNT=4"
        );
        assert_eq!(
            Cadence::Fortnightly.rrule(9),
            "FREQ=WEEKLY;INTERVAL=2;COUNT=9"
        );
        assert_eq!(Cadence::Weekly.rrule(1), "FREQ=WEEKLY;COUNT=1");
        for c in Cadence::ALL {
            assert_eq!(Cadence::parse(c.as_str()), Ok(*c));
        }
        assert_eq!(Cadence::parse("daily").unwrap_err().field, "cadence");
    }

    #[test]
    fn monthly_meetings_keep_local_time() {
        let sched = Cadence::Monthly.schedule(6, &start(), NOW).unwrap();
        let times: Vec<String> = sched
            .sessions()
            .iter()
            .map(|x| describe_session(x, "Europe/London"))
            .collect();
        assert_eq!(times[0], "Thursday 12 January 2023, 09:30 to 12:30");
        assert_eq!(times[5], "Monday 12 June 2023, 09:30 to 12:30");
        let six = Cadence::SixWeekly.schedule(3, &start(), NOW).unwrap();
        let gap = six.sessions()[1].starts_at - six.sessions()[0].starts_at;
        assert_eq!(gap, 42 * 86_400_000);
        assert_eq!(
            Cadence::Weekly
                .schedule(0, &start(), NOW)
                .unwrap_err()
                .field,
            "count"
        );
        assert!(Cadence::Weekly.schedule(201, &start(), NOW).is_err());
    }

    #[test]
    fn clashes_and_the_cohort_window() {
        let a = [s(0, 10), s(20, 30)];
        let b = [s(10, 20), s(25, 35), s(5, 6)];
        assert_eq!(
            overlaps(&a, &b),
            [(s(0, 10), s(5, 6)), (s(20, 30), s(25, 35))]
        );
        let sessions = [s(0, 10), s(10, 20), s(15, 25)];
        assert_eq!(outside_window(&sessions, 5, 20), [s(0, 10), s(15, 25)]);
    }

    fn session() -> impl Strategy<Value = Session> {
        (0i64..200, 1i64..50).prop_map(|(at, len)| s(at, at + len))
    }

    proptest! {
        #[test]
        fn overlaps_are_exactly_the_shared_instants(
            a in proptest::collection::vec(session(), 0..8), b in proptest::collection::vec(session(), 0..8),
        ) {
            let found = overlaps(&a, &b);
            let mut expected = Vec::new();
            for x in &a {
                for y in &b {
                    if (x.starts_at..x.ends_at).any(|t| (y.starts_at..y.ends_at).contains(&t)) {
                        expected.push((*x, *y));
                    }
                }
            }
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn outside_means_some_instant_outside(
            sessions in proptest::collection::vec(session(), 0..10), from in 0i64..150, len in 0i64..150,
        ) {
            let until = from + len;
            let outside = outside_window(&sessions, from, until);
            let expected: Vec<Session> = sessions.iter().copied()
                .filter(|x| (x.starts_at..x.ends_at).any(|t| !(from..until).contains(&t)))
                .collect();
            prop_assert_eq!(outside, expected);
        }
    }
}
