//! A small durable job queue in the application database. A job is enqueued in the same
//! transaction as the change that causes it, so a rolled-back change sends nothing.
//!
//! Claiming is one conditional UPDATE: on SQLite writes are serialised; on PostgreSQL the
//! `locked_until` re-check makes the loser of a race update nothing (no SKIP LOCKED needed,
//! which SQLite lacks). A claim is a lease: a worker that dies mid-job loses it when the lease
//! ends, and another worker retries.

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    /// JSON.
    pub payload: &'a str,
    pub run_at: i64,
    pub max_attempts: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimedJob {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}

pub async fn enqueue(conn: &mut Conn, job: NewJob<'_>) -> Result<String> {
    insert(conn, job, None).await
}

/// As `enqueue`, for a job about one email address (its recipient): a programme lead whose
/// organisations hold that person sees the job on their page if it is given up.
pub async fn enqueue_concerning(
    conn: &mut Conn,
    job: NewJob<'_>,
    recipient: &str,
) -> Result<String> {
    insert(conn, job, Some(recipient)).await
}

async fn insert(conn: &mut Conn, job: NewJob<'_>, recipient: Option<&str>) -> Result<String> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, run_at, attempts, max_attempts, created_at, recipient) \
         VALUES ($1, $2, $3, $4, 0, $5, $6, $7)",
    )
    .bind(id.as_str())
    .bind(job.kind)
    .bind(job.payload)
    .bind(job.run_at)
    .bind(job.max_attempts)
    .bind(now_ms())
    .bind(recipient)
    .execute(&mut *conn)
    .await?;
    Ok(id.to_string())
}

/// Which jobs a runner claims. Forming a cohort's sets takes seconds to minutes, so those jobs
/// run in a lane of their own and never hold up emails queued behind them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Every kind (tests, and `revans run-worker --once`).
    All,
    /// Only jobs of this kind.
    Only(&'static str),
    /// Every kind but this one.
    AllBut(&'static str),
}

/// Claims the oldest due job for `lease_ms`, counting the attempt.
pub async fn claim(conn: &mut Conn, worker: &str, lease_ms: i64) -> Result<Option<ClaimedJob>> {
    claim_in(conn, worker, lease_ms, Lane::All).await
}

/// Claims the oldest due job of `lane` for `lease_ms`, counting the attempt.
pub async fn claim_in(
    conn: &mut Conn,
    worker: &str,
    lease_ms: i64,
    lane: Lane,
) -> Result<Option<ClaimedJob>> {
    let now = now_ms();
    let (filter, kind) = match lane {
        Lane::All => ("", ""),
        Lane::Only(kind) => ("AND kind = $4", kind),
        Lane::AllBut(kind) => ("AND kind <> $4", kind),
    };
    let sql = format!(
        "UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $3 AND attempts < max_attempts \
                     AND (locked_until IS NULL OR locked_until < $3) {filter} ORDER BY run_at, id LIMIT 1) \
           AND done_at IS NULL AND (locked_until IS NULL OR locked_until < $3) \
         RETURNING id, kind, payload, attempts, max_attempts"
    );
    let query = sqlx::query_as::<_, ClaimedJob>(sqlx::AssertSqlSafe(sql))
        .bind(worker)
        .bind(now + lease_ms)
        .bind(now);
    let query = if kind.is_empty() {
        query
    } else {
        query.bind(kind)
    };
    Ok(query.fetch_optional(&mut *conn).await?)
}

/// Marks a job done, only if this worker still holds it.
pub async fn complete(conn: &mut Conn, id: &str, worker: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2 AND locked_by = $3",
    )
    .bind(now_ms())
    .bind(id)
    .bind(worker)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Releases a failed job to run again at `retry_at` (it stops once attempts reach the max).
pub async fn fail(
    conn: &mut Conn,
    id: &str,
    worker: &str,
    error: &str,
    retry_at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE jobs SET locked_until = NULL, locked_by = NULL, last_error = $1, run_at = $2 WHERE id = $3 AND locked_by = $4",
    )
    .bind(error)
    .bind(retry_at)
    .bind(id)
    .bind(worker)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Jobs not yet done that can still run.
pub async fn pending_count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND attempts < max_attempts",
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Jobs a worker could claim now: not done, attempts left, not leased (or the lease ran out).
/// Jobs leased by a process that died wait for their lease to end.
pub async fn due_count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND attempts < max_attempts \
         AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1)",
    )
    .bind(now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

/// Jobs that failed on every attempt and will not run again.
pub async fn given_up_count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND attempts >= max_attempts",
    )
    .fetch_one(&mut *conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobSummary {
    pub id: String,
    pub kind: String,
    pub attempts: i64,
    pub done_at: Option<i64>,
    pub last_error: Option<String>,
}

pub async fn list_recent(conn: &mut Conn, limit: i64) -> Result<Vec<JobSummary>> {
    Ok(sqlx::query_as::<_, JobSummary>(
        "SELECT id, kind, attempts, done_at, last_error FROM jobs ORDER BY created_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Jobs that failed on every attempt and will not run again (the dead letters), newest first.
pub async fn given_up(conn: &mut Conn, limit: i64) -> Result<Vec<JobSummary>> {
    Ok(sqlx::query_as::<_, JobSummary>(
        "SELECT id, kind, attempts, done_at, last_error FROM jobs \
         WHERE done_at IS NULL AND attempts >= max_attempts \
         ORDER BY created_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Gives a job that was given up a fresh set of attempts, due now. False when no such job.
pub async fn retry_given_up(conn: &mut Conn, id: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET attempts = 0, run_at = $1, locked_by = NULL, locked_until = NULL \
         WHERE id = $2 AND done_at IS NULL AND attempts >= max_attempts",
    )
    .bind(now_ms())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A dead letter about someone in an organisation tree, as a programme lead sees it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TenantDeadLetter {
    pub id: String,
    pub kind: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    /// When it last ran (its last attempt's retry time).
    pub run_at: i64,
    pub recipient: String,
    pub person_name: String,
}

/// One page of the given-up jobs about people in `root`'s organisation tree, newest first
/// (ties by id): up to `limit` older (`Forward`) or newer (`Backward`) than the key
/// `(created_at, id)`, nearest first.
pub async fn given_up_seek_in_tree(
    conn: &mut Conn,
    root: &revans_domain::Id,
    from: Option<(i64, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<TenantDeadLetter>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => ("<", "DESC"),
        crate::Direction::Backward => (">", "ASC"),
    };
    // The first page too reads from a key (beyond every job), so that it uses the index.
    let (at, id) = match (from, dir) {
        (Some(key), _) => key,
        (None, crate::Direction::Forward) => (i64::MAX, ""),
        (None, crate::Direction::Backward) => (i64::MIN, ""),
    };
    let sql = format!(
        "{TREE_CTE} SELECT j.id, j.kind, j.attempts, j.last_error, j.created_at, j.run_at, \
         j.recipient, p.name AS person_name FROM jobs j \
         JOIN people p ON p.email = j.recipient JOIN tree t ON t.id = p.organisation_id \
         WHERE j.done_at IS NULL AND j.attempts >= j.max_attempts \
         AND (j.created_at, j.id) {cmp} ($2, $3) \
         ORDER BY j.created_at {order}, j.id {order} LIMIT $4"
    );
    Ok(
        sqlx::query_as::<_, TenantDeadLetter>(sqlx::AssertSqlSafe(sql))
            .bind(root.as_str())
            .bind(at)
            .bind(id)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// `retry_given_up`, only for a job about someone in `root`'s organisation tree. False when
/// there is no such given-up job (or it concerns someone else's people).
pub async fn retry_given_up_in_tree(
    conn: &mut Conn,
    root: &revans_domain::Id,
    id: &str,
) -> Result<bool> {
    let sql = format!(
        "{TREE_CTE} UPDATE jobs SET attempts = 0, run_at = $2, locked_by = NULL, locked_until = NULL \
         WHERE id = $3 AND done_at IS NULL AND attempts >= max_attempts \
         AND recipient IN (SELECT p.email FROM people p JOIN tree t ON t.id = p.organisation_id)"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .bind(now_ms())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The payload of one job (for inspection in tests and tools).
pub async fn payload(conn: &mut Conn, id: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT payload FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}
