//! The lead's exceptions to a cohort's completion rule: a participant who did not attend
//! enough sessions is counted as completed, for a reason the lead gives (a make-up session
//! elsewhere, say). Recording and removing one are audited, naming the person and the reason.

use revans_domain::Id;
use revans_storage::completion::{clear_exception, set_exception};
use revans_storage::now_ms;

use super::lead::{LeadCohort, lead_cohort};
use super::records::{ParticipantRecord, cohort_records};
use super::views::CompletionStanding;
use crate::{Actor, App, Error, Viewer};

/// The longest reason, in characters.
pub const REASON_MAX: usize = 500;

/// The reason as it will be kept: trimmed, required, at most `REASON_MAX` characters.
pub fn check_reason(raw: &str) -> Result<String, Error> {
    let reason = raw.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Enter the reason for the exception, for example the make-up session they attended",
        ));
    }
    let length = reason.chars().count();
    if length > REASON_MAX {
        return Err(Error::field(
            "reason",
            format!("The reason must be {REASON_MAX} characters or fewer (it has {length})"),
        ));
    }
    Ok(reason.to_owned())
}

/// A participant as the exception pages show them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionExceptionView {
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_title: String,
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    pub attended: u32,
    pub required: u32,
    pub total_sessions: u32,
    pub standing: CompletionStanding,
    /// The reason recorded now, if any.
    pub reason: Option<String>,
}

struct Found {
    lead: LeadCohort,
    person: ParticipantRecord,
    required: u32,
    total: u32,
}

/// The cohort for its lead, and the participant in it (404 for anyone who is not one).
async fn participant(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    cohort: &Id,
    person: &Id,
) -> Result<Found, Error> {
    let lead = lead_cohort(conn, viewer, cohort).await?;
    let records = cohort_records(conn, cohort, now_ms())
        .await?
        .ok_or(Error::NotFound)?;
    let required = records.required;
    let total = records.sessions.len() as u32;
    let person = records
        .people
        .into_iter()
        .find(|p| &p.person_id == person)
        .ok_or(Error::NotFound)?;
    Ok(Found {
        lead,
        person,
        required,
        total,
    })
}

fn view_of(f: &Found) -> CompletionExceptionView {
    CompletionExceptionView {
        cohort_id: f.lead.cohort.id.to_string(),
        cohort_name: f.lead.cohort.name.clone(),
        programme_title: f.lead.programme.fields.title.clone(),
        person_id: f.person.person_id.to_string(),
        name: f.person.name.clone(),
        organisation: f.lead.organisation(&f.person.organisation_id),
        attended: f.person.counts.attended,
        required: f.required,
        total_sessions: f.total,
        standing: f.person.standing.into(),
        reason: f.person.exception.clone(),
    }
}

/// The participant and any exception, for the lead's form.
pub async fn exception_view(
    app: &App,
    viewer: &Viewer,
    cohort: &Id,
    person: &Id,
) -> Result<CompletionExceptionView, Error> {
    let mut conn = app.store.conn().await?;
    Ok(view_of(
        &participant(&mut conn, viewer, cohort, person).await?,
    ))
}

/// Records (or replaces) the exception in one transaction with its audit entry.
pub async fn record_exception(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    person: &Id,
    reason: &str,
) -> Result<CompletionExceptionView, Error> {
    let mut tx = app.store.begin().await?;
    let found = participant(&mut tx, actor.viewer, cohort, person).await?;
    let reason = check_reason(reason)?;
    if found.person.standing == revans_domain::cpd::Standing::Completed {
        return Err(Error::Conflict(format!(
            "{} has completed by attendance, so no exception is needed",
            found.person.name
        )));
    }
    set_exception(&mut tx, cohort, person, &reason, &actor.viewer.person.id).await?;
    actor
        .audit(
            &mut tx,
            "completion.exception_recorded",
            "cohort",
            cohort.as_str(),
            &format!(
                "Recorded an exception to the completion rule of {} for {}: {reason}",
                found.lead.cohort.name, found.person.name
            ),
            &found.lead.programme.organisation_id,
        )
        .await?;
    // Whoever now meets the rule (or holds an exception) gets their certificate in the same
    // transaction, so a completion is never recorded without one.
    crate::certificates::issue::issue_for_completers(
        &mut tx,
        &app.settings,
        cohort,
        Some(&actor.viewer.person.id),
    )
    .await?;
    revans_storage::commit(tx).await?;
    let mut view = view_of(&found);
    view.reason = Some(reason);
    view.standing = CompletionStanding::CompletedByException;
    Ok(view)
}

/// Removes the exception in one transaction with its audit entry; whether there was one.
pub async fn remove_exception(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    person: &Id,
) -> Result<bool, Error> {
    let mut tx = app.store.begin().await?;
    let found = participant(&mut tx, actor.viewer, cohort, person).await?;
    if !clear_exception(&mut tx, cohort, person).await? {
        return Ok(false);
    }
    actor
        .audit(
            &mut tx,
            "completion.exception_removed",
            "cohort",
            cohort.as_str(),
            &format!(
                "Removed the exception to the completion rule of {} for {} (it said: {})",
                found.lead.cohort.name,
                found.person.name,
                found.person.exception.as_deref().unwrap_or_default()
            ),
            &found.lead.programme.organisation_id,
        )
        .await?;
    // A certificate already issued stays until a lead revokes it (issue 16, certificates).
    revans_storage::commit(tx).await?;
    Ok(true)
}
