//! The audit log as a programme lead reads it: every change in the organisations they
//! administer, newest first.

pub use revans_storage::AuditEntry;

use crate::{App, Error, Viewer, audit_in_scope};

/// The newest `limit` entries after skipping `offset`, across the viewer's organisations.
pub async fn entries(
    state: &App,
    viewer: &Viewer,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>, Error> {
    let mut conn = state.store.conn().await?;
    audit_in_scope(&mut conn, viewer, limit, offset).await
}
