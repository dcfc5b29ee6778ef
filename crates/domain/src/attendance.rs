//! Attendance at a set's meetings (C4). Membership fluctuates (managers are pulled into crises,
//! people join mid-programme), so a person's record counts only the meetings held while they
//! were a member: nobody is absent before they joined or after they left. Two absences in a
//! row are flagged so the facilitator can get in touch before someone drifts away.

use crate::keyword::keyword_enum;

keyword_enum!(
    /// One person's record for one meeting.
    Attendance, "attendance", "an attendance record", {
        Present => "present",
        /// Sent word in advance: not counted as an absence.
        Apologies => "apologies",
        Absent => "absent",
    }
);

/// When a person was a member of a set, in milliseconds since the Unix epoch: from `joined_at`
/// (inclusive) until `left_at` (exclusive), or open-ended while they remain a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Membership {
    pub joined_at: i64,
    pub left_at: Option<i64>,
}

impl Membership {
    /// Whether a meeting starting at `at_ms` falls within the membership.
    pub fn covers(&self, at_ms: i64) -> bool {
        at_ms >= self.joined_at && self.left_at.is_none_or(|left| at_ms < left)
    }
}

/// A person's attendance over the meetings that count for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct AttendanceSummary {
    /// Meetings held while a member and with a record for this person.
    pub meetings: u32,
    pub present: u32,
    pub apologies: u32,
    pub absent: u32,
    /// Absent (not apologies) from two consecutive counted meetings.
    pub flagged: bool,
}

impl AttendanceSummary {
    /// Whole percent present, rounded down; `None` before any meeting counts.
    pub fn rate_percent(&self) -> Option<u32> {
        (self.meetings > 0).then(|| {
            u32::try_from(u64::from(self.present) * 100 / u64::from(self.meetings)).unwrap_or(100)
        })
    }
}

/// Summarises `records`: each held meeting's start time and this person's record. Records are
/// taken in time order whatever order they come in. A meeting with no record for the person
/// (`None`) is left out entirely: it says nothing about them, and counting it would lower the
/// rate of someone the facilitator forgot to mark.
pub fn summarise(
    membership: &Membership,
    records: &[(i64, Option<Attendance>)],
) -> AttendanceSummary {
    let mut counted: Vec<(i64, Attendance)> = records
        .iter()
        .filter(|(at, _)| membership.covers(*at))
        .filter_map(|(at, record)| record.map(|r| (*at, r)))
        .collect();
    // Ties (never expected) are broken by the record so the order given cannot matter.
    counted.sort_by_key(|(at, record)| (*at, record.as_str()));
    let mut summary = AttendanceSummary::default();
    let mut previous = None;
    for (_, record) in counted {
        summary.meetings += 1;
        match record {
            Attendance::Present => summary.present += 1,
            Attendance::Apologies => summary.apologies += 1,
            Attendance::Absent => summary.absent += 1,
        }
        if record == Attendance::Absent && previous == Some(Attendance::Absent) {
            summary.flagged = true;
        }
        previous = Some(record);
    }
    summary
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use Attendance::{Absent, Apologies, Present};
    use proptest::prelude::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn words_round_trip() {
        for a in Attendance::ALL {
            assert_eq!(Attendance::parse(a.as_str()), Ok(*a));
        }
        let e = Attendance::parse("late").unwrap_err();
        assert_eq!(e.field, "attendance");
        assert!(e.message.contains("present, apologies, absent"), "{e}");
    }

    #[test]
    fn membership_is_half_open() {
        let m = Membership {
            joined_at: 10,
            left_at: Some(20),
        };
        assert!(!m.covers(9) && m.covers(10) && m.covers(19) && !m.covers(20));
        let open = Membership {
            joined_at: 10,
            left_at: None,
        };
        assert!(open.covers(i64::MAX));
    }

    #[test]
    fn joining_late_is_not_absence_and_apologies_break_a_run() {
        let m = Membership {
            joined_at: 3 * DAY,
            left_at: None,
        };
        let records = [
            (DAY, Some(Absent)), // before joining: ignored
            (2 * DAY, Some(Absent)),
            (3 * DAY, Some(Absent)),
            (4 * DAY, Some(Apologies)),
            (5 * DAY, Some(Absent)),
            (6 * DAY, None),
            (7 * DAY, Some(Present)),
        ];
        let s = summarise(&m, &records);
        assert_eq!(
            s,
            AttendanceSummary {
                meetings: 4,
                present: 1,
                apologies: 1,
                absent: 2,
                flagged: false
            }
        );
        assert_eq!(s.rate_percent(), Some(25));
        assert_eq!(AttendanceSummary::default().rate_percent(), None);
    }

    #[test]
    fn two_absences_in_a_row_are_flagged_in_time_order() {
        let m = Membership {
            joined_at: 0,
            left_at: None,
        };
        // Given out of order: the absences at day 1 and 2 are consecutive.
        let records = [(3, Some(Present)), (2, Some(Absent)), (1, Some(Absent))];
        assert!(summarise(&m, &records).flagged);
    }

    fn record() -> impl Strategy<Value = Option<Attendance>> {
        proptest::option::weighted(0.9, proptest::sample::select(Attendance::ALL))
    }

    proptest! {
        #[test]
        fn meetings_outside_the_membership_never_change_the_summary(
            joined in 0i64..100, length in proptest::option::of(1i64..100),
            inside in proptest::collection::vec((0i64..100, record()), 0..20),
            outside in proptest::collection::vec((0i64..300, record()), 0..20),
        ) {
            let m = Membership { joined_at: joined, left_at: length.map(|l| joined + l) };
            let inside: Vec<_> = inside.into_iter().map(|(t, r)| (joined + t, r)).filter(|(t, _)| m.covers(*t)).collect();
            let outside: Vec<_> = outside.into_iter().map(|(t, r)| (t - 100, r)).filter(|(t, _)| !m.covers(*t)).collect();
            let mut all = inside.clone();
            all.extend(outside);
            all.reverse();
            prop_assert_eq!(summarise(&m, &all), summarise(&m, &inside));
        }

        #[test]
        fn counts_add_up_and_the_flag_means_a_run_of_two(
            records in proptest::collection::vec(record(), 0..30),
        ) {
            let m = Membership { joined_at: 0, left_at: None };
            let timed: Vec<_> = records.iter().enumerate().map(|(i, r)| (i as i64, *r)).collect();
            let s = summarise(&m, &timed);
            prop_assert_eq!(s.present + s.apologies + s.absent, s.meetings);
            prop_assert_eq!(s.meetings as usize, records.iter().flatten().count());
            let marked: Vec<Attendance> = records.iter().flatten().copied().collect();
            let run = marked.windows(2).any(|w| w == [Absent, Absent]);
            prop_assert_eq!(s.flagged, run);
            if let Some(rate) = s.rate_percent() { prop_assert!(rate <= 100); }
        }
    }
}
