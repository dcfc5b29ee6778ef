//! What a person's home page counts: the work waiting for a programme lead, a sponsor's
//! approvals, a member's or facilitator's sets and their next meetings. Each function is one
//! statement however many programmes, cohorts, sets or people there are (subqueries in the
//! row and `GROUP BY`); several organisation roots are read in the same statement.

use revans_domain::Id;

use crate::{Conn, Result};

/// The organisations `roots` and every organisation below them, as a CTE named `tree`, with
/// the roots bound as `$1..$n`. The roots come from a person's role grants, never typed text.
fn tree_cte(roots: &[Id]) -> String {
    let marks: Vec<String> = (1..=roots.len()).map(|i| format!("${i}")).collect();
    format!(
        "WITH RECURSIVE tree(id) AS (SELECT id FROM organisations WHERE id IN ({}) \
         UNION SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id)",
        marks.join(", ")
    )
}

/// How `sql` is given the tree of organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tree {
    /// As the recursive CTE itself.
    Recursive,
    /// Read first, then as a list of values. PostgreSQL cannot estimate how many rows a
    /// recursive CTE yields (it guessed 1,101 organisations for a sponsor's 15) and then reads
    /// every application of the nation; with the ids listed it estimates from its statistics
    /// (a sponsor's counts: 430 ms to 95 ms at N = 100,000; on SQLite 150 ms to 40 ms). The
    /// lead's statement, over every cohort of a national tree, ran ten times slower this way
    /// on both backends, so it keeps the recursive CTE.
    Values,
}

/// Runs `sql` after a CTE named `tree` holding the organisations of `roots` and below; `$NOW`
/// in it is the time `now`, when given.
async fn fetch_in_tree<T>(
    conn: &mut Conn,
    roots: &[Id],
    sql: &str,
    now: Option<i64>,
    given: Tree,
) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    if given == Tree::Recursive {
        let sql =
            format!("{} {sql}", tree_cte(roots)).replace("$NOW", &format!("${}", roots.len() + 1));
        let mut q = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql));
        for root in roots {
            q = q.bind(root.as_str());
        }
        if let Some(now) = now {
            q = q.bind(now);
        }
        return Ok(q.fetch_all(&mut *conn).await?);
    }
    let mut expand = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!(
        "{} SELECT id FROM tree",
        tree_cte(roots)
    )));
    for root in roots {
        expand = expand.bind(root.as_str());
    }
    let tree: Vec<String> = expand.fetch_all(&mut *conn).await?;
    if tree.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<String> = (1..=tree.len()).map(|i| format!("(${i})")).collect();
    let sql = format!("WITH tree(id) AS (VALUES {}) {sql}", values.join(", "))
        .replace("$NOW", &format!("${}", tree.len() + 1));
    let mut q = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql));
    for id in &tree {
        q = q.bind(id.as_str());
    }
    if let Some(now) = now {
        q = q.bind(now);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// A cohort of a programme run by an organisation in the lead's scope, with its open work.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LeadCohortRow {
    pub programme_id: String,
    pub programme: String,
    pub programme_status: String,
    pub cohort_id: String,
    pub cohort: String,
    pub timezone: String,
    pub opens_at: i64,
    pub closes_at: i64,
    /// Submitted applications the lead can decide now (sponsor approval given where needed),
    /// for the whole programme (repeated on each of its cohorts).
    pub applications_to_review: i64,
    /// People with an accepted place who are in no published set of the cohort, while the
    /// cohort has sessions to come (a finished cohort waits for nothing).
    pub waiting_for_sets: i64,
    /// Published sets with nobody to facilitate them (self-facilitated sets excepted).
    pub sets_without_facilitator: i64,
    /// Offers made and not yet answered.
    pub offers_unanswered: i64,
}

/// Every cohort of every programme in `roots` (and below), in catalogue order: one statement.
pub async fn lead_cohorts(conn: &mut Conn, roots: &[Id], now: i64) -> Result<Vec<LeadCohortRow>> {
    let sql = "SELECT p.id AS programme_id, p.title AS programme, p.status AS programme_status, \
         c.id AS cohort_id, c.name AS cohort, c.timezone, c.opens_at, c.closes_at, \
         COALESCE(r.n, 0) AS applications_to_review, \
         (SELECT COUNT(*) FROM applications a WHERE a.cohort_id = c.id AND a.state = 'accepted' \
            AND NOT EXISTS (SELECT 1 FROM set_members m JOIN action_sets s ON s.id = m.set_id \
              WHERE s.cohort_id = c.id AND s.status = 'published' AND m.person_id = a.person_id \
              AND m.left_at IS NULL) \
            AND (NOT EXISTS (SELECT 1 FROM cohort_sessions cs WHERE cs.cohort_id = c.id) \
              OR EXISTS (SELECT 1 FROM cohort_sessions cs WHERE cs.cohort_id = c.id \
                AND cs.ends_at > $NOW))) AS waiting_for_sets, \
         (SELECT COUNT(*) FROM action_sets s WHERE s.cohort_id = c.id AND s.status = 'published' \
            AND NOT s.self_facilitated \
            AND NOT EXISTS (SELECT 1 FROM set_facilitators f WHERE f.set_id = s.id)) \
            AS sets_without_facilitator, \
         (SELECT COUNT(*) FROM applications a WHERE a.cohort_id = c.id AND a.state = 'offered' \
            AND (a.offer_expires_at IS NULL OR a.offer_expires_at > $NOW)) AS offers_unanswered \
         FROM tree t CROSS JOIN programmes p CROSS JOIN cohorts c \
         LEFT JOIN (SELECT a.programme_id, COUNT(*) AS n \
           FROM tree t2 CROSS JOIN programmes p2 CROSS JOIN applications a \
           WHERE p2.organisation_id = t2.id AND a.programme_id = p2.id \
           AND a.state = 'submitted' \
           AND (NOT p2.requires_sponsor_approval OR a.sponsor_approved_at IS NOT NULL) \
           GROUP BY a.programme_id) r ON r.programme_id = p.id \
         WHERE p.organisation_id = t.id AND c.programme_id = p.id \
         ORDER BY p.title, p.id, (SELECT MIN(cs.starts_at) FROM cohort_sessions cs \
           WHERE cs.cohort_id = c.id), c.name, c.id";
    fetch_in_tree(conn, roots, sql, Some(now), Tree::Recursive).await
}

/// How many of a sponsor's organisations' applications are in each state, and how many of
/// them wait for the sponsor's approval. Nominations not yet sent by the nominee count too.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SponsorStateRow {
    pub state: String,
    pub applications: i64,
    pub awaiting_sponsor: i64,
}

pub async fn sponsor_states(conn: &mut Conn, roots: &[Id]) -> Result<Vec<SponsorStateRow>> {
    let sql = "SELECT a.state, COUNT(*) AS applications, \
         SUM(CASE WHEN a.state = 'submitted' AND p.requires_sponsor_approval \
             AND a.sponsor_approved_at IS NULL THEN 1 ELSE 0 END) AS awaiting_sponsor \
         FROM applications a JOIN programmes p ON p.id = a.programme_id \
         JOIN tree t ON t.id = a.organisation_id \
         WHERE (a.state <> 'draft' OR a.nominated_by IS NOT NULL) \
         GROUP BY a.state ORDER BY a.state";
    fetch_in_tree(conn, roots, sql, None, Tree::Values).await
}

/// A published set a person belongs to (or facilitates), with its next meeting.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MySetRow {
    pub set_id: String,
    pub set_name: String,
    pub programme: String,
    pub cohort: String,
    pub timezone: String,
    pub next_meeting_id: Option<String>,
    pub next_starts_at: Option<i64>,
    pub next_ends_at: Option<i64>,
    /// Meetings that have ended, were not cancelled, and have no attendance recorded.
    pub unrecorded: i64,
    /// The earliest of those, to link to.
    pub first_unrecorded_id: Option<String>,
    pub first_unrecorded_at: Option<i64>,
}

/// Whose sets: the ones a person is a current member of, or facilitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Member,
    Facilitator,
}

/// The person's published sets, each with its next meeting not yet over: one statement. It
/// starts from the person's memberships (`set_members_person`, `set_facilitators_person`),
/// never from every published set, so it costs the same however many sets the nation holds.
pub async fn my_sets(
    conn: &mut Conn,
    person: &Id,
    relation: Relation,
    now: i64,
) -> Result<Vec<MySetRow>> {
    // The person's memberships drive the read (`CROSS JOIN` keeps SQLite from starting at
    // every published set; PostgreSQL plans it as an inner join).
    let (whose_from, whose_where) = match relation {
        Relation::Member => (
            "set_members w CROSS JOIN action_sets s",
            "WHERE w.person_id = $1 AND w.left_at IS NULL AND s.id = w.set_id",
        ),
        Relation::Facilitator => (
            "set_facilitators w CROSS JOIN action_sets s",
            "WHERE w.person_id = $1 AND s.id = w.set_id",
        ),
    };
    let next = "(SELECT mt.id FROM meetings mt WHERE mt.set_id = s.id AND mt.status <> 'cancelled' \
         AND mt.ends_at > $2 ORDER BY mt.starts_at, mt.id LIMIT 1)";
    let unrecorded = "FROM meetings u WHERE u.set_id = s.id AND u.status <> 'cancelled' \
         AND NOT u.held AND u.ends_at <= $2";
    let sql = format!(
        "SELECT s.id AS set_id, s.name AS set_name, p.title AS programme, c.name AS cohort, \
         s.timezone, nm.id AS next_meeting_id, nm.starts_at AS next_starts_at, \
         nm.ends_at AS next_ends_at, \
         (SELECT COUNT(*) {unrecorded}) AS unrecorded, \
         (SELECT u.id {unrecorded} ORDER BY u.starts_at, u.id LIMIT 1) AS first_unrecorded_id, \
         (SELECT u.starts_at {unrecorded} ORDER BY u.starts_at, u.id LIMIT 1) AS first_unrecorded_at \
         FROM {whose_from} JOIN cohorts c ON c.id = s.cohort_id \
         JOIN programmes p ON p.id = c.programme_id \
         LEFT JOIN meetings nm ON nm.id = {next} \
         {whose_where} AND s.status = 'published' \
         ORDER BY nm.starts_at IS NULL, nm.starts_at, p.title, c.name, s.position, s.id"
    );
    Ok(sqlx::query_as::<_, MySetRow>(sqlx::AssertSqlSafe(sql))
        .bind(person.as_str())
        .bind(now)
        .fetch_all(&mut *conn)
        .await?)
}

/// An offer of a place waiting for the person's answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfferRow {
    pub application_id: String,
    pub programme: String,
    pub cohort: String,
    pub timezone: String,
    pub offer_expires_at: Option<i64>,
}

/// The person's unanswered offers: one statement.
pub async fn my_offers(conn: &mut Conn, person: &Id, now: i64) -> Result<Vec<OfferRow>> {
    Ok(sqlx::query_as::<_, OfferRow>(
        "SELECT a.id AS application_id, p.title AS programme, c.name AS cohort, c.timezone, \
         a.offer_expires_at FROM applications a JOIN programmes p ON p.id = a.programme_id \
         JOIN cohorts c ON c.id = a.cohort_id \
         WHERE a.person_id = $1 AND a.state = 'offered' \
         AND (a.offer_expires_at IS NULL OR a.offer_expires_at > $2) \
         ORDER BY a.offer_expires_at, p.title",
    )
    .bind(person.as_str())
    .bind(now)
    .fetch_all(&mut *conn)
    .await?)
}
