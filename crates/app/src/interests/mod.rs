//! Masterclasses from interests (C10, issue 16). People in action learning sets and support
//! circles say what they would like a masterclass on (`record`); the lead reads the topics
//! counted across their organisation tree under the small-number rule, never who asked
//! (`report`), and makes a draft masterclass from a topic enough people asked for, Revans
//! inviting each of them by email (`masterclass`).

pub mod masterclass;
pub mod record;
pub mod report;

use revans_domain::Id;

use crate::{Error, Viewer};

/// The organisation whose tree a lead's figures cover, and which owns the masterclasses they
/// make: their first admin grant's, as for every programme they create.
pub(crate) fn lead_root(viewer: &Viewer) -> Result<Id, Error> {
    viewer
        .admin_roots()
        .into_iter()
        .next()
        .ok_or(Error::Forbidden)
}
