//! Personal access tokens for the JSON API. Only a hash is stored; the token is shown once.

use revans_domain::{Id, TokenName};

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiToken {
    pub id: Id,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// After this moment (milliseconds) the token no longer works.
    pub expires_at: i64,
}

impl ApiToken {
    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at <= now
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenOwner {
    pub person_id: Id,
    pub token_id: Id,
}

pub async fn insert(
    conn: &mut Conn,
    person_id: &Id,
    name: &TokenName,
    token_hash: &str,
    expires_at: i64,
) -> Result<ApiToken> {
    let token = ApiToken {
        id: new_id(),
        name: name.as_str().to_owned(),
        created_at: now_ms(),
        last_used_at: None,
        revoked_at: None,
        expires_at,
    };
    sqlx::query(
        "INSERT INTO api_tokens (id, person_id, name, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token.id.as_str())
    .bind(person_id.as_str())
    .bind(&token.name)
    .bind(token_hash)
    .bind(token.created_at)
    .bind(token.expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
    expires_at: i64,
}

pub async fn list_for(conn: &mut Conn, person_id: &Id) -> Result<Vec<ApiToken>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, created_at, last_used_at, revoked_at, expires_at FROM api_tokens \
         WHERE person_id = $1 ORDER BY created_at DESC",
    )
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ApiToken {
            id: Id::from_trusted(r.id),
            name: r.name,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
            expires_at: r.expires_at,
        })
        .collect())
}

/// Revokes one of the person's own tokens; false when they have no such live token.
pub async fn revoke(conn: &mut Conn, person_id: &Id, token_id: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(token_id.as_str())
    .bind(person_id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes every live token of a person (their password was reset or changed); returns how many.
pub async fn revoke_all_for_person(conn: &mut Conn, person_id: &Id) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(person_id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// The owner of a live (not revoked, not expired) token, recording that it was used.
pub async fn authenticate(conn: &mut Conn, token_hash: &str) -> Result<Option<ApiTokenOwner>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE api_tokens SET last_used_at = $1 \
         WHERE token_hash = $2 AND revoked_at IS NULL AND expires_at > $1 RETURNING person_id, id",
    )
    .bind(now_ms())
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(person_id, token_id)| ApiTokenOwner {
        person_id: Id::from_trusted(person_id),
        token_id: Id::from_trusted(token_id),
    }))
}
