use revans_domain::Id;

use crate::{Conn, Result, now_ms};

/// A signed-in browser session. Only a hash of the cookie value is stored, so a copy of the
/// database cannot be used to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub person_id: Id,
    pub csrf_token: String,
    pub expires_at: i64,
}

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    person_id: &Id,
    csrf_token: &str,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(person_id.as_str())
    .bind(csrf_token)
    .bind(now_ms())
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The session for this hash if it has not expired.
pub async fn find_live(conn: &mut Conn, token_hash: &str) -> Result<Option<SessionRecord>> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT person_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now_ms())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(
        row.map(|(person_id, csrf_token, expires_at)| SessionRecord {
            person_id: Id::from_trusted(person_id),
            csrf_token,
            expires_at,
        }),
    )
}

pub async fn delete(conn: &mut Conn, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Signs a person out everywhere (after a password change or reset).
pub async fn delete_for_person(conn: &mut Conn, person_id: &Id) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person_id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_expired(conn: &mut Conn) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of the person except `keep` (the one that made the change).
pub async fn delete_others(conn: &mut Conn, person_id: &Id, keep: &str) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND token_hash <> $2")
        .bind(person_id.as_str())
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
