//! Certificates of completion (C10, issue 16): issued once per person and cohort (the unique
//! index decides when two issuers race), read by id, by verification code, per holder and per
//! cohort, and revoked once. What a certificate says is copied in at issue.

use revans_domain::Id;

use crate::{Conn, Result, new_id};

/// A certificate as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRow {
    pub id: String,
    pub code: String,
    pub person_id: String,
    pub cohort_id: String,
    pub holder_name: String,
    pub tenant_name: String,
    pub programme_title: String,
    pub cohort_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub completed_on: String,
    pub cpd_minutes: i64,
    /// The programme's learning outcomes, a JSON list of strings.
    pub outcomes: String,
    pub by_exception: bool,
    pub issued_at: i64,
    pub issued_by: Option<String>,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
    pub revoked_reason: Option<String>,
}

impl CertificateRow {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }

    /// The learning outcomes (empty if the stored list cannot be read).
    pub fn outcome_list(&self) -> Vec<String> {
        serde_json::from_str(&self.outcomes).unwrap_or_default()
    }
}

/// What a new certificate says.
#[derive(Debug, Clone)]
pub struct NewCertificate<'a> {
    pub code: &'a str,
    pub person_id: &'a Id,
    pub cohort_id: &'a Id,
    pub holder_name: &'a str,
    pub tenant_name: &'a str,
    pub programme_title: &'a str,
    pub cohort_name: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub completed_on: &'a str,
    pub cpd_minutes: i64,
    pub outcomes: &'a [String],
    pub by_exception: bool,
    pub issued_at: i64,
    pub issued_by: Option<&'a Id>,
}

// BOOLEAN is read as 0/1: the Any driver cannot decode SQLite's BOOLEAN column type.
const SELECT: &str = "SELECT id, code, person_id, cohort_id, holder_name, tenant_name, \
     programme_title, cohort_name, starts_on, ends_on, completed_on, cpd_minutes, outcomes, \
     CAST(CASE WHEN by_exception THEN 1 ELSE 0 END AS BIGINT) AS by_exception, issued_at, \
     issued_by, revoked_at, revoked_by, revoked_reason FROM certificates";

#[derive(sqlx::FromRow)]
struct Raw {
    id: String,
    code: String,
    person_id: String,
    cohort_id: String,
    holder_name: String,
    tenant_name: String,
    programme_title: String,
    cohort_name: String,
    starts_on: String,
    ends_on: String,
    completed_on: String,
    cpd_minutes: i64,
    outcomes: String,
    by_exception: i64,
    issued_at: i64,
    issued_by: Option<String>,
    revoked_at: Option<i64>,
    revoked_by: Option<String>,
    revoked_reason: Option<String>,
}

impl From<Raw> for CertificateRow {
    fn from(r: Raw) -> Self {
        Self {
            id: r.id,
            code: r.code,
            person_id: r.person_id,
            cohort_id: r.cohort_id,
            holder_name: r.holder_name,
            tenant_name: r.tenant_name,
            programme_title: r.programme_title,
            cohort_name: r.cohort_name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            completed_on: r.completed_on,
            cpd_minutes: r.cpd_minutes,
            outcomes: r.outcomes,
            by_exception: r.by_exception == 1,
            issued_at: r.issued_at,
            issued_by: r.issued_by,
            revoked_at: r.revoked_at,
            revoked_by: r.revoked_by,
            revoked_reason: r.revoked_reason,
        }
    }
}

async fn one(conn: &mut Conn, sql: String, bind: &str) -> Result<Option<CertificateRow>> {
    let row: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(bind)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(CertificateRow::from))
}

async fn many(conn: &mut Conn, sql: String, bind: &str) -> Result<Vec<CertificateRow>> {
    let rows: Vec<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(bind)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(CertificateRow::from).collect())
}

/// Issues a certificate: its id, or `None` when the person already has one for the cohort
/// (another issuer got there first; the unique index on person and cohort decides).
pub async fn insert(conn: &mut Conn, new: &NewCertificate<'_>) -> Result<Option<Id>> {
    let id = new_id();
    let outcomes = serde_json::to_string(new.outcomes).unwrap_or_else(|_| "[]".into());
    let done = sqlx::query(
        "INSERT INTO certificates (id, code, person_id, cohort_id, holder_name, tenant_name, \
         programme_title, cohort_name, starts_on, ends_on, completed_on, cpd_minutes, outcomes, \
         by_exception, issued_at, issued_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         ON CONFLICT (person_id, cohort_id) DO NOTHING",
    )
    .bind(id.as_str())
    .bind(new.code)
    .bind(new.person_id.as_str())
    .bind(new.cohort_id.as_str())
    .bind(new.holder_name)
    .bind(new.tenant_name)
    .bind(new.programme_title)
    .bind(new.cohort_name)
    .bind(new.starts_on)
    .bind(new.ends_on)
    .bind(new.completed_on)
    .bind(new.cpd_minutes)
    .bind(outcomes)
    .bind(new.by_exception)
    .bind(new.issued_at)
    .bind(new.issued_by.map(Id::as_str))
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<CertificateRow>> {
    one(conn, format!("{SELECT} WHERE id = $1"), id.as_str()).await
}

/// The certificate with this code, exactly as stored (the app layer normalises what was typed).
pub async fn by_code(conn: &mut Conn, code: &str) -> Result<Option<CertificateRow>> {
    one(conn, format!("{SELECT} WHERE code = $1"), code).await
}

/// A person's certificates, newest first.
pub async fn for_person(conn: &mut Conn, person: &Id) -> Result<Vec<CertificateRow>> {
    let sql = format!("{SELECT} WHERE person_id = $1 ORDER BY issued_at DESC, id DESC");
    many(conn, sql, person.as_str()).await
}

/// A cohort's certificates, by holder's name.
pub async fn for_cohort(conn: &mut Conn, cohort: &Id) -> Result<Vec<CertificateRow>> {
    let sql = format!("{SELECT} WHERE cohort_id = $1 ORDER BY holder_name, id");
    many(conn, sql, cohort.as_str()).await
}

/// Revokes a certificate that is not yet revoked: false when it already was (or is not there).
pub async fn revoke(conn: &mut Conn, id: &Id, by: &Id, reason: &str, at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE certificates SET revoked_at = $1, revoked_by = $2, revoked_reason = $3 \
         WHERE id = $4 AND revoked_at IS NULL",
    )
    .bind(at)
    .bind(by.as_str())
    .bind(reason)
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Cohorts the sweep should look at: the last session started at or before `now` and after
/// `since`, and someone with an accepted place has no certificate yet. Whether they completed
/// is for the app layer's records to say.
pub async fn cohorts_awaiting(conn: &mut Conn, since: i64, now: i64) -> Result<Vec<Id>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT s.cohort_id FROM cohort_sessions s GROUP BY s.cohort_id \
         HAVING MAX(s.starts_at) <= $1 AND MAX(s.starts_at) > $2 \
         AND EXISTS (SELECT 1 FROM applications a WHERE a.cohort_id = s.cohort_id \
         AND a.state = 'accepted' AND NOT EXISTS (SELECT 1 FROM certificates c \
         WHERE c.cohort_id = a.cohort_id AND c.person_id = a.person_id)) \
         ORDER BY s.cohort_id",
    )
    .bind(now)
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| Id::from_trusted(id)).collect())
}
