//! The append-only audit log: who changed what, when, from where. There is deliberately no
//! update or delete here.

use revans_domain::Id;

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone)]
pub struct NewAuditEntry<'a> {
    pub actor_id: Option<&'a Id>,
    /// Kept as text so the entry still reads right after the person is erased.
    pub actor_name: &'a str,
    /// A verb phrase in snake case: `person.invited`, `session.signed_in`.
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    /// A short factual description; never diary or set content.
    pub detail: &'a str,
    pub ip: &'a str,
    /// The organisation the change belongs to, so each tenant's admins see their own.
    pub organisation_id: Option<&'a Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: String,
    pub at: i64,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub detail: String,
    pub ip: String,
    pub organisation_id: Option<String>,
}

pub async fn record(conn: &mut Conn, entry: NewAuditEntry<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_name, action, subject_type, subject_id, detail, ip, organisation_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(new_id().as_str())
    .bind(now_ms())
    .bind(entry.actor_id.map(Id::as_str))
    .bind(entry.actor_name)
    .bind(entry.action)
    .bind(entry.subject_type)
    .bind(entry.subject_id)
    .bind(entry.detail)
    .bind(entry.ip)
    .bind(entry.organisation_id.map(Id::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Newest first, for the organisation `root` and those below it.
pub async fn list_in_tree(
    conn: &mut Conn,
    root: &Id,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>> {
    let sql = format!(
        "{TREE_CTE} SELECT a.id, a.at, a.actor_id, a.actor_name, a.action, a.subject_type, a.subject_id, \
         a.detail, a.ip, a.organisation_id FROM audit_log a JOIN tree t ON t.id = a.organisation_id \
         ORDER BY a.at DESC, a.id DESC LIMIT $2 OFFSET $3"
    );
    Ok(sqlx::query_as::<_, AuditEntry>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?)
}

/// One page of the log of `root` and below, newest first: at most `limit` entries older than
/// `before` (the `(at, id)` of the last entry of the previous page), for keyset pagination.
pub async fn page_in_tree(
    conn: &mut Conn,
    root: &Id,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let (at, id) = before.unwrap_or((i64::MAX, ""));
    let sql = format!(
        "{TREE_CTE} SELECT a.id, a.at, a.actor_id, a.actor_name, a.action, a.subject_type, a.subject_id, \
         a.detail, a.ip, a.organisation_id FROM audit_log a JOIN tree t ON t.id = a.organisation_id \
         WHERE (a.at < $2 OR (a.at = $2 AND a.id < $3)) ORDER BY a.at DESC, a.id DESC LIMIT $4"
    );
    Ok(sqlx::query_as::<_, AuditEntry>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .bind(at)
        .bind(id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// One page of the log of `root` and below for keyset pagination, either way from the
/// `(at, id)` key `from`: `Forward` reads older entries, newest first (the log's order);
/// `Backward` reads newer ones, oldest first (nearest the key first). At most `limit`.
pub async fn seek_in_tree(
    conn: &mut Conn,
    root: &Id,
    from: Option<(i64, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => ("<", "DESC"),
        crate::Direction::Backward => (">", "ASC"),
    };
    // The first page too reads from a key (beyond every entry), so that it uses the index.
    let (at, id) = match (from, dir) {
        (Some(key), _) => key,
        (None, crate::Direction::Forward) => (i64::MAX, ""),
        (None, crate::Direction::Backward) => (i64::MIN, ""),
    };
    let sql = format!(
        "{TREE_CTE} SELECT a.id, a.at, a.actor_id, a.actor_name, a.action, a.subject_type, a.subject_id, \
         a.detail, a.ip, a.organisation_id FROM audit_log a JOIN tree t ON t.id = a.organisation_id \
         WHERE (a.at, a.id) {cmp} ($2, $3) ORDER BY a.at {order}, a.id {order} LIMIT $4"
    );
    Ok(sqlx::query_as::<_, AuditEntry>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .bind(at)
        .bind(id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&mut *conn)
        .await?)
}

/// Everything recorded about one subject (`subject_type`, `subject_id`), oldest first: an
/// application's history of decisions.
pub async fn for_subject(
    conn: &mut Conn,
    subject_type: &str,
    subject_id: &str,
) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as::<_, AuditEntry>(
        "SELECT id, at, actor_id, actor_name, action, subject_type, subject_id, detail, ip, \
         organisation_id FROM audit_log WHERE subject_type = $1 AND subject_id = $2 \
         ORDER BY at, id",
    )
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(&mut *conn)
    .await?)
}
