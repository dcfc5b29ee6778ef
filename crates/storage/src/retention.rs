//! Retention (issue 17, C11): what people wrote during a programme is deleted a set time after
//! its cohort ended (its last session ended). Diary and log entries tied to a set (or to one
//! of its meetings), questionnaire answers and drafts, and the free text of applications.
//! Counts only come back: the sweep's audit entry names no entry and no person.

use crate::{Conn, Result};

/// Cohorts whose last session ended before `$1`. A cohort without sessions never ended.
const ENDED: &str = "SELECT c.id FROM cohorts c WHERE \
     (SELECT MAX(s.ends_at) FROM cohort_sessions s WHERE s.cohort_id = c.id) < $1";

/// Programmes all of whose cohorts ended before `$1` (for waves not tied to one cohort).
const PROGRAMMES_ENDED: &str = "SELECT c.programme_id FROM cohorts c \
     JOIN cohort_sessions s ON s.cohort_id = c.id GROUP BY c.programme_id HAVING MAX(s.ends_at) < $1";

/// How much one sweep deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub diary_entries: u64,
    pub questionnaire_answers: u64,
    pub application_answers: u64,
}

impl Swept {
    pub fn is_empty(&self) -> bool {
        self.diary_entries + self.questionnaire_answers + self.application_answers == 0
    }
}

/// Deletes what was written for cohorts that ended before `cutoff` (ms), in the caller's
/// transaction.
pub async fn sweep(conn: &mut Conn, cutoff: i64) -> Result<Swept> {
    let entries = format!(
        "SELECT d.id FROM diary_entries d \
         LEFT JOIN meetings m ON m.id = d.meeting_id \
         JOIN action_sets s ON s.id = COALESCE(d.set_id, m.set_id) \
         WHERE s.cohort_id IN ({ENDED})"
    );
    // Evidence that cites an entry goes with it (the foreign key cascades; said here so the
    // order does not depend on it).
    let evidence = format!("DELETE FROM portfolio_evidence WHERE diary_entry_id IN ({entries})");
    sqlx::query(sqlx::AssertSqlSafe(evidence))
        .bind(cutoff)
        .execute(&mut *conn)
        .await?;
    let diary = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM diary_entries WHERE id IN ({entries})"
    )))
    .bind(cutoff)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let waves = format!(
        "SELECT w.id FROM evaluation_waves w WHERE w.cohort_id IN ({ENDED}) \
         OR (w.cohort_id IS NULL AND w.programme_id IN ({PROGRAMMES_ENDED}))"
    );
    let answers = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM wave_responses WHERE wave_id IN ({waves})"
    )))
    .bind(cutoff)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let drafts = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE wave_invitations SET draft = NULL WHERE draft IS NOT NULL AND wave_id IN ({waves})"
    )))
    .bind(cutoff)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let applications = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE applications SET answers = '[]', decision_reason = NULL, sponsor_reason = NULL \
         WHERE (answers <> '[]' OR decision_reason IS NOT NULL OR sponsor_reason IS NOT NULL) \
         AND cohort_id IN ({ENDED})"
    )))
    .bind(cutoff)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(Swept {
        diary_entries: diary,
        questionnaire_answers: answers + drafts,
        application_answers: applications,
    })
}
