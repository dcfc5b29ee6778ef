//! Counts across a region's published sets, per cohort, for the sets overview: a fixed number
//! of aggregate queries however many programmes, cohorts, sets and members there are. Raw
//! counts only; the small-number rule is applied by whoever publishes them.

use std::collections::HashMap;

use revans_domain::Id;

use crate::organisations::TREE_CTE;
use crate::{Conn, Result};

/// One cohort with published sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortSetCounts {
    pub cohort_id: Id,
    pub programme: String,
    pub cohort: String,
    pub sets: i64,
    /// People in the sets now.
    pub members: i64,
    pub meetings_held: i64,
    pub meetings_planned: i64,
    /// Attendance records of held meetings during each record's membership, and how many of
    /// those were "present" (as `revans_domain::summarise` counts them).
    pub attendance_counted: i64,
    pub attendance_present: i64,
    pub problems: i64,
    /// Diary and log entries written by the current members.
    pub diary_entries: i64,
}

/// Joins a set `s` to its cohort `c` and programme `p`, keeping programmes in `root` and below.
const IN_TREE: &str = "JOIN cohorts c ON c.id = s.cohort_id \
     JOIN programmes p ON p.id = c.programme_id JOIN tree t ON t.id = p.organisation_id";

/// Per cohort with at least one published set, in catalogue order (programme title, then the
/// cohort's first session).
pub async fn cohort_counts(conn: &mut Conn, root: &Id) -> Result<Vec<CohortSetCounts>> {
    let cohorts: Vec<(String, String, String, i64)> = fetch(
        conn,
        root,
        &format!(
            "SELECT c.id, p.title, c.name, COUNT(*) FROM action_sets s {IN_TREE} \
             WHERE s.status = 'published' GROUP BY c.id, p.title, p.id, c.name \
             ORDER BY p.title, p.id, (SELECT MIN(cs.starts_at) FROM cohort_sessions cs \
             WHERE cs.cohort_id = c.id), c.name, c.id"
        ),
    )
    .await?;
    let members = pairs(
        conn,
        root,
        &format!(
            "SELECT c.id, COUNT(*) FROM set_members m JOIN action_sets s ON s.id = m.set_id {IN_TREE} \
             WHERE s.status = 'published' AND m.left_at IS NULL GROUP BY c.id"
        ),
    )
    .await?;
    let meetings: HashMap<String, (i64, i64)> = fetch::<(String, i64, i64)>(
        conn,
        root,
        &format!(
            "SELECT c.id, SUM(CASE WHEN mt.held THEN 1 ELSE 0 END), \
             SUM(CASE WHEN mt.status <> 'cancelled' THEN 1 ELSE 0 END) \
             FROM meetings mt JOIN action_sets s ON s.id = mt.set_id {IN_TREE} \
             WHERE s.status = 'published' GROUP BY c.id"
        ),
    )
    .await?
    .into_iter()
    .map(|(c, held, planned)| (c, (held, planned)))
    .collect();
    let attendance: HashMap<String, (i64, i64)> = fetch::<(String, i64, i64)>(
        conn,
        root,
        &format!(
            "SELECT c.id, COUNT(*), SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END) \
             FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id \
             JOIN set_members m ON m.set_id = mt.set_id AND m.person_id = a.person_id \
             AND m.joined_at <= mt.starts_at AND (m.left_at IS NULL OR mt.starts_at < m.left_at) \
             JOIN action_sets s ON s.id = mt.set_id {IN_TREE} \
             WHERE s.status = 'published' AND mt.held GROUP BY c.id"
        ),
    )
    .await?
    .into_iter()
    .map(|(c, counted, present)| (c, (counted, present)))
    .collect();
    let problems = pairs(
        conn,
        root,
        &format!(
            "SELECT c.id, COUNT(*) FROM problems pr JOIN action_sets s ON s.id = pr.set_id {IN_TREE} \
             WHERE s.status = 'published' GROUP BY c.id"
        ),
    )
    .await?;
    let diary_entries = pairs(
        conn,
        root,
        &format!(
            "SELECT c.id, COUNT(*) FROM diary_entries d \
             JOIN set_members m ON m.person_id = d.author_id AND m.left_at IS NULL \
             JOIN action_sets s ON s.id = m.set_id {IN_TREE} \
             WHERE s.status = 'published' GROUP BY c.id"
        ),
    )
    .await?;
    Ok(cohorts
        .into_iter()
        .map(|(id, programme, cohort, sets)| {
            let (meetings_held, meetings_planned) = meetings.get(&id).copied().unwrap_or_default();
            let (attendance_counted, attendance_present) =
                attendance.get(&id).copied().unwrap_or_default();
            CohortSetCounts {
                members: members.get(&id).copied().unwrap_or_default(),
                problems: problems.get(&id).copied().unwrap_or_default(),
                diary_entries: diary_entries.get(&id).copied().unwrap_or_default(),
                cohort_id: Id::from_trusted(id),
                programme,
                cohort,
                sets,
                meetings_held,
                meetings_planned,
                attendance_counted,
                attendance_present,
            }
        })
        .collect())
}

async fn fetch<T>(conn: &mut Conn, root: &Id, select: &str) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    Ok(
        sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(format!("{TREE_CTE} {select}")))
            .bind(root.as_str())
            .fetch_all(&mut *conn)
            .await?,
    )
}

async fn pairs(conn: &mut Conn, root: &Id, select: &str) -> Result<HashMap<String, i64>> {
    Ok(fetch::<(String, i64)>(conn, root, select)
        .await?
        .into_iter()
        .collect())
}

/// Per set of a cohort: problems brought, and entries written by its current members (two
/// queries for the whole cohort).
pub async fn set_counts(conn: &mut Conn, cohort_id: &Id) -> Result<HashMap<Id, (i64, i64)>> {
    let problems: Vec<(String, i64)> = sqlx::query_as(
        "SELECT s.id, COUNT(*) FROM problems pr JOIN action_sets s ON s.id = pr.set_id \
         WHERE s.cohort_id = $1 GROUP BY s.id",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let entries: Vec<(String, i64)> = sqlx::query_as(
        "SELECT m.set_id, COUNT(*) FROM diary_entries d \
         JOIN set_members m ON m.person_id = d.author_id AND m.left_at IS NULL \
         JOIN action_sets s ON s.id = m.set_id WHERE s.cohort_id = $1 GROUP BY m.set_id",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut out: HashMap<Id, (i64, i64)> = HashMap::new();
    for (set, n) in problems {
        out.entry(Id::from_trusted(set)).or_default().0 = n;
    }
    for (set, n) in entries {
        out.entry(Id::from_trusted(set)).or_default().1 = n;
    }
    Ok(out)
}

/// One published set's attendance, for the attendance export: raw counts only.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SetAttendanceCounts {
    pub programme: String,
    pub cohort: String,
    pub set_name: String,
    /// People in the set now.
    pub members: i64,
    pub meetings_held: i64,
    pub meetings_planned: i64,
    /// Attendance records of held meetings during each record's membership, and how many of
    /// those were "present" (as `cohort_counts` counts them).
    pub attendance_counted: i64,
    pub attendance_present: i64,
}

/// Per published set in `root` and below, in catalogue order: one statement.
pub async fn set_attendance(conn: &mut Conn, root: &Id) -> Result<Vec<SetAttendanceCounts>> {
    let during = "FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id \
         JOIN set_members m ON m.set_id = mt.set_id AND m.person_id = a.person_id \
         AND m.joined_at <= mt.starts_at AND (m.left_at IS NULL OR mt.starts_at < m.left_at) \
         WHERE mt.set_id = s.id AND mt.held";
    fetch(
        conn,
        root,
        &format!(
            "SELECT p.title AS programme, c.name AS cohort, s.name AS set_name, \
             (SELECT COUNT(*) FROM set_members m WHERE m.set_id = s.id AND m.left_at IS NULL) \
             AS members, \
             (SELECT COUNT(*) FROM meetings mt WHERE mt.set_id = s.id AND mt.held) AS meetings_held, \
             (SELECT COUNT(*) FROM meetings mt WHERE mt.set_id = s.id AND mt.status <> 'cancelled') \
             AS meetings_planned, \
             (SELECT COUNT(*) {during}) AS attendance_counted, \
             (SELECT COUNT(*) {during} AND a.status = 'present') AS attendance_present \
             FROM action_sets s {IN_TREE} WHERE s.status = 'published' \
             ORDER BY p.title, p.id, c.name, c.id, s.position, s.id"
        ),
    )
    .await
}

/// As `set_counts`, for the sets `ids` only (a page of a cohort's sets): problems brought and
/// diary entries written by current members, per set; two statements.
pub async fn set_counts_for(conn: &mut Conn, ids: &[Id]) -> Result<HashMap<Id, (i64, i64)>> {
    let mut out: HashMap<Id, (i64, i64)> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = crate::sets::in_list(1, ids.len());
    let problems = format!(
        "SELECT pr.set_id, COUNT(*) FROM problems pr WHERE pr.set_id IN ({list}) GROUP BY pr.set_id"
    );
    let entries = format!(
        "SELECT m.set_id, COUNT(*) FROM set_members m JOIN diary_entries d \
         ON d.author_id = m.person_id WHERE m.set_id IN ({list}) AND m.left_at IS NULL \
         GROUP BY m.set_id"
    );
    for (which, sql) in [(0, problems), (1, entries)] {
        let mut q = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
        for id in ids {
            q = q.bind(id.as_str());
        }
        for (set, n) in q.fetch_all(&mut *conn).await? {
            let slot = out.entry(Id::from_trusted(set)).or_default();
            if which == 0 {
                slot.0 = n;
            } else {
                slot.1 = n;
            }
        }
    }
    Ok(out)
}
