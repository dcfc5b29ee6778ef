//! The audit log as a programme lead reads it: every change in the organisations they
//! administer, newest first, a page at a time (`crate::paging::audit`).

pub use revans_storage::AuditEntry;
