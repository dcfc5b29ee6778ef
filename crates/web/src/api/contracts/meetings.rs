//! A set's meetings as JSON: a series on a cadence, the set's settings, moving a meeting or
//! giving the floor to another unit, attendance, actions and their review.

use std::collections::BTreeMap;

use revans_domain::{ActionOutcome, Attendance, Cadence, DeliveryMode, Id};

use super::number_or_blank;
use crate::error::{AppError, FieldError};
use revans_app::sets::meetings::{
    ActionInput, ChangeInput, ReviewInput, SeriesInput, SettingsInput,
};

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesIn {
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::cadence, required = true)]
    pub cadence: Option<Cadence>,
    /// The first meeting's day.
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub start_date: String,
    /// The local start time of each meeting, 24-hour, like 09:30.
    #[serde(default)]
    #[schema(required = true)]
    pub start_time: String,
    #[serde(default)]
    #[schema(required = true)]
    pub duration_minutes: Option<i64>,
    /// How many meetings, 1 to 52.
    #[serde(default)]
    #[schema(required = true)]
    pub count: Option<i64>,
    /// The IANA time zone the start time is in, like Europe/London.
    #[serde(default)]
    #[schema(required = true)]
    pub timezone: String,
}

impl From<SeriesIn> for SeriesInput {
    fn from(s: SeriesIn) -> Self {
        SeriesInput {
            cadence: s.cadence.map(|c| c.as_str().to_owned()).unwrap_or_default(),
            start_date: s.start_date,
            start_time: s.start_time,
            duration_minutes: number_or_blank(s.duration_minutes),
            count: number_or_blank(s.count),
            timezone: s.timezone,
        }
    }
}

/// How a set works. Every field is sent: this replaces the settings.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetSettingsIn {
    /// A review of the learning every this many meetings (7 gives the 7th, 14th, ...).
    #[serde(default)]
    #[schema(required = true)]
    pub review_every: Option<i64>,
    /// The set's IANA time zone, like Europe/London.
    #[serde(default)]
    #[schema(required = true)]
    pub timezone: String,
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::delivery_mode, required = true)]
    pub delivery_mode: Option<DeliveryMode>,
    /// The meeting link (virtual) or the place (in person).
    #[serde(default)]
    pub delivery_detail: String,
    /// The set now runs itself, without a facilitator.
    #[serde(default)]
    pub self_facilitated: bool,
}

impl From<SetSettingsIn> for SettingsInput {
    fn from(s: SetSettingsIn) -> Self {
        SettingsInput {
            review_every: number_or_blank(s.review_every),
            timezone: s.timezone,
            delivery_mode: s
                .delivery_mode
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            delivery_detail: s.delivery_detail,
            self_facilitated: if s.self_facilitated {
                "yes".into()
            } else {
                String::new()
            },
        }
    }
}

/// A meeting's new day and time, in the set's time zone.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveMeetingIn {
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub date: String,
    /// Local start time, 24-hour, like 09:30.
    #[serde(default)]
    #[schema(required = true)]
    pub start_time: String,
    #[serde(default)]
    #[schema(required = true)]
    pub duration_minutes: Option<i64>,
}

impl From<MoveMeetingIn> for ChangeInput {
    fn from(m: MoveMeetingIn) -> Self {
        ChangeInput {
            change: "move".into(),
            date: m.date,
            start_time: m.start_time,
            duration_minutes: number_or_blank(m.duration_minutes),
            unit: String::new(),
        }
    }
}

/// Who has the floor at one meeting.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresenterIn {
    /// A unit of the set (`units[].key` of `GET /api/v1/sets/{id}`); null to follow the rota.
    #[serde(default)]
    pub unit: Option<String>,
}

impl From<PresenterIn> for ChangeInput {
    fn from(p: PresenterIn) -> Self {
        ChangeInput {
            change: "swap".into(),
            unit: p.unit.unwrap_or_default(),
            ..ChangeInput::default()
        }
    }
}

/// Cancelling needs nothing but the meeting.
pub fn cancel() -> ChangeInput {
    ChangeInput {
        change: "cancel".into(),
        ..ChangeInput::default()
    }
}

/// One record per current member: their person id, and whether they came.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceIn {
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::attendance_by_person, required = true)]
    pub attendance: BTreeMap<String, Attendance>,
}

impl AttendanceIn {
    /// The records as the action reads them: `attendance-{person id}` to the word.
    pub fn into_fields(self) -> std::collections::HashMap<String, String> {
        self.attendance
            .into_iter()
            .map(|(person, a)| (format!("attendance-{person}"), a.as_str().to_owned()))
            .collect()
    }
}

/// The action names a member's missing record `attendance-{id}`; in the body it is
/// `attendance.{id}`.
pub fn attendance_field(e: revans_app::Error) -> AppError {
    match e.into() {
        AppError::Invalid(fields) => AppError::Invalid(
            fields
                .into_iter()
                .map(|f| FieldError {
                    field: f
                        .field
                        .strip_prefix("attendance-")
                        .map_or(f.field.clone(), |id| format!("attendance.{id}")),
                    message: f.message,
                })
                .collect(),
        ),
        other => other,
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionIn {
    #[serde(default)]
    #[schema(required = true)]
    pub description: String,
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub due_on: String,
    /// The presenter, when their facilitator records the action for them (a person id).
    #[serde(default)]
    pub owner: Option<String>,
}

impl ActionIn {
    /// The action's input and its owner, if one is named.
    pub fn split(self) -> Result<(ActionInput, Option<Id>), AppError> {
        let owner = match self.owner.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(Id::parse(raw).ok_or_else(|| {
                AppError::field("owner", "owner must be the id of the set's presenter")
            })?),
        };
        Ok((
            ActionInput {
                description: self.description,
                due_on: self.due_on,
            },
            owner,
        ))
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewIn {
    /// The id of an earlier action of the set.
    #[serde(default)]
    #[schema(required = true)]
    pub action: String,
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::action_outcome, required = true)]
    pub outcome: Option<ActionOutcome>,
    /// What happened instead: required for changed and dropped.
    #[serde(default)]
    pub note: String,
}

impl From<ReviewIn> for ReviewInput {
    fn from(r: ReviewIn) -> Self {
        ReviewInput {
            action: r.action,
            outcome: r.outcome.map(|o| o.as_str().to_owned()).unwrap_or_default(),
            note: r.note,
        }
    }
}
