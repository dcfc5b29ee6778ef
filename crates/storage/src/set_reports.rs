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

/// Which programmes a report counts: every programme in an organisation and below (driven
/// from the tree: `CROSS JOIN` fixes SQLite's join order, organisations first, then their
/// programmes, cohorts and sets by index, never every published set of the nation first;
/// PostgreSQL plans it freely), or a page of programmes already chosen in a tree.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    Tree(&'a Id),
    Programmes(&'a [Id]),
}

impl Scope<'_> {
    /// `(prefix, from, where)`: the CTE if any, the `FROM` of published sets `s` of cohorts
    /// `c` of programmes `p`, and the condition joining them (more `CROSS JOIN`s go after
    /// `from`, their conditions after `where`).
    fn sql(&self) -> (String, String, String) {
        let sets = "CROSS JOIN cohorts c CROSS JOIN action_sets s";
        let published = "c.programme_id = p.id AND s.cohort_id = c.id AND s.status = 'published'";
        match self {
            Scope::Tree(_) => (
                TREE_CTE.to_owned(),
                format!("FROM tree t CROSS JOIN programmes p {sets}"),
                format!("p.organisation_id = t.id AND {published}"),
            ),
            Scope::Programmes(ids) => {
                let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
                (
                    String::new(),
                    format!("FROM programmes p {sets}"),
                    format!("p.id IN ({}) AND {published}", marks.join(", ")),
                )
            }
        }
    }
}

/// Per cohort with at least one published set in `scope`, in catalogue order (programme
/// title, then the cohort's first session): six aggregate statements however many rows.
pub async fn cohort_counts(conn: &mut Conn, scope: Scope<'_>) -> Result<Vec<CohortSetCounts>> {
    if matches!(scope, Scope::Programmes(ids) if ids.is_empty()) {
        return Ok(Vec::new());
    }
    let (_, from, on) = scope.sql();
    let cohorts: Vec<(String, String, String, i64)> = fetch(
        conn,
        scope,
        &format!(
            "SELECT c.id, p.title, c.name, COUNT(*) {from} \
             WHERE {on} GROUP BY c.id, p.title, p.id, c.name \
             ORDER BY p.title, p.id, (SELECT MIN(cs.starts_at) FROM cohort_sessions cs \
             WHERE cs.cohort_id = c.id), c.name, c.id"
        ),
    )
    .await?;
    let members = pairs(
        conn,
        scope,
        &format!(
            "SELECT c.id, COUNT(*) {from} CROSS JOIN set_members m \
             WHERE {on} AND m.set_id = s.id AND m.left_at IS NULL GROUP BY c.id"
        ),
    )
    .await?;
    let meetings: HashMap<String, (i64, i64)> = fetch::<(String, i64, i64)>(
        conn,
        scope,
        &format!(
            "SELECT c.id, SUM(CASE WHEN mt.held THEN 1 ELSE 0 END), \
             SUM(CASE WHEN mt.status <> 'cancelled' THEN 1 ELSE 0 END) \
             {from} CROSS JOIN meetings mt WHERE {on} AND mt.set_id = s.id GROUP BY c.id"
        ),
    )
    .await?
    .into_iter()
    .map(|(c, held, planned)| (c, (held, planned)))
    .collect();
    let attendance: HashMap<String, (i64, i64)> = fetch::<(String, i64, i64)>(
        conn,
        scope,
        &format!(
            "SELECT c.id, COUNT(*), SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END) \
             {from} CROSS JOIN meetings mt CROSS JOIN attendance a CROSS JOIN set_members m \
             WHERE {on} AND mt.set_id = s.id AND mt.held AND a.meeting_id = mt.id \
             AND m.set_id = mt.set_id AND m.person_id = a.person_id \
             AND m.joined_at <= mt.starts_at AND (m.left_at IS NULL OR mt.starts_at < m.left_at) \
             GROUP BY c.id"
        ),
    )
    .await?
    .into_iter()
    .map(|(c, counted, present)| (c, (counted, present)))
    .collect();
    let problems = pairs(
        conn,
        scope,
        &format!(
            "SELECT c.id, COUNT(*) {from} CROSS JOIN problems pr \
             WHERE {on} AND pr.set_id = s.id GROUP BY c.id"
        ),
    )
    .await?;
    let diary_entries = pairs(
        conn,
        scope,
        &format!(
            "SELECT c.id, COUNT(*) {from} CROSS JOIN set_members m CROSS JOIN diary_entries d \
             WHERE {on} AND m.set_id = s.id AND m.left_at IS NULL \
             AND d.author_id = m.person_id GROUP BY c.id"
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

async fn fetch<T>(conn: &mut Conn, scope: Scope<'_>, select: &str) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let (prefix, _, _) = scope.sql();
    let mut query = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(format!("{prefix} {select}")));
    match scope {
        Scope::Tree(root) => query = query.bind(root.as_str()),
        Scope::Programmes(ids) => {
            for id in ids {
                query = query.bind(id.as_str());
            }
        }
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

async fn pairs(conn: &mut Conn, scope: Scope<'_>, select: &str) -> Result<HashMap<String, i64>> {
    Ok(fetch::<(String, i64)>(conn, scope, select)
        .await?
        .into_iter()
        .collect())
}

/// One page of the programmes in `root` and below that have a published set, by title (ties
/// by id), for keyset pagination of the sets overview: at most `limit` programmes after the
/// `(title, id)` key `from` (or before it, nearest first, when `dir` is `Backward`).
pub async fn programmes_page_in_tree(
    conn: &mut Conn,
    root: &Id,
    from: Option<(&str, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<(Id, String)>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => (">", "ASC"),
        crate::Direction::Backward => ("<", "DESC"),
    };
    let seek = if from.is_some() {
        format!("AND (p.title {cmp} $2 OR (p.title = $2 AND p.id {cmp} $3))")
    } else {
        String::new()
    };
    let limit_mark = if from.is_some() { "$4" } else { "$2" };
    let sql = format!(
        "{TREE_CTE} SELECT p.id, p.title FROM tree t CROSS JOIN programmes p \
         WHERE p.organisation_id = t.id {seek} AND EXISTS (SELECT 1 FROM cohorts c \
         CROSS JOIN action_sets s WHERE c.programme_id = p.id AND s.cohort_id = c.id \
         AND s.status = 'published') \
         ORDER BY p.title {order}, p.id {order} LIMIT {limit_mark}"
    );
    let mut query =
        sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql)).bind(root.as_str());
    if let Some((title, id)) = from {
        query = query.bind(title).bind(id);
    }
    Ok(query
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, title)| (Id::from_trusted(id), title))
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
        Scope::Tree(root),
        &format!(
            "SELECT p.title AS programme, c.name AS cohort, s.name AS set_name, \
             (SELECT COUNT(*) FROM set_members m WHERE m.set_id = s.id AND m.left_at IS NULL) \
             AS members, \
             (SELECT COUNT(*) FROM meetings mt WHERE mt.set_id = s.id AND mt.held) AS meetings_held, \
             (SELECT COUNT(*) FROM meetings mt WHERE mt.set_id = s.id AND mt.status <> 'cancelled') \
             AS meetings_planned, \
             (SELECT COUNT(*) {during}) AS attendance_counted, \
             (SELECT COUNT(*) {during} AND a.status = 'present') AS attendance_present \
             FROM tree t CROSS JOIN programmes p CROSS JOIN cohorts c CROSS JOIN action_sets s \
             WHERE p.organisation_id = t.id AND c.programme_id = p.id AND s.cohort_id = c.id \
             AND s.status = 'published' \
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
