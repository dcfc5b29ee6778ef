//! Runs of the engine forming a cohort's sets in the background (issue 13). The worker writes
//! progress to the row; the lead's page reads it; a cancel is a status the worker looks at.
//! At most one unfinished run per cohort (a partial unique index, `formation_runs_one_active`).

use crate::{Conn, Result, new_id, now_ms};

/// Statuses of a run that has not finished.
pub const ACTIVE: &str = "('queued', 'running', 'cancelling')";

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Run {
    pub id: String,
    pub cohort_id: String,
    pub started_by: String,
    pub started_by_name: String,
    pub started_ip: String,
    pub status: String,
    pub input: String,
    pub budget_ms: i64,
    pub best: Option<f64>,
    pub rounds: i64,
    pub elapsed_ms: i64,
    pub sets_formed: Option<i64>,
    pub error: Option<String>,
    pub started_at: i64,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

const SELECT: &str = "SELECT r.id, r.cohort_id, r.started_by, p.name AS started_by_name, r.started_ip, \
     r.status, r.input, r.budget_ms, r.best, r.rounds, r.elapsed_ms, r.sets_formed, r.error, \
     r.started_at, r.updated_at, r.finished_at FROM formation_runs r JOIN people p ON p.id = r.started_by";

pub struct NewRun<'a> {
    pub cohort_id: &'a str,
    pub started_by: &'a str,
    pub started_ip: &'a str,
    pub input: &'a str,
    pub budget_ms: i64,
}

/// A queued run. `StoreError::Duplicate { field: "formation_run" }` when the cohort already
/// has an unfinished one.
pub async fn insert(conn: &mut Conn, new: NewRun<'_>) -> Result<String> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO formation_runs (id, cohort_id, started_by, started_ip, status, input, budget_ms, \
         rounds, elapsed_ms, started_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', $5, $6, 0, 0, $7, $7)",
    )
    .bind(id.as_str())
    .bind(new.cohort_id)
    .bind(new.started_by)
    .bind(new.started_ip)
    .bind(new.input)
    .bind(new.budget_ms)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id.to_string())
}

pub async fn get(conn: &mut Conn, id: &str) -> Result<Option<Run>> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    Ok(sqlx::query_as::<_, Run>(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The cohort's unfinished run, if any.
pub async fn active_for_cohort(conn: &mut Conn, cohort: &str) -> Result<Option<Run>> {
    let sql = format!("{SELECT} WHERE r.cohort_id = $1 AND r.status IN {ACTIVE}");
    Ok(sqlx::query_as::<_, Run>(sqlx::AssertSqlSafe(sql))
        .bind(cohort)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The cohort's newest run, finished or not.
pub async fn latest_for_cohort(conn: &mut Conn, cohort: &str) -> Result<Option<Run>> {
    let sql =
        format!("{SELECT} WHERE r.cohort_id = $1 ORDER BY r.started_at DESC, r.id DESC LIMIT 1");
    Ok(sqlx::query_as::<_, Run>(sqlx::AssertSqlSafe(sql))
        .bind(cohort)
        .fetch_optional(&mut *conn)
        .await?)
}

/// A worker starts (or, after another worker died, restarts afresh) the run. False when it
/// is no longer to run (cancelled, or finished by someone else).
pub async fn begin_running(conn: &mut Conn, id: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE formation_runs SET status = 'running', best = NULL, rounds = 0, elapsed_ms = 0, \
         updated_at = $2 WHERE id = $1 AND status IN ('queued', 'running')",
    )
    .bind(id)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes the engine's progress. False when the run is no longer running (a lead asked to
/// cancel it): the worker then stops the search.
pub async fn record_progress(
    conn: &mut Conn,
    id: &str,
    best: Option<f64>,
    rounds: i64,
    elapsed_ms: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE formation_runs SET best = $2, rounds = $3, elapsed_ms = $4, updated_at = $5 \
         WHERE id = $1 AND status = 'running'",
    )
    .bind(id)
    .bind(best)
    .bind(rounds)
    .bind(elapsed_ms)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A lead asks to stop: a queued run is cancelled at once, a running one is marked
/// `cancelling` for the worker to see. False when the run had already finished.
pub async fn request_cancel(conn: &mut Conn, id: &str) -> Result<bool> {
    let now = now_ms();
    let queued = sqlx::query(
        "UPDATE formation_runs SET status = 'cancelled', updated_at = $2, finished_at = $2 \
         WHERE id = $1 AND status = 'queued'",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if queued.rows_affected() == 1 {
        return Ok(true);
    }
    let running = sqlx::query(
        "UPDATE formation_runs SET status = 'cancelling', updated_at = $2 \
         WHERE id = $1 AND status IN ('running', 'cancelling')",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(running.rows_affected() == 1)
}

/// The run finished and its formation is being written in the same transaction. False when
/// it is no longer running (cancelled meanwhile, or already finished): write nothing then.
pub async fn mark_done(conn: &mut Conn, id: &str, sets_formed: i64, best: f64) -> Result<bool> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE formation_runs SET status = 'done', sets_formed = $2, best = $3, updated_at = $4, \
         finished_at = $4 WHERE id = $1 AND status = 'running'",
    )
    .bind(id)
    .bind(sets_formed)
    .bind(best)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends an unfinished run as `cancelled` or `failed` (with the reason, in words).
pub async fn mark_ended(
    conn: &mut Conn,
    id: &str,
    status: &str,
    error: Option<&str>,
) -> Result<bool> {
    let now = now_ms();
    let sql = format!(
        "UPDATE formation_runs SET status = $2, error = $3, updated_at = $4, finished_at = $4 \
         WHERE id = $1 AND status IN {ACTIVE}"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(status)
        .bind(error)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records which job runs the run (set once, when the run is queued).
pub async fn set_job(conn: &mut Conn, id: &str, job_id: &str) -> Result<()> {
    sqlx::query("UPDATE formation_runs SET job_id = $2 WHERE id = $1")
        .bind(id)
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends as `failed`, with `reason`, every unfinished run whose job was given up (it failed on
/// every attempt, say because its worker was killed each time). Without this the cohort would
/// stay "being formed" for ever. Returns the cohorts whose runs were ended.
pub async fn fail_given_up(conn: &mut Conn, reason: &str) -> Result<Vec<String>> {
    let now = now_ms();
    let sql = format!(
        "UPDATE formation_runs SET status = 'failed', error = $1, updated_at = $2, finished_at = $2 \
         WHERE status IN {ACTIVE} AND job_id IN \
           (SELECT id FROM jobs WHERE done_at IS NULL AND attempts >= max_attempts) \
         RETURNING cohort_id"
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(reason)
        .bind(now)
        .fetch_all(&mut *conn)
        .await?)
}
