//! A participant's standing in a cohort (C10): whether they have completed it under its rule,
//! are at risk of not completing, or can no longer complete; and the CPD time their attendance
//! earns. Pure, so the completion page, certificates and the portfolio all count the same way.

use crate::CompletionRule;

/// Where a participant stands against the cohort's completion rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Attended enough sessions.
    Completed,
    /// Did not meet the rule, but the lead recorded an exception with a reason.
    CompletedByException,
    /// Has missed sessions and can miss at most one more (or none) and still complete.
    AtRisk,
    /// Can still complete with room to spare, or has missed nothing.
    OnTrack,
    /// Cannot reach the rule with the sessions left.
    NotCompleted,
}

impl Standing {
    pub fn is_complete(self) -> bool {
        matches!(self, Standing::Completed | Standing::CompletedByException)
    }

    /// The tag a page shows.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Completed => "Completed",
            Standing::CompletedByException => "Completed (exception)",
            Standing::AtRisk => "At risk",
            Standing::OnTrack => "On track",
            Standing::NotCompleted => "Not completed",
        }
    }

    /// The catalogue id of [`Standing::label`] (the web layer translates it).
    pub fn message_id(self) -> &'static str {
        match self {
            Standing::Completed => "completion-standing-completed",
            Standing::CompletedByException => "completion-standing-completed-by-exception",
            Standing::AtRisk => "completion-standing-at-risk",
            Standing::OnTrack => "completion-standing-on-track",
            Standing::NotCompleted => "completion-standing-not-completed",
        }
    }
}

/// Attendance at a cohort's sessions as the rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionCounts {
    /// Sessions in the cohort.
    pub total: u32,
    /// Sessions that have started by now (the rest are still to come).
    pub past: u32,
    /// Sessions the participant was recorded present at.
    pub attended: u32,
}

impl SessionCounts {
    /// Past sessions not attended (absent or never recorded).
    pub fn missed(self) -> u32 {
        self.past.saturating_sub(self.attended)
    }

    pub fn remaining(self) -> u32 {
        self.total.saturating_sub(self.past)
    }
}

/// How many sessions the rule asks for, out of `total`.
pub fn required(rule: CompletionRule, total: u32) -> u32 {
    match rule {
        CompletionRule::AllSessions => total,
        CompletionRule::AtLeast(n) => n.min(total),
    }
}

/// The participant's standing. `exception` is whether the lead recorded one; it only matters
/// when attendance alone does not complete them. A cohort with no sessions completes nobody.
pub fn standing(rule: CompletionRule, counts: SessionCounts, exception: bool) -> Standing {
    let need = required(rule, counts.total);
    if counts.total > 0 && counts.attended >= need {
        return Standing::Completed;
    }
    if exception {
        return Standing::CompletedByException;
    }
    let reachable = counts.attended + counts.remaining();
    if reachable < need || (counts.total > 0 && counts.remaining() == 0) {
        return Standing::NotCompleted;
    }
    // Spare sessions: how many more they may miss and still complete.
    let spare = reachable - need;
    if counts.missed() > 0 && spare <= 1 {
        Standing::AtRisk
    } else {
        Standing::OnTrack
    }
}

/// One session of a cohort: its length and whether the participant attended it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionAttended {
    pub minutes: u32,
    pub present: bool,
}

/// CPD time, in minutes, by where it was earned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CpdMinutes {
    /// The cohort's own sessions.
    pub sessions: u32,
    /// Action learning set meetings attended.
    pub meetings: u32,
    /// Support circle sessions attended.
    pub circles: u32,
}

impl CpdMinutes {
    pub fn total(self) -> u32 {
        self.sessions
            .saturating_add(self.meetings)
            .saturating_add(self.circles)
    }
}

/// CPD minutes for a cohort's sessions. When the programme states its CPD time
/// (`programme_minutes` > 0) each session earns an equal share of it; otherwise each earns its
/// own length. Only attended sessions count. Shares are rounded down to whole minutes, so
/// attending everything earns exactly the programme's time.
pub fn session_minutes(programme_minutes: u32, sessions: &[SessionAttended]) -> u32 {
    let attended = sessions.iter().filter(|s| s.present).count() as u64;
    if programme_minutes > 0 {
        if sessions.is_empty() {
            return 0;
        }
        let share = u64::from(programme_minutes) * attended / sessions.len() as u64;
        return u32::try_from(share).unwrap_or(u32::MAX);
    }
    sessions
        .iter()
        .filter(|s| s.present)
        .fold(0u32, |sum, s| sum.saturating_add(s.minutes))
}

/// "7.5 hours", "1 hour", "0 hours": minutes as the hours a certificate states, to one decimal
/// place, rounded down so a certificate never claims more than was attended.
pub fn hours_text(minutes: u32) -> String {
    let tenths = minutes / 6;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let number = if tenth == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{tenth}")
    };
    let unit = if tenths == 10 { "hour" } else { "hours" };
    format!("{number} {unit}")
}

/// Minutes as decimal hours for the API (two decimal places, rounded down).
pub fn hours_number(minutes: u32) -> f64 {
    // Whole hundredths of an hour, rounded down, then as a decimal.
    let hundredths = u64::from(minutes) * 100 / 60;
    hundredths as f64 / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counts(total: u32, past: u32, attended: u32) -> SessionCounts {
        SessionCounts {
            total,
            past,
            attended,
        }
    }

    #[test]
    fn standing_follows_the_rule() {
        let all = CompletionRule::AllSessions;
        assert_eq!(standing(all, counts(6, 6, 6), false), Standing::Completed);
        assert_eq!(
            standing(all, counts(6, 6, 5), false),
            Standing::NotCompleted
        );
        assert_eq!(
            standing(all, counts(6, 6, 5), true),
            Standing::CompletedByException
        );
        assert_eq!(standing(all, counts(6, 3, 3), false), Standing::OnTrack);
        assert_eq!(
            standing(all, counts(6, 3, 2), false),
            Standing::NotCompleted
        );
        let five = CompletionRule::AtLeast(5);
        // Missed one, three left: may miss one more.
        assert_eq!(standing(five, counts(7, 4, 3), false), Standing::AtRisk);
        // Missed one early, needs four of the five left: may miss one more.
        assert_eq!(standing(five, counts(7, 2, 1), false), Standing::AtRisk);
        // Needs only three of the five left: plenty of room.
        let four = CompletionRule::AtLeast(4);
        assert_eq!(standing(four, counts(7, 2, 1), false), Standing::OnTrack);
        assert_eq!(standing(five, counts(7, 5, 5), false), Standing::Completed);
        assert_eq!(
            standing(five, counts(7, 6, 2), false),
            Standing::NotCompleted
        );
        // No sessions: nobody completes by attendance.
        assert_eq!(standing(all, counts(0, 0, 0), false), Standing::OnTrack);
    }

    #[test]
    fn hours_are_rounded_down_to_a_tenth() {
        assert_eq!(hours_text(0), "0 hours");
        assert_eq!(hours_text(60), "1 hour");
        assert_eq!(hours_text(90), "1.5 hours");
        assert_eq!(hours_text(1_110), "18.5 hours");
        assert_eq!(hours_text(65), "1 hour");
        assert_eq!(hours_text(66), "1.1 hours");
        assert_eq!(hours_number(90), 1.5);
        assert_eq!(hours_number(20), 0.33);
        assert_eq!(hours_number(1_110), 18.5);
        assert_eq!(hours_number(225), 3.75);
        assert_eq!(hours_number(0), 0.0);
    }

    #[test]
    fn programme_time_is_shared_and_lengths_count_otherwise() {
        let s = |minutes, present| SessionAttended { minutes, present };
        let sessions = [s(180, true), s(180, false), s(120, true)];
        // 12 hours over three sessions, two attended: 8 hours.
        assert_eq!(session_minutes(720, &sessions), 480);
        // No programme time: the attended sessions' own lengths.
        assert_eq!(session_minutes(0, &sessions), 300);
        assert_eq!(session_minutes(720, &[]), 0);
    }

    fn rule() -> impl Strategy<Value = CompletionRule> {
        prop_oneof![
            Just(CompletionRule::AllSessions),
            (1u32..12).prop_map(CompletionRule::AtLeast)
        ]
    }

    proptest! {
        /// Attending more never makes the standing worse, and completion is exactly
        /// "attended at least what the rule requires" (without an exception).
        #[test]
        fn more_attendance_never_hurts(r in rule(), total in 1u32..12, past_off in 0u32..12, a in 0u32..12) {
            let past = past_off.min(total);
            let attended = a.min(past);
            let s = standing(r, counts(total, past, attended), false);
            prop_assert_eq!(s.is_complete(), attended >= required(r, total));
            if attended < past {
                let better = standing(r, counts(total, past, attended + 1), false);
                let rank = |s: Standing| match s {
                    Standing::NotCompleted => 0,
                    Standing::AtRisk => 1,
                    Standing::OnTrack => 2,
                    Standing::Completed | Standing::CompletedByException => 3,
                };
                prop_assert!(rank(better) >= rank(s));
            }
            // An exception completes whoever attendance does not.
            prop_assert!(standing(r, counts(total, past, attended), true).is_complete());
        }

        /// Session CPD never exceeds the programme's time, grows with attendance, and
        /// attending everything earns all of it.
        #[test]
        fn session_minutes_are_bounded(programme in 0u32..5_000, lens in proptest::collection::vec((1u32..600, any::<bool>()), 0..20)) {
            let sessions: Vec<_> = lens.iter().map(|&(minutes, present)| SessionAttended { minutes, present }).collect();
            let earned = session_minutes(programme, &sessions);
            let all: Vec<_> = sessions.iter().map(|s| SessionAttended { present: true, ..*s }).collect();
            let full = session_minutes(programme, &all);
            prop_assert!(earned <= full);
            if programme > 0 && !sessions.is_empty() {
                prop_assert_eq!(full, programme);
            }
            let sum: u32 = sessions.iter().map(|s| s.minutes).sum();
            if programme == 0 {
                prop_assert_eq!(full, sum);
            }
        }
    }
}
