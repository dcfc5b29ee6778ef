//! The attendance register of one of a cohort's own sessions: its lead marks each accepted
//! participant present or absent. A session that has not started cannot be marked (nobody
//! can attend the future), and a row naming anyone who is not a participant refuses the
//! whole register, so nothing changes.

use revans_domain::{FieldError, Id};
use revans_i18n::when_in;
use revans_storage::completion::record_session_attendance;
use revans_storage::now_ms;

use super::lead::lead_cohort;
use super::records::{CohortRecords, cohort_records};
use super::views::rfc3339;
use crate::{Actor, App, Error, Viewer};

/// A participant's line in the register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionRegisterRow {
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    /// Recorded present (true), absent (false), or not yet recorded (null).
    pub present: Option<bool>,
}

/// A session's register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionRegister {
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_title: String,
    pub ordinal: i64,
    /// How many sessions the cohort has.
    pub total_sessions: u32,
    /// RFC 3339.
    pub starts_at: String,
    /// The start in the cohort's zone, as people read it.
    pub when: String,
    /// Whether it has started; only then can it be marked.
    pub started: bool,
    pub participants: Vec<CompletionRegisterRow>,
}

/// One row as sent: whom, and present (true) or absent (false); None is a row left blank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkInput {
    pub person_id: String,
    pub present: Option<bool>,
}

/// What a saved register recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionRegisterSaved {
    pub present: u32,
    pub absent: u32,
}

fn register_of(
    records: &CohortRecords,
    lead: &super::lead::LeadCohort,
    ordinal: i64,
    now: i64,
) -> Result<CompletionRegister, Error> {
    let session = records
        .sessions
        .iter()
        .find(|s| s.ordinal == ordinal)
        .ok_or(Error::NotFound)?;
    Ok(CompletionRegister {
        cohort_id: lead.cohort.id.to_string(),
        cohort_name: lead.cohort.name.clone(),
        programme_title: lead.programme.fields.title.clone(),
        ordinal,
        total_sessions: records.sessions.len() as u32,
        starts_at: rfc3339(session.starts_at),
        when: when_in(session.starts_at, &records.timezone),
        started: session.starts_at <= now,
        participants: records
            .people
            .iter()
            .map(|p| CompletionRegisterRow {
                person_id: p.person_id.to_string(),
                name: p.name.clone(),
                organisation: lead.organisation(&p.organisation_id),
                present: if p.present_at.contains(&ordinal) {
                    Some(true)
                } else if p.absent_at.contains(&ordinal) {
                    Some(false)
                } else {
                    None
                },
            })
            .collect(),
    })
}

/// The register of session `ordinal` of `cohort`, for one of its leads.
pub async fn register(
    app: &App,
    viewer: &Viewer,
    cohort: &Id,
    ordinal: i64,
) -> Result<CompletionRegister, Error> {
    let mut conn = app.store.conn().await?;
    let lead = lead_cohort(&mut conn, viewer, cohort).await?;
    let now = now_ms();
    let records = cohort_records(&mut conn, cohort, now)
        .await?
        .ok_or(Error::NotFound)?;
    register_of(&records, &lead, ordinal, now)
}

/// Checks every row against the cohort's participants: each names one participant once and
/// says present or absent. All problems at once, each naming its row.
fn checked_marks(records: &CohortRecords, marks: &[MarkInput]) -> Result<Vec<(Id, bool)>, Error> {
    if marks.is_empty() {
        return Err(Error::field(
            "marks",
            "Mark at least one participant present or absent",
        ));
    }
    let mut errors = Vec::new();
    let mut out: Vec<(Id, bool)> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        let row = i + 1;
        let person = records
            .people
            .iter()
            .find(|p| p.person_id.as_str() == m.person_id.trim());
        let Some(person) = person else {
            errors.push(FieldError {
                field: format!("marks[{i}].person_id"),
                message: format!(
                    "Row {row} names someone who is not a participant of this cohort: \
                     only people with an accepted place can be marked"
                ),
            });
            continue;
        };
        if out.iter().any(|(id, _)| id == &person.person_id) {
            errors.push(FieldError {
                field: format!("marks[{i}].person_id"),
                message: format!("Row {row} marks {} a second time", person.name),
            });
            continue;
        }
        match m.present {
            Some(present) => out.push((person.person_id.clone(), present)),
            None => errors.push(FieldError {
                field: format!("marks[{i}].present"),
                message: format!("Choose present or absent for {}", person.name),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Records the register of session `ordinal` in one transaction with its audit entry,
/// replacing earlier marks for the people in it (others keep theirs).
pub async fn record(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    ordinal: i64,
    marks: &[MarkInput],
) -> Result<CompletionRegisterSaved, Error> {
    let now = now_ms();
    let mut tx = app.store.begin().await?;
    let lead = lead_cohort(&mut tx, actor.viewer, cohort).await?;
    let records = cohort_records(&mut tx, cohort, now)
        .await?
        .ok_or(Error::NotFound)?;
    let register = register_of(&records, &lead, ordinal, now)?;
    if !register.started {
        return Err(Error::Conflict(format!(
            "Session {ordinal} has not started yet (it starts {}). Record attendance once it has begun.",
            register.when
        )));
    }
    let checked = checked_marks(&records, marks)?;
    record_session_attendance(&mut tx, cohort, ordinal, &checked, &actor.viewer.person.id).await?;
    let present = checked.iter().filter(|(_, p)| *p).count() as u32;
    let absent = checked.len() as u32 - present;
    actor
        .audit(
            &mut tx,
            "completion.attendance_recorded",
            "cohort",
            cohort.as_str(),
            &format!(
                "Recorded attendance at session {ordinal} of {}: {present} present, {absent} absent",
                lead.cohort.name
            ),
            &lead.programme.organisation_id,
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
    Ok(CompletionRegisterSaved { present, absent })
}
