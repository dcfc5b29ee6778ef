//! Single-use, expiring tokens sent by email (password reset, invitation). Stored hashed.

use revans_domain::Id;

use crate::{Conn, Result, now_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    PasswordReset,
    Invitation,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::PasswordReset => "password_reset",
            TokenPurpose::Invitation => "invitation",
        }
    }
}

/// What a presented token turned out to be, so the page can say exactly why it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenState {
    Valid { person_id: Id },
    Used,
    Expired,
    Unknown,
}

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    purpose: TokenPurpose,
    person_id: &Id,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, purpose, person_id, created_at, expires_at, used_at) \
         VALUES ($1, $2, $3, $4, $5, NULL)",
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .bind(person_id.as_str())
    .bind(now_ms())
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn inspect(
    conn: &mut Conn,
    token_hash: &str,
    purpose: TokenPurpose,
) -> Result<TokenState> {
    let row: Option<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT person_id, expires_at, used_at FROM email_tokens WHERE token_hash = $1 AND purpose = $2",
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        None => TokenState::Unknown,
        Some((_, _, Some(_))) => TokenState::Used,
        Some((_, expires_at, None)) if expires_at <= now_ms() => TokenState::Expired,
        Some((person_id, _, None)) => TokenState::Valid {
            person_id: Id::from_trusted(person_id),
        },
    })
}

/// Marks the token used if it is still valid, atomically: of two concurrent uses one wins.
pub async fn consume(
    conn: &mut Conn,
    token_hash: &str,
    purpose: TokenPurpose,
) -> Result<TokenState> {
    let now = now_ms();
    let won: Option<String> = sqlx::query_scalar(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING person_id",
    )
    .bind(now)
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    match won {
        Some(person_id) => Ok(TokenState::Valid {
            person_id: Id::from_trusted(person_id),
        }),
        None => inspect(conn, token_hash, purpose).await,
    }
}

/// Voids a person's outstanding tokens of one purpose (a new invitation replaces the old).
pub async fn void_for_person(conn: &mut Conn, person_id: &Id, purpose: TokenPurpose) -> Result<()> {
    sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE person_id = $2 AND purpose = $3 AND used_at IS NULL")
        .bind(now_ms())
        .bind(person_id.as_str())
        .bind(purpose.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many tokens of one purpose were made for a person since `since_ms` (used or not),
/// to limit how many such emails one account receives.
pub async fn count_created_since(
    conn: &mut Conn,
    person_id: &Id,
    purpose: TokenPurpose,
    since_ms: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM email_tokens WHERE person_id = $1 AND purpose = $2 AND created_at >= $3",
    )
    .bind(person_id.as_str())
    .bind(purpose.as_str())
    .bind(since_ms)
    .fetch_one(&mut *conn)
    .await?)
}
