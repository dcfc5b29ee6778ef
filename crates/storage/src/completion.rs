//! Completion and CPD (C10, issue 16): attendance at a cohort's own sessions, the lead's
//! exceptions, and the facts the app layer applies the completion rule and CPD count to.
//! Every read here is one query for a whole cohort or a whole person, whatever their size.

use revans_domain::Id;

use crate::{Conn, Result, now_ms};

/// A session of a cohort.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub cohort_id: String,
    pub ordinal: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// A participant with an accepted place.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ParticipantRow {
    pub person_id: String,
    pub name: String,
    pub email: String,
    pub organisation_id: String,
}

/// One recorded mark: present or absent at a session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MarkRow {
    pub cohort_id: String,
    pub person_id: String,
    pub ordinal: i64,
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExceptionRow {
    pub cohort_id: String,
    pub person_id: String,
    pub reason: String,
    pub recorded_at: i64,
}

/// Minutes attended of set meetings or circle sessions, for one person in one cohort.
/// `cohort_id` is empty for circles that stand alone (no cohort).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MinutesRow {
    pub cohort_id: String,
    pub person_id: String,
    pub minutes: i64,
}

/// Everything the completion rule and the CPD count need for one cohort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CohortFacts {
    pub sessions: Vec<SessionRow>,
    pub participants: Vec<ParticipantRow>,
    pub marks: Vec<MarkRow>,
    pub exceptions: Vec<ExceptionRow>,
    /// Set meetings attended, per person (sets of this cohort, meetings not cancelled).
    pub meetings: Vec<MinutesRow>,
    /// Circle sessions attended, per person (circles that are sessions of this cohort).
    pub circles: Vec<MinutesRow>,
}

const SESSIONS: &str = "SELECT cohort_id, ordinal, starts_at, ends_at FROM cohort_sessions";
const MARKS: &str = "SELECT cohort_id, person_id, ordinal, present FROM cohort_session_attendance";
const EXCEPTIONS: &str =
    "SELECT cohort_id, person_id, reason, recorded_at FROM completion_exceptions";
// Minutes are summed in milliseconds and divided once, so lengths that are not whole minutes
// are not rounded away session by session.
const MEETING_MINUTES: &str = "SELECT s.cohort_id, a.person_id, \
     CAST(COALESCE(SUM(m.ends_at - m.starts_at), 0) / 60000 AS BIGINT) AS minutes \
     FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
     JOIN action_sets s ON s.id = m.set_id \
     WHERE a.status = 'present' AND m.status <> 'cancelled'";
const CIRCLE_MINUTES: &str = "SELECT COALESCE(c.cohort_id, '') AS cohort_id, ca.person_id, \
     CAST(COALESCE(SUM(cs.ends_at - cs.starts_at), 0) / 60000 AS BIGINT) AS minutes \
     FROM circle_attendance ca \
     JOIN circle_sessions cs ON cs.circle_id = ca.circle_id AND cs.ordinal = ca.ordinal \
     JOIN circles c ON c.id = ca.circle_id \
     WHERE ca.present = TRUE AND c.status <> 'cancelled'";

/// The facts for a cohort, in six queries.
pub async fn cohort_facts(conn: &mut Conn, cohort: &Id) -> Result<CohortFacts> {
    let id = cohort.as_str();
    let sessions = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SESSIONS} WHERE cohort_id = $1 ORDER BY ordinal"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let participants = sqlx::query_as(
        "SELECT p.id AS person_id, p.name, p.email, a.organisation_id FROM applications a \
         JOIN people p ON p.id = a.person_id WHERE a.cohort_id = $1 AND a.state = 'accepted' \
         ORDER BY p.name, p.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let marks = sqlx::query_as(sqlx::AssertSqlSafe(format!("{MARKS} WHERE cohort_id = $1")))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let exceptions = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EXCEPTIONS} WHERE cohort_id = $1"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let meetings = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{MEETING_MINUTES} AND s.cohort_id = $1 GROUP BY s.cohort_id, a.person_id"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let circles = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CIRCLE_MINUTES} AND c.cohort_id = $1 GROUP BY c.cohort_id, ca.person_id"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(CohortFacts {
        sessions,
        participants,
        marks,
        exceptions,
        meetings,
        circles,
    })
}

/// A cohort someone has an accepted place in, with what its rule and CPD count need.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonCohortRow {
    pub cohort_id: String,
    pub cohort_name: String,
    pub timezone: String,
    pub completion_rule: String,
    pub completion_minimum: Option<i64>,
    pub programme_id: String,
    pub programme_title: String,
    pub cpd_minutes: i64,
}

/// Everything for one person across all their cohorts (their CPD record and portfolio).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFacts {
    pub cohorts: Vec<PersonCohortRow>,
    pub sessions: Vec<SessionRow>,
    pub marks: Vec<MarkRow>,
    pub exceptions: Vec<ExceptionRow>,
    pub meetings: Vec<MinutesRow>,
    /// Including circles that stand alone (`cohort_id` empty).
    pub circles: Vec<MinutesRow>,
}

/// The facts for a person, in six queries.
pub async fn person_facts(conn: &mut Conn, person: &Id) -> Result<PersonFacts> {
    let id = person.as_str();
    let mine = "SELECT cohort_id FROM applications WHERE person_id = $1 AND state = 'accepted'";
    let cohorts = sqlx::query_as(
        "SELECT c.id AS cohort_id, c.name AS cohort_name, c.timezone, c.completion_rule, \
         c.completion_minimum, p.id AS programme_id, p.title AS programme_title, p.cpd_minutes \
         FROM applications a JOIN cohorts c ON c.id = a.cohort_id \
         JOIN programmes p ON p.id = c.programme_id \
         WHERE a.person_id = $1 AND a.state = 'accepted' ORDER BY c.opens_at, c.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let sessions = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SESSIONS} WHERE cohort_id IN ({mine}) ORDER BY cohort_id, ordinal"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let marks = sqlx::query_as(sqlx::AssertSqlSafe(format!("{MARKS} WHERE person_id = $1")))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let exceptions = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EXCEPTIONS} WHERE person_id = $1"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let meetings = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{MEETING_MINUTES} AND a.person_id = $1 GROUP BY s.cohort_id, a.person_id"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let circles = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CIRCLE_MINUTES} AND ca.person_id = $1 GROUP BY c.cohort_id, ca.person_id"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(PersonFacts {
        cohorts,
        sessions,
        marks,
        exceptions,
        meetings,
        circles,
    })
}

/// Records who was present at a cohort session (`marks`: person, present), replacing earlier
/// marks for those people. People without a mark are left as they were.
pub async fn record_session_attendance(
    conn: &mut Conn,
    cohort: &Id,
    ordinal: i64,
    marks: &[(Id, bool)],
    by: &Id,
) -> Result<()> {
    let now = now_ms();
    for (person, present) in marks {
        sqlx::query(
            "INSERT INTO cohort_session_attendance \
             (cohort_id, ordinal, person_id, present, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (cohort_id, ordinal, person_id) DO UPDATE SET \
             present = excluded.present, recorded_by = excluded.recorded_by, \
             recorded_at = excluded.recorded_at",
        )
        .bind(cohort.as_str())
        .bind(ordinal)
        .bind(person.as_str())
        .bind(*present)
        .bind(by.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records (or replaces) the lead's exception for a participant.
pub async fn set_exception(
    conn: &mut Conn,
    cohort: &Id,
    person: &Id,
    reason: &str,
    by: &Id,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO completion_exceptions (cohort_id, person_id, reason, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cohort_id, person_id) DO UPDATE SET \
         reason = excluded.reason, recorded_by = excluded.recorded_by, \
         recorded_at = excluded.recorded_at",
    )
    .bind(cohort.as_str())
    .bind(person.as_str())
    .bind(reason)
    .bind(by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the exception; whether there was one.
pub async fn clear_exception(conn: &mut Conn, cohort: &Id, person: &Id) -> Result<bool> {
    let done =
        sqlx::query("DELETE FROM completion_exceptions WHERE cohort_id = $1 AND person_id = $2")
            .bind(cohort.as_str())
            .bind(person.as_str())
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
