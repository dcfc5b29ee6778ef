//! Supervision (C6): a facilitator logs the sessions they had (date, supervisor, hours, kind);
//! supervision groups are sets of facilitators whose set facilitator is the supervisor, so
//! their meetings, attendance and private reflective logs (shared with the supervisor only when
//! the author chooses, `diaries`) are the set machinery's. Supervised hours add both, per
//! facilitator, for accreditation. A facilitator reads only their own log; leads of the region
//! read the totals of its facilitators.

use revans_domain::facilitator_profile::{SupervisionKind, hours_text, parse_hours};
use revans_domain::{FieldErrors, Id, parse_uk_date};
use revans_storage::sets;
use revans_storage::supervision_log::{self, NewSession};

use super::access::{led_regions, own_region, require_facilitator};
use crate::access_checks::set_admin;
use crate::{Actor, App, Error, Viewer};

/// The viewer's own log: their sessions, totals and the supervisors they can name.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SupervisionLog {
    pub sessions: Vec<SessionView>,
    pub logged_minutes: i64,
    pub group_minutes: i64,
    /// Total supervised hours, like `3.5`.
    pub total_hours: String,
    /// Facilitators and leads of the region who can be named as supervisor: (id, name).
    #[serde(skip)]
    pub supervisors: Vec<(String, String)>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SessionView {
    pub id: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub supervisor_id: String,
    pub supervisor_name: String,
    pub minutes: i64,
    /// Like `1.5`.
    pub hours: String,
    /// `one_to_one` or `group`.
    pub kind: String,
    #[serde(skip)]
    pub kind_label: String,
}

pub async fn own_log(app: &App, viewer: &Viewer) -> Result<SupervisionLog, Error> {
    require_facilitator(viewer)?;
    let mut conn = app.store.conn().await?;
    let me = &viewer.person.id;
    let sessions = supervision_log::sessions_of(&mut conn, me)
        .await?
        .into_iter()
        .map(|s| SessionView {
            kind_label: SupervisionKind::parse(&s.kind)
                .map(|k| revans_i18n::t(k.message_id()))
                .unwrap_or_default(),
            hours: hours_text(s.minutes),
            id: s.id,
            held_on: s.held_on,
            supervisor_id: s.supervisor_id,
            supervisor_name: s.supervisor_name,
            minutes: s.minutes,
            kind: s.kind,
        })
        .collect();
    let hours = supervision_log::hours_of(&mut conn, me).await?;
    let (logged, group) = hours
        .map(|h| (h.logged_minutes, h.group_minutes))
        .unwrap_or_default();
    let region = own_region(&mut conn, viewer).await?;
    let supervisors = supervision_log::supervisors_in_tree(&mut conn, &region)
        .await?
        .into_iter()
        .filter(|(id, _)| id != me)
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    Ok(SupervisionLog {
        sessions,
        logged_minutes: logged,
        group_minutes: group,
        total_hours: hours_text(logged + group),
        supervisors,
    })
}

/// A session as typed: the day (day-first or `YYYY-MM-DD`), the supervisor's id, hours like
/// `1.5`, and `one_to_one` or `group`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SessionInput {
    pub held_on: String,
    pub supervisor: String,
    pub hours: String,
    pub kind: String,
}

/// Logs a session the viewer had. The supervisor is a facilitator or lead of their region other
/// than themself; the day is not in the future.
pub async fn log_session(app: &App, actor: &Actor<'_>, input: &SessionInput) -> Result<Id, Error> {
    require_facilitator(actor.viewer)?;
    let me = &actor.viewer.person.id;
    let mut e = FieldErrors::default();
    let day = e.take(parse_uk_date(&input.held_on, "held_on"));
    let minutes = e.take(parse_hours(&input.hours));
    let kind = e.take(SupervisionKind::parse(&input.kind));
    let mut tx = app.store.begin().await?;
    let region = own_region(&mut tx, actor.viewer).await?;
    let supervisor = Id::parse(input.supervisor.trim());
    let allowed = match &supervisor {
        Some(s) if s != me => supervision_log::supervisors_in_tree(&mut tx, &region)
            .await?
            .iter()
            .any(|(id, _)| id == s),
        _ => false,
    };
    if !allowed {
        e.add("supervisor", "Select your supervisor from the list");
    }
    let zone = jiff::tz::TimeZone::get(actor.viewer.timezone()).unwrap_or(jiff::tz::TimeZone::UTC);
    if let Some(d) = day
        && d > jiff::Timestamp::now().to_zoned(zone).date()
    {
        e.add(
            "held_on",
            "The date of the session must be today or in the past",
        );
    }
    let (Some(day), Some(minutes), Some(kind), Some(supervisor)) = (day, minutes, kind, supervisor)
    else {
        return Err(Error::Invalid(e.0));
    };
    if e.any() {
        return Err(Error::Invalid(e.0));
    }
    let held_on = day.to_string();
    let id = supervision_log::insert(
        &mut tx,
        &NewSession {
            facilitator_id: me,
            supervisor_id: &supervisor,
            held_on: &held_on,
            minutes,
            kind: kind.as_str(),
            recorded_by: me,
        },
    )
    .await?;
    let detail = format!(
        "Logged {} hours of {} supervision on {held_on}",
        hours_text(minutes),
        kind.label().to_lowercase()
    );
    actor
        .audit(
            &mut tx,
            "supervision.logged",
            "person",
            me.as_str(),
            &detail,
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// One facilitator's supervised hours, for the accreditation export.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct HoursRow {
    pub person_id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub sessions_logged: i64,
    pub logged_hours: String,
    pub group_hours: String,
    pub total_hours: String,
}

/// The viewer's own supervised hours, as the one row of their export (facilitators only).
pub async fn own_hours(app: &App, viewer: &Viewer) -> Result<Vec<HoursRow>, Error> {
    require_facilitator(viewer)?;
    let mut conn = app.store.conn().await?;
    let rows = supervision_log::hours_of(&mut conn, &viewer.person.id).await?;
    Ok(rows.into_iter().map(row).collect())
}

fn row(h: supervision_log::Hours) -> HoursRow {
    HoursRow {
        total_hours: hours_text(h.total_minutes()),
        logged_hours: hours_text(h.logged_minutes),
        group_hours: hours_text(h.group_minutes),
        person_id: h.person_id,
        name: h.name,
        email: h.email,
        organisation: h.organisation,
        sessions_logged: h.sessions,
    }
}

/// Supervised hours: every facilitator of the regions a lead leads in; for a facilitator who
/// leads nowhere, their own row only.
pub async fn hours_report(app: &App, viewer: &Viewer) -> Result<Vec<HoursRow>, Error> {
    let mut conn = app.store.conn().await?;
    let mut rows = Vec::new();
    if viewer.is_admin() {
        for region in led_regions(&mut conn, viewer).await? {
            rows.extend(supervision_log::hours_in_tree(&mut conn, &region).await?);
        }
    } else {
        require_facilitator(viewer)?;
        rows.extend(supervision_log::hours_of(&mut conn, &viewer.person.id).await?);
    }
    Ok(rows.into_iter().map(row).collect())
}

/// Marks a set as a supervision group (its lead only): its meetings attended count as
/// supervised hours for its members.
pub async fn mark_group(app: &App, actor: &Actor<'_>, set_id: &Id) -> Result<bool, Error> {
    set_admin(app, actor, set_id).await?;
    let mut tx = app.store.begin().await?;
    let set = sets::get(&mut tx, set_id).await?.ok_or(Error::NotFound)?;
    let added = supervision_log::mark_group(&mut tx, set_id, &actor.viewer.person.id).await?;
    if added {
        let tenant = crate::sets::meetings::tenant_of(&mut tx, &set).await?;
        let detail = format!("Made {} a supervision group", set.name);
        actor
            .audit(
                &mut tx,
                "supervision.group",
                "set",
                set_id.as_str(),
                &detail,
                &tenant,
            )
            .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(added)
}
