//! Private calendar feed URLs: a secret per person (only its hash is stored), revocable by
//! making a new one. A feed lists the person's confirmed sessions.

use revans_domain::Id;

use crate::{Conn, Result, now_ms};

/// Replaces the person's feed secret: the old URL stops working at once.
pub async fn replace(conn: &mut Conn, person_id: &Id, token_hash: &str) -> Result<()> {
    revoke(conn, person_id).await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (token_hash, person_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(person_id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends every live feed URL of the person.
pub async fn revoke(conn: &mut Conn, person_id: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE calendar_feeds SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(person_id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Whose live feed this secret opens.
pub async fn find_person(conn: &mut Conn, token_hash: &str) -> Result<Option<Id>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT person_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id,)| Id::from_trusted(id)))
}

pub async fn has_live(conn: &mut Conn, person_id: &Id) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM calendar_feeds WHERE person_id = $1 AND revoked_at IS NULL",
    )
    .bind(person_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Confirmed sessions of the person: (programme title, cohort name, timezone, start, end).
pub async fn confirmed_sessions(
    conn: &mut Conn,
    person_id: &Id,
) -> Result<Vec<(String, String, String, i64, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT p.title, c.name, c.timezone, s.starts_at, s.ends_at, \
                c.id \
         FROM applications a JOIN cohorts c ON c.id = a.cohort_id \
         JOIN programmes p ON p.id = a.programme_id \
         JOIN cohort_sessions s ON s.cohort_id = c.id \
         WHERE a.person_id = $1 AND a.state = 'accepted' ORDER BY s.starts_at",
    )
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
