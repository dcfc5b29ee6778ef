//! Pages of the lists that grow, across every organisation the viewer administers: each
//! root's next page is read with a keyset query (`storage`), then merged. A root's first
//! `limit + 1` rows after the cursor hold every row of the merged first `limit + 1`, so the
//! merge is exact with one query per root, whatever the size of the list.

use std::collections::HashMap;

use revans_domain::Id;
use revans_storage::audit::{self, AuditEntry};
use revans_storage::{Person, RoleGrant, people};

use crate::{App, Error, Viewer};

/// Up to `limit` people after the id `after`, in the order they were added (by id), plus one
/// more if there is more; each with their roles in the viewer's organisations.
pub async fn people_after(
    state: &App,
    viewer: &Viewer,
    after: Option<&Id>,
    limit: usize,
) -> Result<Vec<(Person, Vec<RoleGrant>)>, Error> {
    let mut conn = state.store.conn().await?;
    let conn = &mut conn;
    let mut all: Vec<Person> = Vec::new();
    for root in viewer.admin_roots() {
        all.extend(people::page_in_tree(conn, &root, after, limit as i64 + 1).await?);
    }
    all.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    all.dedup_by(|a, b| a.id == b.id);
    all.truncate(limit + 1);
    // One query per admin root for everyone's roles, not one per person.
    let mut roles: HashMap<Id, Vec<RoleGrant>> = HashMap::new();
    for root in viewer.admin_roots() {
        for (person, grant) in people::roles_in_tree(conn, &root).await? {
            let held = roles.entry(person).or_default();
            if !held.contains(&grant) {
                held.push(grant);
            }
        }
    }
    Ok(all
        .into_iter()
        .map(|p| {
            let grants = roles.remove(&p.id).unwrap_or_default();
            (p, grants)
        })
        .collect())
}

/// Up to `limit` audit entries older than `before` (`(at, id)`), newest first, plus one more
/// if there is more.
pub async fn audit_before(
    state: &App,
    viewer: &Viewer,
    before: Option<(i64, &str)>,
    limit: usize,
) -> Result<Vec<AuditEntry>, Error> {
    let mut conn = state.store.conn().await?;
    let conn = &mut conn;
    let mut entries = Vec::new();
    for root in viewer.admin_roots() {
        entries.extend(audit::page_in_tree(conn, &root, before, limit as i64 + 1).await?);
    }
    entries.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    entries.dedup_by(|a, b| a.id == b.id);
    entries.truncate(limit + 1);
    Ok(entries)
}
