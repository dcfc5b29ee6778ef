//! Booking support circles (C7): places counted by conditional UPDATEs on `circles.booked` so
//! concurrent bookings never overbook, the waiting list in order of joining, offers of freed
//! places, each session's reminder claim and attendance.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// One person's booking of a circle.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Booking {
    pub id: String,
    pub circle_id: String,
    pub person_id: String,
    /// `booked`, `waiting`, `offered` or `cancelled`.
    pub status: String,
    pub waiting_since: Option<i64>,
    pub offer_expires_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const BOOKING: &str = "SELECT id, circle_id, person_id, status, waiting_since, offer_expires_at, \
     created_at, updated_at FROM circle_bookings ";

/// The region (tenant) an organisation belongs to: the root above it.
pub async fn region_of(conn: &mut Conn, organisation: &Id) -> Result<Option<Id>> {
    let row: Option<(String,)> = sqlx::query_as(
        "WITH RECURSIVE up(id, parent_id) AS (\
         SELECT id, parent_id FROM organisations WHERE id = $1 \
         UNION ALL SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id) \
         SELECT id FROM up WHERE parent_id IS NULL",
    )
    .bind(organisation.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id,)| Id::from_trusted(id)))
}

/// Takes one place if the circle is open for booking and has one free: false when full (or
/// closed). The database's check keeps `booked <= max_places` whatever runs concurrently.
pub async fn take_place(conn: &mut Conn, circle: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET booked = booked + 1, updated_at = $2 \
         WHERE id = $1 AND booked < max_places AND status IN ('published', 'confirmed')",
    )
    .bind(circle.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives one place back.
pub async fn free_place(conn: &mut Conn, circle: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET booked = booked - 1, updated_at = $2 WHERE id = $1 AND booked > 0",
    )
    .bind(circle.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a booking row (`booked` or `waiting`; a waiting one is queued from now).
pub async fn insert(conn: &mut Conn, circle: &Id, person: &Id, status: &str) -> Result<Booking> {
    let now = now_ms();
    let b = Booking {
        id: new_id().to_string(),
        circle_id: circle.to_string(),
        person_id: person.to_string(),
        status: status.to_owned(),
        waiting_since: (status == "waiting").then_some(now),
        offer_expires_at: None,
        created_at: now,
        updated_at: now,
    };
    sqlx::query(
        "INSERT INTO circle_bookings (id, circle_id, person_id, status, waiting_since, \
         offer_expires_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $6)",
    )
    .bind(&b.id)
    .bind(&b.circle_id)
    .bind(&b.person_id)
    .bind(&b.status)
    .bind(b.waiting_since)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(b)
}

/// A person's live (not cancelled) booking of a circle.
pub async fn live(conn: &mut Conn, circle: &Id, person: &Id) -> Result<Option<Booking>> {
    let sql =
        format!("{BOOKING} WHERE circle_id = $1 AND person_id = $2 AND status <> 'cancelled'");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(circle.as_str())
        .bind(person.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// Moves a booking from one status to another, only if it is still in `from`: false when
/// something else changed it first.
pub async fn change_status(
    conn: &mut Conn,
    booking: &str,
    from: &str,
    to: &str,
    offer_expires_at: Option<i64>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circle_bookings SET status = $3, offer_expires_at = $4, updated_at = $5 \
         WHERE id = $1 AND status = $2",
    )
    .bind(booking)
    .bind(from)
    .bind(to)
    .bind(offer_expires_at)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The first person waiting for a circle (earliest to join; ids break ties).
pub async fn first_waiting(conn: &mut Conn, circle: &Id) -> Result<Option<Booking>> {
    let sql = format!(
        "{BOOKING} WHERE circle_id = $1 AND status = 'waiting' \
         ORDER BY waiting_since, id LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(circle.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// A waiting booking's place in the queue, from 1.
pub async fn position(conn: &mut Conn, b: &Booking) -> Result<i64> {
    let (ahead,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM circle_bookings WHERE circle_id = $1 AND status = 'waiting' \
         AND (waiting_since < $2 OR (waiting_since = $2 AND id < $3))",
    )
    .bind(&b.circle_id)
    .bind(b.waiting_since.unwrap_or(0))
    .bind(&b.id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(ahead + 1)
}

/// How many of a circle's bookings are in each status: (booked, waiting, offered).
pub async fn counts(conn: &mut Conn, circle: &Id) -> Result<(i64, i64, i64)> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, COUNT(*) FROM circle_bookings WHERE circle_id = $1 GROUP BY status",
    )
    .bind(circle.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let n = |s: &str| rows.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
    Ok((n("booked"), n("waiting"), n("offered")))
}

/// Offers whose time ran out by `now`: (booking, circle id).
pub async fn lapsed_offers(conn: &mut Conn, now: i64) -> Result<Vec<Booking>> {
    let sql = format!(
        "{BOOKING} WHERE status = 'offered' AND offer_expires_at <= $1 ORDER BY offer_expires_at"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .fetch_all(&mut *conn)
        .await?)
}

/// A person's circles, soonest first, for "My circles".
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MyCircle {
    pub booking_id: String,
    pub circle_id: String,
    pub title: String,
    pub status: String,
    pub circle_status: String,
    pub timezone: String,
    pub cancel_hours: i64,
    pub offer_expires_at: Option<i64>,
    pub waiting_since: Option<i64>,
    pub first_starts_at: i64,
    pub first_ends_at: i64,
    pub sessions: i64,
    /// Their place in the queue (waiting bookings; 0 otherwise).
    pub position: i64,
}

/// A person's live bookings whose last session has not ended, in one query.
pub async fn for_person(conn: &mut Conn, person: &Id, now: i64) -> Result<Vec<MyCircle>> {
    Ok(sqlx::query_as(
        "SELECT b.id AS booking_id, c.id AS circle_id, c.title, b.status, \
         c.status AS circle_status, c.timezone, c.cancel_hours, b.offer_expires_at, \
         b.waiting_since, \
         (SELECT MIN(s.starts_at) FROM circle_sessions s WHERE s.circle_id = c.id) \
           AS first_starts_at, \
         (SELECT MIN(s.ends_at) FROM circle_sessions s WHERE s.circle_id = c.id) \
           AS first_ends_at, \
         (SELECT COUNT(*) FROM circle_sessions s WHERE s.circle_id = c.id) AS sessions, \
         CASE WHEN b.status = 'waiting' THEN 1 + (SELECT COUNT(*) FROM circle_bookings w \
           WHERE w.circle_id = b.circle_id AND w.status = 'waiting' \
           AND (w.waiting_since < b.waiting_since \
             OR (w.waiting_since = b.waiting_since AND w.id < b.id))) ELSE 0 END AS position \
         FROM circle_bookings b JOIN circles c ON c.id = b.circle_id \
         WHERE b.person_id = $1 AND b.status <> 'cancelled' \
         AND (SELECT MAX(s.ends_at) FROM circle_sessions s WHERE s.circle_id = c.id) > $2 \
         ORDER BY first_starts_at, c.id",
    )
    .bind(person.as_str())
    .bind(now)
    .fetch_all(&mut *conn)
    .await?)
}

/// Someone with a place in a circle, and their attendance at each session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub person_id: String,
    pub name: String,
    pub email: String,
    /// (ordinal, present) for each recorded session.
    pub present: Vec<(i64, bool)>,
}

/// Everyone with a place (booked) in a circle, by name, with what was recorded; two queries.
pub async fn attendees(conn: &mut Conn, circle: &Id) -> Result<Vec<Attendee>> {
    let people: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.name, p.email FROM circle_bookings b JOIN people p ON p.id = b.person_id \
         WHERE b.circle_id = $1 AND b.status = 'booked' ORDER BY p.name, p.id",
    )
    .bind(circle.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let marks: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT person_id, ordinal, \
         CAST(CASE WHEN present THEN 1 ELSE 0 END AS BIGINT) FROM circle_attendance WHERE circle_id = $1 \
         ORDER BY ordinal",
    )
    .bind(circle.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(people
        .into_iter()
        .map(|(person_id, name, email)| Attendee {
            present: marks
                .iter()
                .filter(|(p, _, _)| *p == person_id)
                .map(|(_, o, present)| (*o, *present == 1))
                .collect(),
            person_id,
            name,
            email,
        })
        .collect())
}

/// Records (or corrects) whether someone was at a session.
pub async fn record_attendance(
    conn: &mut Conn,
    circle: &Id,
    ordinal: i64,
    person: &str,
    present: bool,
    by: &Id,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO circle_attendance (circle_id, ordinal, person_id, present, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (circle_id, ordinal, person_id) DO UPDATE SET present = excluded.present, \
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
    )
    .bind(circle.as_str())
    .bind(ordinal)
    .bind(person)
    .bind(present)
    .bind(by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A session due a reminder.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DueSession {
    pub circle_id: String,
    pub ordinal: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub title: String,
    pub timezone: String,
}

/// Sessions of running circles starting in `(now, until]` not yet reminded. A circle waiting
/// for its lead to accept or decline a merge is not reminded: it may never run.
pub async fn due_reminders(conn: &mut Conn, now: i64, until: i64) -> Result<Vec<DueSession>> {
    Ok(sqlx::query_as(
        "SELECT s.circle_id, s.ordinal, s.starts_at, s.ends_at, c.title, c.timezone \
         FROM circle_sessions s JOIN circles c ON c.id = s.circle_id \
         WHERE s.reminded_at IS NULL AND s.starts_at > $1 AND s.starts_at <= $2 \
         AND c.status IN ('published', 'confirmed') AND c.merge_offered_at IS NULL \
         ORDER BY s.starts_at",
    )
    .bind(now)
    .bind(until)
    .fetch_all(&mut *conn)
    .await?)
}

/// Claims a session's reminder: false when another instance already did.
pub async fn mark_reminded(conn: &mut Conn, circle: &str, ordinal: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circle_sessions SET reminded_at = $3 \
         WHERE circle_id = $1 AND ordinal = $2 AND reminded_at IS NULL",
    )
    .bind(circle)
    .bind(ordinal)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The people with a place in a circle: (name, email).
pub async fn booked_people(conn: &mut Conn, circle: &str) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT p.name, p.email FROM circle_bookings b JOIN people p ON p.id = b.person_id \
         WHERE b.circle_id = $1 AND b.status = 'booked' ORDER BY p.id",
    )
    .bind(circle)
    .fetch_all(&mut *conn)
    .await?)
}
