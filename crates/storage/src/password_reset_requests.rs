//! Password reset requests, one row per request whatever the address, to limit them per
//! client address. The address asked about is not stored here.

use crate::{Conn, Result, new_id, now_ms};

pub async fn record(conn: &mut Conn, ip: &str) -> Result<()> {
    sqlx::query("INSERT INTO password_reset_requests (id, ip, at) VALUES ($1, $2, $3)")
        .bind(new_id().as_str())
        .bind(ip)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Requests from this client address since `since_ms`.
pub async fn count_from_ip(conn: &mut Conn, ip: &str, since_ms: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_reset_requests WHERE ip = $1 AND at >= $2",
    )
    .bind(ip)
    .bind(since_ms)
    .fetch_one(&mut *conn)
    .await?)
}

/// Forgets requests older than `before_ms`; they only matter for a short window.
pub async fn prune(conn: &mut Conn, before_ms: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM password_reset_requests WHERE at < $1")
        .bind(before_ms)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
