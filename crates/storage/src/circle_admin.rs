//! Support circles as leads run them (C7, issue 15): the region's list, changing and
//! publishing a circle, cancelling it by hand, the minimum-size sweep's claims (confirm,
//! cancel, offer a merge, merge) and the rows of the aggregate report. Every change of status
//! is a conditional UPDATE that says whether it won, so two instances never decide twice.

use revans_domain::Id;

use crate::circles::{CircleFields, join_topics, split_topics};
use crate::{Conn, Result, now_ms};

/// An hour in milliseconds (the deadlines are kept in hours).
const HOUR_MS: i64 = 3_600_000;

/// The region (tenant) an organisation belongs to: the root above it, or itself.
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

/// One circle as a lead's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ListingRow {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub title: String,
    pub topics: String,
    pub status: String,
    pub booked: i64,
    pub min_places: i64,
    pub max_places: i64,
    pub delivery_mode: String,
    pub timezone: String,
    pub merge_offered_at: Option<i64>,
    pub first_starts_at: Option<i64>,
    pub session_count: i64,
}

impl ListingRow {
    pub fn topic_list(&self) -> Vec<String> {
        split_topics(&self.topics)
    }
}

/// Every circle of a region, soonest first, in one query.
pub async fn list_in_region(conn: &mut Conn, region: &Id) -> Result<Vec<ListingRow>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.organisation_id, o.name AS organisation_name, c.title, c.topics, \
         c.status, c.booked, c.min_places, c.max_places, c.delivery_mode, c.timezone, \
         c.merge_offered_at, \
         (SELECT MIN(s.starts_at) FROM circle_sessions s WHERE s.circle_id = c.id) \
           AS first_starts_at, \
         (SELECT COUNT(*) FROM circle_sessions s WHERE s.circle_id = c.id) AS session_count \
         FROM circles c JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.region_id = $1 ORDER BY first_starts_at, c.id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A facilitator of the region's pool who has not left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolFacilitator {
    pub person_id: Id,
    pub name: String,
}

/// The region's pool (members who have not left), by name.
pub async fn pool_in_region(conn: &mut Conn, region: &Id) -> Result<Vec<PoolFacilitator>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.id, p.name FROM pool_members m JOIN people p ON p.id = m.person_id \
         WHERE m.region_id = $1 AND m.left_at IS NULL ORDER BY p.name, p.id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| PoolFacilitator {
            person_id: Id::from_trusted(id),
            name,
        })
        .collect())
}

/// Puts a person in a region's pool unless they are in it already (the demo's and tests' way
/// in; the pool capability has its own form).
pub async fn ensure_pool_member(
    conn: &mut Conn,
    person: &Id,
    region: &Id,
    home_organisation: &Id,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO pool_members (person_id, region_id, home_organisation_id, capacity, \
         outside_own_org, timezone, joined_at) VALUES ($1, $2, $3, 3, TRUE, 'Europe/London', $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(person.as_str())
    .bind(region.as_str())
    .bind(home_organisation.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The cohorts of the region's programmes a circle may belong to, as (id, "Programme: cohort").
pub async fn cohorts_in_region(conn: &mut Conn, region: &Id) -> Result<Vec<(Id, String)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.id, p.title, c.name FROM cohorts c JOIN programmes p ON p.id = c.programme_id \
         WHERE p.organisation_id = $1 ORDER BY p.title, c.name, c.id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, programme, cohort)| (Id::from_trusted(id), format!("{programme}: {cohort}")))
        .collect())
}

/// Changes what a lead wrote about a circle still running (draft, published or confirmed),
/// with its sessions and facilitators; false when it has ended. Changed sessions bump the
/// calendar's sequence. Run it in the caller's transaction.
pub async fn update(
    conn: &mut Conn,
    id: &Id,
    f: &CircleFields,
    sessions_changed: bool,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET organisation_id = $2, cohort_id = $3, title = $4, description = $5, \
         topics = $6, min_places = $7, max_places = $8, delivery_mode = $9, \
         delivery_detail = $10, timezone = $11, confirm_hours = $12, cancel_hours = $13, \
         sequence = sequence + $14, updated_at = $15 \
         WHERE id = $1 AND status IN ('draft', 'published', 'confirmed')",
    )
    .bind(id.as_str())
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
    .bind(i64::from(sessions_changed))
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if sessions_changed {
        crate::circles::replace_sessions(conn, id, &f.sessions).await?;
    }
    crate::circles::replace_facilitators(conn, id, &f.facilitators).await?;
    Ok(true)
}

/// Opens a draft for booking; false when it is not a draft.
pub async fn publish(conn: &mut Conn, id: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET status = 'published', updated_at = $2 \
         WHERE id = $1 AND status = 'draft'",
    )
    .bind(id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A lead cancels a circle by hand; false when it had already ended (cancelled or merged).
pub async fn cancel_by_hand(conn: &mut Conn, id: &Id, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET status = 'cancelled', decided_at = COALESCE(decided_at, $2), \
         sequence = sequence + 1, updated_at = $2 \
         WHERE id = $1 AND status IN ('draft', 'published', 'confirmed')",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Published circles whose decision time (first session start less `confirm_hours`) has come
/// and that have neither been decided nor offered a merge.
pub async fn due_for_decision(conn: &mut Conn, now: i64) -> Result<Vec<Id>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT c.id FROM circles c \
         WHERE c.status = 'published' AND c.decided_at IS NULL AND c.merge_offered_at IS NULL \
         AND (SELECT MIN(s.starts_at) FROM circle_sessions s WHERE s.circle_id = c.id) \
             - c.confirm_hours * $2 <= $1 \
         ORDER BY c.id",
    )
    .bind(now)
    .bind(HOUR_MS)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| Id::from_trusted(id)).collect())
}

/// Circles offered a merge whose lead did nothing before the first session started.
pub async fn lapsed_merge_offers(conn: &mut Conn, now: i64) -> Result<Vec<Id>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT c.id FROM circles c \
         WHERE c.status = 'published' AND c.decided_at IS NULL \
         AND c.merge_offered_at IS NOT NULL \
         AND (SELECT MIN(s.starts_at) FROM circle_sessions s WHERE s.circle_id = c.id) <= $1 \
         ORDER BY c.id",
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| Id::from_trusted(id)).collect())
}

/// Claims the confirmation of a circle that reached its minimum; false when someone else
/// decided first.
pub async fn claim_confirmed(conn: &mut Conn, id: &Id, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET status = 'confirmed', decided_at = $2, updated_at = $2 \
         WHERE id = $1 AND status = 'published' AND decided_at IS NULL \
         AND merge_offered_at IS NULL AND booked >= min_places",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims the cancellation of an undecided published circle (below its minimum, its merge
/// declined or lapsed); false when someone else decided first.
pub async fn claim_cancelled(conn: &mut Conn, id: &Id, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET status = 'cancelled', decided_at = $2, sequence = sequence + 1, \
         updated_at = $2 WHERE id = $1 AND status = 'published' AND decided_at IS NULL",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims the offer of a merge to the lead; false when already offered or decided.
pub async fn claim_merge_offer(conn: &mut Conn, id: &Id, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET merge_offered_at = $2, updated_at = $2 \
         WHERE id = $1 AND status = 'published' AND decided_at IS NULL \
         AND merge_offered_at IS NULL",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims the merge of a circle offered one into `target`; false when it was decided first.
pub async fn claim_merged(conn: &mut Conn, id: &Id, target: &Id, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE circles SET status = 'merged', merged_into = $2, decided_at = $3, booked = 0, \
         sequence = sequence + 1, updated_at = $3 \
         WHERE id = $1 AND status = 'published' AND decided_at IS NULL \
         AND merge_offered_at IS NOT NULL",
    )
    .bind(id.as_str())
    .bind(target.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A circle that might take another's bookings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MergeCandidate {
    pub id: String,
    pub title: String,
    pub topics: String,
    pub booked: i64,
    pub max_places: i64,
    pub first_starts_at: i64,
}

/// Published or confirmed circles of a region, other than `except`, whose first session
/// starts between `from` and `to`, soonest first.
pub async fn merge_candidates(
    conn: &mut Conn,
    region: &Id,
    except: &Id,
    from: i64,
    to: i64,
) -> Result<Vec<MergeCandidate>> {
    Ok(sqlx::query_as(
        "SELECT * FROM (SELECT c.id, c.title, c.topics, c.booked, c.max_places, \
         (SELECT MIN(s.starts_at) FROM circle_sessions s WHERE s.circle_id = c.id) \
           AS first_starts_at \
         FROM circles c WHERE c.region_id = $1 AND c.id <> $2 \
         AND c.status IN ('published', 'confirmed')) x \
         WHERE x.first_starts_at >= $3 AND x.first_starts_at <= $4 \
         ORDER BY x.first_starts_at, x.id",
    )
    .bind(region.as_str())
    .bind(except.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?)
}

/// Someone with a live place (booked, waiting or offered) on a circle, or one of its
/// facilitators (status `facilitator`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Contact {
    pub person_id: String,
    pub name: String,
    pub email: String,
    pub status: String,
}

/// Everyone booked, waiting or offered a place, then the facilitators, in one query.
pub async fn contacts(conn: &mut Conn, circle: &Id) -> Result<Vec<Contact>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS person_id, p.name, p.email, b.status FROM circle_bookings b \
         JOIN people p ON p.id = b.person_id \
         WHERE b.circle_id = $1 AND b.status IN ('booked', 'waiting', 'offered') \
         UNION ALL \
         SELECT p.id AS person_id, p.name, p.email, 'facilitator' AS status \
         FROM circle_facilitators f JOIN people p ON p.id = f.person_id WHERE f.circle_id = $1",
    )
    .bind(circle.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Moves the places booked on `source` to `target` within the target's places (a person
/// already on the target keeps their place there); whatever is left on the source (waiting,
/// offered, the duplicates) is cancelled. Returns the places moved, or `None` (nothing
/// changed) when the target has no room for them or has ended. Run it in the caller's
/// transaction, after claiming the source.
pub async fn move_bookings(
    conn: &mut Conn,
    source: &Id,
    target: &Id,
    now: i64,
) -> Result<Option<i64>> {
    let (moving,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM circle_bookings b WHERE b.circle_id = $1 AND b.status = 'booked' \
         AND b.person_id NOT IN (SELECT t.person_id FROM circle_bookings t \
           WHERE t.circle_id = $2 AND t.status <> 'cancelled')",
    )
    .bind(source.as_str())
    .bind(target.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let room = sqlx::query(
        "UPDATE circles SET booked = booked + $2, sequence = sequence + 1, updated_at = $3 \
         WHERE id = $1 AND booked + $2 <= max_places AND status IN ('published', 'confirmed')",
    )
    .bind(target.as_str())
    .bind(moving)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if room.rows_affected() != 1 {
        return Ok(None);
    }
    sqlx::query(
        "UPDATE circle_bookings SET circle_id = $2, updated_at = $3 \
         WHERE circle_id = $1 AND status = 'booked' AND person_id NOT IN \
         (SELECT t.person_id FROM circle_bookings t WHERE t.circle_id = $2 \
          AND t.status <> 'cancelled')",
    )
    .bind(source.as_str())
    .bind(target.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE circle_bookings SET status = 'cancelled', updated_at = $2 \
         WHERE circle_id = $1 AND status <> 'cancelled'",
    )
    .bind(source.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(Some(moving))
}

/// One circle's figures for the aggregate report (no names).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReportRow {
    pub organisation_id: String,
    pub organisation_name: String,
    pub topics: String,
    pub status: String,
    /// Places booked now.
    pub bookings: i64,
    /// Attendance marks recorded, and those marked present.
    pub marks: i64,
    pub present: i64,
}

/// Every circle of a region past draft, with its bookings and attendance, in one query.
pub async fn report_rows(conn: &mut Conn, region: &Id) -> Result<Vec<ReportRow>> {
    Ok(sqlx::query_as(
        "SELECT c.organisation_id, o.name AS organisation_name, c.topics, c.status, \
         (SELECT COUNT(*) FROM circle_bookings b WHERE b.circle_id = c.id \
           AND b.status = 'booked') AS bookings, \
         (SELECT COUNT(*) FROM circle_attendance a WHERE a.circle_id = c.id) AS marks, \
         (SELECT COUNT(CASE WHEN a.present THEN 1 END) FROM circle_attendance a \
           WHERE a.circle_id = c.id) AS present \
         FROM circles c JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.region_id = $1 AND c.status <> 'draft' ORDER BY o.name, c.id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Fixtures for other crates' tests: what the booking capability, the pool and attendance
/// would write, without depending on them.
#[cfg(feature = "test-support")]
pub mod fixtures {
    use revans_domain::Id;

    use crate::{Conn, Result, new_id};

    /// Puts a person in a region's pool.
    pub async fn join_pool(conn: &mut Conn, person: &Id, region: &Id) -> Result<()> {
        super::ensure_pool_member(conn, person, region, region).await
    }

    /// A place on a circle (`booked` also takes one of its places) or on its waiting list.
    pub async fn book(conn: &mut Conn, circle: &Id, person: &Id, status: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO circle_bookings (id, circle_id, person_id, status, waiting_since, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, 1, 1, 1)",
        )
        .bind(new_id().as_str())
        .bind(circle.as_str())
        .bind(person.as_str())
        .bind(status)
        .execute(&mut *conn)
        .await?;
        if status == "booked" {
            sqlx::query("UPDATE circles SET booked = booked + 1 WHERE id = $1")
                .bind(circle.as_str())
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Attendance at a circle's first session.
    pub async fn attended(conn: &mut Conn, circle: &Id, person: &Id, present: bool) -> Result<()> {
        sqlx::query(
            "INSERT INTO circle_attendance (circle_id, ordinal, person_id, present, recorded_at) \
             VALUES ($1, 1, $2, $3, 1)",
        )
        .bind(circle.as_str())
        .bind(person.as_str())
        .bind(present)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
