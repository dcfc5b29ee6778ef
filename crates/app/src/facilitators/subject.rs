//! What a proposal is for: a set or a circle, loaded for one of its leads, with what fit needs
//! (members, their organisations, meeting times, current facilitators).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use revans_domain::Id;
use revans_storage::facilitator_requests::Target;
use revans_storage::{Conn, circles, meetings, pool, sets};

use crate::sets::formation_rules::{FormationInput, cohort_for_admin};
use crate::{Actor, Error, now_ms, require_admin_of};

/// A member of the set or circle, for fit and for emails.
#[derive(Debug, Clone)]
pub struct SubjectMember {
    pub person_id: Id,
    pub organisation_id: Id,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub target: Target,
    /// "set" or "circle".
    pub kind: &'static str,
    pub name: String,
    /// The organisation audit entries go to (the programme's or the circle's).
    pub organisation_id: Id,
    pub region_id: Id,
    pub timezone: String,
    pub members: Vec<SubjectMember>,
    /// Meetings or sessions still to come (not cancelled), (start, end) in ms.
    pub meetings: Vec<(i64, i64)>,
    pub current: Vec<Id>,
    pub not_from_member_orgs: bool,
}

impl Subject {
    /// The day (in its zone) of each meeting still to come, `YYYY-MM-DD`.
    pub fn meeting_days(&self) -> Vec<String> {
        let zone = TimeZone::get(&self.timezone).unwrap_or(TimeZone::UTC);
        self.meetings
            .iter()
            .filter_map(|(s, _)| Timestamp::from_millisecond(*s).ok())
            .map(|t| t.to_zoned(zone.clone()).date().to_string())
            .collect()
    }
}

/// Loads what `target` is, for one of its leads (404 for anyone else, so nothing is confirmed).
pub async fn load(conn: &mut Conn, actor: &Actor<'_>, target: &Target) -> Result<Subject, Error> {
    match target {
        Target::Set(id) => load_set(conn, Some(actor), id).await,
        Target::Circle(id) => load_circle(conn, Some(actor), id).await,
    }
}

/// As `load`, without the access check: for the emailed link, whose token is the permission.
pub async fn load_unchecked(conn: &mut Conn, target: &Target) -> Result<Subject, Error> {
    match target {
        Target::Set(id) => load_set(conn, None, id).await,
        Target::Circle(id) => load_circle(conn, None, id).await,
    }
}

async fn load_set(conn: &mut Conn, actor: Option<&Actor<'_>>, id: &Id) -> Result<Subject, Error> {
    let set = sets::get(conn, id).await?.ok_or(Error::NotFound)?;
    let organisation_id = match actor {
        Some(a) => cohort_for_admin(conn, a, &set.cohort_id).await?.0,
        None => crate::sets::meetings::tenant_of(conn, &set).await?,
    };
    let region_id = pool::region_of(conn, &organisation_id)
        .await?
        .ok_or(Error::NotFound)?;
    let now = now_ms();
    let members = sets::members(conn, id)
        .await?
        .into_iter()
        .filter(|m| m.left_at.is_none())
        .map(|m| SubjectMember {
            person_id: m.person_id,
            organisation_id: m.organisation_id,
            email: m.email,
            name: m.name,
        })
        .collect();
    let meetings = meetings::list_for_set(conn, id)
        .await?
        .into_iter()
        .filter(|m| !m.cancelled && m.ends_at > now)
        .map(|m| (m.starts_at, m.ends_at))
        .collect();
    let current = sets::facilitators(conn, id)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let not_from_member_orgs = match sets::formation_rules(conn, &set.cohort_id).await? {
        Some(stored) => serde_json::from_str::<FormationInput>(&stored)
            .map_err(Error::internal)?
            .facilitators_elsewhere(),
        None => false,
    };
    Ok(Subject {
        target: Target::Set(id.clone()),
        kind: "set",
        name: set.name,
        organisation_id,
        region_id,
        timezone: set.timezone,
        members,
        meetings,
        current,
        not_from_member_orgs,
    })
}

async fn load_circle(
    conn: &mut Conn,
    actor: Option<&Actor<'_>>,
    id: &Id,
) -> Result<Subject, Error> {
    let circle = circles::get(conn, id).await?.ok_or(Error::NotFound)?;
    if let Some(a) = actor {
        require_admin_of(conn, a.viewer, &circle.fields.organisation_id).await?;
    }
    let now = now_ms();
    let members = pool::circle_members(conn, id)
        .await?
        .into_iter()
        .map(|(person_id, organisation_id, email, name)| SubjectMember {
            person_id,
            organisation_id,
            email,
            name,
        })
        .collect();
    Ok(Subject {
        target: Target::Circle(id.clone()),
        kind: "circle",
        name: circle.fields.title,
        organisation_id: circle.fields.organisation_id,
        region_id: circle.region_id,
        timezone: circle.fields.timezone,
        members,
        meetings: circle
            .fields
            .sessions
            .iter()
            .filter(|s| s.ends_at > now)
            .map(|s| (s.starts_at, s.ends_at))
            .collect(),
        current: circle.fields.facilitators,
        not_from_member_orgs: false,
    })
}
