//! The CPD portfolio (C10, issue 16): a tenant's own frameworks, the evidence a person tags
//! against them, and the reads of their portfolio. Every read of evidence or of what may be
//! tagged is for one person and takes their id: these queries are the confidentiality rule
//! (only the author's own entries and actions, only sessions they were recorded present at).

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// A framework a tenant added.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FrameworkRow {
    pub id: String,
    pub tenant_id: String,
    pub key: String,
    pub name: String,
    /// The TOML file as pasted.
    pub source: String,
    pub created_at: i64,
    /// How many pieces of evidence are tagged against it (anyone's; a count only).
    pub in_use: i64,
}

const FRAMEWORKS: &str = "SELECT f.id, f.tenant_id, f.key, f.name, f.source, f.created_at, \
     (SELECT COUNT(*) FROM portfolio_evidence e WHERE e.framework = f.id) AS in_use \
     FROM frameworks f";

/// A tenant's frameworks, by name.
pub async fn frameworks_of(conn: &mut Conn, tenant: &Id) -> Result<Vec<FrameworkRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{FRAMEWORKS} WHERE f.tenant_id = $1 ORDER BY f.name, f.id"
    )))
    .bind(tenant.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One of a tenant's frameworks (`None` for another tenant's, or none at all).
pub async fn framework_of(conn: &mut Conn, tenant: &Id, id: &str) -> Result<Option<FrameworkRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{FRAMEWORKS} WHERE f.tenant_id = $1 AND f.id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Whether the tenant already has a framework with this key.
pub async fn key_taken(conn: &mut Conn, tenant: &Id, key: &str) -> Result<bool> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM frameworks WHERE tenant_id = $1 AND key = $2")
            .bind(tenant.as_str())
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

/// Adds a tenant's framework (checked by the caller); its id.
pub async fn insert_framework(
    conn: &mut Conn,
    tenant: &Id,
    key: &str,
    name: &str,
    source: &str,
    by: &Id,
) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO frameworks (id, tenant_id, key, name, source, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.as_str())
    .bind(tenant.as_str())
    .bind(key)
    .bind(name)
    .bind(source)
    .bind(by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Removes a tenant's framework if no evidence is tagged against it; whether it was removed.
pub async fn delete_unused_framework(conn: &mut Conn, tenant: &Id, id: &str) -> Result<bool> {
    let done = sqlx::query(
        "DELETE FROM frameworks WHERE tenant_id = $1 AND id = $2 \
         AND NOT EXISTS (SELECT 1 FROM portfolio_evidence e WHERE e.framework = frameworks.id)",
    )
    .bind(tenant.as_str())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Something a person may tag: one of their own diary entries or actions, or a session they
/// were recorded present at. `kind` is `diary_entry`, `action`, `cohort_session`,
/// `set_meeting` or `circle_session`; `ordinal` is the session's number for cohort and circle
/// sessions (0 otherwise).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemRow {
    pub kind: String,
    pub item_id: String,
    pub ordinal: i64,
    /// The entry's text, the action's description, or what the session was.
    pub title: String,
    /// When it was written or held.
    pub at: i64,
}

/// The person's taggable items, as one `UNION ALL` (`$1` is the person).
const ITEMS: &str = "\
    SELECT 'diary_entry' AS kind, d.id AS item_id, CAST(0 AS BIGINT) AS ordinal, \
        d.body AS title, d.created_at AS at \
        FROM diary_entries d WHERE d.author_id = $1 \
    UNION ALL SELECT 'action', a.id, CAST(0 AS BIGINT), a.description, a.created_at \
        FROM actions a WHERE a.owner_id = $1 \
    UNION ALL SELECT 'cohort_session', s.cohort_id, s.ordinal, \
        p.title || ' (' || c.name || ')', s.starts_at \
        FROM cohort_session_attendance att \
        JOIN cohort_sessions s ON s.cohort_id = att.cohort_id AND s.ordinal = att.ordinal \
        JOIN cohorts c ON c.id = s.cohort_id JOIN programmes p ON p.id = c.programme_id \
        WHERE att.person_id = $1 AND att.present = TRUE \
    UNION ALL SELECT 'set_meeting', m.id, CAST(0 AS BIGINT), st.name, m.starts_at \
        FROM attendance att JOIN meetings m ON m.id = att.meeting_id \
        JOIN action_sets st ON st.id = m.set_id \
        WHERE att.person_id = $1 AND att.status = 'present' AND m.status <> 'cancelled' \
    UNION ALL SELECT 'circle_session', cs.circle_id, cs.ordinal, ci.title, cs.starts_at \
        FROM circle_attendance att \
        JOIN circle_sessions cs ON cs.circle_id = att.circle_id AND cs.ordinal = att.ordinal \
        JOIN circles ci ON ci.id = cs.circle_id \
        WHERE att.person_id = $1 AND att.present = TRUE AND ci.status <> 'cancelled'";

/// Everything the person may tag, newest first, in one query.
pub async fn items_of(conn: &mut Conn, person: &Id) -> Result<Vec<ItemRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT kind, item_id, ordinal, title, at FROM ({ITEMS}) i \
         ORDER BY at DESC, kind, item_id, ordinal"
    )))
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One item the person may tag; `None` for anyone else's, one they did not attend, or none at
/// all (the same answer, so nothing is confirmed).
pub async fn item_of(
    conn: &mut Conn,
    person: &Id,
    kind: &str,
    item_id: &str,
    ordinal: i64,
) -> Result<Option<ItemRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT kind, item_id, ordinal, title, at FROM ({ITEMS}) i \
         WHERE kind = $2 AND item_id = $3 AND ordinal = $4"
    )))
    .bind(person.as_str())
    .bind(kind)
    .bind(item_id)
    .bind(ordinal)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A piece of evidence to record (the item checked as the person's own by `item_of`).
#[derive(Debug, Clone)]
pub struct NewEvidence<'a> {
    pub person: &'a Id,
    pub framework: &'a str,
    pub kind: &'a str,
    pub item_id: &'a str,
    pub ordinal: i64,
    pub note: &'a str,
    pub dimensions: &'a [String],
}

/// Records a piece of evidence and its dimensions; its id.
pub async fn insert_evidence(conn: &mut Conn, e: &NewEvidence<'_>) -> Result<Id> {
    let id = new_id();
    let only = |k: &str| (e.kind == k).then_some(e.item_id);
    let ordinal = |k: &str| (e.kind == k).then_some(e.ordinal);
    sqlx::query(
        "INSERT INTO portfolio_evidence (id, person_id, framework, diary_entry_id, action_id, \
         meeting_id, cohort_id, cohort_ordinal, circle_id, circle_ordinal, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id.as_str())
    .bind(e.person.as_str())
    .bind(e.framework)
    .bind(only("diary_entry"))
    .bind(only("action"))
    .bind(only("set_meeting"))
    .bind(only("cohort_session"))
    .bind(ordinal("cohort_session"))
    .bind(only("circle_session"))
    .bind(ordinal("circle_session"))
    .bind(e.note)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    for d in e.dimensions {
        sqlx::query(
            "INSERT INTO portfolio_evidence_dimensions (evidence_id, dimension_key) \
             VALUES ($1, $2)",
        )
        .bind(id.as_str())
        .bind(d)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Removes one of the person's own pieces of evidence; whether there was one (anyone else's
/// is left alone and reads as none).
pub async fn delete_evidence(conn: &mut Conn, person: &Id, id: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM portfolio_evidence WHERE id = $1 AND person_id = $2")
        .bind(id)
        .bind(person.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// One dimension of one piece of evidence, with what the evidence is (one row per dimension).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: String,
    pub framework: String,
    pub note: String,
    pub created_at: i64,
    pub kind: String,
    pub item_id: String,
    pub ordinal: i64,
    pub title: String,
    pub at: i64,
    pub dimension_key: String,
}

/// The person's evidence with each item's title, one row per dimension, in one query. Only
/// items that are still theirs appear (their own entry or action, a session still recorded as
/// attended).
pub async fn evidence_of(conn: &mut Conn, person: &Id) -> Result<Vec<EvidenceRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT e.id, e.framework, e.note, e.created_at, i.kind, i.item_id, i.ordinal, \
         i.title, i.at, d.dimension_key \
         FROM portfolio_evidence e \
         JOIN portfolio_evidence_dimensions d ON d.evidence_id = e.id \
         JOIN ({ITEMS}) i ON i.item_id = COALESCE(e.diary_entry_id, e.action_id, \
             e.meeting_id, e.cohort_id, e.circle_id) \
           AND i.ordinal = COALESCE(e.cohort_ordinal, e.circle_ordinal, 0) \
           AND i.kind = CASE WHEN e.diary_entry_id IS NOT NULL THEN 'diary_entry' \
             WHEN e.action_id IS NOT NULL THEN 'action' \
             WHEN e.meeting_id IS NOT NULL THEN 'set_meeting' \
             WHEN e.cohort_id IS NOT NULL THEN 'cohort_session' ELSE 'circle_session' END \
         WHERE e.person_id = $1 \
         ORDER BY i.at DESC, e.id, d.dimension_key"
    )))
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A certificate as its holder's portfolio lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HeldCertificate {
    pub code: String,
    pub programme_title: String,
    pub cohort_name: String,
    pub completed_on: String,
    pub cpd_minutes: i64,
    pub revoked_at: Option<i64>,
}

/// The person's certificates, newest completion first (revoked ones too, to show as revoked).
pub async fn certificates_of(conn: &mut Conn, person: &Id) -> Result<Vec<HeldCertificate>> {
    Ok(sqlx::query_as(
        "SELECT code, programme_title, cohort_name, completed_on, cpd_minutes, revoked_at \
         FROM certificates WHERE person_id = $1 ORDER BY completed_on DESC, code",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
