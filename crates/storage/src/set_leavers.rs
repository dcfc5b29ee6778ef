//! Someone marked as having left a published set (issue 11): the membership ended and the
//! place (accepted application) withdrawn with it, recorded so the lead can undo both.

use revans_domain::Id;

use crate::{Conn, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaver {
    pub membership_id: Id,
    pub application_id: Option<Id>,
    pub left_at: i64,
}

/// The person's accepted application (their confirmed place) in a cohort, if any.
pub async fn accepted_application(
    conn: &mut Conn,
    person_id: &Id,
    cohort_id: &Id,
) -> Result<Option<Id>> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM applications WHERE person_id = $1 AND cohort_id = $2 \
         AND state = 'accepted'",
    )
    .bind(person_id.as_str())
    .bind(cohort_id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(Id::from_trusted))
}

pub async fn record(conn: &mut Conn, leaver: &Leaver, recorded_by: &Id) -> Result<()> {
    sqlx::query("DELETE FROM set_leavers WHERE membership_id = $1")
        .bind(leaver.membership_id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO set_leavers (membership_id, application_id, left_at, recorded_by) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(leaver.membership_id.as_str())
    .bind(leaver.application_id.as_ref().map(Id::as_str))
    .bind(leaver.left_at)
    .bind(recorded_by.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn get(conn: &mut Conn, membership_id: &Id) -> Result<Option<Leaver>> {
    let row: Option<(String, Option<String>, i64)> = sqlx::query_as(
        "SELECT membership_id, application_id, left_at FROM set_leavers WHERE membership_id = $1",
    )
    .bind(membership_id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(m, a, left_at)| Leaver {
        membership_id: Id::from_trusted(m),
        application_id: a.map(Id::from_trusted),
        left_at,
    }))
}

/// Undoes a leave: the membership is current again and the leave record goes. False when the
/// membership had not ended (someone else undid it first).
pub async fn restore_membership(conn: &mut Conn, membership_id: &Id) -> Result<bool> {
    let done =
        sqlx::query("UPDATE set_members SET left_at = NULL WHERE id = $1 AND left_at IS NOT NULL")
            .bind(membership_id.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1;
    sqlx::query("DELETE FROM set_leavers WHERE membership_id = $1")
        .bind(membership_id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done)
}

/// Gives a withdrawn application its place back (the caller has taken the place in the
/// cohort first). False when it is no longer withdrawn.
pub async fn reaccept_application(conn: &mut Conn, application_id: &Id) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE applications SET state = 'accepted', updated_at = $2 \
         WHERE id = $1 AND state = 'withdrawn'",
    )
    .bind(application_id.as_str())
    .bind(crate::now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}
