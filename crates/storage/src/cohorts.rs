//! Cohorts (one run of a programme), their sessions, and their places. The place count
//! `confirmed` only changes through conditional UPDATEs that re-check capacity in the same
//! statement, so no interleaving of requests or app instances can overfill a cohort: on
//! PostgreSQL the second writer re-reads the row after the first commits; on SQLite writers are
//! serialised by `BEGIN IMMEDIATE`. A CHECK constraint backs this up.

use revans_domain::{Capacity, CompletionRule, Id, Schedule, Session};

use crate::{Conn, Result, StoreError, new_id, now_ms};

#[derive(Debug, Clone)]
pub struct NewCohort<'a> {
    pub programme_id: &'a Id,
    pub name: &'a str,
    pub capacity: Capacity,
    pub opens_at: i64,
    pub closes_at: i64,
    pub schedule: &'a Schedule,
    /// `explicit` or `recurrence`.
    pub schedule_kind: &'a str,
    /// What was typed (JSON), to show it again when editing.
    pub schedule_spec: &'a str,
    pub completion: CompletionRule,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cohort {
    pub id: Id,
    pub programme_id: Id,
    pub name: String,
    pub capacity: i64,
    pub confirmed: i64,
    pub opens_at: i64,
    pub closes_at: i64,
    pub timezone: String,
    pub schedule_kind: String,
    pub schedule_spec: String,
    pub completion: CompletionRule,
    pub created_at: i64,
}

impl Cohort {
    pub fn places_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }

    pub fn is_open(&self, now: i64) -> bool {
        self.opens_at <= now && now < self.closes_at
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    programme_id: String,
    name: String,
    capacity: i64,
    confirmed: i64,
    opens_at: i64,
    closes_at: i64,
    timezone: String,
    schedule_kind: String,
    schedule_spec: String,
    completion_rule: String,
    completion_minimum: Option<i64>,
    created_at: i64,
}

impl TryFrom<Row> for Cohort {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self> {
        let completion = CompletionRule::from_parts(&r.completion_rule, r.completion_minimum)
            .ok_or_else(|| StoreError::Corrupt(format!("completion rule {}", r.completion_rule)))?;
        Ok(Self {
            id: Id::from_trusted(r.id),
            programme_id: Id::from_trusted(r.programme_id),
            name: r.name,
            capacity: r.capacity,
            confirmed: r.confirmed,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            timezone: r.timezone,
            schedule_kind: r.schedule_kind,
            schedule_spec: r.schedule_spec,
            completion,
            created_at: r.created_at,
        })
    }
}

const SELECT: &str = "SELECT id, programme_id, name, capacity, confirmed, opens_at, closes_at, \
     timezone, schedule_kind, schedule_spec, completion_rule, completion_minimum, created_at FROM cohorts";

pub async fn insert(conn: &mut Conn, c: &NewCohort<'_>) -> Result<Id> {
    let id = new_id();
    let (rule, minimum) = c.completion.to_parts();
    sqlx::query(
        "INSERT INTO cohorts (id, programme_id, name, capacity, confirmed, opens_at, closes_at, \
         timezone, schedule_kind, schedule_spec, completion_rule, completion_minimum, status, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9, $10, $11, 'open', $12)",
    )
    .bind(id.as_str())
    .bind(c.programme_id.as_str())
    .bind(c.name)
    .bind(i64::from(c.capacity.get()))
    .bind(c.opens_at)
    .bind(c.closes_at)
    .bind(c.schedule.timezone())
    .bind(c.schedule_kind)
    .bind(c.schedule_spec)
    .bind(rule)
    .bind(minimum)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    replace_sessions(conn, &id, c.schedule.sessions()).await?;
    Ok(id)
}

async fn replace_sessions(conn: &mut Conn, cohort_id: &Id, sessions: &[Session]) -> Result<()> {
    sqlx::query("DELETE FROM cohort_sessions WHERE cohort_id = $1")
        .bind(cohort_id.as_str())
        .execute(&mut *conn)
        .await?;
    for (i, s) in sessions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO cohort_sessions (cohort_id, ordinal, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(cohort_id.as_str())
        .bind(i as i64 + 1)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Changes everything but the capacity (see `set_capacity`) and the place count.
pub async fn update_details(conn: &mut Conn, id: &Id, c: &NewCohort<'_>) -> Result<bool> {
    let (rule, minimum) = c.completion.to_parts();
    let done = sqlx::query(
        "UPDATE cohorts SET name = $1, opens_at = $2, closes_at = $3, timezone = $4, \
         schedule_kind = $5, schedule_spec = $6, completion_rule = $7, completion_minimum = $8 \
         WHERE id = $9",
    )
    .bind(c.name)
    .bind(c.opens_at)
    .bind(c.closes_at)
    .bind(c.schedule.timezone())
    .bind(c.schedule_kind)
    .bind(c.schedule_spec)
    .bind(rule)
    .bind(minimum)
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    replace_sessions(conn, id, c.schedule.sessions()).await?;
    Ok(true)
}

/// Sets the capacity unless it would fall below the places already confirmed; one statement,
/// so a concurrent acceptance cannot slip in between a check and the change.
pub async fn set_capacity(conn: &mut Conn, id: &Id, capacity: Capacity) -> Result<bool> {
    let done = sqlx::query("UPDATE cohorts SET capacity = $1 WHERE id = $2 AND confirmed <= $1")
        .bind(i64::from(capacity.get()))
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes one place if one is left. False when the cohort is full.
pub async fn take_place(conn: &mut Conn, id: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE cohorts SET confirmed = confirmed + 1 WHERE id = $1 AND confirmed < capacity",
    )
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// CONTROL RUNS ONLY (the oversell drill): "takes" a place without the capacity re-check, so
/// an acceptance always succeeds. The counter still stops at capacity, because the
/// `cohorts_within_capacity` constraint would otherwise abort the transaction; the accepted
/// applications beyond it are the oversell the drill must be able to see.
pub async fn take_place_unchecked(conn: &mut Conn, id: &Id) -> Result<bool> {
    sqlx::query(
        "UPDATE cohorts SET confirmed = CASE WHEN confirmed < capacity THEN confirmed + 1 \
         ELSE confirmed END WHERE id = $1",
    )
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Gives a place back (a withdrawal after acceptance).
pub async fn release_place(conn: &mut Conn, id: &Id) -> Result<bool> {
    let done =
        sqlx::query("UPDATE cohorts SET confirmed = confirmed - 1 WHERE id = $1 AND confirmed > 0")
            .bind(id.as_str())
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Cohort>> {
    let sql = format!("{SELECT} WHERE id = $1");
    let row = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Cohort::try_from).transpose()
}

/// A programme's cohorts, earliest first session first.
pub async fn list_for_programme(conn: &mut Conn, programme_id: &Id) -> Result<Vec<Cohort>> {
    let sql = format!(
        "{SELECT} c WHERE c.programme_id = $1 ORDER BY \
         (SELECT MIN(s.starts_at) FROM cohort_sessions s WHERE s.cohort_id = c.id), c.name, c.id"
    );
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(programme_id.as_str())
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter().map(Cohort::try_from).collect()
}

/// Whose cohorts to load together.
#[derive(Debug, Clone, Copy)]
pub enum CohortsOf<'a> {
    /// One programme's.
    Programme(&'a Id),
    /// These programmes' (a page of the catalogue).
    Programmes(&'a [Id]),
}

impl CohortsOf<'_> {
    /// A condition on cohorts `c` with its parameters `$1`, `$2` ...
    fn condition(self) -> (String, Vec<String>) {
        match self {
            CohortsOf::Programme(id) => ("c.programme_id = $1".into(), vec![id.to_string()]),
            // No programmes: a condition that holds for no cohort.
            CohortsOf::Programmes([]) => ("1 = 0".into(), Vec::new()),
            CohortsOf::Programmes(ids) => (
                format!("c.programme_id IN ({})", crate::sets::in_list(1, ids.len())),
                ids.iter().map(|id| id.to_string()).collect(),
            ),
        }
    }
}

/// Cohorts with their sessions in two queries, however many there are: each programme's
/// cohorts in the order `list_for_programme` gives, sessions in order.
pub async fn with_sessions(
    conn: &mut Conn,
    of: CohortsOf<'_>,
) -> Result<Vec<(Cohort, Vec<Session>)>> {
    let (condition, params) = of.condition();
    let sql = format!(
        "{SELECT} c WHERE {condition} ORDER BY c.programme_id, \
         (SELECT MIN(s.starts_at) FROM cohort_sessions s WHERE s.cohort_id = c.id), c.name, c.id"
    );
    let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
    for param in &params {
        query = query.bind(param);
    }
    let cohorts: Vec<Cohort> = query
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Cohort::try_from)
        .collect::<Result<_>>()?;
    let sql = format!(
        "SELECT s.cohort_id, s.starts_at, s.ends_at FROM cohort_sessions s \
         JOIN cohorts c ON c.id = s.cohort_id WHERE {condition} ORDER BY s.cohort_id, s.ordinal"
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for param in &params {
        query = query.bind(param);
    }
    let rows: Vec<(String, i64, i64)> = query.fetch_all(&mut *conn).await?;
    let mut by_cohort: std::collections::HashMap<String, Vec<Session>> =
        std::collections::HashMap::new();
    for (cohort, starts_at, ends_at) in rows {
        by_cohort
            .entry(cohort)
            .or_default()
            .push(Session { starts_at, ends_at });
    }
    Ok(cohorts
        .into_iter()
        .map(|c| {
            let sessions = by_cohort.remove(c.id.as_str()).unwrap_or_default();
            (c, sessions)
        })
        .collect())
}

/// A programme's cohorts with their sessions.
pub type CohortsWithSessions = Vec<(Cohort, Vec<Session>)>;

/// `with_sessions`, grouped by programme (each programme's cohorts in order).
pub async fn by_programme(
    conn: &mut Conn,
    of: CohortsOf<'_>,
) -> Result<std::collections::HashMap<Id, CohortsWithSessions>> {
    let mut out: std::collections::HashMap<Id, CohortsWithSessions> = Default::default();
    for (c, sessions) in with_sessions(conn, of).await? {
        out.entry(c.programme_id.clone())
            .or_default()
            .push((c, sessions));
    }
    Ok(out)
}

pub async fn sessions(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<Session>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, ends_at FROM cohort_sessions WHERE cohort_id = $1 ORDER BY ordinal",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(starts_at, ends_at)| Session { starts_at, ends_at })
        .collect())
}

/// The schedule as stored, ready to describe or export.
pub async fn schedule(conn: &mut Conn, cohort: &Cohort) -> Result<Schedule> {
    Ok(Schedule::from_stored(
        cohort.timezone.clone(),
        sessions(conn, &cohort.id).await?,
    ))
}

/// Stops taking applications for the cohort now (if its window is still open).
pub async fn close_applications(conn: &mut Conn, id: &Id, now: i64) -> Result<bool> {
    Ok(
        sqlx::query("UPDATE cohorts SET closes_at = $2 WHERE id = $1 AND closes_at > $2")
            .bind(id.as_str())
            .bind(now)
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}
