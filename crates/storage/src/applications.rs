//! Applications, their ranked cohort preferences, and the moves between states. Every state
//! change is conditional on the state the caller saw (`WHERE state = $old`), so two people
//! acting on one application at once cannot both succeed. Which moves are allowed at all is
//! the domain's `ApplicationState::apply`; this module only makes them stick.

use std::str::FromStr;

use revans_domain::{ApplicationState, Holder, Id};

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, StoreError, cohorts, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Application {
    pub id: Id,
    pub programme_id: Id,
    pub programme_title: String,
    pub person_id: Id,
    pub person_name: String,
    pub person_email: String,
    pub organisation_id: Id,
    pub organisation_name: String,
    pub state: ApplicationState,
    /// Answers to the programme's questions, in order.
    pub answers: Vec<String>,
    /// The applicant confirmed every eligibility statement and confirmation.
    pub confirmed_statements: bool,
    pub cohort_id: Option<Id>,
    pub cohort_name: Option<String>,
    /// A ticket number on the cohort's waiting list.
    pub waitlist_ticket: Option<i64>,
    /// The position (from 1) on the cohort's waiting list, read with the row (no query per
    /// application); `None` unless waitlisted.
    pub waitlist_rank: Option<i64>,
    pub offer_expires_at: Option<i64>,
    pub reminded_at: Option<i64>,
    pub nominated_by: Option<Id>,
    pub sponsor_approved_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub decision_reason: Option<String>,
    /// The sponsor who approved or declined it, by name (`None` before a sponsor decided).
    pub sponsor_name: Option<String>,
    /// When a sponsor declined it, and why (shown to the lead and sent to the applicant).
    pub sponsor_declined_at: Option<i64>,
    pub sponsor_reason: Option<String>,
    pub submitted_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    programme_id: String,
    programme_title: String,
    person_id: String,
    person_name: String,
    person_email: String,
    organisation_id: String,
    organisation_name: String,
    state: String,
    answers: String,
    /// 0 or 1 (see programmes.rs: booleans are cast in SELECT for the Any driver).
    confirmed_statements: i64,
    cohort_id: Option<String>,
    cohort_name: Option<String>,
    waitlist_position: Option<i64>,
    waitlist_rank: Option<i64>,
    offer_expires_at: Option<i64>,
    reminded_at: Option<i64>,
    nominated_by: Option<String>,
    sponsor_approved_at: Option<i64>,
    approved_at: Option<i64>,
    decision_reason: Option<String>,
    sponsor_name: Option<String>,
    sponsor_declined_at: Option<i64>,
    sponsor_reason: Option<String>,
    submitted_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<Row> for Application {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self> {
        Ok(Self {
            id: Id::from_trusted(r.id),
            programme_id: Id::from_trusted(r.programme_id),
            programme_title: r.programme_title,
            person_id: Id::from_trusted(r.person_id),
            person_name: r.person_name,
            person_email: r.person_email,
            organisation_id: Id::from_trusted(r.organisation_id),
            organisation_name: r.organisation_name,
            state: ApplicationState::from_str(&r.state)
                .map_err(|e| StoreError::Corrupt(e.message))?,
            answers: serde_json::from_str(&r.answers)
                .map_err(|e| StoreError::Corrupt(format!("answers: {e}")))?,
            confirmed_statements: r.confirmed_statements != 0,
            cohort_id: r.cohort_id.map(Id::from_trusted),
            cohort_name: r.cohort_name,
            waitlist_ticket: r.waitlist_position,
            waitlist_rank: r.waitlist_rank,
            offer_expires_at: r.offer_expires_at,
            reminded_at: r.reminded_at,
            nominated_by: r.nominated_by.map(Id::from_trusted),
            sponsor_approved_at: r.sponsor_approved_at,
            approved_at: r.approved_at,
            decision_reason: r.decision_reason,
            sponsor_name: r.sponsor_name,
            sponsor_declined_at: r.sponsor_declined_at,
            sponsor_reason: r.sponsor_reason,
            submitted_at: r.submitted_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

const SELECT: &str = "SELECT a.id, a.programme_id, p.title AS programme_title, a.person_id, \
     pe.name AS person_name, pe.email AS person_email, a.organisation_id, o.name AS organisation_name, \
     a.state, a.answers, \
     CAST(CASE WHEN a.confirmed_statements THEN 1 ELSE 0 END AS BIGINT) AS confirmed_statements, a.cohort_id, c.name AS cohort_name, \
     a.waitlist_position, CASE WHEN a.state = 'waitlisted' THEN (SELECT COUNT(*) FROM applications w \
     WHERE w.state = 'waitlisted' AND w.cohort_id = a.cohort_id \
     AND w.waitlist_position <= a.waitlist_position) END AS waitlist_rank, a.offer_expires_at, a.reminded_at, a.nominated_by, a.sponsor_approved_at, \
     a.approved_at, a.decision_reason, sp.name AS sponsor_name, a.sponsor_declined_at, a.sponsor_reason, \
     a.submitted_at, a.created_at, a.updated_at \
     FROM applications a JOIN programmes p ON p.id = a.programme_id \
     JOIN people pe ON pe.id = a.person_id JOIN organisations o ON o.id = a.organisation_id \
     LEFT JOIN cohorts c ON c.id = a.cohort_id LEFT JOIN people sp ON sp.id = a.sponsor_decided_by";

async fn fetch(conn: &mut Conn, sql: String, binds: &[&str]) -> Result<Vec<Application>> {
    let mut q = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Application::try_from)
        .collect()
}

#[derive(Debug, Clone)]
pub struct NewApplication<'a> {
    pub programme_id: &'a Id,
    pub person_id: &'a Id,
    pub organisation_id: &'a Id,
    /// `Draft` or `Submitted`.
    pub state: ApplicationState,
    pub answers: &'a [String],
    pub confirmed_statements: bool,
    pub preferences: &'a [Id],
    pub nominated_by: Option<&'a Id>,
}

fn answers_json(answers: &[String]) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "[]".into())
}

pub async fn insert(conn: &mut Conn, a: &NewApplication<'_>) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    let submitted = (a.state == ApplicationState::Submitted).then_some(now);
    sqlx::query(
        "INSERT INTO applications (id, programme_id, person_id, organisation_id, state, answers, \
         confirmed_statements, nominated_by, submitted_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(id.as_str())
    .bind(a.programme_id.as_str())
    .bind(a.person_id.as_str())
    .bind(a.organisation_id.as_str())
    .bind(a.state.as_str())
    .bind(answers_json(a.answers))
    .bind(a.confirmed_statements)
    .bind(a.nominated_by.map(Id::as_str))
    .bind(submitted)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    set_preferences(conn, &id, a.preferences).await?;
    Ok(id)
}

/// Saves a draft again, submitting it if `state` is `Submitted`. Only a draft changes.
pub async fn update_draft(conn: &mut Conn, id: &Id, a: &NewApplication<'_>) -> Result<bool> {
    let now = now_ms();
    let submitted = (a.state == ApplicationState::Submitted).then_some(now);
    let done = sqlx::query(
        "UPDATE applications SET state = $1, answers = $2, confirmed_statements = $3, \
         nominated_by = $4, submitted_at = $5, updated_at = $6 WHERE id = $7 AND state = 'draft'",
    )
    .bind(a.state.as_str())
    .bind(answers_json(a.answers))
    .bind(a.confirmed_statements)
    .bind(a.nominated_by.map(Id::as_str))
    .bind(submitted)
    .bind(now)
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    set_preferences(conn, id, a.preferences).await?;
    Ok(true)
}

async fn set_preferences(conn: &mut Conn, id: &Id, preferences: &[Id]) -> Result<()> {
    sqlx::query("DELETE FROM application_preferences WHERE application_id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    for (rank, cohort) in preferences.iter().enumerate() {
        sqlx::query(
            "INSERT INTO application_preferences (application_id, cohort_id, preference_rank) VALUES ($1, $2, $3)",
        )
        .bind(id.as_str())
        .bind(cohort.as_str())
        .bind(rank as i64 + 1)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Cohort ids, first choice first.
pub async fn preferences(conn: &mut Conn, id: &Id) -> Result<Vec<Id>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT cohort_id FROM application_preferences WHERE application_id = $1 ORDER BY preference_rank",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(c,)| Id::from_trusted(c)).collect())
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Application>> {
    Ok(
        fetch(conn, format!("{SELECT} WHERE a.id = $1"), &[id.as_str()])
            .await?
            .pop(),
    )
}

pub async fn find_for_person(
    conn: &mut Conn,
    programme_id: &Id,
    person_id: &Id,
) -> Result<Option<Application>> {
    Ok(fetch(
        conn,
        format!("{SELECT} WHERE a.programme_id = $1 AND a.person_id = $2"),
        &[programme_id.as_str(), person_id.as_str()],
    )
    .await?
    .pop())
}

/// A programme's applications, oldest first; optionally only those in one state.
pub async fn list_for_programme(
    conn: &mut Conn,
    programme_id: &Id,
    state: Option<ApplicationState>,
) -> Result<Vec<Application>> {
    match state {
        Some(s) => fetch(
            conn,
            format!(
                "{SELECT} WHERE a.programme_id = $1 AND a.state = $2 ORDER BY a.created_at, a.id"
            ),
            &[programme_id.as_str(), s.as_str()],
        )
        .await,
        None => {
            fetch(
                conn,
                format!("{SELECT} WHERE a.programme_id = $1 ORDER BY a.created_at, a.id"),
                &[programme_id.as_str()],
            )
            .await
        }
    }
}

pub async fn list_for_person(conn: &mut Conn, person_id: &Id) -> Result<Vec<Application>> {
    fetch(
        conn,
        format!("{SELECT} WHERE a.person_id = $1 ORDER BY a.created_at DESC, a.id"),
        &[person_id.as_str()],
    )
    .await
}

/// One page of the person's applications, newest first (ids are UUIDv7): at most `limit`
/// applications before the id `before`, for keyset pagination.
pub async fn page_for_person(
    conn: &mut Conn,
    person_id: &Id,
    before: Option<&Id>,
    limit: i64,
) -> Result<Vec<Application>> {
    let limit = limit.max(0);
    match before {
        Some(before) => {
            fetch(
                conn,
                format!(
                    "{SELECT} WHERE a.person_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT {limit}"
                ),
                &[person_id.as_str(), before.as_str()],
            )
            .await
        }
        None => {
            fetch(
                conn,
                format!("{SELECT} WHERE a.person_id = $1 ORDER BY a.id DESC LIMIT {limit}"),
                &[person_id.as_str()],
            )
            .await
        }
    }
}

/// Applications from people of `root` and the organisations below it (a sponsor's view).
/// Applications from `root` and below: sent ones, and nominations still waiting for the
/// nominee to complete them (a sponsor must see whom they nominated).
pub async fn list_from_tree(conn: &mut Conn, root: &Id) -> Result<Vec<Application>> {
    fetch(
        conn,
        format!(
            "{TREE_CTE} {SELECT} JOIN tree t ON t.id = a.organisation_id \
             WHERE (a.state <> 'draft' OR a.nominated_by IS NOT NULL) ORDER BY p.title, pe.name, a.id"
        ),
        &[root.as_str()],
    )
    .await
}

/// Everyone who has applied to the programme, for nomination caps.
pub async fn holders(conn: &mut Conn, programme_id: &Id) -> Result<Vec<Holder>> {
    Ok(list_for_programme(conn, programme_id, None)
        .await?
        .into_iter()
        .map(|a| Holder {
            person_name: a.person_name,
            organisation_id: a.organisation_id,
            organisation_name: a.organisation_name,
            state: a.state,
        })
        .collect())
}

/// Moves `from` -> `to` if the application is still in `from`.
pub async fn transition(
    conn: &mut Conn,
    id: &Id,
    from: ApplicationState,
    to: ApplicationState,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE applications SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
    )
    .bind(to.as_str())
    .bind(now_ms())
    .bind(id.as_str())
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Approval by a sponsor (`sponsor` true) or by the programme lead.
pub async fn approve(conn: &mut Conn, id: &Id, sponsor: bool) -> Result<bool> {
    let now = now_ms();
    let sql = if sponsor {
        "UPDATE applications SET sponsor_approved_at = $1, updated_at = $1 \
         WHERE id = $2 AND state = 'submitted' AND sponsor_approved_at IS NULL"
    } else {
        "UPDATE applications SET state = 'approved', approved_at = $1, updated_at = $1 \
         WHERE id = $2 AND state = 'submitted'"
    };
    let done = sqlx::query(sql)
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A sponsor's approval, naming who gave it. Only a sent application no sponsor has decided.
pub async fn approve_as_sponsor(conn: &mut Conn, id: &Id, by: &Id) -> Result<bool> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE applications SET sponsor_approved_at = $1, sponsor_decided_by = $2, updated_at = $1 \
         WHERE id = $3 AND state = 'submitted' AND sponsor_approved_at IS NULL \
         AND sponsor_declined_at IS NULL",
    )
    .bind(now)
    .bind(by.as_str())
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A sponsor declines a sent application with a reason: it is not accepted and can never be
/// offered a place. Only a sent application no sponsor has decided.
pub async fn decline_as_sponsor(conn: &mut Conn, id: &Id, by: &Id, reason: &str) -> Result<bool> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE applications SET state = 'rejected', sponsor_declined_at = $1, sponsor_decided_by = $2, \
         sponsor_reason = $3, waitlist_position = NULL, updated_at = $1 \
         WHERE id = $4 AND state = 'submitted' AND sponsor_approved_at IS NULL \
         AND sponsor_declined_at IS NULL",
    )
    .bind(now)
    .bind(by.as_str())
    .bind(reason)
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The cohorts an application ranked, first choice first: (id, name).
pub async fn preference_names(conn: &mut Conn, id: &Id) -> Result<Vec<(Id, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.id, c.name FROM application_preferences ap JOIN cohorts c ON c.id = ap.cohort_id \
         WHERE ap.application_id = $1 ORDER BY ap.preference_rank",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(c, n)| (Id::from_trusted(c), n))
        .collect())
}

/// How many of a programme's applications are in each state, drafts included: (state, count).
pub async fn state_counts(conn: &mut Conn, programme_id: &Id) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT state, COUNT(*) FROM applications WHERE programme_id = $1 GROUP BY state ORDER BY state",
    )
    .bind(programme_id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn reject(
    conn: &mut Conn,
    id: &Id,
    from: ApplicationState,
    reason: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE applications SET state = 'rejected', decision_reason = $1, waitlist_position = NULL, \
         updated_at = $2 WHERE id = $3 AND state = $4",
    )
    .bind(reason)
    .bind(now_ms())
    .bind(id.as_str())
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Offers a place in `cohort_id` until `expires_at`.
pub async fn offer(
    conn: &mut Conn,
    id: &Id,
    from: ApplicationState,
    cohort_id: &Id,
    expires_at: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE applications SET state = 'offered', cohort_id = $1, offer_expires_at = $2, \
         reminded_at = NULL, waitlist_position = NULL, updated_at = $3 WHERE id = $4 AND state = $5",
    )
    .bind(cohort_id.as_str())
    .bind(expires_at)
    .bind(now_ms())
    .bind(id.as_str())
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts an approved application at the end of `cohort_id`'s waiting list.
pub async fn waitlist(conn: &mut Conn, id: &Id, cohort_id: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE applications SET state = 'waitlisted', cohort_id = $1, \
         waitlist_position = (SELECT COALESCE(MAX(w.waitlist_position), 0) + 1 FROM applications w \
                              WHERE w.cohort_id = $1), updated_at = $2 \
         WHERE id = $3 AND state = 'approved'",
    )
    .bind(cohort_id.as_str())
    .bind(now_ms())
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The position (from 1) of a waitlisted application on its cohort's list.
pub async fn waitlist_rank(conn: &mut Conn, id: &Id) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM applications w JOIN applications a ON a.id = $1 \
         WHERE a.state = 'waitlisted' AND w.state = 'waitlisted' AND w.cohort_id = a.cohort_id \
           AND w.waitlist_position <= a.waitlist_position",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .filter(|n: &i64| *n > 0))
}

/// The first on `cohort_id`'s waiting list.
pub async fn next_in_line(conn: &mut Conn, cohort_id: &Id) -> Result<Option<Id>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM applications WHERE cohort_id = $1 AND state = 'waitlisted' \
         ORDER BY waitlist_position, id LIMIT 1",
    )
    .bind(cohort_id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id,)| Id::from_trusted(id)))
}

/// (open offers, waiting) for a cohort: what allocation must leave room for.
pub async fn cohort_counts(conn: &mut Conn, cohort_id: &Id) -> Result<(i64, i64)> {
    let (offers, waiting): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN state = 'offered' THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN state = 'waitlisted' THEN 1 ELSE 0 END), 0) \
         FROM applications WHERE cohort_id = $1",
    )
    .bind(cohort_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok((offers, waiting))
}

/// Offers whose time ran out before `now`.
/// The programme's offers that ran out before `now`, oldest first.
pub async fn expired_offers(
    conn: &mut Conn,
    programme_id: &Id,
    now: i64,
) -> Result<Vec<Application>> {
    let sql = format!(
        "{SELECT} WHERE a.programme_id = $1 AND a.state = 'offered' AND a.offer_expires_at < $2 \
         ORDER BY a.offer_expires_at, a.id"
    );
    sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(programme_id.as_str())
        .bind(now)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Application::try_from)
        .collect()
}

/// Open offers of a programme ending before `before` whose holder has not been reminded.
pub async fn offers_to_remind(
    conn: &mut Conn,
    programme_id: &Id,
    before: i64,
) -> Result<Vec<Application>> {
    let sql = format!(
        "{SELECT} WHERE a.programme_id = $1 AND a.state = 'offered' AND a.reminded_at IS NULL \
         AND a.offer_expires_at < $2 ORDER BY a.offer_expires_at, a.id"
    );
    sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(programme_id.as_str())
        .bind(before)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Application::try_from)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptOutcome {
    Accepted,
    /// Every place is taken; nothing changed.
    Full,
    /// Not (or no longer) an open offer; nothing changed.
    NotOffered,
}

/// Accepts an offer and takes a place, or changes nothing. The place is taken first by the
/// conditional UPDATE on the cohort, then the application moves only if it is still an open
/// offer; if it is not (a concurrent withdrawal), the place is given back before returning.
pub async fn accept(conn: &mut Conn, id: &Id) -> Result<AcceptOutcome> {
    accept_with(conn, id, CapacityCheck::Enforced).await
}

/// Whether an acceptance re-checks capacity. Only the oversell drill's control run skips it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityCheck {
    Enforced,
    /// CONTROL RUNS ONLY: see `cohorts::take_place_unchecked`.
    SkippedForControlRun,
}

/// `accept`, with the capacity re-check switched off for a control run.
pub async fn accept_with(conn: &mut Conn, id: &Id, check: CapacityCheck) -> Result<AcceptOutcome> {
    let now = now_ms();
    let row: Option<(String, Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT state, cohort_id, offer_expires_at FROM applications WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let Some((state, Some(cohort), expires)) = row else {
        return Ok(AcceptOutcome::NotOffered);
    };
    if state != ApplicationState::Offered.as_str() || expires.is_some_and(|e| e <= now) {
        return Ok(AcceptOutcome::NotOffered);
    }
    let cohort = Id::from_trusted(cohort);
    let taken = match check {
        CapacityCheck::Enforced => cohorts::take_place(conn, &cohort).await?,
        CapacityCheck::SkippedForControlRun => cohorts::take_place_unchecked(conn, &cohort).await?,
    };
    if !taken {
        return Ok(AcceptOutcome::Full);
    }
    if !transition(
        conn,
        id,
        ApplicationState::Offered,
        ApplicationState::Accepted,
    )
    .await?
    {
        cohorts::release_place(conn, &cohort).await?;
        return Ok(AcceptOutcome::NotOffered);
    }
    Ok(AcceptOutcome::Accepted)
}

/// Withdraws from `from`; an accepted place goes back to the cohort. Returns the cohort
/// whose place was freed, if any, so the caller can offer it to the next in line.
pub async fn withdraw(
    conn: &mut Conn,
    id: &Id,
    from: ApplicationState,
) -> Result<Option<Option<Id>>> {
    let cohort: Option<(Option<String>,)> =
        sqlx::query_as("SELECT cohort_id FROM applications WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let Some((cohort,)) = cohort else {
        return Ok(None);
    };
    if !transition(conn, id, from, ApplicationState::Withdrawn).await? {
        return Ok(None);
    }
    let cohort = cohort.map(Id::from_trusted);
    let freed = match (&cohort, from) {
        (Some(c), ApplicationState::Accepted) => {
            cohorts::release_place(conn, c).await?;
            Some(c.clone())
        }
        (Some(c), ApplicationState::Offered) => Some(c.clone()),
        _ => None,
    };
    Ok(Some(freed))
}

pub async fn mark_reminded(conn: &mut Conn, id: &Id) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE applications SET reminded_at = $1 WHERE id = $2 AND state = 'offered' AND reminded_at IS NULL",
    )
    .bind(now_ms())
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Programmes with at least one open offer, for the sweep that expires and reminds.
pub async fn programmes_with_offers(conn: &mut Conn) -> Result<Vec<Id>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT programme_id FROM applications WHERE state = 'offered' ORDER BY programme_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_trusted).collect())
}

/// The cohort's waiting list, first in line first.
pub async fn waiting_in_cohort(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<Application>> {
    fetch(
        conn,
        format!(
            "{SELECT} WHERE a.cohort_id = $1 AND a.state = 'waitlisted' \
             ORDER BY a.waitlist_position, a.id"
        ),
        &[cohort_id.as_str()],
    )
    .await
}

/// Which cohort the review queue keeps: any, those not yet placed, or one cohort (its id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortFilter<'a> {
    Any,
    Unplaced,
    In(&'a str),
}

/// The review queue's filters, applied in SQL.
#[derive(Debug, Clone, Copy)]
pub struct QueueFilter<'a> {
    /// One state, or every sent application.
    pub state: Option<ApplicationState>,
    /// With no state: keep too the sponsors' nominations waiting for the nominee (the page
    /// shows them; the API does not).
    pub nominations: bool,
    /// Only applicants from this organisation (its id).
    pub organisation: Option<&'a str>,
    pub cohort: CohortFilter<'a>,
    /// A piece of the applicant's name or email, lower-case.
    pub search: Option<&'a str>,
}

/// `text` for a `LIKE ... ESCAPE '\'` pattern that finds it anywhere.
fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// One page of a programme's review queue in id order (the order they were made: ids are
/// UUIDv7), the filters applied in SQL: up to `limit` applications after (`Forward`) or before
/// (`Backward`) the id `from`, nearest first. The ids are chosen first from the index, then
/// only those rows are read whole.
pub async fn queue_seek(
    conn: &mut Conn,
    programme_id: &Id,
    f: &QueueFilter<'_>,
    from: Option<&str>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Application>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => (">", "ASC"),
        crate::Direction::Backward => ("<", "DESC"),
    };
    let from = match (from, dir) {
        (Some(k), _) => k,
        (None, crate::Direction::Forward) => "",
        (None, crate::Direction::Backward) => "\u{10FFFF}",
    };
    let mut binds: Vec<String> = vec![programme_id.as_str().to_owned(), from.to_owned()];
    let mut wh = String::new();
    fn bind(v: String, binds: &mut Vec<String>) -> String {
        binds.push(v);
        format!("${}", binds.len())
    }
    match f.state {
        Some(s) => {
            let p = bind(s.as_str().to_owned(), &mut binds);
            wh.push_str(&format!(" AND q.state = {p}"));
        }
        None if f.nominations => {
            wh.push_str(" AND (q.state <> 'draft' OR q.nominated_by IS NOT NULL)")
        }
        None => wh.push_str(" AND q.state <> 'draft'"),
    }
    if let Some(o) = f.organisation {
        let p = bind(o.to_owned(), &mut binds);
        wh.push_str(&format!(" AND q.organisation_id = {p}"));
    }
    match f.cohort {
        CohortFilter::Any => {}
        CohortFilter::Unplaced => wh.push_str(" AND q.cohort_id IS NULL"),
        CohortFilter::In(c) => {
            let p = bind(c.to_owned(), &mut binds);
            wh.push_str(&format!(" AND q.cohort_id = {p}"));
        }
    }
    if let Some(s) = f.search.filter(|s| !s.is_empty()) {
        let p = bind(contains_pattern(s), &mut binds);
        wh.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM people qp WHERE qp.id = q.person_id AND \
             (LOWER(qp.name) LIKE {p} ESCAPE '\\' OR LOWER(qp.email) LIKE {p} ESCAPE '\\'))"
        ));
    }
    let limit = limit.max(0);
    let sql = format!(
        "{SELECT} WHERE a.id IN (SELECT q.id FROM applications q WHERE q.programme_id = $1 \
         AND q.id {cmp} $2{wh} ORDER BY q.id {order} LIMIT {limit}) ORDER BY a.id {order}"
    );
    let refs: Vec<&str> = binds.iter().map(String::as_str).collect();
    fetch(conn, sql, &refs).await
}

/// The organisations of a programme's applicants (sent applications and nominations), by
/// name: (id, name). One query.
pub async fn queue_organisations(conn: &mut Conn, programme_id: &Id) -> Result<Vec<(Id, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM organisations o WHERE o.id IN (SELECT a.organisation_id \
         FROM applications a WHERE a.programme_id = $1 \
         AND (a.state <> 'draft' OR a.nominated_by IS NOT NULL)) ORDER BY o.name, o.id",
    )
    .bind(programme_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(i, n)| (Id::from_trusted(i), n))
        .collect())
}

/// One page of the applications from `root` and the organisations below it (a sponsor's
/// view: sent ones, and nominations still waiting for the nominee), in id order: up to
/// `limit` after (`Forward`) or before (`Backward`) the id `from`, nearest first.
pub async fn seek_from_tree(
    conn: &mut Conn,
    root: &Id,
    from: Option<&str>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Application>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => (">", "ASC"),
        crate::Direction::Backward => ("<", "DESC"),
    };
    let from = match (from, dir) {
        (Some(k), _) => k,
        (None, crate::Direction::Forward) => "",
        (None, crate::Direction::Backward) => "\u{10FFFF}",
    };
    let limit = limit.max(0);
    fetch(
        conn,
        format!(
            "{TREE_CTE} {SELECT} WHERE a.id IN (SELECT q.id FROM applications q \
             JOIN tree t ON t.id = q.organisation_id WHERE q.id {cmp} $2 \
             AND (q.state <> 'draft' OR q.nominated_by IS NOT NULL) \
             ORDER BY q.id {order} LIMIT {limit}) ORDER BY a.id {order}"
        ),
        &[root.as_str(), from],
    )
    .await
}
