//! Sign-in attempts, kept to slow down password guessing (per account and address pair, and
//! per address) and to tell an account's owner when someone keeps failing to sign in as them.

use crate::{Conn, Result, new_id, now_ms};

pub async fn record(conn: &mut Conn, email: &str, ip: &str, succeeded: bool) -> Result<()> {
    sqlx::query(
        "INSERT INTO sign_in_attempts (id, email, ip, succeeded, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id().as_str())
    .bind(email)
    .bind(ip)
    .bind(succeeded)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Failed attempts for this email since `since_ms`, and since its last success.
pub async fn recent_failures_for_email(conn: &mut Conn, email: &str, since_ms: i64) -> Result<i64> {
    let last_ok: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(at) FROM sign_in_attempts WHERE email = $1 AND succeeded = TRUE",
    )
    .bind(email)
    .fetch_one(&mut *conn)
    .await?;
    let from = since_ms.max(last_ok.unwrap_or(0) + 1);
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE email = $1 AND succeeded = FALSE AND at >= $2",
    )
    .bind(email)
    .bind(from)
    .fetch_one(&mut *conn)
    .await?)
}

/// Failed attempts for this email from this address since `since_ms`, and since the last
/// success from that pair: the pair a guesser uses is slowed, the owner elsewhere is not.
pub async fn recent_failures_for_pair(
    conn: &mut Conn,
    email: &str,
    ip: &str,
    since_ms: i64,
) -> Result<i64> {
    let last_ok: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(at) FROM sign_in_attempts WHERE email = $1 AND ip = $2 AND succeeded = TRUE",
    )
    .bind(email)
    .bind(ip)
    .fetch_one(&mut *conn)
    .await?;
    let from = since_ms.max(last_ok.unwrap_or(0) + 1);
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempts \
         WHERE email = $1 AND ip = $2 AND succeeded = FALSE AND at >= $3",
    )
    .bind(email)
    .bind(ip)
    .bind(from)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn recent_failures_from_ip(conn: &mut Conn, ip: &str, since_ms: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE ip = $1 AND succeeded = FALSE AND at >= $2",
    )
    .bind(ip)
    .bind(since_ms)
    .fetch_one(&mut *conn)
    .await?)
}

/// Forgets attempts older than `before_ms`; they only matter for a short window.
pub async fn prune(conn: &mut Conn, before_ms: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
        .bind(before_ms)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
