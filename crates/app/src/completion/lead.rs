//! Who may keep a cohort's completion record: a lead of the programme (an admin of its
//! organisation or one above it). Anyone else is told the cohort is not there, so another
//! tenant's cohorts cannot even be confirmed to exist.

use revans_domain::Id;
use revans_storage::cohorts::Cohort;
use revans_storage::programmes::Programme;
use revans_storage::{Conn, Organisation, cohorts, programmes};

use crate::{Error, Viewer, admin_scope};

/// A cohort as its lead sees it, with the organisations the lead administers (for names).
pub(crate) struct LeadCohort {
    pub cohort: Cohort,
    pub programme: Programme,
    pub scope: Vec<Organisation>,
}

impl LeadCohort {
    /// The name of a participant's organisation, when it is in the lead's scope.
    pub fn organisation(&self, id: &Id) -> String {
        self.scope
            .iter()
            .find(|o| &o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| "Another organisation".to_owned())
    }
}

/// The cohort, for a lead of its programme (404 for anyone else).
pub(crate) async fn lead_cohort(
    conn: &mut Conn,
    viewer: &Viewer,
    cohort: &Id,
) -> Result<LeadCohort, Error> {
    if !viewer.is_admin() {
        return Err(Error::Forbidden);
    }
    let cohort = cohorts::get(conn, cohort).await?.ok_or(Error::NotFound)?;
    let programme = programmes::get(conn, &cohort.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = admin_scope(conn, viewer).await?;
    if !scope.iter().any(|o| o.id == programme.organisation_id) {
        return Err(Error::NotFound);
    }
    Ok(LeadCohort {
        cohort,
        programme,
        scope,
    })
}

/// An id from the path; one that does not read names nothing.
pub fn path_id(raw: &str) -> Result<Id, Error> {
    Id::parse(raw.trim()).ok_or(Error::NotFound)
}

/// A session number from the path; one that does not read names no session.
pub fn path_ordinal(raw: &str) -> Result<i64, Error> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(Error::NotFound)
}
