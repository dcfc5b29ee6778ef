//! Pages of the lists that grow, across every organisation the viewer administers: each
//! root's next page is read with a keyset query (`storage`), then merged. A root's first
//! `limit + 1` rows after the cursor hold every row of the merged first `limit + 1`, so the
//! merge is exact with one query per root, whatever the size of the list.

use revans_domain::Id;
use revans_storage::audit::{self, AuditEntry};
use revans_storage::{Conn, Person, people};

use crate::Error;
use crate::Viewer;

/// Up to `limit` people after the id `after`, in the order they were added (by id), plus one
/// more if there is more.
pub async fn people_after(
    conn: &mut Conn,
    viewer: &Viewer,
    after: Option<&Id>,
    limit: usize,
) -> Result<Vec<Person>, Error> {
    let mut all: Vec<Person> = Vec::new();
    for root in viewer.admin_roots() {
        all.extend(people::page_in_tree(conn, &root, after, limit as i64 + 1).await?);
    }
    all.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    all.dedup_by(|a, b| a.id == b.id);
    all.truncate(limit + 1);
    Ok(all)
}

/// Up to `limit` audit entries older than `before` (`(at, id)`), newest first, plus one more
/// if there is more.
pub async fn audit_before(
    conn: &mut Conn,
    viewer: &Viewer,
    before: Option<(i64, &str)>,
    limit: usize,
) -> Result<Vec<AuditEntry>, Error> {
    let mut entries = Vec::new();
    for root in viewer.admin_roots() {
        entries.extend(audit::page_in_tree(conn, &root, before, limit as i64 + 1).await?);
    }
    entries.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    entries.dedup_by(|a, b| a.id == b.id);
    entries.truncate(limit + 1);
    Ok(entries)
}
