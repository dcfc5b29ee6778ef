//! When a participant has completed a cohort (C1, C10): all sessions, or at least N.

use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "rule", content = "sessions", rename_all = "snake_case")]
pub enum CompletionRule {
    AllSessions,
    AtLeast(u32),
}

impl CompletionRule {
    /// `rule` is `all` or `at_least`; `minimum` is the N for `at_least`, which cannot exceed
    /// the number of sessions (nobody could ever complete).
    pub fn parse(rule: &str, minimum: &str, sessions: usize) -> Result<Self, ValidationError> {
        match rule.trim() {
            "" | "all" => Ok(CompletionRule::AllSessions),
            "at_least" => {
                let n: i64 = minimum.trim().parse().map_err(|_| {
                    ValidationError::new(
                        "completion_minimum",
                        "Enter how many sessions a participant must attend, like 7",
                    )
                })?;
                if n < 1 || n as usize > sessions {
                    return Err(ValidationError::new(
                        "completion_minimum",
                        format!("Enter a number of sessions from 1 to {sessions}"),
                    ));
                }
                Ok(CompletionRule::AtLeast(n as u32))
            }
            other => Err(ValidationError::new(
                "completion_rule",
                format!("\"{other}\" is not a completion rule; choose all or at_least"),
            )),
        }
    }

    /// (stored rule name, minimum) for storage.
    pub fn to_parts(self) -> (&'static str, Option<i64>) {
        match self {
            CompletionRule::AllSessions => ("all", None),
            CompletionRule::AtLeast(n) => ("at_least", Some(i64::from(n))),
        }
    }

    pub fn from_parts(rule: &str, minimum: Option<i64>) -> Option<Self> {
        match (rule, minimum) {
            ("all", _) => Some(CompletionRule::AllSessions),
            ("at_least", Some(n)) if n >= 1 => u32::try_from(n).ok().map(CompletionRule::AtLeast),
            _ => None,
        }
    }

    pub fn is_complete(self, attended: u32, sessions: u32) -> bool {
        match self {
            CompletionRule::AllSessions => attended >= sessions,
            CompletionRule::AtLeast(n) => attended >= n.min(sessions),
        }
    }

    /// What completing asks of a participant, in words a person would use.
    pub fn describe(self, sessions: usize) -> String {
        match (self, sessions) {
            (_, 0) => "Sessions to be announced".into(),
            (CompletionRule::AllSessions, 1) => "Attend the session".into(),
            (CompletionRule::AllSessions, 2) => "Attend both sessions".into(),
            (CompletionRule::AllSessions, n) => format!("Attend all {} sessions", number_word(n)),
            (CompletionRule::AtLeast(n), total) if n as usize >= total => {
                CompletionRule::AllSessions.describe(total)
            }
            (CompletionRule::AtLeast(n), total) => format!(
                "Attend at least {} of the {} sessions",
                number_word(n as usize),
                number_word(total)
            ),
        }
    }
}

/// Small numbers in words, as style guides ask for running text; larger ones as digits.
fn number_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn completion_reads_as_a_person_would_say_it() {
        let all = CompletionRule::AllSessions;
        assert_eq!(all.describe(1), "Attend the session");
        assert_eq!(all.describe(2), "Attend both sessions");
        assert_eq!(all.describe(6), "Attend all six sessions");
        assert_eq!(all.describe(12), "Attend all 12 sessions");
        assert_eq!(all.describe(0), "Sessions to be announced");
        assert_eq!(
            CompletionRule::AtLeast(5).describe(6),
            "Attend at least five of the six sessions"
        );
        assert_eq!(
            CompletionRule::AtLeast(9).describe(2),
            "Attend both sessions"
        );
    }

    #[test]
    fn at_least_is_bounded_by_the_sessions() {
        assert_eq!(
            CompletionRule::parse("at_least", "7", 9),
            Ok(CompletionRule::AtLeast(7))
        );
        assert_eq!(
            CompletionRule::parse("at_least", "10", 9)
                .unwrap_err()
                .field,
            "completion_minimum"
        );
        assert!(CompletionRule::parse("some", "", 9).is_err());
    }

    proptest! {
        #[test]
        fn parts_round_trip(n in 1u32..200) {
            for r in [CompletionRule::AllSessions, CompletionRule::AtLeast(n)] {
                let (a, b) = r.to_parts();
                prop_assert_eq!(CompletionRule::from_parts(a, b), Some(r));
            }
        }

        #[test]
        fn attending_everything_always_completes(n in 1u32..200, total in 1u32..200) {
            prop_assert!(CompletionRule::AtLeast(n).is_complete(total, total));
            prop_assert!(CompletionRule::AllSessions.is_complete(total, total));
            prop_assert!(!CompletionRule::AllSessions.is_complete(total - 1, total));
        }
    }
}
