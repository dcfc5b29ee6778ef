//! What is said in a set (C5): the problems units bring and the actions presenters commit to.
//! Only the set's members and facilitators may read these; handlers check that before calling.

use revans_domain::Id;

use crate::{Conn, Result, StoreError, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub id: Id,
    pub set_id: Id,
    pub unit_key: String,
    pub author_id: Id,
    pub author_name: String,
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct ProblemRow {
    id: String,
    set_id: String,
    unit_key: String,
    author_id: String,
    author_name: String,
    title: String,
    description: String,
    themes: String,
    created_at: i64,
}

impl TryFrom<ProblemRow> for Problem {
    type Error = StoreError;
    fn try_from(r: ProblemRow) -> Result<Self> {
        Ok(Problem {
            themes: serde_json::from_str(&r.themes)
                .map_err(|e| StoreError::Corrupt(format!("problem themes: {e}")))?,
            id: Id::from_trusted(r.id),
            set_id: Id::from_trusted(r.set_id),
            unit_key: r.unit_key,
            author_id: Id::from_trusted(r.author_id),
            author_name: r.author_name,
            title: r.title,
            description: r.description,
            created_at: r.created_at,
        })
    }
}

pub struct NewProblem<'a> {
    pub set_id: &'a Id,
    pub unit_key: &'a str,
    pub author_id: &'a Id,
    pub title: &'a str,
    pub description: &'a str,
    pub themes: &'a [String],
}

pub async fn insert_problem(conn: &mut Conn, p: &NewProblem<'_>) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    let themes = serde_json::to_string(p.themes)
        .map_err(|e| StoreError::Corrupt(format!("problem themes: {e}")))?;
    sqlx::query(
        "INSERT INTO problems (id, set_id, unit_key, author_id, title, description, themes, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(id.as_str())
    .bind(p.set_id.as_str())
    .bind(p.unit_key)
    .bind(p.author_id.as_str())
    .bind(p.title)
    .bind(p.description)
    .bind(themes)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn problems(conn: &mut Conn, set_id: &Id) -> Result<Vec<Problem>> {
    sqlx::query_as::<_, ProblemRow>(
        "SELECT pr.id, pr.set_id, pr.unit_key, pr.author_id, p.name AS author_name, pr.title, \
         pr.description, pr.themes, pr.created_at FROM problems pr \
         JOIN people p ON p.id = pr.author_id WHERE pr.set_id = $1 ORDER BY pr.created_at, pr.id",
    )
    .bind(set_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Problem::try_from)
    .collect()
}

/// The theme tags of the problems in the cohorts' sets under `root`, for the themes report:
/// each distinct list of tags with how many problems carry it (`GROUP BY`, so the rows are as
/// many as the tag combinations in use, not the problems). Tags only, never titles or text.
/// The tree drives the join (`CROSS JOIN` keeps SQLite's order; PostgreSQL plans it freely).
pub async fn theme_sets_in_tree(conn: &mut Conn, root: &Id) -> Result<Vec<(Vec<String>, i64)>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{} SELECT pr.themes, COUNT(*) FROM tree t CROSS JOIN programmes g \
         CROSS JOIN cohorts c CROSS JOIN action_sets s CROSS JOIN problems pr \
         WHERE g.organisation_id = t.id AND c.programme_id = g.id AND s.cohort_id = c.id \
         AND pr.set_id = s.id GROUP BY pr.themes ORDER BY pr.themes",
        crate::organisations::TREE_CTE
    )))
    .bind(root.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(t, n)| {
            let tags = serde_json::from_str(&t)
                .map_err(|e| StoreError::Corrupt(format!("problem themes: {e}")))?;
            Ok((tags, n))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Action {
    pub id: Id,
    pub meeting_id: Id,
    pub owner_id: Id,
    pub owner_name: String,
    pub description: String,
    pub due_on: String,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub reviewed_meeting_id: Option<Id>,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: String,
    meeting_id: String,
    owner_id: String,
    owner_name: String,
    description: String,
    due_on: String,
    outcome: Option<String>,
    outcome_note: Option<String>,
    reviewed_meeting_id: Option<String>,
}

impl From<ActionRow> for Action {
    fn from(r: ActionRow) -> Self {
        Action {
            id: Id::from_trusted(r.id),
            meeting_id: Id::from_trusted(r.meeting_id),
            owner_id: Id::from_trusted(r.owner_id),
            owner_name: r.owner_name,
            description: r.description,
            due_on: r.due_on,
            outcome: r.outcome,
            outcome_note: r.outcome_note,
            reviewed_meeting_id: r.reviewed_meeting_id.map(Id::from_trusted),
        }
    }
}

pub struct NewAction<'a> {
    pub set_id: &'a Id,
    pub meeting_id: &'a Id,
    pub owner_id: &'a Id,
    pub description: &'a str,
    pub due_on: &'a str,
}

pub async fn insert_action(conn: &mut Conn, a: &NewAction<'_>) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO actions (id, set_id, meeting_id, owner_id, description, due_on, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(id.as_str())
    .bind(a.set_id.as_str())
    .bind(a.meeting_id.as_str())
    .bind(a.owner_id.as_str())
    .bind(a.description)
    .bind(a.due_on)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn actions(conn: &mut Conn, set_id: &Id) -> Result<Vec<Action>> {
    Ok(sqlx::query_as::<_, ActionRow>(
        "SELECT a.id, a.meeting_id, a.owner_id, p.name AS owner_name, a.description, a.due_on, \
         a.outcome, a.outcome_note, a.reviewed_meeting_id FROM actions a \
         JOIN people p ON p.id = a.owner_id WHERE a.set_id = $1 ORDER BY a.created_at, a.id",
    )
    .bind(set_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Action::from)
    .collect())
}

/// Records what happened to an action, at the meeting that reviewed it.
pub async fn review_action(
    conn: &mut Conn,
    id: &Id,
    set_id: &Id,
    meeting_id: &Id,
    outcome: &str,
    note: Option<&str>,
) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE actions SET outcome = $3, outcome_note = $4, reviewed_meeting_id = $5, \
         updated_at = $6 WHERE id = $1 AND set_id = $2",
    )
    .bind(id.as_str())
    .bind(set_id.as_str())
    .bind(outcome)
    .bind(note)
    .bind(meeting_id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// The tenant's theme words, one per line as the lead typed them (empty when never set).
pub async fn vocabulary(conn: &mut Conn, organisation_id: &Id) -> Result<String> {
    let v: Option<String> =
        sqlx::query_scalar("SELECT themes FROM theme_vocabularies WHERE organisation_id = $1")
            .bind(organisation_id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(v.unwrap_or_default())
}

pub async fn save_vocabulary(conn: &mut Conn, organisation_id: &Id, themes: &str) -> Result<()> {
    sqlx::query("DELETE FROM theme_vocabularies WHERE organisation_id = $1")
        .bind(organisation_id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO theme_vocabularies (organisation_id, themes, updated_at) VALUES ($1, $2, $3)",
    )
    .bind(organisation_id.as_str())
    .bind(themes)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
