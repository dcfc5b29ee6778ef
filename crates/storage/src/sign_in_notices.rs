//! Notices to an account's owner that someone keeps failing to sign in as them: at most one
//! per account per period, claimed with one conditional upsert so two instances never both send.

use revans_domain::Id;

use crate::{Conn, Result};

/// Claims the right to send a notice at `now`: true when none was sent since `now - gap_ms`.
pub async fn claim(conn: &mut Conn, person_id: &Id, now: i64, gap_ms: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO sign_in_notices (person_id, sent_at) VALUES ($1, $2) \
         ON CONFLICT (person_id) DO UPDATE SET sent_at = excluded.sent_at \
         WHERE sign_in_notices.sent_at <= $3",
    )
    .bind(person_id.as_str())
    .bind(now)
    .bind(now - gap_ms)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
