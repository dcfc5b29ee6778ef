//! Support circles as leads run them (issue 15), as JSON: numbers as numbers, closed sets as
//! enums, dates `YYYY-MM-DD`, times RFC 3339.

use revans_app::circles::aggregates::{CircleReport, ReportLine};
use revans_app::circles::manage::{CircleDetail, CircleInput, CircleRow, SessionInput};

use super::number_or_blank;
use crate::api::programmes::rfc3339;

/// How a circle is held.
#[derive(Debug, Clone, Copy, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CircleDelivery {
    Virtual,
    InPerson,
}

impl CircleDelivery {
    fn as_str(self) -> &'static str {
        match self {
            CircleDelivery::Virtual => "virtual",
            CircleDelivery::InPerson => "in_person",
        }
    }

    fn from_stored(s: &str) -> Self {
        if s == "in_person" {
            CircleDelivery::InPerson
        } else {
            CircleDelivery::Virtual
        }
    }
}

/// Where a circle stands.
#[derive(Debug, Clone, Copy, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CircleStatus {
    Draft,
    Published,
    Confirmed,
    Cancelled,
    Merged,
}

impl CircleStatus {
    fn from_stored(s: &str) -> Self {
        match s {
            "published" => CircleStatus::Published,
            "confirmed" => CircleStatus::Confirmed,
            "cancelled" => CircleStatus::Cancelled,
            "merged" => CircleStatus::Merged,
            _ => CircleStatus::Draft,
        }
    }
}

/// One session, in the circle's time zone.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionIn {
    #[serde(default)]
    #[schema(required = true, format = Date, example = "2027-03-05")]
    pub date: String,
    /// 24-hour clock, `HH:MM`.
    #[serde(default)]
    #[schema(required = true, example = "09:30")]
    pub start_time: String,
    #[serde(default)]
    #[schema(required = true, example = "11:00")]
    pub end_time: String,
}

/// A circle to create, or all of a circle's new values.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CircleIn {
    /// The organisation that runs it: one the caller leads.
    #[serde(default)]
    #[schema(required = true)]
    pub organisation_id: String,
    /// A cohort of one of the region's programmes; absent for a circle on its own.
    #[serde(default)]
    pub cohort_id: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    #[serde(default)]
    #[schema(required = true)]
    pub description: String,
    /// One to five topics, like "burnout" or "hybrid working".
    #[serde(default)]
    #[schema(required = true)]
    pub topics: Vec<String>,
    /// 1 to 200; 6 when absent.
    #[serde(default)]
    pub min_places: Option<i64>,
    /// 1 to 200, at least `min_places`; 25 when absent.
    #[serde(default)]
    pub max_places: Option<i64>,
    #[serde(default)]
    #[schema(required = true)]
    pub delivery_mode: Option<CircleDelivery>,
    /// The link to join (https) or the place.
    #[serde(default)]
    #[schema(required = true)]
    pub delivery_detail: String,
    /// IANA name; Europe/London when absent.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Hours before the first session the circle is decided; 48 when absent.
    #[serde(default)]
    pub confirm_hours: Option<i64>,
    /// Hours before the first session bookings can be cancelled until; 24 when absent.
    #[serde(default)]
    pub cancel_hours: Option<i64>,
    /// One session, or a short series (at most 12).
    #[serde(default)]
    #[schema(required = true)]
    pub sessions: Vec<SessionIn>,
    /// One or two ids of the region's pool.
    #[serde(default)]
    #[schema(required = true)]
    pub facilitators: Vec<String>,
}

impl From<CircleIn> for CircleInput {
    fn from(c: CircleIn) -> Self {
        let defaults = CircleInput::default();
        let mut sessions = c.sessions.into_iter();
        let first = sessions
            .next()
            .map(|s| SessionInput {
                date: s.date,
                start_time: s.start_time,
                end_time: s.end_time,
            })
            .unwrap_or_default();
        CircleInput {
            organisation_id: c.organisation_id,
            cohort_id: c.cohort_id.unwrap_or_default(),
            title: c.title,
            description: c.description,
            topics: c.topics.join(","),
            min_places: c.min_places.map_or(defaults.min_places, |n| n.to_string()),
            max_places: c.max_places.map_or(defaults.max_places, |n| n.to_string()),
            delivery_mode: c
                .delivery_mode
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            delivery_detail: c.delivery_detail,
            timezone: c.timezone.unwrap_or(defaults.timezone),
            confirm_hours: c
                .confirm_hours
                .map_or(defaults.confirm_hours, |n| number_or_blank(Some(n))),
            cancel_hours: c
                .cancel_hours
                .map_or(defaults.cancel_hours, |n| number_or_blank(Some(n))),
            first,
            more_sessions: sessions
                .map(|s| {
                    format!(
                        "{} {}-{}",
                        s.date.trim(),
                        s.start_time.trim(),
                        s.end_time.trim()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            facilitators: c.facilitators,
        }
    }
}

/// One circle in the region's list.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CircleSummaryOut {
    pub id: String,
    pub title: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub topics: Vec<String>,
    pub status: CircleStatus,
    pub booked: i64,
    pub min_places: i64,
    pub max_places: i64,
    /// RFC 3339.
    pub first_starts_at: Option<String>,
    pub session_count: i64,
    /// Whether the caller may change it (a circle of an organisation they lead).
    pub can_change: bool,
    pub merge_offered: bool,
}

/// The region's circles, soonest first.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CirclesOut {
    pub circles: Vec<CircleSummaryOut>,
}

impl From<Vec<CircleRow>> for CirclesOut {
    fn from(rows: Vec<CircleRow>) -> Self {
        CirclesOut {
            circles: rows
                .into_iter()
                .map(|r| CircleSummaryOut {
                    topics: r.row.topic_list(),
                    status: CircleStatus::from_stored(&r.row.status),
                    first_starts_at: r.row.first_starts_at.map(rfc3339),
                    merge_offered: r.row.merge_offered_at.is_some() && r.row.status == "published",
                    id: r.row.id,
                    title: r.row.title,
                    organisation_id: r.row.organisation_id,
                    organisation_name: r.row.organisation_name,
                    booked: r.row.booked,
                    min_places: r.row.min_places,
                    max_places: r.row.max_places,
                    session_count: r.row.session_count,
                    can_change: r.can_change,
                })
                .collect(),
        }
    }
}

/// A session as stored.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SessionOut {
    /// RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
}

/// One circle, for a lead of its region.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CircleOut {
    pub id: String,
    pub region_id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub cohort_id: Option<String>,
    pub title: String,
    pub description: String,
    pub topics: Vec<String>,
    pub min_places: i64,
    pub max_places: i64,
    pub booked: i64,
    pub delivery_mode: CircleDelivery,
    pub delivery_detail: String,
    pub timezone: String,
    pub confirm_hours: i64,
    pub cancel_hours: i64,
    pub sessions: Vec<SessionOut>,
    /// Ids of its facilitators.
    pub facilitators: Vec<String>,
    pub status: CircleStatus,
    /// Counts calendar changes.
    pub sequence: i64,
    pub can_change: bool,
    /// When the sweep offered a merge (RFC 3339), and the circle it would merge into.
    pub merge_offered_at: Option<String>,
    pub merge_target_id: Option<String>,
    pub merged_into: Option<String>,
}

impl From<CircleDetail> for CircleOut {
    fn from(d: CircleDetail) -> Self {
        let c = d.circle;
        let f = c.fields;
        CircleOut {
            id: c.id.to_string(),
            region_id: c.region_id.to_string(),
            organisation_id: f.organisation_id.to_string(),
            organisation_name: d.organisation_name,
            cohort_id: f.cohort_id.map(|i| i.to_string()),
            title: f.title,
            description: f.description,
            topics: f.topics,
            min_places: f.min_places,
            max_places: f.max_places,
            booked: c.booked,
            delivery_mode: CircleDelivery::from_stored(&f.delivery_mode),
            delivery_detail: f.delivery_detail,
            timezone: f.timezone,
            confirm_hours: f.confirm_hours,
            cancel_hours: f.cancel_hours,
            sessions: f
                .sessions
                .iter()
                .map(|s| SessionOut {
                    starts_at: rfc3339(s.starts_at),
                    ends_at: rfc3339(s.ends_at),
                })
                .collect(),
            facilitators: f.facilitators.iter().map(|p| p.to_string()).collect(),
            status: CircleStatus::from_stored(&c.status),
            sequence: c.sequence,
            can_change: d.can_change,
            merge_offered_at: c.merge_offered_at.map(rfc3339),
            merge_target_id: d.merge_target.map(|(id, _)| id.to_string()),
            merged_into: c.merged_into.map(|i| i.to_string()),
        }
    }
}

/// Where a merge moved the bookings.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MergedOut {
    pub merged_into: String,
}

/// A line of the report: counts of people published under the small-number rule (`null` when
/// 1-7), a rate only over 8 or more attendance marks.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReportLineOut {
    pub name: String,
    pub circles_run: u32,
    pub circles_not_run: u32,
    pub bookings: Option<u32>,
    pub attendance_percent: Option<u32>,
}

impl From<&ReportLine> for ReportLineOut {
    fn from(l: &ReportLine) -> Self {
        ReportLineOut {
            name: l.name.clone(),
            circles_run: l.circles_run,
            circles_not_run: l.circles_not_run,
            bookings: l.bookings.shown(),
            attendance_percent: l.attendance_percent,
        }
    }
}

/// The region's circles in figures.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CircleReportOut {
    pub region: String,
    pub by_topic: Vec<ReportLineOut>,
    pub by_organisation: Vec<ReportLineOut>,
    pub total: ReportLineOut,
}

impl From<CircleReport> for CircleReportOut {
    fn from(r: CircleReport) -> Self {
        CircleReportOut {
            by_topic: r.by_topic.iter().map(Into::into).collect(),
            by_organisation: r.by_organisation.iter().map(Into::into).collect(),
            total: (&r.total).into(),
            region: r.region_name,
        }
    }
}
