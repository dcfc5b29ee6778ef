//! Support circles (C7, issue 15): the circle itself, its sessions and its facilitators. The
//! base both the calendar and booking (`circle_bookings`) and the lead's management and the
//! minimum-size sweep build on; they keep their own queries in files of their own.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// One session of a circle, in milliseconds since the epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CircleSession {
    pub starts_at: i64,
    pub ends_at: i64,
}

/// What a lead writes about a circle, already validated by the app layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircleFields {
    pub organisation_id: Id,
    pub cohort_id: Option<Id>,
    pub title: String,
    pub description: String,
    /// Lower-case tags, e.g. `["burnout", "hybrid-working"]`.
    pub topics: Vec<String>,
    pub min_places: i64,
    pub max_places: i64,
    /// `virtual` or `in_person`.
    pub delivery_mode: String,
    /// The link (virtual) or the place (in person).
    pub delivery_detail: String,
    pub timezone: String,
    pub confirm_hours: i64,
    pub cancel_hours: i64,
    /// At least one, in order.
    pub sessions: Vec<CircleSession>,
    /// One or two people from the region's pool.
    pub facilitators: Vec<Id>,
}

/// A stored circle with its sessions (in order) and facilitators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circle {
    pub id: Id,
    pub region_id: Id,
    pub fields: CircleFields,
    pub booked: i64,
    /// `draft`, `published`, `confirmed`, `cancelled` or `merged`.
    pub status: String,
    pub merged_into: Option<Id>,
    pub decided_at: Option<i64>,
    pub merge_offered_at: Option<i64>,
    pub sequence: i64,
    pub created_by: Option<Id>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    region_id: String,
    organisation_id: String,
    cohort_id: Option<String>,
    title: String,
    description: String,
    topics: String,
    min_places: i64,
    max_places: i64,
    booked: i64,
    delivery_mode: String,
    delivery_detail: String,
    timezone: String,
    confirm_hours: i64,
    cancel_hours: i64,
    status: String,
    merged_into: Option<String>,
    decided_at: Option<i64>,
    merge_offered_at: Option<i64>,
    sequence: i64,
    created_by: Option<String>,
    created_at: i64,
    updated_at: i64,
}

/// The columns of a `Row`, as a literal so each query stays a `&'static str`.
macro_rules! select_circles {
    ($rest:literal) => {
        concat!(
            "SELECT c.id, c.region_id, c.organisation_id, c.cohort_id, c.title, c.description, \
             c.topics, c.min_places, c.max_places, c.booked, c.delivery_mode, \
             c.delivery_detail, c.timezone, c.confirm_hours, c.cancel_hours, c.status, \
             c.merged_into, c.decided_at, c.merge_offered_at, c.sequence, c.created_by, \
             c.created_at, c.updated_at FROM circles c ",
            $rest
        )
    };
}

/// Topics as stored: lower-case tags joined by commas.
pub fn join_topics(topics: &[String]) -> String {
    topics.join(",")
}

/// Topics as read back: the stored text split on commas, empty pieces dropped.
pub fn split_topics(raw: &str) -> Vec<String> {
    raw.split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Row {
    fn into_circle(self, sessions: Vec<CircleSession>, facilitators: Vec<Id>) -> Circle {
        Circle {
            id: Id::from_trusted(self.id),
            region_id: Id::from_trusted(self.region_id),
            fields: CircleFields {
                organisation_id: Id::from_trusted(self.organisation_id),
                cohort_id: self.cohort_id.map(Id::from_trusted),
                title: self.title,
                description: self.description,
                topics: split_topics(&self.topics),
                min_places: self.min_places,
                max_places: self.max_places,
                delivery_mode: self.delivery_mode,
                delivery_detail: self.delivery_detail,
                timezone: self.timezone,
                confirm_hours: self.confirm_hours,
                cancel_hours: self.cancel_hours,
                sessions,
                facilitators,
            },
            booked: self.booked,
            status: self.status,
            merged_into: self.merged_into.map(Id::from_trusted),
            decided_at: self.decided_at,
            merge_offered_at: self.merge_offered_at,
            sequence: self.sequence,
            created_by: self.created_by.map(Id::from_trusted),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Adds a circle with its sessions and facilitators, in the given status (`draft` or
/// `published`). Run it inside the caller's transaction so all three land together.
pub async fn insert(
    conn: &mut Conn,
    region_id: &Id,
    f: &CircleFields,
    status: &str,
    created_by: Option<&Id>,
) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO circles (id, region_id, organisation_id, cohort_id, title, description, \
         topics, min_places, max_places, booked, delivery_mode, delivery_detail, timezone, \
         confirm_hours, cancel_hours, status, sequence, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $13, $14, $15, 0, $16, \
         $17, $17)",
    )
    .bind(id.as_str())
    .bind(region_id.as_str())
    .bind(f.organisation_id.as_str())
    .bind(f.cohort_id.as_ref().map(Id::as_str))
    .bind(&f.title)
    .bind(&f.description)
    .bind(join_topics(&f.topics))
    .bind(f.min_places)
    .bind(f.max_places)
    .bind(&f.delivery_mode)
    .bind(&f.delivery_detail)
    .bind(&f.timezone)
    .bind(f.confirm_hours)
    .bind(f.cancel_hours)
    .bind(status)
    .bind(created_by.map(Id::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    replace_sessions(conn, &id, &f.sessions).await?;
    replace_facilitators(conn, &id, &f.facilitators).await?;
    Ok(id)
}

/// Replaces a circle's sessions (numbered from 1 in the order given).
pub async fn replace_sessions(
    conn: &mut Conn,
    circle_id: &Id,
    sessions: &[CircleSession],
) -> Result<()> {
    sqlx::query("DELETE FROM circle_sessions WHERE circle_id = $1")
        .bind(circle_id.as_str())
        .execute(&mut *conn)
        .await?;
    for (i, s) in sessions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO circle_sessions (circle_id, ordinal, starts_at, ends_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(circle_id.as_str())
        .bind(i as i64 + 1)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Replaces a circle's facilitators; someone kept keeps the day they were added.
pub async fn replace_facilitators(conn: &mut Conn, circle_id: &Id, people: &[Id]) -> Result<()> {
    let keep: Vec<&str> = people.iter().map(Id::as_str).collect();
    let existing: Vec<(String,)> =
        sqlx::query_as("SELECT person_id FROM circle_facilitators WHERE circle_id = $1")
            .bind(circle_id.as_str())
            .fetch_all(&mut *conn)
            .await?;
    for (person,) in &existing {
        if !keep.contains(&person.as_str()) {
            sqlx::query("DELETE FROM circle_facilitators WHERE circle_id = $1 AND person_id = $2")
                .bind(circle_id.as_str())
                .bind(person)
                .execute(&mut *conn)
                .await?;
        }
    }
    let now = now_ms();
    for person in keep {
        if !existing.iter().any(|(p,)| p == person) {
            sqlx::query(
                "INSERT INTO circle_facilitators (circle_id, person_id, added_at) \
                 VALUES ($1, $2, $3)",
            )
            .bind(circle_id.as_str())
            .bind(person)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// A circle with its sessions and facilitators, in three queries.
pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Circle>> {
    let row: Option<Row> = sqlx::query_as(select_circles!("WHERE c.id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let sessions: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, ends_at FROM circle_sessions WHERE circle_id = $1 ORDER BY ordinal",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let facilitators: Vec<(String,)> = sqlx::query_as(
        "SELECT person_id FROM circle_facilitators WHERE circle_id = $1 \
         ORDER BY added_at, person_id",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(
        row.into_circle(
            sessions
                .into_iter()
                .map(|(starts_at, ends_at)| CircleSession { starts_at, ends_at })
                .collect(),
            facilitators
                .into_iter()
                .map(|(p,)| Id::from_trusted(p))
                .collect(),
        ),
    ))
}
