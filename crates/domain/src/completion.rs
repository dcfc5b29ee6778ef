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

    pub fn describe(self, sessions: usize) -> String {
        match self {
            CompletionRule::AllSessions => format!("Attend all {sessions} sessions"),
            CompletionRule::AtLeast(n) => format!("Attend at least {n} of {sessions} sessions"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
