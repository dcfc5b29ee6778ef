//! Pages of the lists that grow, across every organisation the viewer administers: each
//! root's next page is read with a keyset query (`storage`), then merged. A root's first
//! `limit + 1` rows after the cursor hold every row of the merged first `limit + 1`, so the
//! merge is exact with one query per root, whatever the size of the list.

use std::collections::HashMap;

use revans_domain::Id;
use revans_storage::audit::{self, AuditEntry};
use revans_storage::{Direction, Person, RoleGrant, people};

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
    // One query for the roles of the people on this page (never everyone's in the tree). The
    // people are all in the viewer's trees already; their grants are listed whatever the
    // organisation, as before.
    let ids: Vec<Id> = all.iter().map(|p| p.id.clone()).collect();
    let mut roles: HashMap<Id, Vec<RoleGrant>> = HashMap::new();
    for (person, grant) in people::roles_of(conn, &ids).await? {
        let held = roles.entry(person).or_default();
        if !held.contains(&grant) {
            held.push(grant);
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

/// Where a page of a list starts: the first page, the page after the last item of the page
/// on screen ("Next"), or the page before its first item ("Previous").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek<K> {
    First,
    After(K),
    Before(K),
}

/// One page of a list in the list's order, and whether there are pages either side of it.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_previous: bool,
    pub has_next: bool,
}

impl<K> Seek<K> {
    pub fn direction(&self) -> Direction {
        match self {
            Seek::Before(_) => Direction::Backward,
            _ => Direction::Forward,
        }
    }

    pub fn key(&self) -> Option<&K> {
        match self {
            Seek::First => None,
            Seek::After(k) | Seek::Before(k) => Some(k),
        }
    }

    /// Up to `limit + 1` rows read from the cursor, nearest first, as a page in the list's
    /// order: the extra row only says there is more in the direction read.
    pub fn page<T>(&self, mut rows: Vec<T>, limit: usize) -> Page<T> {
        let more = rows.len() > limit;
        rows.truncate(limit);
        match self {
            Seek::First => Page {
                items: rows,
                has_previous: false,
                has_next: more,
            },
            Seek::After(_) => Page {
                items: rows,
                has_previous: true,
                has_next: more,
            },
            Seek::Before(_) => {
                rows.reverse();
                Page {
                    items: rows,
                    // Read backwards from a page that was on screen: its first item follows.
                    has_previous: more,
                    has_next: true,
                }
            }
        }
    }
}

/// Merges each root's rows (each nearest the cursor first) into one run nearest first.
fn merge<T>(
    mut all: Vec<T>,
    dir: Direction,
    limit: usize,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    all.sort_by(|a, b| match dir {
        Direction::Forward => cmp(a, b),
        Direction::Backward => cmp(b, a),
    });
    all.dedup_by(|a, b| same(a, b));
    all.truncate(limit + 1);
    all
}

/// A page of the people in the viewer's organisations, by name (ties by id); the key is
/// `(name, id)`. One keyset query per organisation the viewer administers.
pub async fn people_by_name(
    state: &App,
    viewer: &Viewer,
    seek: &Seek<(String, String)>,
    limit: usize,
) -> Result<Page<Person>, Error> {
    let mut conn = state.store.conn().await?;
    let dir = seek.direction();
    let from = seek.key().map(|(n, i)| (n.as_str(), i.as_str()));
    let mut all = Vec::new();
    for root in viewer.admin_roots() {
        all.extend(
            people::page_by_name_in_tree(&mut conn, &root, from, dir, limit as i64 + 1).await?,
        );
    }
    let rows = merge(
        all,
        dir,
        limit,
        |a: &Person, b: &Person| a.name.cmp(&b.name).then(a.id.as_str().cmp(b.id.as_str())),
        |a, b| a.id == b.id,
    );
    Ok(seek.page(rows, limit))
}

/// A page of the audit log of the viewer's organisations, newest first (ties by id); the key
/// is `(at, id)`. One keyset query per organisation the viewer administers.
pub async fn audit(
    state: &App,
    viewer: &Viewer,
    seek: &Seek<(i64, String)>,
    limit: usize,
) -> Result<Page<AuditEntry>, Error> {
    let mut conn = state.store.conn().await?;
    let dir = seek.direction();
    let from = seek.key().map(|(at, id)| (*at, id.as_str()));
    let mut all = Vec::new();
    for root in viewer.admin_roots() {
        all.extend(audit::seek_in_tree(&mut conn, &root, from, dir, limit as i64 + 1).await?);
    }
    // The log's order is newest first.
    let rows = merge(
        all,
        dir,
        limit,
        |a: &AuditEntry, b: &AuditEntry| b.at.cmp(&a.at).then(b.id.cmp(&a.id)),
        |a, b| a.id == b.id,
    );
    Ok(seek.page(rows, limit))
}

/// A page of a programme's review queue in id order, the filters applied in SQL; the key is
/// the application's id. The caller has checked the viewer leads the programme.
pub async fn applications_queue(
    conn: &mut revans_storage::Conn,
    programme_id: &Id,
    filter: &revans_storage::applications::QueueFilter<'_>,
    seek: &Seek<String>,
    limit: usize,
) -> Result<Page<revans_storage::applications::Application>, Error> {
    let rows = revans_storage::applications::queue_seek(
        conn,
        programme_id,
        filter,
        seek.key().map(String::as_str),
        seek.direction(),
        limit as i64 + 1,
    )
    .await?;
    Ok(seek.page(rows, limit))
}

/// A page of the applications from the organisations the viewer sponsors (sent ones, and
/// nominations waiting for the nominee), in id order; the key is the application's id. One
/// keyset query per sponsored organisation.
pub async fn sponsor_nominees(
    conn: &mut revans_storage::Conn,
    roots: &[Id],
    seek: &Seek<String>,
    limit: usize,
) -> Result<Page<revans_storage::applications::Application>, Error> {
    let dir = seek.direction();
    let from = seek.key().map(String::as_str);
    let mut all = Vec::new();
    for root in roots {
        all.extend(
            revans_storage::applications::seek_from_tree(conn, root, from, dir, limit as i64 + 1)
                .await?,
        );
    }
    let rows = merge(
        all,
        dir,
        limit,
        |a: &revans_storage::applications::Application, b| a.id.as_str().cmp(b.id.as_str()),
        |a, b| a.id == b.id,
    );
    Ok(seek.page(rows, limit))
}

/// A page of the given-up jobs about the people of `roots`, newest first (ties by id); the
/// key is `(created_at, id)`. One keyset query per root.
pub async fn dead_letters(
    conn: &mut revans_storage::Conn,
    roots: &[Id],
    seek: &Seek<(i64, String)>,
    limit: usize,
) -> Result<Page<revans_storage::jobs::TenantDeadLetter>, Error> {
    use revans_storage::jobs::{self, TenantDeadLetter};
    let dir = seek.direction();
    let from = seek.key().map(|(at, id)| (*at, id.as_str()));
    let mut all = Vec::new();
    for root in roots {
        all.extend(jobs::given_up_seek_in_tree(conn, root, from, dir, limit as i64 + 1).await?);
    }
    let rows = merge(
        all,
        dir,
        limit,
        |a: &TenantDeadLetter, b: &TenantDeadLetter| {
            b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id))
        },
        |a, b| a.id == b.id,
    );
    Ok(seek.page(rows, limit))
}
