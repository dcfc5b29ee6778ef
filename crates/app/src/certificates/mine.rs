//! A participant's own certificates, and downloading one: the holder, or a lead of the
//! cohort's programme; anyone else is told it is not there.

use revans_domain::Id;
use revans_storage::certificates as store;

use super::{CertificateView, leads_cohort, pdf};
use crate::{App, Error, Viewer};

/// The viewer's certificates, newest first, in one query.
pub async fn mine(app: &App, viewer: &Viewer) -> Result<Vec<CertificateView>, Error> {
    let mut conn = app.store.conn().await?;
    Ok(store::for_person(&mut conn, &viewer.person.id)
        .await?
        .iter()
        .map(CertificateView::from_row)
        .collect())
}

/// A downloadable file.
#[derive(Debug, Clone)]
pub struct CertificateFile {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// One certificate's PDF. `logo` is the tenant's logo (PNG bytes), if it has one.
pub async fn pdf(
    app: &App,
    viewer: &Viewer,
    id: &Id,
    logo: Option<&[u8]>,
) -> Result<CertificateFile, Error> {
    let mut conn = app.store.conn().await?;
    let row = store::get(&mut conn, id).await?.ok_or(Error::NotFound)?;
    if row.person_id != viewer.person.id.as_str()
        && !leads_cohort(&mut conn, viewer, &Id::from_trusted(row.cohort_id.clone())).await?
    {
        return Err(Error::NotFound);
    }
    drop(conn);
    let view = CertificateView::from_row(&row);
    Ok(CertificateFile {
        filename: view.filename(),
        bytes: pdf::render(&row, &app.settings, logo)?,
    })
}
