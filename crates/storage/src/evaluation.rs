//! Evaluation (C9): instruments, a programme's plan key, waves, invitations and responses.
//! Responses are read only whole-programme, for aggregates; nothing here returns one
//! person's answers except their own draft, found by their link.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct InstrumentRow {
    pub id: String,
    pub organisation_id: String,
    pub key: String,
    pub version: i64,
    pub title: String,
    pub format: String,
    pub source: String,
    pub created_at: i64,
}

pub struct NewInstrument<'a> {
    pub organisation_id: &'a Id,
    pub key: &'a str,
    pub version: i64,
    pub title: &'a str,
    pub format: &'a str,
    pub source: &'a str,
    pub created_by: &'a Id,
}

/// `StoreError::Duplicate { field: "instrument" }` when the tenant has this key and version.
pub async fn insert_instrument(conn: &mut Conn, new: NewInstrument<'_>) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO instruments (id, organisation_id, key, version, title, format, source, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.as_str())
    .bind(new.organisation_id.as_str())
    .bind(new.key)
    .bind(new.version)
    .bind(new.title)
    .bind(new.format)
    .bind(new.source)
    .bind(new.created_by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

const INSTRUMENT: &str = "SELECT id, organisation_id, key, version, title, format, source, created_at \
     FROM instruments";

pub async fn instrument(conn: &mut Conn, id: &str) -> Result<Option<InstrumentRow>> {
    let sql = format!("{INSTRUMENT} WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The tenant's instruments, by title then version.
pub async fn instruments_of(conn: &mut Conn, tenant: &Id) -> Result<Vec<InstrumentRow>> {
    let sql = format!("{INSTRUMENT} WHERE organisation_id = $1 ORDER BY title, version, id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// The programme's pseudonym key, made with `fresh` the first time it is asked for.
pub async fn pseudonym_key(conn: &mut Conn, programme: &Id, fresh: &str) -> Result<String> {
    sqlx::query(
        "INSERT INTO evaluation_plans (programme_id, pseudonym_key, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (programme_id) DO NOTHING",
    )
    .bind(programme.as_str())
    .bind(fresh)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(
        sqlx::query_scalar("SELECT pseudonym_key FROM evaluation_plans WHERE programme_id = $1")
            .bind(programme.as_str())
            .fetch_one(&mut *conn)
            .await?,
    )
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Wave {
    pub id: String,
    pub programme_id: String,
    pub cohort_id: Option<String>,
    pub cohort_name: Option<String>,
    pub instrument_id: String,
    pub instrument_title: String,
    pub name: String,
    pub timing: String,
    pub months_after: Option<i64>,
    pub opens_at: i64,
    pub closes_at: i64,
    pub anonymity: String,
    pub created_at: i64,
    /// Set for a participant's 360 feedback round (migration 0021): never a programme wave.
    pub subject_person_id: Option<String>,
}

/// A [`Wave`]'s query (also used by `feedback360`).
pub(crate) const WAVE: &str = "SELECT w.id, w.programme_id, w.cohort_id, c.name AS cohort_name, \
     w.instrument_id, i.title AS instrument_title, w.name, w.timing, w.months_after, w.opens_at, \
     w.closes_at, w.anonymity, w.created_at, w.subject_person_id FROM evaluation_waves w \
     JOIN instruments i ON i.id = w.instrument_id LEFT JOIN cohorts c ON c.id = w.cohort_id";

pub struct NewWave<'a> {
    pub programme_id: &'a Id,
    pub cohort_id: Option<&'a Id>,
    pub instrument_id: &'a Id,
    pub name: &'a str,
    pub timing: &'a str,
    pub months_after: Option<i64>,
    pub opens_at: i64,
    pub closes_at: i64,
    pub anonymity: &'a str,
    /// Sent to the cohort's participants when it opens, with a reminder before it closes.
    pub auto_send: bool,
}

pub async fn insert_wave(conn: &mut Conn, new: NewWave<'_>) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO evaluation_waves (id, programme_id, cohort_id, instrument_id, name, timing, \
         months_after, opens_at, closes_at, anonymity, created_at, auto_send) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id.as_str())
    .bind(new.programme_id.as_str())
    .bind(new.cohort_id.map(Id::as_str))
    .bind(new.instrument_id.as_str())
    .bind(new.name)
    .bind(new.timing)
    .bind(new.months_after)
    .bind(new.opens_at)
    .bind(new.closes_at)
    .bind(new.anonymity)
    .bind(now_ms())
    .bind(new.auto_send)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Waves to send now: sent automatically, open, not sent yet.
pub async fn waves_to_send(conn: &mut Conn, now: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM evaluation_waves WHERE auto_send = TRUE AND sent_at IS NULL \
         AND cohort_id IS NOT NULL AND subject_person_id IS NULL AND opens_at <= $1 AND closes_at > $1 \
         ORDER BY opens_at, id",
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await?)
}

/// Waves whose reminder is due: sent, closing within `ahead` ms, not reminded yet.
pub async fn waves_to_remind(conn: &mut Conn, now: i64, ahead: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM evaluation_waves WHERE auto_send = TRUE AND sent_at IS NOT NULL \
         AND reminded_at IS NULL AND closes_at > $1 AND closes_at <= $2 ORDER BY closes_at, id",
    )
    .bind(now)
    .bind(now + ahead)
    .fetch_all(&mut *conn)
    .await?)
}

/// Claims the sending (`sent`) or the reminder of a wave for this sweep: `false` if another
/// instance already did, so nobody is emailed twice.
pub async fn claim(conn: &mut Conn, wave: &str, reminder: bool, now: i64) -> Result<bool> {
    let sql = if reminder {
        "UPDATE evaluation_waves SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL"
    } else {
        "UPDATE evaluation_waves SET sent_at = $2 WHERE id = $1 AND sent_at IS NULL"
    };
    let done = sqlx::query(sql)
        .bind(wave)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn wave(conn: &mut Conn, id: &str) -> Result<Option<Wave>> {
    let sql = format!("{WAVE} WHERE w.id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The programme's waves, in the order they open.
pub async fn waves_of(conn: &mut Conn, programme: &Id) -> Result<Vec<Wave>> {
    let sql = format!(
        "{WAVE} WHERE w.programme_id = $1 AND w.subject_person_id IS NULL ORDER BY w.opens_at, w.id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(programme.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// Invited and responded, per wave of the programme and respondent group.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Rate {
    pub wave_id: String,
    pub respondent_group: String,
    pub invited: i64,
    pub responded: i64,
}

pub async fn rates_of(conn: &mut Conn, programme: &Id) -> Result<Vec<Rate>> {
    Ok(sqlx::query_as(
        "SELECT i.wave_id, i.respondent_group, COUNT(*) AS invited, \
         COUNT(i.responded_at) AS responded FROM wave_invitations i \
         JOIN evaluation_waves w ON w.id = i.wave_id \
         WHERE w.programme_id = $1 AND w.subject_person_id IS NULL \
         GROUP BY i.wave_id, i.respondent_group ORDER BY i.wave_id, i.respondent_group",
    )
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Someone who may be invited: a person with an account, or an address.
pub struct Invitee<'a> {
    pub person_id: Option<&'a Id>,
    pub email: &'a str,
    pub organisation_id: Option<&'a Id>,
}

/// Invites, unless this address is already invited to the wave (then `false`).
pub async fn invite(
    conn: &mut Conn,
    wave: &Id,
    group: &str,
    who: &Invitee<'_>,
    token_hash: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO wave_invitations (id, wave_id, person_id, email, respondent_group, \
         organisation_id, token_hash, invited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (wave_id, email) DO NOTHING",
    )
    .bind(new_id().as_str())
    .bind(wave.as_str())
    .bind(who.person_id.map(Id::as_str))
    .bind(who.email)
    .bind(group)
    .bind(who.organisation_id.map(Id::as_str))
    .bind(token_hash)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The accepted participants of a cohort: (person, email, name, organisation).
pub async fn cohort_participants(
    conn: &mut Conn,
    cohort: &Id,
) -> Result<Vec<(String, String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.email, p.name, a.organisation_id FROM applications a \
         JOIN people p ON p.id = a.person_id WHERE a.cohort_id = $1 AND a.state = 'accepted' \
         ORDER BY p.name, p.id",
    )
    .bind(cohort.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Invitation {
    pub id: String,
    pub wave_id: String,
    pub person_id: Option<String>,
    pub email: String,
    pub respondent_group: String,
    pub organisation_id: Option<String>,
    pub draft: Option<String>,
    pub responded_at: Option<i64>,
}

const INVITATION: &str = "SELECT id, wave_id, person_id, email, respondent_group, organisation_id, \
     draft, responded_at FROM wave_invitations";

/// The invitation a link's token (hashed) opens.
pub async fn invitation_by_token(conn: &mut Conn, token_hash: &str) -> Result<Option<Invitation>> {
    let sql = format!("{INVITATION} WHERE token_hash = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The invitation of an address to a wave (its id).
pub async fn invitation_for(conn: &mut Conn, wave: &Id, email: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM wave_invitations WHERE wave_id = $1 AND email = $2")
            .bind(wave.as_str())
            .bind(email)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Saves the respondent's draft while they have not submitted.
pub async fn save_draft(conn: &mut Conn, invitation: &str, draft: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE wave_invitations SET draft = $1 WHERE id = $2 AND responded_at IS NULL",
    )
    .bind(draft)
    .bind(invitation)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks the invitation answered and forgets the draft; `false` if it already was (a second
/// submit from another tab), so a response is stored once.
pub async fn mark_responded(conn: &mut Conn, invitation: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE wave_invitations SET responded_at = $1, draft = NULL \
         WHERE id = $2 AND responded_at IS NULL",
    )
    .bind(now_ms())
    .bind(invitation)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who has not answered the wave: (invitation, email, person's name if they have an account).
pub async fn non_responders(
    conn: &mut Conn,
    wave: &Id,
) -> Result<Vec<(String, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.email, p.name FROM wave_invitations i LEFT JOIN people p ON p.id = i.person_id \
         WHERE i.wave_id = $1 AND i.responded_at IS NULL ORDER BY i.email",
    )
    .bind(wave.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A new link for a reminder (the old one stops working: only hashes are kept).
pub async fn renew_token(conn: &mut Conn, invitation: &str, token_hash: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE wave_invitations SET token_hash = $1, reminded_at = $2 \
         WHERE id = $3 AND responded_at IS NULL",
    )
    .bind(token_hash)
    .bind(now_ms())
    .bind(invitation)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewResponse<'a> {
    pub wave_id: &'a str,
    pub invitation_id: Option<&'a str>,
    pub pseudonym: Option<&'a str>,
    pub respondent_group: &'a str,
    pub organisation_id: Option<&'a str>,
    pub answers: &'a str,
    pub free_text_consent: bool,
    /// The start of the day it was sent.
    pub submitted_on: i64,
}

/// Stores a response under a random id (not time-ordered, see the migration).
pub async fn insert_response(conn: &mut Conn, new: NewResponse<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO wave_responses (id, wave_id, invitation_id, pseudonym, respondent_group, \
         organisation_id, answers, free_text_consent, submitted_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(new.wave_id)
    .bind(new.invitation_id)
    .bind(new.pseudonym)
    .bind(new.respondent_group)
    .bind(new.organisation_id)
    .bind(new.answers)
    .bind(new.free_text_consent)
    .bind(new.submitted_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A response as aggregates read it: no invitation, no name.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ResponseRow {
    pub wave_id: String,
    pub pseudonym: Option<String>,
    pub respondent_group: String,
    pub organisation_name: Option<String>,
    pub answers: String,
    /// 1 when the respondent agreed their free text may be shown (an integer: the Any driver
    /// reads no booleans from SQLite).
    pub free_text_consent: i64,
}

/// Every response to the programme's waves, in one query, in an order that says nothing about
/// who answered when (by wave, then the random id).
pub async fn responses_of(conn: &mut Conn, programme: &Id) -> Result<Vec<ResponseRow>> {
    Ok(sqlx::query_as(
        "SELECT r.wave_id, r.pseudonym, r.respondent_group, o.name AS organisation_name, r.answers, \
         CAST(CASE WHEN r.free_text_consent THEN 1 ELSE 0 END AS BIGINT) AS free_text_consent FROM wave_responses r JOIN evaluation_waves w ON w.id = r.wave_id \
         LEFT JOIN organisations o ON o.id = r.organisation_id \
         WHERE w.programme_id = $1 AND w.subject_person_id IS NULL ORDER BY r.wave_id, r.id",
    )
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
