//! Apologies a member sends before a meeting of their set (issue 11). One row per member and
//! meeting; sending again replaces the note, withdrawing deletes it.

use revans_domain::Id;

use crate::{Conn, Result, now_ms};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apology {
    pub meeting_id: Id,
    pub person_id: Id,
    pub note: String,
    pub sent_at: i64,
}

/// Sends (or replaces) a member's apologies for a meeting.
pub async fn send(conn: &mut Conn, meeting_id: &Id, person_id: &Id, note: &str) -> Result<()> {
    sqlx::query("DELETE FROM meeting_apologies WHERE meeting_id = $1 AND person_id = $2")
        .bind(meeting_id.as_str())
        .bind(person_id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO meeting_apologies (meeting_id, person_id, note, sent_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(meeting_id.as_str())
    .bind(person_id.as_str())
    .bind(note)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Withdraws a member's apologies; false when there were none.
pub async fn withdraw(conn: &mut Conn, meeting_id: &Id, person_id: &Id) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM meeting_apologies WHERE meeting_id = $1 AND person_id = $2")
            .bind(meeting_id.as_str())
            .bind(person_id.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Every apology sent for one meeting, in one query.
pub async fn for_meeting(conn: &mut Conn, meeting_id: &Id) -> Result<Vec<Apology>> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT meeting_id, person_id, note, sent_at FROM meeting_apologies \
         WHERE meeting_id = $1 ORDER BY sent_at, person_id",
    )
    .bind(meeting_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(m, p, note, sent_at)| Apology {
            meeting_id: Id::from_trusted(m),
            person_id: Id::from_trusted(p),
            note,
            sent_at,
        })
        .collect())
}

/// The meetings of one set the person has sent apologies for, in one query.
pub async fn for_person_in_set(conn: &mut Conn, set_id: &Id, person_id: &Id) -> Result<Vec<Id>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT a.meeting_id FROM meeting_apologies a JOIN meetings m ON m.id = a.meeting_id \
         WHERE m.set_id = $1 AND a.person_id = $2",
    )
    .bind(set_id.as_str())
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(Id::from_trusted).collect())
}
