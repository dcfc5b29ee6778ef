//! Revoking: a lead of the cohort's programme says why; the certificate stays (verification
//! then says it was revoked), the holder is emailed, and the audit log records it. Revoking
//! twice is refused, so the first reason and date stand.

use revans_domain::Id;
use revans_storage::certificates as store;

use super::{CertificateView, led_cohort};
use crate::mail::{self, CertificateEmail, Text};
use crate::{Actor, App, Error, now_ms};

/// The longest reason, in characters.
pub const REASON_MAX: usize = 500;

pub async fn revoke(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    reason: &str,
) -> Result<CertificateView, Error> {
    let mut tx = app.store.begin().await?;
    let row = store::get(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let cohort = Id::from_trusted(row.cohort_id.clone());
    let (_, programme) = led_cohort(&mut tx, actor.viewer, &cohort).await?;
    if let Some(at) = row.revoked_at {
        return Err(Error::Conflict(format!(
            "This certificate was already revoked on {}",
            super::long_day(&revans_domain::day_in(at, "UTC"))
        )));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Enter why the certificate is being revoked",
        ));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(Error::field(
            "reason",
            format!("The reason must be {REASON_MAX} characters or fewer"),
        ));
    }
    let now = now_ms();
    if !store::revoke(&mut tx, id, &actor.viewer.person.id, reason, now).await? {
        return Err(Error::Conflict(
            "This certificate was already revoked".into(),
        ));
    }
    actor
        .audit(
            &mut tx,
            "certificate.revoked",
            "certificate",
            id.as_str(),
            &format!(
                "Revoked the certificate of {} for {} ({}): {reason}",
                row.holder_name, row.programme_title, row.cohort_name
            ),
            &programme.organisation_id,
        )
        .await?;
    let email = revans_storage::people::get(&mut tx, &Id::from_trusted(row.person_id.clone()))
        .await?
        .map(|p| p.email);
    if let Some(email) = email {
        mail::enqueue(
            &mut tx,
            email.as_str(),
            &CertificateEmail {
                tenant: app.settings.tenant_name.clone(),
                name: row.holder_name.clone(),
                programme: row.programme_title.clone(),
                headline: Text::new("email-certificate-revoked")
                    .arg("programme", &row.programme_title),
                lines: vec![
                    Text::new("email-reason").arg("reason", reason),
                    Text::new("email-certificate-revoked-check"),
                ],
                link: format!("{}/certificates", app.settings.base_url()),
                link_label: Text::new("email-see-certificates"),
            },
        )
        .await?;
    }
    revans_storage::commit(tx).await?;
    let mut view = CertificateView::from_row(&row);
    view.revoked_at = Some(now);
    view.revoked_reason = Some(reason.to_owned());
    Ok(view)
}
