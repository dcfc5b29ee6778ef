//! Asking a pool facilitator to run a set or circle (C6, issue 15). The emailed link's token
//! is stored only as its SHA-256; an answer is taken once, by a conditional UPDATE, so a
//! second click (or a second instance) changes nothing.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// What is asked for: a set or a circle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Set(Id),
    Circle(Id),
}

/// A stored request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: Id,
    pub target: Target,
    pub person_id: Id,
    pub replaces_id: Option<Id>,
    pub region_id: Id,
    pub asked_by: Option<Id>,
    /// `asked`, `accepted` or `declined`.
    pub status: String,
    pub created_at: i64,
    pub answered_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    set_id: Option<String>,
    circle_id: Option<String>,
    person_id: String,
    replaces_id: Option<String>,
    region_id: String,
    asked_by: Option<String>,
    status: String,
    created_at: i64,
    answered_at: Option<i64>,
}

impl From<Row> for Request {
    fn from(r: Row) -> Self {
        let target = match (r.set_id, r.circle_id) {
            (Some(s), _) => Target::Set(Id::from_trusted(s)),
            (None, c) => Target::Circle(Id::from_trusted(c.unwrap_or_default())),
        };
        Request {
            id: Id::from_trusted(r.id),
            target,
            person_id: Id::from_trusted(r.person_id),
            replaces_id: r.replaces_id.map(Id::from_trusted),
            region_id: Id::from_trusted(r.region_id),
            asked_by: r.asked_by.map(Id::from_trusted),
            status: r.status,
            created_at: r.created_at,
            answered_at: r.answered_at,
        }
    }
}

const SELECT: &str = "SELECT id, set_id, circle_id, person_id, replaces_id, region_id, asked_by, \
     status, created_at, answered_at FROM facilitator_requests";

/// A new request, asked now. `token_hash` is the SHA-256 of the emailed token.
pub struct NewRequest<'a> {
    pub token_hash: &'a str,
    pub target: &'a Target,
    pub person_id: &'a Id,
    pub replaces_id: Option<&'a Id>,
    pub region_id: &'a Id,
    pub asked_by: &'a Id,
}

pub async fn insert(conn: &mut Conn, new: NewRequest<'_>) -> Result<Id> {
    let id = new_id();
    let (set_id, circle_id) = match new.target {
        Target::Set(s) => (Some(s.as_str()), None),
        Target::Circle(c) => (None, Some(c.as_str())),
    };
    sqlx::query(
        "INSERT INTO facilitator_requests (id, token_hash, set_id, circle_id, person_id, \
         replaces_id, region_id, asked_by, status, created_at, answered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'asked', $9, NULL)",
    )
    .bind(id.as_str())
    .bind(new.token_hash)
    .bind(set_id)
    .bind(circle_id)
    .bind(new.person_id.as_str())
    .bind(new.replaces_id.map(Id::as_str))
    .bind(new.region_id.as_str())
    .bind(new.asked_by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn by_token_hash(conn: &mut Conn, hash: &str) -> Result<Option<Request>> {
    let sql = format!("{SELECT} WHERE token_hash = $1");
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(hash)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(Into::into))
}

/// The requests about one set or circle, newest first.
pub async fn of_target(conn: &mut Conn, target: &Target) -> Result<Vec<Request>> {
    let (column, id) = match target {
        Target::Set(s) => ("set_id", s),
        Target::Circle(c) => ("circle_id", c),
    };
    let sql = format!("{SELECT} WHERE {column} = $1 ORDER BY created_at DESC, id DESC");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Records the answer (`accepted` or `declined`) if the request is still open; false when it
/// was already answered.
pub async fn answer(conn: &mut Conn, id: &Id, status: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE facilitator_requests SET status = $2, answered_at = $3 \
         WHERE id = $1 AND status = 'asked'",
    )
    .bind(id.as_str())
    .bind(status)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The requests about one set or circle, newest first, each with the name of whom it asks and
/// of whom they would replace: one query however many there are.
pub async fn of_target_named(
    conn: &mut Conn,
    target: &Target,
) -> Result<Vec<(Request, String, Option<String>)>> {
    #[derive(sqlx::FromRow)]
    struct Named {
        #[sqlx(flatten)]
        row: Row,
        person_name: String,
        replaces_name: Option<String>,
    }
    let (column, id) = match target {
        Target::Set(s) => ("r.set_id", s),
        Target::Circle(c) => ("r.circle_id", c),
    };
    let sql = format!(
        "SELECT r.id, r.set_id, r.circle_id, r.person_id, r.replaces_id, r.region_id, r.asked_by, \
         r.status, r.created_at, r.answered_at, p.name AS person_name, o.name AS replaces_name \
         FROM facilitator_requests r JOIN people p ON p.id = r.person_id \
         LEFT JOIN people o ON o.id = r.replaces_id \
         WHERE {column} = $1 ORDER BY r.created_at DESC, r.id DESC"
    );
    let rows: Vec<Named> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|n| (n.row.into(), n.person_name, n.replaces_name))
        .collect())
}
