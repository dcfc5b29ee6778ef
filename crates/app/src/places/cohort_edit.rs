//! Changing a cohort after it was added: its name, places, application window, sessions and
//! completion rule. People with a confirmed place are emailed the new dates.

use revans_domain::Id;
use revans_storage::{cohorts, meetings, now_ms, sets};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::mail;
use crate::places::applications::email;
use crate::places::programmes::{CheckedCohort, CohortInput, load_for_admin};

/// A cohort as its edit page shows it.
pub struct CohortForEditing {
    pub cohort: cohorts::Cohort,
    pub programme: revans_storage::programmes::Programme,
    /// The form as the lead typed it last, with today's name and capacity.
    pub input: CohortInput,
    /// Its first session has begun, so its details can no longer be changed.
    pub started: bool,
}

/// Whether a cohort with these sessions has begun.
fn has_started(sessions: &[revans_domain::Session], now: i64) -> bool {
    sessions.first().is_some_and(|s| s.starts_at <= now)
}

pub async fn current_input(
    state: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
) -> Result<CohortForEditing, Error> {
    let mut conn = state.store.conn().await?;
    let cohort = cohorts::get(&mut conn, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut conn, actor, &cohort.programme_id).await?;
    let started = has_started(&cohorts::sessions(&mut conn, cohort_id).await?, now_ms());
    // A stored schedule that no longer reads is a fault to report, not an empty form: saving
    // an empty form over it would lose the cohort's schedule.
    let mut input: CohortInput = serde_json::from_str(&cohort.schedule_spec).map_err(|e| {
        Error::internal(format!(
            "cohort {cohort_id}: its stored schedule cannot be read: {e}"
        ))
    })?;
    input.name = cohort.name.clone();
    input.capacity = cohort.capacity.to_string();
    Ok(CohortForEditing {
        cohort,
        programme,
        input: input.with_date_boxes(),
        started,
    })
}

/// Saves the changed cohort in one transaction: capacity (never below the confirmed places),
/// details, sessions, the audit entry and, when the sessions moved, an email with the new
/// calendar file to everyone with a confirmed place. Returns the programme's id.
pub async fn edit_cohort(
    state: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
    input: &CohortInput,
) -> Result<Id, Error> {
    let now = now_ms();
    let mut tx = state.store.begin().await?;
    let cohort = cohorts::get(&mut tx, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut tx, actor, &cohort.programme_id).await?;
    let before = cohorts::sessions(&mut tx, cohort_id).await?;
    if has_started(&before, now) {
        return Err(Error::Conflict(format!(
            "{} has started, so its sessions can no longer be changed",
            cohort.name
        )));
    }
    let c = CheckedCohort::check(input, now)?;
    meetings_still_inside(&mut tx, &cohort, &c.schedule).await?;
    if !cohorts::set_capacity(&mut tx, cohort_id, c.capacity).await? {
        return Err(Error::field(
            "capacity",
            format!(
                "{} places are already confirmed; capacity cannot be lower than that",
                cohort.confirmed
            ),
        ));
    }
    cohorts::update_details(&mut tx, cohort_id, &c.row(&cohort.programme_id)).await?;
    let (name, capacity, schedule) = (&c.name, c.capacity, &c.schedule);
    let moved = before.as_slice() != schedule.sessions() || cohort.timezone != schedule.timezone();
    actor
        .audit(
            &mut tx,
            "cohort.updated",
            "cohort",
            cohort_id.as_str(),
            &format!(
                "Changed {name} ({} places, {} sessions{})",
                capacity.get(),
                schedule.sessions().len(),
                if moved { ", new dates" } else { "" }
            ),
            &programme.organisation_id,
        )
        .await?;
    if moved {
        let updated = cohorts::get(&mut tx, cohort_id)
            .await?
            .ok_or(Error::NotFound)?;
        let ics = crate::calendar::cohort_calendar(&programme, &updated, schedule.sessions());
        let lines: Vec<mail::Text> = schedule
            .sessions()
            .iter()
            .map(|s| mail::session_line(s.starts_at, s.ends_at, schedule.timezone()))
            .collect();
        for person in sets::cohort_participants(&mut tx, cohort_id).await? {
            email(
                state,
                &mut tx,
                person.email.as_str(),
                &person.name,
                &programme.fields,
                mail::Text::new("email-dates-changed").arg("cohort", name),
                lines.clone(),
                Some(mail::Attachment::calendar(ics.clone())),
            )
            .await?;
        }
    }
    revans_storage::commit(tx).await?;
    Ok(programme.id)
}

/// Refuses new dates that would leave a facilitated set's meeting outside the cohort, as
/// scheduling such a meeting is refused: the lead moves or cancels it first.
async fn meetings_still_inside(
    conn: &mut revans_storage::Conn,
    cohort: &cohorts::Cohort,
    schedule: &revans_domain::Schedule,
) -> Result<(), Error> {
    let (Some(first), Some(last)) = (schedule.sessions().first(), schedule.sessions().last())
    else {
        return Ok(());
    };
    for set in sets::list_for_cohort(conn, &cohort.id).await? {
        if !set.is_published() || set.self_facilitated {
            continue;
        }
        let held: Vec<revans_domain::Session> = meetings::list_for_set(conn, &set.id)
            .await?
            .into_iter()
            .filter(|m| !m.cancelled)
            .map(|m| revans_domain::Session {
                starts_at: m.starts_at,
                ends_at: m.ends_at,
            })
            .collect();
        let outside = revans_domain::outside_window(&held, first.starts_at, last.ends_at);
        if let Some(m) = outside.first() {
            return Err(Error::field(
                "sessions",
                format!(
                    "{}'s meeting on {} would fall outside the new dates ({} to {}). Move or cancel it first",
                    set.name,
                    revans_domain::describe_session(m, &set.timezone),
                    revans_domain::describe_session(first, schedule.timezone()),
                    revans_domain::describe_session(last, schedule.timezone()),
                ),
            ));
        }
    }
    Ok(())
}
