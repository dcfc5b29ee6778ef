//! The Revans application layer: every use case, commands and queries, for both faces (the
//! pages and the JSON API) and the command line. A use case validates its input into domain
//! types, checks the actor may do it, then reads or changes storage (a change in one
//! transaction with its audit entry and any email). Nothing here knows HTTP or HTML.
//!
//! One folder per capability: `access` (accounts, sign-in, tokens), `directory` (people and
//! organisations), `places` (programmes, cohorts, applications), `sets` (forming, meetings,
//! self-selection, repair), `diaries` (entries, links, the themes report).

pub mod access;
pub mod access_checks;
mod actor;
pub mod audit_log;
pub mod calendar;
pub mod certificates;
pub mod circles;
pub mod completion;
pub mod dead_letters;
pub mod demo;
pub mod diaries;
pub mod directory;
mod error;
pub mod evaluation;
pub mod events;
pub mod facilitator_records;
pub mod facilitators;
pub mod generate;
pub mod home;
pub mod interests;
pub mod jobs;
pub mod mail;
pub mod paging;
pub mod places;
pub mod portfolio;
// Erasure, retention and subject access (issue 17).
pub mod privacy;
pub mod security;
pub mod sets;
pub mod sso;
pub mod sweeps;

use std::sync::Arc;

use revans_storage::Store;

/// Now, in milliseconds since the epoch: how every stored time is kept.
pub use revans_storage::now_ms;

pub use actor::{
    Actor, DEFAULT_ZONE, Viewer, admin_scope, parse_org_field, people_in_scope, require_admin_of,
};
pub use error::{EMAIL_CANNOT_BE_USED, Error};

/// What every use case works with: the store and the few settings that shape what it writes
/// (links in emails, the service's name). Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub settings: Arc<Settings>,
}

/// The settings the use cases need, taken from the service's configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What people call this service ("Revans", "North Region Leadership Academy").
    pub tenant_name: String,
    /// The address people reach the service at, without a trailing slash, for links in emails.
    pub public_url: String,
    /// CONTROL RUNS ONLY: accepting an offer skips the capacity re-check, so the oversell
    /// drill can show that it would see an oversell. Never read from configuration: only code
    /// (a test or drill) can set it. Always false in the service.
    pub unsafe_skip_capacity_check: bool,
    /// People may erase their own account (`/account/erase`); otherwise only a lead can.
    pub self_erasure: bool,
    /// Months after a cohort ends that its diary entries and answers are deleted; None keeps them.
    pub retention_months: Option<u32>,
}

impl Settings {
    /// The service's address for links in emails.
    pub fn base_url(&self) -> String {
        self.public_url.clone()
    }
}
