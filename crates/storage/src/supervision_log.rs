//! Supervision a facilitator has had (C6, issue 15): sessions they log, and meetings of
//! supervision groups (sets marked as such) they were present at. Hours are kept as minutes.

use revans_domain::Id;

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, new_id, now_ms};

/// One logged session, with the supervisor's name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LoggedSession {
    pub id: String,
    pub supervisor_id: String,
    pub supervisor_name: String,
    pub held_on: String,
    pub minutes: i64,
    pub kind: String,
}

pub struct NewSession<'a> {
    pub facilitator_id: &'a Id,
    pub supervisor_id: &'a Id,
    pub held_on: &'a str,
    pub minutes: i64,
    pub kind: &'a str,
    pub recorded_by: &'a Id,
}

pub async fn insert(conn: &mut Conn, s: &NewSession<'_>) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO supervision_sessions (id, facilitator_id, supervisor_id, held_on, minutes, \
         kind, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.as_str())
    .bind(s.facilitator_id.as_str())
    .bind(s.supervisor_id.as_str())
    .bind(s.held_on)
    .bind(s.minutes)
    .bind(s.kind)
    .bind(s.recorded_by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The facilitator's logged sessions, newest first.
pub async fn sessions_of(conn: &mut Conn, facilitator: &Id) -> Result<Vec<LoggedSession>> {
    Ok(sqlx::query_as::<_, LoggedSession>(
        "SELECT s.id, s.supervisor_id, p.name AS supervisor_name, s.held_on, s.minutes, s.kind \
         FROM supervision_sessions s JOIN people p ON p.id = s.supervisor_id \
         WHERE s.facilitator_id = $1 ORDER BY s.held_on DESC, s.id DESC",
    )
    .bind(facilitator.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Marks a set as a supervision group (a no-op when it is one already).
pub async fn mark_group(conn: &mut Conn, set: &Id, by: &Id) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO supervision_groups (set_id, marked_by, marked_at) VALUES ($1, $2, $3) \
         ON CONFLICT (set_id) DO NOTHING",
    )
    .bind(set.as_str())
    .bind(by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One facilitator's supervised time: logged, and from supervision-group meetings attended.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Hours {
    pub person_id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub logged_minutes: i64,
    pub group_minutes: i64,
    pub sessions: i64,
}

impl Hours {
    pub fn total_minutes(&self) -> i64 {
        self.logged_minutes + self.group_minutes
    }
}

macro_rules! hours_select {
    ($rest:literal) => {
        concat!(
            "SELECT p.id AS person_id, p.name, p.email, o.name AS organisation, \
             CAST(COALESCE((SELECT SUM(s.minutes) FROM supervision_sessions s \
               WHERE s.facilitator_id = p.id), 0) AS BIGINT) AS logged_minutes, \
             CAST(COALESCE((SELECT SUM((m.ends_at - m.starts_at) / 60000) FROM supervision_groups g \
               JOIN meetings m ON m.set_id = g.set_id \
               JOIN attendance a ON a.meeting_id = m.id \
               WHERE a.person_id = p.id AND a.status = 'present' \
               AND m.status <> 'cancelled'), 0) AS BIGINT) AS group_minutes, \
             (SELECT COUNT(*) FROM supervision_sessions s WHERE s.facilitator_id = p.id) \
               AS sessions \
             FROM people p JOIN organisations o ON o.id = p.organisation_id ",
            $rest
        )
    };
}

/// One person's supervised time.
pub async fn hours_of(conn: &mut Conn, person: &Id) -> Result<Option<Hours>> {
    Ok(sqlx::query_as::<_, Hours>(hours_select!("WHERE p.id = $1"))
        .bind(person.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// Supervised time of every facilitator in the region (anyone holding the facilitator role, or
/// with supervision logged), by name. One query.
pub async fn hours_in_tree(conn: &mut Conn, region: &Id) -> Result<Vec<Hours>> {
    let sql = format!(
        "{TREE_CTE} {} JOIN tree t ON t.id = p.organisation_id \
         WHERE EXISTS (SELECT 1 FROM role_grants r WHERE r.person_id = p.id \
           AND r.role = 'facilitator') \
         OR EXISTS (SELECT 1 FROM supervision_sessions s WHERE s.facilitator_id = p.id) \
         ORDER BY p.name, p.id",
        hours_select!("")
    );
    Ok(sqlx::query_as::<_, Hours>(sqlx::AssertSqlSafe(sql))
        .bind(region.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// Who can be named as a supervisor in the region: its facilitators and leads, as (id, name),
/// by name. One query.
pub async fn supervisors_in_tree(conn: &mut Conn, region: &Id) -> Result<Vec<(Id, String)>> {
    let sql = format!(
        "{TREE_CTE} SELECT p.id, p.name FROM people p JOIN tree t ON t.id = p.organisation_id \
         WHERE EXISTS (SELECT 1 FROM role_grants r WHERE r.person_id = p.id \
           AND r.role IN ('facilitator', 'admin')) \
         ORDER BY p.name, p.id"
    );
    let rows: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(region.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (Id::from_trusted(id), name))
        .collect())
}
