//! A lead's view of a cohort's certificates: who holds one (and which were revoked), how many
//! who completed still have none, and every valid one as one ZIP.

use revans_domain::Id;
use revans_storage::certificates as store;

use super::{CertificateView, led_cohort, mine::CertificateFile, pdf};
use crate::completion::cohort_records;
use crate::{App, Error, Viewer, now_ms};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortCertificates {
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_id: String,
    pub programme_title: String,
    /// By holder's name.
    pub certificates: Vec<CertificateView>,
    /// Participants who completed and have no certificate yet.
    pub awaiting: usize,
}

impl CohortCertificates {
    pub fn valid(&self) -> usize {
        self.certificates.iter().filter(|c| !c.is_revoked()).count()
    }
}

pub async fn list(app: &App, viewer: &Viewer, cohort: &Id) -> Result<CohortCertificates, Error> {
    let mut conn = app.store.conn().await?;
    let (c, programme) = led_cohort(&mut conn, viewer, cohort).await?;
    let rows = store::for_cohort(&mut conn, cohort).await?;
    let records = cohort_records(&mut conn, cohort, now_ms())
        .await?
        .ok_or(Error::NotFound)?;
    let awaiting = records
        .people
        .iter()
        .filter(|p| p.standing.is_complete())
        .filter(|p| !rows.iter().any(|r| r.person_id == p.person_id.as_str()))
        .count();
    Ok(CohortCertificates {
        cohort_id: c.id.to_string(),
        cohort_name: c.name,
        programme_id: programme.id.to_string(),
        programme_title: programme.fields.title,
        certificates: rows.iter().map(CertificateView::from_row).collect(),
        awaiting,
    })
}

/// Every certificate of the cohort that is not revoked, as one ZIP.
pub async fn zip(
    app: &App,
    viewer: &Viewer,
    cohort: &Id,
    logo: Option<&[u8]>,
) -> Result<CertificateFile, Error> {
    let mut conn = app.store.conn().await?;
    let (c, _) = led_cohort(&mut conn, viewer, cohort).await?;
    let rows: Vec<_> = store::for_cohort(&mut conn, cohort)
        .await?
        .into_iter()
        .filter(|r| !r.is_revoked())
        .collect();
    drop(conn);
    let slug: String = c
        .name
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok(CertificateFile {
        filename: format!("certificates-{}.zip", slug.trim_matches('-')),
        bytes: pdf::zip(&rows, &app.settings, logo)?,
    })
}

/// One certificate, for a lead of its cohort's programme (the revoke confirmation page).
pub async fn one(app: &App, viewer: &Viewer, id: &Id) -> Result<CertificateView, Error> {
    let mut conn = app.store.conn().await?;
    let row = store::get(&mut conn, id).await?.ok_or(Error::NotFound)?;
    led_cohort(&mut conn, viewer, &Id::from_trusted(row.cohort_id.clone())).await?;
    Ok(CertificateView::from_row(&row))
}
