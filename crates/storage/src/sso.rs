//! Single sign-on (OpenID Connect): sign-ins begun at a provider and not yet finished, and the
//! link between a provider's account (issuer, subject) and a person here.

use revans_domain::Id;

use crate::{Conn, Result, now_ms};

/// A sign-in sent to a provider, keyed by the SHA-256 of its `state`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingLogin {
    pub state_hash: String,
    pub provider_id: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go once signed in (a path here).
    pub next_path: String,
}

/// What the callback's `state` turned out to be, so the page can say exactly why it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingState {
    /// Unused and recent: now consumed, this caller alone finishes it.
    Valid(PendingLogin),
    /// Already finished (a replayed callback).
    Used,
    /// Older than the allowed age.
    Expired,
    /// Never begun here (or for another provider).
    Unknown,
}

pub async fn insert_pending(conn: &mut Conn, login: &PendingLogin) -> Result<()> {
    sqlx::query(
        "INSERT INTO sso_pending_logins (state_hash, provider_id, nonce, pkce_verifier, next_path, created_at, consumed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL)",
    )
    .bind(&login.state_hash)
    .bind(&login.provider_id)
    .bind(&login.nonce)
    .bind(&login.pkce_verifier)
    .bind(&login.next_path)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks the pending sign-in consumed if it is unused and began after `not_before`,
/// atomically: of two callbacks with the same state, one wins.
pub async fn consume_pending(
    conn: &mut Conn,
    state_hash: &str,
    provider_id: &str,
    not_before: i64,
) -> Result<PendingState> {
    let won: Option<(String, String, String)> = sqlx::query_as(
        "UPDATE sso_pending_logins SET consumed_at = $1 \
         WHERE state_hash = $2 AND provider_id = $3 AND consumed_at IS NULL AND created_at > $4 \
         RETURNING nonce, pkce_verifier, next_path",
    )
    .bind(now_ms())
    .bind(state_hash)
    .bind(provider_id)
    .bind(not_before)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((nonce, pkce_verifier, next_path)) = won {
        return Ok(PendingState::Valid(PendingLogin {
            state_hash: state_hash.to_owned(),
            provider_id: provider_id.to_owned(),
            nonce,
            pkce_verifier,
            next_path,
        }));
    }
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT created_at, consumed_at FROM sso_pending_logins WHERE state_hash = $1 AND provider_id = $2",
    )
    .bind(state_hash)
    .bind(provider_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        None => PendingState::Unknown,
        Some((_, Some(_))) => PendingState::Used,
        Some(_) => PendingState::Expired,
    })
}

/// Forgets pending sign-ins begun before `before` (finished or abandoned).
pub async fn delete_pending_before(conn: &mut Conn, before: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sso_pending_logins WHERE created_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// The person linked to a provider's account, if any.
pub async fn linked_person(conn: &mut Conn, issuer: &str, subject: &str) -> Result<Option<Id>> {
    let id: Option<String> =
        sqlx::query_scalar("SELECT person_id FROM sso_links WHERE issuer = $1 AND subject = $2")
            .bind(issuer)
            .bind(subject)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(id.map(Id::from_trusted))
}

pub async fn insert_link(
    conn: &mut Conn,
    issuer: &str,
    subject: &str,
    person_id: &Id,
    provider_id: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sso_links (issuer, subject, person_id, provider_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(person_id.as_str())
    .bind(provider_id)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many provider accounts are linked to people (for tests and checks).
pub async fn count_links(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sso_links")
        .fetch_one(&mut *conn)
        .await?)
}
