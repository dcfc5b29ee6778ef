//! Support circles (C7) bodies and query parameters.

/// The calendar's filters; each is optional.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarParams {
    /// The region (a root organisation's id); defaults to the caller's own.
    pub region: Option<String>,
    /// A topic tag, such as `burnout`.
    pub topic: Option<String>,
    /// Circles starting on or after this day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Circles starting on or before this day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// `virtual` or `in_person`.
    pub mode: Option<String>,
    /// Only circles run by this organisation (its id).
    pub organisation: Option<String>,
}

impl CalendarParams {
    pub fn query(self) -> revans_app::circles::calendar::CalendarQuery {
        revans_app::circles::calendar::CalendarQuery {
            region: self.region.unwrap_or_default(),
            topic: self.topic.unwrap_or_default(),
            from: self.from.unwrap_or_default(),
            to: self.to.unwrap_or_default(),
            mode: self.mode.unwrap_or_default(),
            organisation: self.organisation.unwrap_or_default(),
        }
    }
}

/// Who came to one session (its number): the ids of the people present; everyone else with a place is
/// recorded as absent.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceIn {
    /// The session's number, from 1.
    #[schema(required = true)]
    pub session: Option<i64>,
    #[serde(default)]
    #[schema(required = true)]
    pub present: Vec<String>,
}
