//! What people can do, once, for both the pages and the API: validate the input into domain
//! types, check the actor may do it, then change storage in one transaction with its audit
//! entry and any email. Handlers only translate HTTP to these calls and back.

pub mod accounts;
pub mod api_access;
pub mod api_account;
pub mod api_meeting_view;
pub mod api_pages;
pub mod api_reporting_lines;
pub mod api_self_selection;
pub mod api_sponsor;
pub mod applications;
pub mod cohort_edit;
pub mod formation;
pub mod formation_attributes;
pub mod formation_rules;
pub mod meetings;
pub mod nomination_caps;
pub mod organisations;
pub mod password_reset;
pub mod people;
pub mod programmes;
pub mod review_queue;
pub mod self_selection;
pub mod set_access;
pub mod set_repair;
pub mod sets_overview;
pub mod sign_in_guard;
pub mod tokens;
// Learning diaries and the themes report (C5).
pub mod diaries;
pub mod diary_links;
pub mod reports;

use revans_domain::Id;
use revans_storage::{AuditEntry, Conn, Organisation, Person, audit, organisations as orgs};

use crate::auth::Viewer;
use crate::error::AppError;

/// Where a change came from, for the audit log.
pub struct Actor<'a> {
    pub viewer: &'a Viewer,
    pub ip: &'a str,
}

impl Actor<'_> {
    pub async fn audit(
        &self,
        conn: &mut Conn,
        action: &str,
        subject_type: &str,
        subject_id: &str,
        detail: &str,
        organisation_id: &Id,
    ) -> Result<(), AppError> {
        audit::record(
            conn,
            audit::NewAuditEntry {
                actor_id: Some(&self.viewer.person.id),
                actor_name: &self.viewer.person.name,
                action,
                subject_type,
                subject_id,
                detail,
                ip: self.ip,
                organisation_id: Some(organisation_id),
            },
        )
        .await?;
        Ok(())
    }
}

/// Every organisation the viewer administers: each admin grant's organisation and all below it.
pub async fn admin_scope(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Organisation>, AppError> {
    let mut all: Vec<Organisation> = Vec::new();
    for root in viewer.admin_roots() {
        for org in orgs::tree(conn, &root).await? {
            if !all.iter().any(|o| o.id == org.id) {
                all.push(org);
            }
        }
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}

/// Refuses unless the viewer administers `org`. Outside the scope it is "not found", so
/// another tenant's records cannot even be confirmed to exist.
pub async fn require_admin_of(conn: &mut Conn, viewer: &Viewer, org: &Id) -> Result<(), AppError> {
    if admin_scope(conn, viewer)
        .await?
        .iter()
        .any(|o| &o.id == org)
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Reads an organisation id typed into a form or JSON body, as a field error when unusable.
pub fn parse_org_field(raw: &str, field: &'static str) -> Result<Id, AppError> {
    Id::parse(raw.trim()).ok_or_else(|| AppError::field(field, "Select an organisation"))
}

/// People in every organisation the viewer administers, by name.
pub async fn people_in_scope(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Person>, AppError> {
    let mut all: Vec<Person> = Vec::new();
    for root in viewer.admin_roots() {
        for p in revans_storage::people::list_in_tree(conn, &root).await? {
            if !all.iter().any(|x| x.id == p.id) {
                all.push(p);
            }
        }
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}

/// The newest `limit` audit entries (after skipping `offset`) across the viewer's organisations.
pub async fn audit_in_scope(
    conn: &mut Conn,
    viewer: &Viewer,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>, AppError> {
    let mut entries = Vec::new();
    for root in viewer.admin_roots() {
        entries.extend(audit::list_in_tree(conn, &root, limit + offset, 0).await?);
    }
    entries.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    entries.dedup_by(|a, b| a.id == b.id);
    Ok(entries
        .into_iter()
        .skip(offset.max(0) as usize)
        .take(limit.max(0) as usize)
        .collect())
}
