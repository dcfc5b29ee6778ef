//! Certificates of completion (C10, issue 16): issued to everyone the completion records say
//! completed (by the sweep, the lead's button, or the attendance and exception commands),
//! listed and downloaded by their holder, verified publicly by their code, revoked by a lead
//! with a reason, and downloaded by a lead as one ZIP per cohort.

pub mod code;
pub mod cohort;
pub mod issue;
pub mod mine;
pub mod pdf;
pub mod revoke;
pub mod verify;
mod view;

pub use view::CertificateView;

use revans_domain::Id;
use revans_storage::Conn;
use revans_storage::cohorts::Cohort;
use revans_storage::programmes::Programme;

use crate::{Error, Viewer, require_admin_of};

/// The cohort and its programme, if the viewer leads the programme's organisation tree;
/// "not found" otherwise, so another tenant's cohorts cannot be confirmed to exist.
pub(crate) async fn led_cohort(
    conn: &mut Conn,
    viewer: &Viewer,
    cohort: &Id,
) -> Result<(Cohort, Programme), Error> {
    let c = revans_storage::cohorts::get(conn, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = revans_storage::programmes::get(conn, &c.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    require_admin_of(conn, viewer, &programme.organisation_id).await?;
    Ok((c, programme))
}

/// Whether the viewer leads the cohort's programme (without refusing).
pub(crate) async fn leads_cohort(
    conn: &mut Conn,
    viewer: &Viewer,
    cohort: &Id,
) -> Result<bool, Error> {
    if !viewer.is_admin() {
        return Ok(false);
    }
    match led_cohort(conn, viewer, cohort).await {
        Ok(_) => Ok(true),
        Err(Error::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A day stored as `YYYY-MM-DD`, in words: "5 March 2027".
pub fn long_day(day: &str) -> String {
    day.parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%-d %B %Y").to_string())
        .unwrap_or_else(|_| day.to_owned())
}
