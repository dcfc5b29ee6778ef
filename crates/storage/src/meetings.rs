//! A set's meetings (C4) and who came to them. A cancelled meeting is kept with its status so
//! calendar feeds can tell subscribers; `sequence` grows with every change (RFC 5545).

use revans_domain::{Id, Session};

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Meeting {
    pub id: Id,
    pub set_id: Id,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancelled: bool,
    pub held: bool,
    pub swap_to: Option<String>,
    pub sequence: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    set_id: String,
    starts_at: i64,
    ends_at: i64,
    status: String,
    held: i64,
    swap_to: Option<String>,
    sequence: i64,
}

impl From<Row> for Meeting {
    fn from(r: Row) -> Self {
        Meeting {
            id: Id::from_trusted(r.id),
            set_id: Id::from_trusted(r.set_id),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            cancelled: r.status == "cancelled",
            held: r.held != 0,
            swap_to: r.swap_to,
            sequence: r.sequence,
        }
    }
}

const SELECT: &str = "SELECT id, set_id, starts_at, ends_at, status, \
     CAST(CASE WHEN held THEN 1 ELSE 0 END AS BIGINT) AS held, swap_to, sequence FROM meetings";

/// Adds meetings to a set (a series, or one more).
pub async fn insert_many(conn: &mut Conn, set_id: &Id, sessions: &[Session]) -> Result<()> {
    let now = now_ms();
    for s in sessions {
        sqlx::query(
            "INSERT INTO meetings (id, set_id, starts_at, ends_at, status, held, sequence, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, 'scheduled', FALSE, 0, $5, $5)",
        )
        .bind(new_id().as_str())
        .bind(set_id.as_str())
        .bind(s.starts_at)
        .bind(s.ends_at)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn list_for_set(conn: &mut Conn, set_id: &Id) -> Result<Vec<Meeting>> {
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE set_id = $1 ORDER BY starts_at, id"
    )))
    .bind(set_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Meeting::from)
    .collect())
}

/// The meetings of every set of a cohort in one query, in time order.
pub async fn list_for_cohort(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<Meeting>> {
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE set_id IN (SELECT id FROM action_sets WHERE cohort_id = $1) \
         ORDER BY starts_at, id"
    )))
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Meeting::from)
    .collect())
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Meeting>> {
    Ok(
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .map(Meeting::from),
    )
}

/// Meetings of every set the person facilitates, for clash warnings.
pub async fn facilitated_by(conn: &mut Conn, person_id: &Id) -> Result<Vec<Meeting>> {
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE status = 'scheduled' AND set_id IN \
         (SELECT set_id FROM set_facilitators WHERE person_id = $1) ORDER BY starts_at"
    )))
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Meeting::from)
    .collect())
}

pub async fn reschedule(conn: &mut Conn, id: &Id, session: &Session) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE meetings SET starts_at = $2, ends_at = $3, sequence = sequence + 1, updated_at = $4, \
         reminded_at = NULL \
         WHERE id = $1 AND status = 'scheduled' AND held = FALSE",
    )
    .bind(id.as_str())
    .bind(session.starts_at)
    .bind(session.ends_at)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn cancel(conn: &mut Conn, id: &Id) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE meetings SET status = 'cancelled', sequence = sequence + 1, updated_at = $2 \
         WHERE id = $1 AND status = 'scheduled' AND held = FALSE",
    )
    .bind(id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// Gives the floor at this meeting to another unit (or, with `None`, back to the rota).
pub async fn set_swap(conn: &mut Conn, id: &Id, unit_key: Option<&str>) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE meetings SET swap_to = $2, updated_at = $3 \
         WHERE id = $1 AND status = 'scheduled' AND held = FALSE",
    )
    .bind(id.as_str())
    .bind(unit_key)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// Records (or corrects) attendance at a meeting and marks it held.
pub async fn record_attendance(
    conn: &mut Conn,
    meeting_id: &Id,
    recorded_by: &Id,
    records: &[(Id, &str)],
) -> Result<()> {
    let now = now_ms();
    sqlx::query("DELETE FROM attendance WHERE meeting_id = $1")
        .bind(meeting_id.as_str())
        .execute(&mut *conn)
        .await?;
    for (person, status) in records {
        sqlx::query(
            "INSERT INTO attendance (meeting_id, person_id, status, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(meeting_id.as_str())
        .bind(person.as_str())
        .bind(*status)
        .bind(recorded_by.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE meetings SET held = TRUE, updated_at = $2 WHERE id = $1")
        .bind(meeting_id.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every attendance record of the set's meetings: (meeting, person, status).
pub async fn attendance_for_set(conn: &mut Conn, set_id: &Id) -> Result<Vec<(Id, Id, String)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT a.meeting_id, a.person_id, a.status FROM attendance a \
         JOIN meetings m ON m.id = a.meeting_id WHERE m.set_id = $1",
    )
    .bind(set_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(m, p, s)| (Id::from_trusted(m), Id::from_trusted(p), s))
        .collect())
}

/// Attendance at the meetings of every set of a cohort in one query: (meeting, person, status).
pub async fn attendance_for_cohort(
    conn: &mut Conn,
    cohort_id: &Id,
) -> Result<Vec<(Id, Id, String)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT a.meeting_id, a.person_id, a.status FROM attendance a \
         JOIN meetings m ON m.id = a.meeting_id JOIN action_sets s ON s.id = m.set_id \
         WHERE s.cohort_id = $1",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(m, p, s)| (Id::from_trusted(m), Id::from_trusted(p), s))
        .collect())
}

/// A meeting with its set's name and zone, for feeds and reminders.
#[derive(sqlx::FromRow)]
struct SetMeetingRow {
    #[sqlx(flatten)]
    meeting: Row,
    set_name: String,
    timezone: String,
}

const SET_MEETING_SELECT: &str = "SELECT m.id, m.set_id, m.starts_at, m.ends_at, m.status, \
     CAST(CASE WHEN m.held THEN 1 ELSE 0 END AS BIGINT) AS held, m.swap_to, m.sequence, \
     s.name AS set_name, s.timezone FROM meetings m JOIN action_sets s ON s.id = m.set_id";

async fn set_meetings(
    conn: &mut Conn,
    condition: &'static str,
    a: &str,
    b: Option<i64>,
    c: Option<i64>,
) -> Result<Vec<(Meeting, String, String)>> {
    let sql = format!(
        "{SET_MEETING_SELECT} WHERE s.status = 'published' AND {condition} ORDER BY m.starts_at"
    );
    let mut q = sqlx::query_as::<_, SetMeetingRow>(sqlx::AssertSqlSafe(sql)).bind(a.to_owned());
    if let (Some(b), Some(c)) = (b, c) {
        q = q.bind(b).bind(c);
    }
    Ok(q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| (Meeting::from(r.meeting), r.set_name, r.timezone))
        .collect())
}

/// Meetings (cancelled ones too, so calendars can say so) of every published set the person is
/// a current member of or facilitates, with the set's name and zone, for their calendar feed.
pub async fn for_person_calendar(
    conn: &mut Conn,
    person_id: &Id,
) -> Result<Vec<(Meeting, String, String)>> {
    set_meetings(
        conn,
        "(s.id IN (SELECT set_id FROM set_members WHERE person_id = $1 AND left_at IS NULL) \
         OR s.id IN (SELECT set_id FROM set_facilitators WHERE person_id = $1))",
        person_id.as_str(),
        None,
        None,
    )
    .await
}

/// Scheduled meetings of published sets starting in [`from`, `until`) whose reminder has not
/// gone out: (meeting, set name, set zone).
pub async fn due_reminders(
    conn: &mut Conn,
    from: i64,
    until: i64,
) -> Result<Vec<(Meeting, String, String)>> {
    set_meetings(
        conn,
        "m.status = $1 AND m.reminded_at IS NULL AND m.starts_at >= $2 AND m.starts_at < $3",
        "scheduled",
        Some(from),
        Some(until),
    )
    .await
}

/// Claims a meeting's reminder; false when another worker already sent it.
pub async fn mark_reminded(conn: &mut Conn, id: &Id) -> Result<bool> {
    Ok(
        sqlx::query("UPDATE meetings SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
            .bind(id.as_str())
            .bind(now_ms())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Undoes a cancellation before the meeting starts: scheduled again, with a new calendar
/// sequence so subscribers see it back. False when it was not cancelled or has started.
pub async fn restore(conn: &mut Conn, id: &Id, now: i64) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE meetings SET status = 'scheduled', sequence = sequence + 1, updated_at = $2 \
         WHERE id = $1 AND status = 'cancelled' AND held = FALSE AND starts_at > $2",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// The meetings of the sets `ids` (a page of them), by start: one query.
pub async fn list_for_sets(conn: &mut Conn, ids: &[Id]) -> Result<Vec<Meeting>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} WHERE set_id IN ({}) ORDER BY starts_at, id",
        crate::sets::in_list(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(id.as_str());
    }
    Ok(q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Meeting::from)
        .collect())
}

/// The attendance recorded at the meetings of the sets `ids`: (meeting, person, status).
pub async fn attendance_for_sets(conn: &mut Conn, ids: &[Id]) -> Result<Vec<(Id, Id, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.meeting_id, a.person_id, a.status FROM attendance a \
         JOIN meetings m ON m.id = a.meeting_id WHERE m.set_id IN ({})",
        crate::sets::in_list(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, (String, String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(id.as_str());
    }
    Ok(q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(m, p, s)| (Id::from_trusted(m), Id::from_trusted(p), s))
        .collect())
}
