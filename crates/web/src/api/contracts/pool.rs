//! The regional pool (C6, issue 15) over the API: opting in, days away, the pool leads read,
//! proposals for a set or circle, asking, marking unavailable, answering a request.

use revans_app::facilitators::opt_in::{AbsenceInput, PoolInput, WindowInput};
use revans_app::facilitators::proposals::{AskInput, UnavailableInput};

/// A weekly window: weekday 1 (Monday) to 7 (Sunday), times `HH:MM` in the member's zone.
#[derive(Debug, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowIn {
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: u8,
    #[schema(example = "09:00")]
    pub from: String,
    #[schema(example = "12:00")]
    pub to: String,
}

/// Joining the pool or changing one's place in it.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PoolIn {
    /// At most this many sets and circles at once (1 to 20).
    #[schema(required = true)]
    pub capacity: Option<i64>,
    /// Whether they will facilitate for organisations other than their own.
    #[schema(required = true)]
    pub outside_own_org: Option<bool>,
    /// IANA zone the availability is written in.
    #[serde(default)]
    #[schema(required = true, example = "Europe/London")]
    pub timezone: String,
    #[serde(default)]
    #[schema(required = true)]
    pub availability: Vec<WindowIn>,
}

impl From<PoolIn> for PoolInput {
    fn from(b: PoolIn) -> Self {
        PoolInput {
            capacity: super::number_or_blank(b.capacity),
            outside_own_org: match b.outside_own_org {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            timezone: b.timezone,
            availability: b
                .availability
                .into_iter()
                .map(|w| WindowInput {
                    weekday: w.weekday.to_string(),
                    from: w.from,
                    to: w.to,
                })
                .collect(),
        }
    }
}

/// Days away; without `last_day`, unavailable from `first_day` on.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AbsenceIn {
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub first_day: String,
    #[schema(format = Date)]
    pub last_day: Option<String>,
}

impl From<AbsenceIn> for AbsenceInput {
    fn from(b: AbsenceIn) -> Self {
        AbsenceInput {
            first_day: b.first_day,
            last_day: b.last_day.unwrap_or_default(),
        }
    }
}

/// The lead confirms one facilitator or a pair; `replaces` names whom they replace.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AskIn {
    #[serde(default)]
    #[schema(required = true)]
    pub person_ids: Vec<String>,
    pub replaces: Option<String>,
}

impl From<AskIn> for AskInput {
    fn from(b: AskIn) -> Self {
        AskInput {
            person_ids: b.person_ids,
            replaces: b.replaces.unwrap_or_default(),
        }
    }
}

/// A lead marks a facilitator of their set or circle unavailable from a day.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnavailableIn {
    #[serde(default)]
    #[schema(required = true)]
    pub person_id: String,
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub from: String,
}

impl From<UnavailableIn> for UnavailableInput {
    fn from(b: UnavailableIn) -> Self {
        UnavailableInput {
            person_id: b.person_id,
            from: b.from,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Accept,
    Decline,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerIn {
    #[schema(required = true)]
    pub answer: Option<Answer>,
}

// What the API returns.

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AbsenceOut {
    pub id: String,
    #[schema(format = Date)]
    pub first_day: String,
    #[schema(format = Date)]
    pub last_day: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MyPoolOut {
    pub region_id: String,
    pub region: String,
    pub in_pool: bool,
    pub capacity: Option<i64>,
    pub outside_own_org: Option<bool>,
    pub timezone: Option<String>,
    pub availability: Vec<WindowIn>,
    pub absences: Vec<AbsenceOut>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PoolMemberOut {
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    pub qualifications: Vec<String>,
    pub capacity: i64,
    pub capacity_left: i64,
    pub languages: Vec<String>,
    pub years_facilitating: i64,
    pub outside_own_org: bool,
    pub timezone: String,
    /// "Tuesday 09:00 to 12:00; Thursday 13:00 to 17:00".
    pub availability: String,
    #[schema(format = Date)]
    pub unavailable_from: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RegionPoolOut {
    pub region_id: String,
    pub region: String,
    pub members: Vec<PoolMemberOut>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct FacilitatorProposalOut {
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    pub experienced: bool,
    pub capacity_left: i64,
    pub meetings_available: usize,
    pub meetings_total: usize,
    pub reasons: Vec<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ExcludedOut {
    pub person_id: String,
    pub name: String,
    pub reason: String,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PersonRef {
    pub person_id: String,
    pub name: String,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct NeedsReplacementOut {
    pub person_id: String,
    pub name: String,
    #[schema(format = Date)]
    pub unavailable_from: String,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AskedOut {
    pub name: String,
    pub status: String,
    pub replaces: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ProposalsOut {
    pub id: String,
    /// `set` or `circle`.
    pub kind: String,
    pub name: String,
    pub facilitators: Vec<PersonRef>,
    pub needs_replacement: Vec<NeedsReplacementOut>,
    pub proposals: Vec<FacilitatorProposalOut>,
    /// Experienced with newly qualified, best first.
    pub pairs: Vec<[FacilitatorProposalOut; 2]>,
    pub excluded: Vec<ExcludedOut>,
    pub asked: Vec<AskedOut>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RequestOut {
    /// `set` or `circle`.
    pub kind: String,
    pub name: String,
    pub asked_by: String,
    pub replaces: Option<String>,
    pub meetings_to_come: usize,
    /// `asked`, `accepted` or `declined`.
    pub status: String,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AskedIds {
    pub request_ids: Vec<String>,
}
