//! The regional pool of facilitators (C6, issue 15): who opted in to a region's pool, with
//! what capacity, when they can facilitate and when they are away; and the pool as leads of
//! the region read it (never diaries or logs), in a fixed number of queries.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// A weekly window, as stored: weekday 1-7, minutes after midnight in the member's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub weekday: i64,
    pub from_minute: i64,
    pub to_minute: i64,
}

/// What a facilitator chooses when they join (or change) their place in a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub capacity: i64,
    pub outside_own_org: bool,
    pub timezone: String,
    pub availability: Vec<Window>,
}

/// A day or run of days away; no last day means from the first day until further notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub id: Id,
    pub person_id: Id,
    pub first_day: String,
    pub last_day: Option<String>,
}

/// One member of a region's pool as leads read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolRow {
    pub person_id: Id,
    pub name: String,
    pub email: String,
    pub home_organisation_id: Id,
    pub organisation_name: String,
    pub capacity: i64,
    /// Unfinished sets and upcoming circles they facilitate now.
    pub running: i64,
    pub outside_own_org: bool,
    pub timezone: String,
    pub years: i64,
    pub languages: Vec<String>,
    pub availability: Vec<Window>,
    /// Qualification names with their level ("Leadership Support Circles (Level 5)").
    pub qualifications: Vec<String>,
    pub absences: Vec<Absence>,
}

impl PoolRow {
    pub fn capacity_left(&self) -> i64 {
        (self.capacity - self.running).max(0)
    }
}

/// The region an organisation belongs to: the root of its tree.
pub async fn region_of(conn: &mut Conn, organisation: &Id) -> Result<Option<Id>> {
    let root: Option<String> = sqlx::query_scalar(
        "WITH RECURSIVE up(id, parent_id) AS (\
         SELECT id, parent_id FROM organisations WHERE id = $1 \
         UNION ALL SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id) \
         SELECT id FROM up WHERE parent_id IS NULL",
    )
    .bind(organisation.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(root.map(Id::from_trusted))
}

/// Joins the pool (or changes one's place in it, or rejoins after leaving), replacing the
/// weekly availability. Run inside the caller's transaction.
pub async fn join(
    conn: &mut Conn,
    person: &Id,
    region: &Id,
    home_organisation: &Id,
    m: &Membership,
) -> Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO pool_members (person_id, region_id, home_organisation_id, capacity, \
         outside_own_org, timezone, joined_at, left_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) \
         ON CONFLICT (person_id, region_id) DO UPDATE SET \
         home_organisation_id = EXCLUDED.home_organisation_id, capacity = EXCLUDED.capacity, \
         outside_own_org = EXCLUDED.outside_own_org, timezone = EXCLUDED.timezone, left_at = NULL",
    )
    .bind(person.as_str())
    .bind(region.as_str())
    .bind(home_organisation.as_str())
    .bind(m.capacity)
    .bind(m.outside_own_org)
    .bind(&m.timezone)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM pool_availability WHERE person_id = $1 AND region_id = $2")
        .bind(person.as_str())
        .bind(region.as_str())
        .execute(&mut *conn)
        .await?;
    for w in &m.availability {
        sqlx::query(
            "INSERT INTO pool_availability (person_id, region_id, weekday, from_minute, to_minute) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(person.as_str())
        .bind(region.as_str())
        .bind(w.weekday)
        .bind(w.from_minute)
        .bind(w.to_minute)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Leaves the pool; the row stays (with `left_at`) so past proposals still read. True when
/// they were in it.
pub async fn leave(conn: &mut Conn, person: &Id, region: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE pool_members SET left_at = $3 WHERE person_id = $1 AND region_id = $2 \
         AND left_at IS NULL",
    )
    .bind(person.as_str())
    .bind(region.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    capacity: i64,
    outside_own_org: i64,
    timezone: String,
}

/// One's current place in a region's pool, if they are in it.
pub async fn membership(conn: &mut Conn, person: &Id, region: &Id) -> Result<Option<Membership>> {
    let row: Option<MemberRow> = sqlx::query_as(
        "SELECT capacity, CAST(CASE WHEN outside_own_org THEN 1 ELSE 0 END AS BIGINT) AS outside_own_org, \
         timezone FROM pool_members \
         WHERE person_id = $1 AND region_id = $2 AND left_at IS NULL",
    )
    .bind(person.as_str())
    .bind(region.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let availability = windows(conn, region, Some(person))
        .await?
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    Ok(Some(Membership {
        capacity: row.capacity,
        outside_own_org: row.outside_own_org != 0,
        timezone: row.timezone,
        availability,
    }))
}

async fn windows(conn: &mut Conn, region: &Id, person: Option<&Id>) -> Result<Vec<(Id, Window)>> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.person_id, a.weekday, a.from_minute, a.to_minute FROM pool_availability a \
         JOIN pool_members m ON m.person_id = a.person_id AND m.region_id = a.region_id \
         WHERE a.region_id = $1 AND m.left_at IS NULL \
         ORDER BY a.person_id, a.weekday, a.from_minute",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(p, ..)| person.is_none_or(|x| x.as_str() == p))
        .map(|(p, weekday, from_minute, to_minute)| {
            (
                Id::from_trusted(p),
                Window {
                    weekday,
                    from_minute,
                    to_minute,
                },
            )
        })
        .collect())
}

/// Records days away (or, with no last day, unavailable from `first_day`).
pub async fn add_absence(
    conn: &mut Conn,
    person: &Id,
    first_day: &str,
    last_day: Option<&str>,
    recorded_by: &Id,
) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO facilitator_absences (id, person_id, first_day, last_day, recorded_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.as_str())
    .bind(person.as_str())
    .bind(first_day)
    .bind(last_day)
    .bind(recorded_by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Removes one of a person's absences; true when it was theirs.
pub async fn remove_absence(conn: &mut Conn, person: &Id, id: &Id) -> Result<bool> {
    let done = sqlx::query("DELETE FROM facilitator_absences WHERE id = $1 AND person_id = $2")
        .bind(id.as_str())
        .bind(person.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A person's absences, earliest first.
pub async fn absences_of(conn: &mut Conn, person: &Id) -> Result<Vec<Absence>> {
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, person_id, first_day, last_day FROM facilitator_absences \
         WHERE person_id = $1 ORDER BY first_day, id",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(absence).collect())
}

fn absence((id, person, first_day, last_day): (String, String, String, Option<String>)) -> Absence {
    Absence {
        id: Id::from_trusted(id),
        person_id: Id::from_trusted(person),
        first_day,
        last_day,
    }
}

#[derive(sqlx::FromRow)]
struct PoolSql {
    person_id: String,
    name: String,
    email: String,
    home_organisation_id: String,
    organisation_name: String,
    capacity: i64,
    running: i64,
    outside_own_org: i64,
    timezone: String,
    years: Option<i64>,
    languages: Option<String>,
}

/// What a facilitator runs now, counted against their capacity: sets not yet finished (no
/// meeting yet, or a scheduled one still to end) that are not self-facilitated, and circles
/// still to come that are not cancelled or merged. `$2` is now.
const RUNNING: &str = "(SELECT COUNT(*) FROM set_facilitators sf JOIN action_sets s ON s.id = sf.set_id \
      WHERE sf.person_id = m.person_id AND s.self_facilitated = FALSE AND (\
        NOT EXISTS (SELECT 1 FROM meetings mt WHERE mt.set_id = s.id) OR \
        EXISTS (SELECT 1 FROM meetings mt WHERE mt.set_id = s.id AND mt.status = 'scheduled' \
                AND mt.ends_at > $2))) \
   + (SELECT COUNT(*) FROM circle_facilitators cf JOIN circles c ON c.id = cf.circle_id \
      WHERE cf.person_id = m.person_id AND c.status IN ('draft', 'published', 'confirmed') \
        AND EXISTS (SELECT 1 FROM circle_sessions cs WHERE cs.circle_id = c.id AND cs.ends_at > $2))";

/// The current members of a region's pool, by name, with what leads see: four queries
/// whatever the pool's size (members, availability, qualifications, absences).
pub async fn list(conn: &mut Conn, region: &Id, now: i64) -> Result<Vec<PoolRow>> {
    let sql = format!(
        "SELECT m.person_id, p.name, p.email, m.home_organisation_id, o.name AS organisation_name, \
         m.capacity, {RUNNING} AS running, \
         CAST(CASE WHEN m.outside_own_org THEN 1 ELSE 0 END AS BIGINT) AS outside_own_org, m.timezone, \
         fp.years_facilitating AS years, fp.languages \
         FROM pool_members m JOIN people p ON p.id = m.person_id \
         JOIN organisations o ON o.id = m.home_organisation_id \
         LEFT JOIN facilitator_profiles fp ON fp.person_id = m.person_id \
         WHERE m.region_id = $1 AND m.left_at IS NULL ORDER BY p.name, m.person_id"
    );
    let rows: Vec<PoolSql> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(region.as_str())
        .bind(now)
        .fetch_all(&mut *conn)
        .await?;
    let windows = windows(conn, region, None).await?;
    let quals: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT q.person_id, q.name, q.level FROM facilitator_qualifications q \
         JOIN pool_members m ON m.person_id = q.person_id \
         WHERE m.region_id = $1 AND m.left_at IS NULL ORDER BY q.person_id, q.awarded_on, q.id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let absences: Vec<Absence> = sqlx::query_as::<_, (String, String, String, Option<String>)>(
        "SELECT a.id, a.person_id, a.first_day, a.last_day FROM facilitator_absences a \
         JOIN pool_members m ON m.person_id = a.person_id \
         WHERE m.region_id = $1 AND m.left_at IS NULL ORDER BY a.person_id, a.first_day, a.id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(absence)
    .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let id = Id::from_trusted(r.person_id);
            PoolRow {
                availability: windows
                    .iter()
                    .filter(|(p, _)| *p == id)
                    .map(|(_, w)| *w)
                    .collect(),
                qualifications: quals
                    .iter()
                    .filter(|(p, _, _)| p == id.as_str())
                    .map(|(_, n, l)| format!("{n} ({l})"))
                    .collect(),
                absences: absences
                    .iter()
                    .filter(|a| a.person_id == id)
                    .cloned()
                    .collect(),
                person_id: id,
                name: r.name,
                email: r.email,
                home_organisation_id: Id::from_trusted(r.home_organisation_id),
                organisation_name: r.organisation_name,
                capacity: r.capacity,
                running: r.running,
                outside_own_org: r.outside_own_org != 0,
                timezone: r.timezone,
                years: r.years.unwrap_or(0),
                languages: r
                    .languages
                    .unwrap_or_default()
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
            }
        })
        .collect())
}

/// The people booked on a circle (its members, for fit), with their organisations and emails.
pub async fn circle_members(conn: &mut Conn, circle: &Id) -> Result<Vec<(Id, Id, String, String)>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.organisation_id, p.email, p.name FROM circle_bookings b \
         JOIN people p ON p.id = b.person_id WHERE b.circle_id = $1 AND b.status = 'booked' \
         ORDER BY p.name, p.id",
    )
    .bind(circle.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, o, e, n)| (Id::from_trusted(p), Id::from_trusted(o), e, n))
        .collect())
}
