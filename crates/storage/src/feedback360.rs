//! 360-degree feedback (C9): a programme's offer (the instrument its lead chose) and each
//! participant's rounds. A round is an `evaluation_waves` row with `subject_person_id` set;
//! its raters are invitations and its answers anonymous responses (see migration 0021).
//! Nothing here says which rater answered: counts per group, and answers with their group.

use revans_domain::Id;

use crate::evaluation::{WAVE, Wave};
use crate::{Conn, Result, new_id, now_ms};

/// Offers 360 feedback with `instrument` to the programme's participants (replacing an
/// earlier choice).
pub async fn set_offer(conn: &mut Conn, programme: &Id, instrument: &Id, by: &Id) -> Result<()> {
    sqlx::query(
        "INSERT INTO feedback_offers (programme_id, instrument_id, offered_by, offered_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id) DO UPDATE SET \
         instrument_id = excluded.instrument_id, offered_by = excluded.offered_by, \
         offered_at = excluded.offered_at",
    )
    .bind(programme.as_str())
    .bind(instrument.as_str())
    .bind(by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The programme's offer: (instrument id, instrument title).
pub async fn offer_of(conn: &mut Conn, programme: &Id) -> Result<Option<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT f.instrument_id, i.title FROM feedback_offers f \
         JOIN instruments i ON i.id = f.instrument_id WHERE f.programme_id = $1",
    )
    .bind(programme.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// How many rounds participants of the programme have started.
pub async fn rounds_in_programme(conn: &mut Conn, programme: &Id) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM evaluation_waves \
         WHERE programme_id = $1 AND subject_person_id IS NOT NULL",
    )
    .bind(programme.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// A programme that offers the person 360 feedback: they hold an accepted place in one of its
/// cohorts.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Offer {
    pub programme_id: String,
    pub programme: String,
    pub cohort_id: String,
    pub instrument_id: String,
    pub instrument: String,
}

pub async fn offers_for(conn: &mut Conn, person: &Id) -> Result<Vec<Offer>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS programme_id, p.title AS programme, MIN(a.cohort_id) AS cohort_id, \
         f.instrument_id, i.title AS instrument FROM applications a \
         JOIN cohorts c ON c.id = a.cohort_id JOIN programmes p ON p.id = c.programme_id \
         JOIN feedback_offers f ON f.programme_id = p.id \
         JOIN instruments i ON i.id = f.instrument_id \
         WHERE a.person_id = $1 AND a.state = 'accepted' \
         GROUP BY p.id, p.title, f.instrument_id, i.title ORDER BY p.title, p.id",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

pub struct NewRound<'a> {
    pub programme_id: &'a Id,
    pub cohort_id: &'a Id,
    pub instrument_id: &'a Id,
    pub subject: &'a Id,
    pub name: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
}

/// A round: an anonymous wave on dates, about `subject`.
pub async fn insert_round(conn: &mut Conn, new: NewRound<'_>) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO evaluation_waves (id, programme_id, cohort_id, instrument_id, name, timing, \
         months_after, opens_at, closes_at, anonymity, created_at, subject_person_id) \
         VALUES ($1, $2, $3, $4, $5, 'on_dates', NULL, $6, $7, 'anonymous', $8, $9)",
    )
    .bind(id.as_str())
    .bind(new.programme_id.as_str())
    .bind(new.cohort_id.as_str())
    .bind(new.instrument_id.as_str())
    .bind(new.name)
    .bind(new.opens_at)
    .bind(new.closes_at)
    .bind(now_ms())
    .bind(new.subject.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The person's rounds, newest first.
pub async fn rounds_of(conn: &mut Conn, person: &Id) -> Result<Vec<Wave>> {
    let sql = format!("{WAVE} WHERE w.subject_person_id = $1 ORDER BY w.created_at DESC, w.id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(person.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// Invited and answered in each group of a round.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct GroupCount {
    pub respondent_group: String,
    pub invited: i64,
    pub answered: i64,
}

pub async fn counts(conn: &mut Conn, round: &str) -> Result<Vec<GroupCount>> {
    Ok(sqlx::query_as(
        "SELECT respondent_group, COUNT(*) AS invited, COUNT(responded_at) AS answered \
         FROM wave_invitations WHERE wave_id = $1 GROUP BY respondent_group \
         ORDER BY respondent_group",
    )
    .bind(round)
    .fetch_all(&mut *conn)
    .await?)
}

/// The addresses already invited to the round (to refuse a duplicate by name).
pub async fn invited_emails(conn: &mut Conn, round: &str) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT email, respondent_group FROM wave_invitations WHERE wave_id = $1 ORDER BY email",
    )
    .bind(round)
    .fetch_all(&mut *conn)
    .await?)
}

/// The subject's own invitation: (id, answered).
pub async fn self_invitation(
    conn: &mut Conn,
    round: &str,
    group: &str,
) -> Result<Option<(String, Option<i64>)>> {
    Ok(sqlx::query_as(
        "SELECT id, responded_at FROM wave_invitations WHERE wave_id = $1 AND respondent_group = $2",
    )
    .bind(round)
    .bind(group)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The round's answers with their group only, in random-id order (says nothing of who or when).
pub async fn answers_of(conn: &mut Conn, round: &str) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT respondent_group, answers FROM wave_responses WHERE wave_id = $1 ORDER BY id",
    )
    .bind(round)
    .fetch_all(&mut *conn)
    .await?)
}

/// Closes a round now unless it already closed (then `false`).
pub async fn close_round(conn: &mut Conn, round: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE evaluation_waves SET closes_at = $2 WHERE id = $1 AND closes_at > $2 \
         AND subject_person_id IS NOT NULL",
    )
    .bind(round)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
