//! Issuing: everyone the completion records say completed gets one certificate per cohort,
//! whoever asks first (the sweep once the last session has started, the lead's button, the
//! attendance register and exception commands). Each is emailed to its holder in the same
//! transaction, and issuing again does nothing.

use revans_domain::cpd::Standing;
use revans_domain::{Id, day_in};
use revans_storage::certificates::{self as store, NewCertificate};
use revans_storage::{Conn, audit, now_ms};

use super::code::new_code;
use super::led_cohort;
use crate::completion::cohort_records;
use crate::mail::{self, CertificateEmail, Text, Value};
use crate::{Actor, App, Error, Settings};

/// The sweep looks at cohorts whose last session started within this long (the attendance
/// and exception commands issue at once, whenever they are used).
pub const SWEEP_WINDOW_MS: i64 = 60 * 24 * 3_600_000;

/// Issues a certificate to every participant of `cohort` who has completed and has none yet,
/// inside the caller's transaction, and queues the email telling them. How many were issued.
pub async fn issue_for_completers(
    conn: &mut Conn,
    settings: &Settings,
    cohort: &Id,
    by: Option<&Id>,
) -> Result<usize, Error> {
    issue_telling(conn, settings, cohort, by, Tell::Holders).await
}

/// Whether issuing emails the holders. Only the demo's history (certificates "issued" last
/// winter, whose emails would have gone then) is issued without telling anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tell {
    Holders,
    Nobody,
}

pub(crate) async fn issue_telling(
    conn: &mut Conn,
    settings: &Settings,
    cohort: &Id,
    by: Option<&Id>,
    tell: Tell,
) -> Result<usize, Error> {
    let now = now_ms();
    let Some(records) = cohort_records(conn, cohort, now).await? else {
        return Ok(0);
    };
    let complete: Vec<_> = records
        .people
        .iter()
        .filter(|p| p.standing.is_complete())
        .collect();
    if complete.is_empty() {
        return Ok(0);
    }
    let c = revans_storage::cohorts::get(conn, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = revans_storage::programmes::get(conn, &c.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    let held: Vec<String> = store::for_cohort(conn, cohort)
        .await?
        .into_iter()
        .map(|r| r.person_id)
        .collect();
    let starts_on = records
        .sessions
        .first()
        .map(|s| day_in(s.starts_at, &records.timezone))
        .unwrap_or_default();
    let ends_on = records
        .sessions
        .last()
        .map(|s| day_in(s.starts_at, &records.timezone))
        .unwrap_or_default();
    let title = &programme.fields.title;
    let mut issued = 0;
    for person in complete {
        if held.iter().any(|h| h == person.person_id.as_str()) {
            continue;
        }
        let completed_on = person
            .completed_on
            .clone()
            .unwrap_or_else(|| day_in(now, &records.timezone));
        let inserted = store::insert(
            conn,
            &NewCertificate {
                code: &new_code(),
                person_id: &person.person_id,
                cohort_id: cohort,
                holder_name: &person.name,
                tenant_name: &settings.tenant_name,
                programme_title: title,
                cohort_name: &c.name,
                starts_on: &starts_on,
                ends_on: &ends_on,
                completed_on: &completed_on,
                cpd_minutes: i64::from(person.cpd.total()),
                outcomes: &programme.fields.outcomes,
                by_exception: person.standing == Standing::CompletedByException,
                issued_at: now,
                issued_by: by,
            },
        )
        .await?;
        if inserted.is_none() {
            continue;
        }
        issued += 1;
        if tell == Tell::Nobody {
            continue;
        }
        mail::enqueue(
            conn,
            &person.email,
            &CertificateEmail {
                tenant: settings.tenant_name.clone(),
                name: person.name.clone(),
                programme: title.clone(),
                headline: Text::new("email-certificate-ready").arg("programme", title),
                lines: vec![
                    Text::new("email-certificate-completed")
                        .arg("programme", title)
                        .arg("cohort", &c.name),
                    Text::new("email-cpd-hours")
                        .arg("hours", Value::Hours(i64::from(person.cpd.total()))),
                    Text::new("email-certificate-check"),
                ],
                link: format!("{}/certificates", settings.base_url()),
                link_label: Text::new("email-see-download-certificates"),
            },
        )
        .await?;
    }
    Ok(issued)
}

/// The lead's "Issue certificates": issues to everyone who has completed and has none yet.
pub async fn issue(app: &App, actor: &Actor<'_>, cohort: &Id) -> Result<usize, Error> {
    let mut tx = app.store.begin().await?;
    let (c, programme) = led_cohort(&mut tx, actor.viewer, cohort).await?;
    let issued = issue_for_completers(
        &mut tx,
        &app.settings,
        cohort,
        Some(&actor.viewer.person.id),
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "certificates.issued",
            "cohort",
            cohort.as_str(),
            &format!(
                "Issued {issued} certificates for {} ({})",
                programme.fields.title, c.name
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(issued)
}

/// The periodic sweep: issues for cohorts whose last session has started (within the sweep
/// window) and that have participants without a certificate, one transaction per cohort.
/// (certificates issued, cohorts that failed).
pub async fn sweep(app: &App, now: i64) -> Result<(usize, usize), Error> {
    let cohorts = {
        let mut conn = app.store.conn().await?;
        store::cohorts_awaiting(&mut conn, now - SWEEP_WINDOW_MS, now).await?
    };
    let (mut issued, mut failed) = (0, 0);
    for cohort in cohorts {
        match sweep_cohort(app, &cohort).await {
            Ok(n) => issued += n,
            Err(e) => {
                tracing::error!(cohort = %cohort, error = %e, "issuing certificates failed");
                failed += 1;
            }
        }
    }
    Ok((issued, failed))
}

async fn sweep_cohort(app: &App, cohort: &Id) -> Result<usize, Error> {
    let mut tx = app.store.begin().await?;
    let issued = issue_for_completers(&mut tx, &app.settings, cohort, None).await?;
    if issued > 0 {
        let organisation = match revans_storage::cohorts::get(&mut tx, cohort).await? {
            Some(c) => revans_storage::programmes::get(&mut tx, &c.programme_id)
                .await?
                .map(|p| p.organisation_id),
            None => None,
        };
        audit::record(
            &mut tx,
            audit::NewAuditEntry {
                actor_id: None,
                actor_name: "Revans (scheduled)",
                action: "certificates.issued",
                subject_type: "cohort",
                subject_id: cohort.as_str(),
                detail: &format!("Issued {issued} certificates on completion"),
                ip: "background worker",
                organisation_id: organisation.as_ref(),
            },
        )
        .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(issued)
}
