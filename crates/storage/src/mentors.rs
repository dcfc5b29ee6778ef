//! Mentors (C6, issue 15): someone who completed a cohort is paired with someone in a later
//! cohort of the same programme (or of the programme it leads on to).

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// Someone who was in a set of an earlier cohort, with what completion needs there: the
/// app layer applies the cohort's completion rule to `present` of `meetings`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Candidate {
    pub person_id: String,
    pub name: String,
    pub cohort_id: String,
    pub cohort_name: String,
    pub completion_rule: String,
    pub completion_minimum: Option<i64>,
    pub meetings: i64,
    pub present: i64,
}

/// Members of every set of the cohorts before `cohort` (by opening date) of its programme or
/// of a programme that leads on to it. One query.
pub async fn candidates(conn: &mut Conn, cohort: &Id) -> Result<Vec<Candidate>> {
    Ok(sqlx::query_as::<_, Candidate>(
        "SELECT sm.person_id, pe.name, c.id AS cohort_id, c.name AS cohort_name, \
         c.completion_rule, c.completion_minimum, \
         (SELECT COUNT(*) FROM meetings m WHERE m.set_id = sm.set_id \
           AND m.status <> 'cancelled') AS meetings, \
         (SELECT COUNT(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
           WHERE m.set_id = sm.set_id AND a.person_id = sm.person_id \
           AND a.status = 'present' AND m.status <> 'cancelled') AS present \
         FROM cohorts target \
         JOIN cohorts c ON c.id <> target.id AND c.opens_at < target.opens_at \
         JOIN action_sets s ON s.cohort_id = c.id \
         JOIN set_members sm ON sm.set_id = s.id \
         JOIN people pe ON pe.id = sm.person_id \
         WHERE target.id = $1 AND (c.programme_id = target.programme_id \
           OR c.programme_id IN (SELECT id FROM programmes WHERE follow_on_id = target.programme_id)) \
         ORDER BY pe.name, sm.person_id, c.id",
    )
    .bind(cohort.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The people in the cohort's sets now, by name: who can be given a mentor.
pub async fn mentees(conn: &mut Conn, cohort: &Id) -> Result<Vec<(Id, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT pe.id, pe.name FROM set_members sm \
         JOIN action_sets s ON s.id = sm.set_id JOIN people pe ON pe.id = sm.person_id \
         WHERE s.cohort_id = $1 AND sm.left_at IS NULL ORDER BY pe.name, pe.id",
    )
    .bind(cohort.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (Id::from_trusted(id), name))
        .collect())
}

/// Records the pairing; false when it was recorded already.
pub async fn pair(
    conn: &mut Conn,
    mentor: &Id,
    mentee: &Id,
    cohort: &Id,
    from_cohort: &Id,
    recorded_by: &Id,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO mentor_pairings (id, mentor_id, mentee_id, cohort_id, from_cohort_id, \
         recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (mentee_id, cohort_id, mentor_id) DO NOTHING",
    )
    .bind(new_id().as_str())
    .bind(mentor.as_str())
    .bind(mentee.as_str())
    .bind(cohort.as_str())
    .bind(from_cohort.as_str())
    .bind(recorded_by.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A pairing with both names and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Pairing {
    pub id: String,
    pub mentor_id: String,
    pub mentor_name: String,
    pub mentor_email: String,
    pub mentee_id: String,
    pub mentee_name: String,
    pub mentee_email: String,
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_title: String,
}

macro_rules! pairing_select {
    ($rest:literal) => {
        concat!(
            "SELECT mp.id, mp.mentor_id, a.name AS mentor_name, a.email AS mentor_email, \
             mp.mentee_id, b.name AS mentee_name, b.email AS mentee_email, mp.cohort_id, \
             c.name AS cohort_name, p.title AS programme_title \
             FROM mentor_pairings mp JOIN people a ON a.id = mp.mentor_id \
             JOIN people b ON b.id = mp.mentee_id JOIN cohorts c ON c.id = mp.cohort_id \
             JOIN programmes p ON p.id = c.programme_id ",
            $rest
        )
    };
}

/// The cohort's pairings, by mentee.
pub async fn of_cohort(conn: &mut Conn, cohort: &Id) -> Result<Vec<Pairing>> {
    Ok(sqlx::query_as::<_, Pairing>(pairing_select!(
        "WHERE mp.cohort_id = $1 ORDER BY b.name, mp.id"
    ))
    .bind(cohort.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The pairings the person is in, as mentor or mentee, newest first.
pub async fn of_person(conn: &mut Conn, person: &Id) -> Result<Vec<Pairing>> {
    Ok(sqlx::query_as::<_, Pairing>(pairing_select!(
        "WHERE mp.mentor_id = $1 OR mp.mentee_id = $1 ORDER BY mp.id DESC"
    ))
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
