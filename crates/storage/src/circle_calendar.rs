//! The public circles calendar (C7): a region's upcoming circles with their sessions, filtered,
//! in one query; the regions a visitor can pick; each person's booked sessions for their feed.

use revans_domain::Id;

use crate::{Conn, Result};

/// The region of `$1` (an organisation or the region itself): the root above it.
macro_rules! with_region {
    ($rest:literal) => {
        concat!(
            "WITH RECURSIVE up(id, parent_id) AS (\
             SELECT id, parent_id FROM organisations WHERE id = $1 \
             UNION ALL SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id) ",
            $rest
        )
    };
}

/// What the calendar is narrowed to; empty strings and `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A topic tag.
    pub topic: String,
    /// `virtual` or `in_person`.
    pub mode: String,
    pub organisation_id: String,
    /// Circles whose first session starts at or after this (ms).
    pub from: i64,
    /// ... and before this (ms).
    pub to: Option<i64>,
}

/// One session of a listed circle, with its circle's facts (a row per session).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub region_id: String,
    pub title: String,
    pub description: String,
    pub topics: String,
    pub max_places: i64,
    pub booked: i64,
    pub delivery_mode: String,
    pub delivery_detail: String,
    pub timezone: String,
    pub status: String,
    pub sequence: i64,
    pub cancel_hours: i64,
    pub organisation_id: String,
    pub organisation_name: String,
    pub ordinal: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// The published and confirmed circles of the region `within` belongs to (`within` is any of
/// its organisations, or the region itself), soonest first, each circle's sessions in order:
/// one query however many circles there are.
pub async fn upcoming(conn: &mut Conn, within: &Id, f: &Filter) -> Result<Vec<Row>> {
    Ok(sqlx::query_as(with_region!(
        "SELECT c.id, c.region_id, c.title, c.description, c.topics, c.max_places, c.booked, \
         c.delivery_mode, c.delivery_detail, c.timezone, c.status, c.sequence, c.cancel_hours, \
         c.organisation_id, o.name AS organisation_name, s.ordinal, s.starts_at, s.ends_at \
         FROM circles c \
         JOIN (SELECT circle_id, MIN(starts_at) AS first_at FROM circle_sessions \
               GROUP BY circle_id) f ON f.circle_id = c.id \
         JOIN circle_sessions s ON s.circle_id = c.id \
         JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.region_id IN (SELECT id FROM up WHERE parent_id IS NULL) \
         AND c.status IN ('published', 'confirmed') \
         AND ($2 = '' OR ',' || c.topics || ',' LIKE '%,' || $2 || ',%') \
         AND ($3 = '' OR c.delivery_mode = $3) \
         AND ($4 = '' OR c.organisation_id = $4) \
         AND f.first_at >= $5 AND f.first_at < $6 \
         ORDER BY f.first_at, c.id, s.ordinal"
    ))
    .bind(within.as_str())
    .bind(&f.topic)
    .bind(&f.mode)
    .bind(&f.organisation_id)
    .bind(f.from)
    .bind(f.to.unwrap_or(i64::MAX))
    .fetch_all(&mut *conn)
    .await?)
}

/// One circle as the calendar shows it (any status; the caller decides who sees a draft),
/// with its sessions, in one query; empty when there is no such circle.
pub async fn circle(conn: &mut Conn, id: &Id) -> Result<Vec<Row>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.region_id, c.title, c.description, c.topics, c.max_places, c.booked, \
         c.delivery_mode, c.delivery_detail, c.timezone, c.status, c.sequence, c.cancel_hours, \
         c.organisation_id, o.name AS organisation_name, s.ordinal, s.starts_at, s.ends_at \
         FROM circles c JOIN circle_sessions s ON s.circle_id = c.id \
         JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.id = $1 ORDER BY s.ordinal",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The names and ids of a circle's facilitators.
pub async fn facilitators(conn: &mut Conn, circle: &Id) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.name FROM circle_facilitators f JOIN people p ON p.id = f.person_id \
         WHERE f.circle_id = $1 ORDER BY f.added_at, p.id",
    )
    .bind(circle.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The regions a visitor may pick: every root organisation, by name: (id, name).
pub async fn regions(conn: &mut Conn) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, name FROM organisations WHERE parent_id IS NULL ORDER BY name, id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A booked session in a person's feed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BookedSession {
    pub circle_id: String,
    pub title: String,
    pub delivery_detail: String,
    pub status: String,
    pub sequence: i64,
    pub ordinal: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// The sessions of the circles a person has a place in (any time), in one query.
pub async fn booked_sessions(conn: &mut Conn, person: &Id) -> Result<Vec<BookedSession>> {
    Ok(sqlx::query_as(
        "SELECT c.id AS circle_id, c.title, c.delivery_detail, c.status, c.sequence, \
         s.ordinal, s.starts_at, s.ends_at \
         FROM circle_bookings b JOIN circles c ON c.id = b.circle_id \
         JOIN circle_sessions s ON s.circle_id = c.id \
         WHERE b.person_id = $1 AND b.status = 'booked' ORDER BY s.starts_at, c.id, s.ordinal",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
