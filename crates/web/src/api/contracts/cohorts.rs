//! A cohort as JSON: its sessions as RFC 3339 times or a recurrence rule.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::error::{AppError, FieldError};
use revans_app::places::programmes::CohortInput;

#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleKind {
    Explicit,
    Recurrence,
}

#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CompletionKind {
    /// Every session.
    All,
    /// At least `completion_minimum` sessions.
    AtLeast,
}

/// One session: both ends RFC 3339 times, on the same day in the cohort's time zone.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionIn {
    #[schema(format = DateTime)]
    pub starts_at: String,
    #[schema(format = DateTime)]
    pub ends_at: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortIn {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    /// The number of places.
    #[serde(default)]
    #[schema(required = true)]
    pub capacity: Option<i64>,
    /// Applications open on this day.
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub opens_on: String,
    /// The last day to apply.
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub closes_on: String,
    /// An IANA time zone; absent for Europe/London.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Absent for explicit.
    #[serde(default)]
    pub schedule_kind: Option<ScheduleKind>,
    /// Explicit sessions.
    #[serde(default)]
    pub sessions: Vec<SessionIn>,
    /// Recurrence: the first day.
    #[serde(default)]
    #[schema(format = Date)]
    pub start_date: Option<String>,
    /// Recurrence: the local start time of each session, 24-hour, like 09:30.
    #[serde(default)]
    pub start_time: Option<String>,
    /// Recurrence: how long each session lasts.
    #[serde(default)]
    pub duration_minutes: Option<i64>,
    /// Recurrence: an RFC 5545 RRULE such as `FREQ=WEEKLY;INTERVAL=2;COUNT=9`.
    #[serde(default)]
    pub rule: Option<String>,
    /// Recurrence: days without a session, each `YYYY-MM-DD`.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Absent for all.
    #[serde(default)]
    pub completion_rule: Option<CompletionKind>,
    /// The fewest sessions attended to complete, for at_least.
    #[serde(default)]
    pub completion_minimum: Option<i64>,
}

impl TryFrom<CohortIn> for CohortInput {
    type Error = AppError;

    fn try_from(c: CohortIn) -> Result<Self, AppError> {
        let timezone = c.timezone.unwrap_or_default();
        let mut errors = Vec::new();
        let sessions: Vec<String> = c
            .sessions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| session_line(i, s, &timezone, &mut errors))
            .collect();
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(CohortInput {
            name: c.name,
            capacity: super::number_or_blank(c.capacity),
            opens_on: c.opens_on,
            closes_on: c.closes_on,
            timezone,
            schedule_kind: match c.schedule_kind {
                Some(ScheduleKind::Recurrence) => "recurrence".into(),
                Some(ScheduleKind::Explicit) | None => "explicit".into(),
            },
            sessions: sessions.join("\n"),
            start_date: c.start_date.unwrap_or_default(),
            start_time: c.start_time.unwrap_or_default(),
            duration_minutes: c
                .duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            rule: c.rule.unwrap_or_default(),
            exceptions: c.exceptions.join("\n"),
            completion_rule: match c.completion_rule {
                Some(CompletionKind::AtLeast) => "at_least".into(),
                Some(CompletionKind::All) | None => "all".into(),
            },
            completion_minimum: c
                .completion_minimum
                .map(|m| m.to_string())
                .unwrap_or_default(),
            ..CohortInput::default()
        })
    }
}

/// The session as the action reads it, `2026-11-01 09:30-13:00` in the cohort's zone. An
/// unknown zone is left for the action to name; the times are read in UTC meanwhile.
fn session_line(
    i: usize,
    s: &SessionIn,
    timezone: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let zone = match timezone.trim() {
        "" => TimeZone::get("Europe/London"),
        tz => TimeZone::get(tz),
    }
    .unwrap_or(TimeZone::UTC);
    let mut at = |field: &str, raw: &str| match raw.trim().parse::<Timestamp>() {
        Ok(t) => Some(t.to_zoned(zone.clone())),
        Err(_) => {
            errors.push(FieldError {
                field: format!("sessions[{i}].{field}"),
                message: format!(
                    "sessions[{i}].{field} is not an RFC 3339 time; write it like 2026-11-01T09:30:00Z"
                ),
            });
            None
        }
    };
    let (starts, ends) = (at("starts_at", &s.starts_at), at("ends_at", &s.ends_at));
    let (starts, ends) = (starts?, ends?);
    if starts.date() != ends.date() {
        errors.push(FieldError {
            field: format!("sessions[{i}].ends_at"),
            message: format!(
                "sessions[{i}].ends_at must be on the same day as starts_at in the cohort's time zone"
            ),
        });
        return None;
    }
    Some(format!(
        "{} {}-{}",
        starts.strftime("%Y-%m-%d"),
        starts.strftime("%H:%M"),
        ends.strftime("%H:%M")
    ))
}

/// A cohort's number of places.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityIn {
    /// Never fewer than the places already confirmed.
    #[serde(default)]
    #[schema(required = true)]
    pub capacity: Option<i64>,
}
