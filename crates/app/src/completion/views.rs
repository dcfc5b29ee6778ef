//! The shapes the completion screens and the API share: a standing as a closed set, CPD time
//! by where it was earned (minutes as integers, hours as numbers), and the rule in words.

use revans_domain::CompletionRule;
use revans_domain::cpd::{self, CpdMinutes, Standing};
use revans_i18n::{Arg, t, t_args};

/// Where a participant stands against the cohort's completion rule.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CompletionStanding {
    Completed,
    CompletedByException,
    AtRisk,
    OnTrack,
    NotCompleted,
}

impl CompletionStanding {
    pub const ALL: [CompletionStanding; 5] = [
        CompletionStanding::Completed,
        CompletionStanding::CompletedByException,
        CompletionStanding::AtRisk,
        CompletionStanding::OnTrack,
        CompletionStanding::NotCompleted,
    ];

    pub fn label(self) -> &'static str {
        Standing::from(self).label()
    }

    pub fn message_id(self) -> &'static str {
        Standing::from(self).message_id()
    }

    /// The GOV.UK tag colour a page shows it in.
    pub fn colour(self) -> &'static str {
        match self {
            CompletionStanding::Completed => "green",
            CompletionStanding::CompletedByException => "purple",
            CompletionStanding::AtRisk => "orange",
            CompletionStanding::OnTrack => "blue",
            CompletionStanding::NotCompleted => "red",
        }
    }

    /// The value in a filter's query string (`?standing=at_risk`).
    pub fn as_str(self) -> &'static str {
        match self {
            CompletionStanding::Completed => "completed",
            CompletionStanding::CompletedByException => "completed_by_exception",
            CompletionStanding::AtRisk => "at_risk",
            CompletionStanding::OnTrack => "on_track",
            CompletionStanding::NotCompleted => "not_completed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }
}

impl From<Standing> for CompletionStanding {
    fn from(s: Standing) -> Self {
        match s {
            Standing::Completed => CompletionStanding::Completed,
            Standing::CompletedByException => CompletionStanding::CompletedByException,
            Standing::AtRisk => CompletionStanding::AtRisk,
            Standing::OnTrack => CompletionStanding::OnTrack,
            Standing::NotCompleted => CompletionStanding::NotCompleted,
        }
    }
}

impl From<CompletionStanding> for Standing {
    fn from(s: CompletionStanding) -> Self {
        match s {
            CompletionStanding::Completed => Standing::Completed,
            CompletionStanding::CompletedByException => Standing::CompletedByException,
            CompletionStanding::AtRisk => Standing::AtRisk,
            CompletionStanding::OnTrack => Standing::OnTrack,
            CompletionStanding::NotCompleted => Standing::NotCompleted,
        }
    }
}

/// CPD time by where it was earned.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionCpd {
    /// Minutes from the cohort's own sessions attended.
    pub sessions_minutes: u32,
    /// Minutes from action learning set meetings attended.
    pub meetings_minutes: u32,
    /// Minutes from support circle sessions attended.
    pub circles_minutes: u32,
    pub total_minutes: u32,
    /// The total in hours, rounded down to two decimal places.
    pub total_hours: f64,
    /// The total as a certificate states it ("18.5 hours").
    pub total_text: String,
    /// Each part in the same words.
    pub sessions_text: String,
    pub meetings_text: String,
    pub circles_text: String,
}

impl From<CpdMinutes> for CompletionCpd {
    fn from(m: CpdMinutes) -> Self {
        CompletionCpd {
            sessions_minutes: m.sessions,
            meetings_minutes: m.meetings,
            circles_minutes: m.circles,
            total_minutes: m.total(),
            total_hours: cpd::hours_number(m.total()),
            total_text: hours_text(m.total()),
            sessions_text: hours_text(m.sessions),
            meetings_text: hours_text(m.meetings),
            circles_text: hours_text(m.circles),
        }
    }
}

/// The rule in plain words: "All 6 sessions", "At least 5 of the 6 sessions".
pub fn rule_in_words(rule: CompletionRule, total: u32) -> String {
    let need = cpd::required(rule, total);
    match rule {
        CompletionRule::AllSessions if total == 1 => t("completion-rule-one"),
        CompletionRule::AllSessions => t_args(
            "completion-rule-all",
            &[("total", Arg::from(total.to_string()))],
        ),
        CompletionRule::AtLeast(_) => t_args(
            "completion-rule-at-least",
            &[
                ("need", Arg::from(need.to_string())),
                ("total", Arg::from(total.to_string())),
            ],
        ),
    }
}

/// Milliseconds as an RFC 3339 time for the API.
pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// CPD time in words in the reader's language: "18.5 hours" (as `cpd::hours_text` counts it:
/// whole tenths of an hour, rounded down), "18,5 Stunden".
pub fn hours_text(minutes: u32) -> String {
    let tenths = minutes / 6;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let number = if tenth == 0 {
        whole.to_string()
    } else {
        revans_i18n::decimal(f64::from(tenths) / 10.0, 1)
    };
    let unit = if tenths == 10 { "one" } else { "other" };
    t_args(
        "cpd-hours",
        &[("hours", Arg::from(number)), ("unit", Arg::from(unit))],
    )
}
