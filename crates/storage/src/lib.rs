//! Storage: the only crate that knows SQL. One schema and one migration history serve SQLite
//! (the embedded default) and PostgreSQL (scale-out). Queries are portable SQL run through
//! sqlx's `Any` driver; the few places the dialects differ live in `connect.rs`.
//!
//! Functions take `&mut Conn` so a caller can run several of them in one transaction
//! (a change, its audit entry and the email it causes commit together or not at all).

pub mod api_tokens;
pub mod apologies;
pub mod applications;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod calendar_feeds;
// Certificates of completion (issue 16).
pub mod certificates;
pub mod circle_admin;
pub mod circle_bookings;
pub mod circle_calendar;
pub mod circles;
pub mod cohorts;
// Completion and CPD (issue 16).
pub mod completion;
mod connect;
pub mod diaries;
pub mod email_tokens;
// Erasure and retention (issue 17).
pub mod erasure;
mod error;
pub mod evaluation;
pub mod evaluation_targets;
pub mod event_cafe;
pub mod events;
// Facilitator records (issue 15).
pub mod facilitator_profiles;
pub mod facilitator_requests;
pub mod feedback360;
pub mod formation_runs;
pub mod home;
pub mod jobs;
// Masterclasses from interests (issue 16).
pub mod masterclass_interests;
pub mod meetings;
pub mod mentors;
pub mod organisations;
pub mod password_reset_requests;
pub mod people;
pub mod pool;
pub mod portfolio;
// The privacy register (issue 17).
pub mod privacy_register;
pub mod programmes;
pub mod reporting_lines;
pub mod retention;
pub mod sessions;
pub mod set_content;
pub mod set_leavers;
pub mod set_reports;
pub mod sets;
pub mod sign_in_attempts;
pub mod sign_in_notices;
pub mod sso;
pub mod supervision_log;
mod time;

#[cfg(feature = "test-support")]
pub mod testing;
#[cfg(feature = "test-support")]
pub mod testing_privacy;

pub use api_tokens::{ApiToken, ApiTokenOwner};
pub use audit::{AuditEntry, NewAuditEntry};
pub use connect::{Backend, Store};
pub use email_tokens::{TokenPurpose, TokenState};
pub use error::StoreError;
pub use jobs::{ClaimedJob, NewJob};
pub use organisations::Organisation;
pub use people::{Person, RoleGrant};
pub use sessions::SessionRecord;
pub use time::now_ms;

/// Which way a keyset page is read from its cursor: `Forward` is the list's own order (the
/// "Next page"), `Backward` the reverse (the "Previous page"), nearest the cursor first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

/// A connection, or a transaction (which dereferences to one).
pub type Conn = sqlx::AnyConnection;
/// A transaction; dropped without `commit` it rolls back.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Commits a transaction, reporting failure as a storage error.
pub async fn commit(tx: Tx) -> Result<()> {
    tx.commit().await?;
    Ok(())
}

/// A new identifier: UUIDv7, so ids sort by creation time in both backends.
pub fn new_id() -> revans_domain::Id {
    revans_domain::Id::from_trusted(uuid::Uuid::now_v7().to_string())
}

pub(crate) type Result<T, E = StoreError> = std::result::Result<T, E>;
