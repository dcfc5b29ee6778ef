//! A facilitator's profile (C6, issue 15): what they bring, their qualifications (typed, or
//! awarded by completing a cohort), and the sets and circles they have run, read from the
//! records (`set_facilitators`, `circle_facilitators`), never typed.

use revans_domain::Id;

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, new_id, now_ms};

/// The region (tenant) an organisation belongs to: the root above it.
pub async fn region_of(conn: &mut Conn, organisation_id: &Id) -> Result<Option<Id>> {
    let id: Option<String> = sqlx::query_scalar(
        "WITH RECURSIVE up(id, parent_id) AS (\
         SELECT id, parent_id FROM organisations WHERE id = $1 \
         UNION ALL SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id) \
         SELECT id FROM up WHERE parent_id IS NULL",
    )
    .bind(organisation_id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(Id::from_trusted))
}

/// Whether the person works in `region` or an organisation below it.
pub async fn person_in_tree(conn: &mut Conn, region: &Id, person: &Id) -> Result<bool> {
    let sql = format!(
        "{TREE_CTE} SELECT COUNT(*) FROM people p JOIN tree t ON t.id = p.organisation_id \
         WHERE p.id = $2"
    );
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(region.as_str())
        .bind(person.as_str())
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// What a facilitator wrote about their background.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Profile {
    pub years_facilitating: i64,
    /// `not_yet`, `somewhat`, `confident` or `very_confident`.
    pub online_confidence: String,
    /// Lower-case codes joined by commas.
    pub languages: String,
    pub training_history: String,
    pub updated_at: i64,
}

pub async fn get(conn: &mut Conn, person: &Id) -> Result<Option<Profile>> {
    Ok(sqlx::query_as::<_, Profile>(
        "SELECT years_facilitating, online_confidence, languages, training_history, updated_at \
         FROM facilitator_profiles WHERE person_id = $1",
    )
    .bind(person.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Saves the profile, adding it the first time.
pub async fn save(
    conn: &mut Conn,
    person: &Id,
    years: i64,
    online_confidence: &str,
    languages: &str,
    training_history: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO facilitator_profiles (person_id, years_facilitating, online_confidence, \
         languages, training_history, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (person_id) DO UPDATE SET years_facilitating = excluded.years_facilitating, \
         online_confidence = excluded.online_confidence, languages = excluded.languages, \
         training_history = excluded.training_history, updated_at = excluded.updated_at",
    )
    .bind(person.as_str())
    .bind(years)
    .bind(online_confidence)
    .bind(languages)
    .bind(training_history)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A qualification as stored; `cohort_id` and `cohort_name` say it was awarded by completing
/// that cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredQualification {
    pub id: Id,
    pub person_id: Id,
    pub name: String,
    pub level: String,
    /// `YYYY-MM-DD`.
    pub awarded_on: String,
    pub expires_on: Option<String>,
    pub evidence: String,
    pub cohort_id: Option<Id>,
    pub cohort_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct QualRow {
    id: String,
    person_id: String,
    name: String,
    level: String,
    awarded_on: String,
    expires_on: Option<String>,
    evidence: String,
    cohort_id: Option<String>,
    cohort_name: Option<String>,
}

impl From<QualRow> for StoredQualification {
    fn from(r: QualRow) -> Self {
        StoredQualification {
            id: Id::from_trusted(r.id),
            person_id: Id::from_trusted(r.person_id),
            name: r.name,
            level: r.level,
            awarded_on: r.awarded_on,
            expires_on: r.expires_on,
            evidence: r.evidence,
            cohort_id: r.cohort_id.map(Id::from_trusted),
            cohort_name: r.cohort_name,
        }
    }
}

const SELECT_QUAL: &str = "SELECT q.id, q.person_id, q.name, q.level, q.awarded_on, \
     q.expires_on, q.evidence, q.cohort_id, c.name AS cohort_name \
     FROM facilitator_qualifications q LEFT JOIN cohorts c ON c.id = q.cohort_id ";

/// A person's qualifications, most recently awarded first.
pub async fn qualifications(conn: &mut Conn, person: &Id) -> Result<Vec<StoredQualification>> {
    let sql = format!("{SELECT_QUAL} WHERE q.person_id = $1 ORDER BY q.awarded_on DESC, q.id");
    let rows = sqlx::query_as::<_, QualRow>(sqlx::AssertSqlSafe(sql))
        .bind(person.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn qualification(conn: &mut Conn, id: &Id) -> Result<Option<StoredQualification>> {
    let sql = format!("{SELECT_QUAL} WHERE q.id = $1");
    let row = sqlx::query_as::<_, QualRow>(sqlx::AssertSqlSafe(sql))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(Into::into))
}

/// What a person types about a qualification, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualificationFields {
    pub name: String,
    pub level: String,
    pub awarded_on: String,
    pub expires_on: Option<String>,
    pub evidence: String,
}

pub async fn add_qualification(
    conn: &mut Conn,
    person: &Id,
    q: &QualificationFields,
) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO facilitator_qualifications (id, person_id, name, level, awarded_on, \
         expires_on, evidence, cohort_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)",
    )
    .bind(id.as_str())
    .bind(person.as_str())
    .bind(&q.name)
    .bind(&q.level)
    .bind(&q.awarded_on)
    .bind(q.expires_on.as_deref())
    .bind(&q.evidence)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Changes one of the person's qualifications; false when it is not theirs.
pub async fn change_qualification(
    conn: &mut Conn,
    id: &Id,
    person: &Id,
    q: &QualificationFields,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE facilitator_qualifications SET name = $3, level = $4, awarded_on = $5, \
         expires_on = $6, evidence = $7 WHERE id = $1 AND person_id = $2",
    )
    .bind(id.as_str())
    .bind(person.as_str())
    .bind(&q.name)
    .bind(&q.level)
    .bind(&q.awarded_on)
    .bind(q.expires_on.as_deref())
    .bind(&q.evidence)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes one of the person's qualifications; false when it is not theirs.
pub async fn remove_qualification(conn: &mut Conn, id: &Id, person: &Id) -> Result<bool> {
    let done =
        sqlx::query("DELETE FROM facilitator_qualifications WHERE id = $1 AND person_id = $2")
            .bind(id.as_str())
            .bind(person.as_str())
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Awards the qualification for completing `cohort`, once per person and cohort: true when
/// this call added it, false when they already had it (the partial unique index decides, so
/// two instances awarding at once still add it once).
pub async fn award(
    conn: &mut Conn,
    person: &Id,
    cohort: &Id,
    name: &str,
    level: &str,
    awarded_on: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO facilitator_qualifications (id, person_id, name, level, awarded_on, \
         expires_on, evidence, cohort_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, NULL, '', $6, $7) \
         ON CONFLICT (person_id, cohort_id) WHERE cohort_id IS NOT NULL DO NOTHING",
    )
    .bind(new_id().as_str())
    .bind(person.as_str())
    .bind(name)
    .bind(level)
    .bind(awarded_on)
    .bind(cohort.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// For each current or past member of the set: how many of its meetings they were present
/// at, with the number of its meetings not cancelled. One query.
pub async fn set_presence(conn: &mut Conn, set: &Id) -> Result<(i64, Vec<(Id, i64)>)> {
    let meetings: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM meetings WHERE set_id = $1 AND status <> 'cancelled'",
    )
    .bind(set.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT sm.person_id, (SELECT COUNT(*) FROM attendance a JOIN meetings m \
           ON m.id = a.meeting_id WHERE m.set_id = sm.set_id AND a.person_id = sm.person_id \
           AND a.status = 'present' AND m.status <> 'cancelled') \
         FROM set_members sm WHERE sm.set_id = $1 ORDER BY sm.person_id",
    )
    .bind(set.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok((
        meetings,
        rows.into_iter()
            .map(|(p, n)| (Id::from_trusted(p), n))
            .collect(),
    ))
}

/// A set or circle someone facilitated, named from the records.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Ran {
    /// `set` or `circle`.
    pub kind: String,
    pub id: String,
    pub name: String,
    /// The cohort and programme (a set), or the circle's status (a circle).
    pub context: String,
    /// The first meeting or session, when there is one.
    pub starts_at: Option<i64>,
}

/// The sets and circles the person has facilitated, in two queries whatever their number.
pub async fn ran(conn: &mut Conn, person: &Id) -> Result<Vec<Ran>> {
    let mut sets = sqlx::query_as::<_, Ran>(
        "SELECT 'set' AS kind, s.id, s.name, c.name || ' of ' || p.title AS context, \
         (SELECT MIN(m.starts_at) FROM meetings m WHERE m.set_id = s.id) AS starts_at \
         FROM set_facilitators sf JOIN action_sets s ON s.id = sf.set_id \
         JOIN cohorts c ON c.id = s.cohort_id JOIN programmes p ON p.id = c.programme_id \
         WHERE sf.person_id = $1 ORDER BY s.id",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let circles = sqlx::query_as::<_, Ran>(
        "SELECT 'circle' AS kind, c.id, c.title AS name, c.status AS context, \
         (SELECT MIN(cs.starts_at) FROM circle_sessions cs WHERE cs.circle_id = c.id) \
           AS starts_at \
         FROM circle_facilitators cf JOIN circles c ON c.id = cf.circle_id \
         WHERE cf.person_id = $1 ORDER BY c.id",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?;
    sets.extend(circles);
    sets.sort_by_key(|r| std::cmp::Reverse(r.starts_at));
    Ok(sets)
}

/// The qualification a programme's completers gain, as (name, level), when it names one.
pub async fn programme_award(conn: &mut Conn, programme: &Id) -> Result<Option<(String, String)>> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT awards_qualification, awards_level FROM programmes WHERE id = $1")
            .bind(programme.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(match row {
        Some((Some(name), level)) if !name.is_empty() => Some((name, level.unwrap_or_default())),
        _ => None,
    })
}

/// Names (or, with `None`, clears) the qualification a programme's completers gain.
pub async fn set_programme_award(
    conn: &mut Conn,
    programme: &Id,
    award: Option<(&str, &str)>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE programmes SET awards_qualification = $2, awards_level = $3 WHERE id = $1",
    )
    .bind(programme.as_str())
    .bind(award.map(|a| a.0))
    .bind(award.map(|a| a.1))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
