//! Who is acting, and the scope they act in: the signed-in person with their roles, the
//! address the request came from (for the audit log), and the organisations they administer.

use revans_domain::{Id, Role};
use revans_storage::{Conn, Organisation, Person, RoleGrant, audit, organisations as orgs};

use crate::Error;

/// A signed-in person and what they may do.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub person: Person,
    pub roles: Vec<RoleGrant>,
}

/// The zone times are shown in for someone who has not chosen one.
pub const DEFAULT_ZONE: &str = "Europe/London";

impl Viewer {
    /// The time zone this person reads times in.
    pub fn timezone(&self) -> &str {
        self.person.timezone.as_deref().unwrap_or(DEFAULT_ZONE)
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }

    /// Organisations this person administers (each with everything below it).
    pub fn admin_roots(&self) -> Vec<Id> {
        self.roles
            .iter()
            .filter(|g| g.role == Role::Admin)
            .map(|g| g.organisation_id.clone())
            .collect()
    }

    pub fn is_admin(&self) -> bool {
        self.has_role(Role::Admin)
    }

    pub fn role_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Role::ALL
            .into_iter()
            .filter(|r| self.has_role(*r))
            .map(Role::label)
            .collect();
        names.dedup();
        names
    }
}

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
    ) -> Result<(), Error> {
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
pub async fn admin_scope(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Organisation>, Error> {
    let mut all: Vec<Organisation> = Vec::new();
    for root in viewer.admin_roots() {
        all.extend(orgs::tree(conn, &root).await?);
    }
    Ok(sorted_unique(all, |o| &o.id, |o| &o.name))
}

/// Refuses unless the viewer administers `org`. Outside the scope it is "not found", so
/// another tenant's records cannot even be confirmed to exist.
pub async fn require_admin_of(conn: &mut Conn, viewer: &Viewer, org: &Id) -> Result<(), Error> {
    if admin_scope(conn, viewer)
        .await?
        .iter()
        .any(|o| &o.id == org)
    {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// Reads an organisation id typed into a form or JSON body, as a field error when unusable.
pub fn parse_org_field(raw: &str, field: &'static str) -> Result<Id, Error> {
    Id::parse(raw.trim()).ok_or_else(|| Error::field(field, "Select an organisation"))
}

/// People in every organisation the viewer administers, by name.
pub async fn people_in_scope(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Person>, Error> {
    let mut all: Vec<Person> = Vec::new();
    for root in viewer.admin_roots() {
        all.extend(revans_storage::people::list_in_tree(conn, &root).await?);
    }
    Ok(sorted_unique(all, |p| &p.id, |p| &p.name))
}

/// Rows gathered from several admin roots (which may nest), each once, by name.
fn sorted_unique<T>(mut rows: Vec<T>, id: impl Fn(&T) -> &Id, name: impl Fn(&T) -> &str) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    rows.retain(|r| seen.insert(id(r).clone()));
    rows.sort_by(|a, b| name(a).cmp(name(b)));
    rows
}
