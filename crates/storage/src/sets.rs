//! Action learning sets of a cohort (C3): the sets, their members over time, their
//! facilitators, the rules used to form them, and the reporting lines formation must respect.

use revans_domain::Id;

use crate::people::Person;
use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActionSet {
    pub id: Id,
    pub cohort_id: Id,
    pub name: String,
    pub position: i64,
    /// `draft` or `published`.
    pub status: String,
    pub review_every: i64,
    pub timezone: String,
    pub delivery_mode: String,
    pub delivery_detail: String,
    pub self_facilitated: bool,
}

impl ActionSet {
    pub fn is_published(&self) -> bool {
        self.status == "published"
    }
}

#[derive(sqlx::FromRow)]
struct SetRow {
    id: String,
    cohort_id: String,
    name: String,
    position: i64,
    status: String,
    review_every: i64,
    timezone: String,
    delivery_mode: String,
    delivery_detail: String,
    /// 0 or 1 (booleans are cast in SELECT for the Any driver).
    self_facilitated: i64,
}

impl From<SetRow> for ActionSet {
    fn from(r: SetRow) -> Self {
        ActionSet {
            id: Id::from_trusted(r.id),
            cohort_id: Id::from_trusted(r.cohort_id),
            name: r.name,
            position: r.position,
            status: r.status,
            review_every: r.review_every,
            timezone: r.timezone,
            delivery_mode: r.delivery_mode,
            delivery_detail: r.delivery_detail,
            self_facilitated: r.self_facilitated != 0,
        }
    }
}

const SET_SELECT: &str = "SELECT id, cohort_id, name, position, status, review_every, timezone, \
     delivery_mode, delivery_detail, \
     CAST(CASE WHEN self_facilitated THEN 1 ELSE 0 END AS BIGINT) AS self_facilitated \
     FROM action_sets";

/// A member of a set, with who they are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    pub id: Id,
    pub set_id: Id,
    pub person_id: Id,
    pub name: String,
    pub email: String,
    pub organisation_id: Id,
    pub organisation_name: String,
    pub unit_key: String,
    pub rota_position: i64,
    pub locked: bool,
    pub joined_at: i64,
    pub left_at: Option<i64>,
}

impl Member {
    pub fn is_current(&self, at: i64) -> bool {
        self.joined_at <= at && self.left_at.is_none_or(|l| at < l)
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: String,
    set_id: String,
    person_id: String,
    name: String,
    email: String,
    organisation_id: String,
    organisation_name: String,
    unit_key: String,
    rota_position: i64,
    locked: i64,
    joined_at: i64,
    left_at: Option<i64>,
}

impl From<MemberRow> for Member {
    fn from(r: MemberRow) -> Self {
        Member {
            id: Id::from_trusted(r.id),
            set_id: Id::from_trusted(r.set_id),
            person_id: Id::from_trusted(r.person_id),
            name: r.name,
            email: r.email,
            organisation_id: Id::from_trusted(r.organisation_id),
            organisation_name: r.organisation_name,
            unit_key: r.unit_key,
            rota_position: r.rota_position,
            locked: r.locked != 0,
            joined_at: r.joined_at,
            left_at: r.left_at,
        }
    }
}

const MEMBER_SELECT: &str = "SELECT m.id, m.set_id, m.person_id, p.name, p.email, \
     p.organisation_id, o.name AS organisation_name, m.unit_key, m.rota_position, \
     CAST(CASE WHEN m.locked THEN 1 ELSE 0 END AS BIGINT) AS locked, m.joined_at, m.left_at \
     FROM set_members m JOIN people p ON p.id = m.person_id \
     JOIN organisations o ON o.id = p.organisation_id";

pub struct NewSet<'a> {
    pub cohort_id: &'a Id,
    pub name: &'a str,
    pub position: i64,
    pub review_every: i64,
    pub timezone: &'a str,
}

pub async fn insert(conn: &mut Conn, s: &NewSet<'_>) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO action_sets (id, cohort_id, name, position, status, review_every, timezone, \
         delivery_mode, delivery_detail, self_facilitated, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, 'virtual', '', FALSE, $7, $7)",
    )
    .bind(id.as_str())
    .bind(s.cohort_id.as_str())
    .bind(s.name)
    .bind(s.position)
    .bind(s.review_every)
    .bind(s.timezone)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<ActionSet>> {
    Ok(
        sqlx::query_as::<_, SetRow>(sqlx::AssertSqlSafe(format!("{SET_SELECT} WHERE id = $1")))
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .map(ActionSet::from),
    )
}

pub async fn list_for_cohort(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<ActionSet>> {
    Ok(sqlx::query_as::<_, SetRow>(sqlx::AssertSqlSafe(format!(
        "{SET_SELECT} WHERE cohort_id = $1 ORDER BY position, id"
    )))
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(ActionSet::from)
    .collect())
}

/// Published sets the person belongs to (now or before) or facilitates.
pub async fn list_for_person(conn: &mut Conn, person_id: &Id) -> Result<Vec<ActionSet>> {
    Ok(sqlx::query_as::<_, SetRow>(sqlx::AssertSqlSafe(format!(
        "{SET_SELECT} WHERE status = 'published' AND (id IN (SELECT set_id FROM set_members \
         WHERE person_id = $1) OR id IN (SELECT set_id FROM set_facilitators WHERE person_id = $1)) \
         ORDER BY created_at, position"
    )))
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(ActionSet::from)
    .collect())
}

/// Published sets with any of `people` among their members (now or before), one query: a
/// sponsor's page of nominees reads only their sets, never whole cohorts.
pub async fn published_with_members(conn: &mut Conn, people: &[Id]) -> Result<Vec<ActionSet>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SET_SELECT} WHERE status = 'published' AND id IN (SELECT set_id FROM set_members \
         WHERE person_id IN ({})) ORDER BY created_at, position",
        in_list(1, people.len())
    );
    let mut q = sqlx::query_as::<_, SetRow>(sqlx::AssertSqlSafe(sql));
    for id in people {
        q = q.bind(id.as_str());
    }
    Ok(q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(ActionSet::from)
        .collect())
}

/// Removes a cohort's draft sets and sets open for choosing (before forming again).
/// Published sets are never removed.
pub async fn delete_drafts(conn: &mut Conn, cohort_id: &Id) -> Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM action_sets WHERE cohort_id = $1 AND status IN ('draft', 'choosing')",
    )
    .bind(cohort_id.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Publishes a cohort's draft sets and sets that were open for choosing.
pub async fn publish(conn: &mut Conn, cohort_id: &Id) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE action_sets SET status = 'published', updated_at = $2 \
         WHERE cohort_id = $1 AND status IN ('draft', 'choosing')",
    )
    .bind(cohort_id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

pub struct SetSettings<'a> {
    pub review_every: i64,
    pub timezone: &'a str,
    pub delivery_mode: &'a str,
    pub delivery_detail: &'a str,
    pub self_facilitated: bool,
}

pub async fn update_settings(conn: &mut Conn, id: &Id, s: &SetSettings<'_>) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE action_sets SET review_every = $2, timezone = $3, delivery_mode = $4, \
         delivery_detail = $5, self_facilitated = $6, updated_at = $7 WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(s.review_every)
    .bind(s.timezone)
    .bind(s.delivery_mode)
    .bind(s.delivery_detail)
    .bind(s.self_facilitated)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

pub struct NewMember<'a> {
    pub set_id: &'a Id,
    pub person_id: &'a Id,
    pub unit_key: &'a str,
    pub rota_position: i64,
    pub locked: bool,
    pub joined_at: i64,
}

pub async fn add_member(conn: &mut Conn, m: &NewMember<'_>) -> Result<Id> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO set_members (id, set_id, person_id, unit_key, rota_position, locked, joined_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.as_str())
    .bind(m.set_id.as_str())
    .bind(m.person_id.as_str())
    .bind(m.unit_key)
    .bind(m.rota_position)
    .bind(m.locked)
    .bind(m.joined_at)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Everyone who has been in the set, current or not, in rota order.
pub async fn members(conn: &mut Conn, set_id: &Id) -> Result<Vec<Member>> {
    Ok(sqlx::query_as::<_, MemberRow>(sqlx::AssertSqlSafe(format!(
        "{MEMBER_SELECT} WHERE m.set_id = $1 ORDER BY m.rota_position, p.name, m.id"
    )))
    .bind(set_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Member::from)
    .collect())
}

/// Every member of every set of a cohort in one query, by set, each set's in rota order.
pub async fn members_of_cohort(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<Member>> {
    Ok(sqlx::query_as::<_, MemberRow>(sqlx::AssertSqlSafe(format!(
        "{MEMBER_SELECT} WHERE m.set_id IN (SELECT id FROM action_sets WHERE cohort_id = $1) \
         ORDER BY m.set_id, m.rota_position, p.name, m.id"
    )))
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Member::from)
    .collect())
}

/// The facilitators of every set of a cohort in one query: (set id, name), by name.
pub async fn facilitator_names_of_cohort(
    conn: &mut Conn,
    cohort_id: &Id,
) -> Result<Vec<(Id, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT f.set_id, p.name FROM set_facilitators f JOIN people p ON p.id = f.person_id \
         JOIN action_sets s ON s.id = f.set_id WHERE s.cohort_id = $1 ORDER BY p.name, p.email",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(set, name)| (Id::from_trusted(set), name))
        .collect())
}

/// The facilitators of every set of a cohort in one query: (set id, person id), by name.
pub async fn facilitator_ids_of_cohort(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<(Id, Id)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT f.set_id, f.person_id FROM set_facilitators f JOIN people p ON p.id = f.person_id \
         JOIN action_sets s ON s.id = f.set_id WHERE s.cohort_id = $1 ORDER BY p.name, p.email",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(set, person)| (Id::from_trusted(set), Id::from_trusted(person)))
        .collect())
}

/// Moves a current member of a draft set to another set of the same cohort.
pub async fn move_member(conn: &mut Conn, member_id: &Id, to_set: &Id) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE set_members SET set_id = $2, locked = TRUE WHERE id = $1 AND left_at IS NULL",
    )
    .bind(member_id.as_str())
    .bind(to_set.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// Renames a set; a name another set of the cohort has is `StoreError::Duplicate { field:
/// "name" }`.
pub async fn rename(conn: &mut Conn, id: &Id, name: &str) -> Result<bool> {
    Ok(
        sqlx::query("UPDATE action_sets SET name = $2, updated_at = $3 WHERE id = $1")
            .bind(id.as_str())
            .bind(name)
            .bind(now_ms())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}

/// `draft`, `choosing` (open for self-selection) or `published`.
pub async fn set_status(conn: &mut Conn, id: &Id, status: &str) -> Result<bool> {
    Ok(
        sqlx::query("UPDATE action_sets SET status = $2, updated_at = $3 WHERE id = $1")
            .bind(id.as_str())
            .bind(status)
            .bind(now_ms())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Takes back a choice made while a set was open for choosing (before anything happened in it).
pub async fn remove_member(conn: &mut Conn, member_id: &Id) -> Result<bool> {
    Ok(sqlx::query(
        "DELETE FROM set_members WHERE id = $1 AND set_id IN \
         (SELECT id FROM action_sets WHERE status = 'choosing')",
    )
    .bind(member_id.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn set_locked(conn: &mut Conn, member_id: &Id, locked: bool) -> Result<bool> {
    Ok(
        sqlx::query("UPDATE set_members SET locked = $2 WHERE id = $1")
            .bind(member_id.as_str())
            .bind(locked)
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Records that a member left (their attendance is not counted after `at`).
pub async fn end_membership(conn: &mut Conn, member_id: &Id, at: i64) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE set_members SET left_at = $2 WHERE id = $1 AND left_at IS NULL AND joined_at <= $2",
    )
    .bind(member_id.as_str())
    .bind(at)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn facilitators(conn: &mut Conn, set_id: &Id) -> Result<Vec<Person>> {
    crate::people::list_where(
        conn,
        "p.id IN (SELECT person_id FROM set_facilitators WHERE set_id = $1)",
        set_id.as_str(),
    )
    .await
}

/// Makes `people` the set's facilitators. Those who stay keep the time they joined; those
/// added join now, so they read only what members share with the facilitators from now on.
/// Returns who was added.
pub async fn replace_facilitators(conn: &mut Conn, set_id: &Id, people: &[Id]) -> Result<Vec<Id>> {
    let current: Vec<String> =
        sqlx::query_scalar("SELECT person_id FROM set_facilitators WHERE set_id = $1")
            .bind(set_id.as_str())
            .fetch_all(&mut *conn)
            .await?;
    for gone in current
        .iter()
        .filter(|c| !people.iter().any(|p| p.as_str() == *c))
    {
        sqlx::query("DELETE FROM set_facilitators WHERE set_id = $1 AND person_id = $2")
            .bind(set_id.as_str())
            .bind(gone)
            .execute(&mut *conn)
            .await?;
    }
    let now = now_ms();
    let mut added = Vec::new();
    for p in people
        .iter()
        .filter(|p| !current.iter().any(|c| c == p.as_str()))
    {
        sqlx::query(
            "INSERT INTO set_facilitators (set_id, person_id, added_at) VALUES ($1, $2, $3)",
        )
        .bind(set_id.as_str())
        .bind(p.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
        added.push(p.clone());
    }
    Ok(added)
}

/// Whether `person_id` is a current member of a set that `facilitator_id` facilitates.
pub async fn is_member_facilitated_by(
    conn: &mut Conn,
    person_id: &Id,
    facilitator_id: &Id,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM set_members m JOIN set_facilitators f ON f.set_id = m.set_id \
         WHERE m.person_id = $1 AND m.left_at IS NULL AND f.person_id = $2",
    )
    .bind(person_id.as_str())
    .bind(facilitator_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// What the person is to the set now: a current member, a facilitator, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Member,
    Facilitator,
    None,
}

pub async fn standing(conn: &mut Conn, set_id: &Id, person_id: &Id) -> Result<Standing> {
    let facilitator: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM set_facilitators WHERE set_id = $1 AND person_id = $2",
    )
    .bind(set_id.as_str())
    .bind(person_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    if facilitator > 0 {
        return Ok(Standing::Facilitator);
    }
    let member: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM set_members WHERE set_id = $1 AND person_id = $2 AND left_at IS NULL",
    )
    .bind(set_id.as_str())
    .bind(person_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(if member > 0 {
        Standing::Member
    } else {
        Standing::None
    })
}

/// People with an accepted place in the cohort: who the sets are formed from.
pub async fn cohort_participants(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<Person>> {
    crate::people::list_where(
        conn,
        "p.id IN (SELECT person_id FROM applications WHERE cohort_id = $1 AND state = 'accepted')",
        cohort_id.as_str(),
    )
    .await
}

/// Pairs of the cohort's participants who shared a published set of another cohort (an
/// earlier cycle), so forming again can mix people. Ids are returned (smaller, larger).
pub async fn earlier_set_mates(conn: &mut Conn, cohort_id: &Id) -> Result<Vec<(Id, Id)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT a.person_id, b.person_id FROM set_members a \
         JOIN set_members b ON b.set_id = a.set_id AND a.person_id < b.person_id \
         JOIN action_sets s ON s.id = a.set_id \
         WHERE s.status = 'published' AND s.cohort_id <> $1 \
         AND a.person_id IN (SELECT person_id FROM applications WHERE cohort_id = $1 AND state = 'accepted') \
         AND b.person_id IN (SELECT person_id FROM applications WHERE cohort_id = $1 AND state = 'accepted') \
         ORDER BY a.person_id, b.person_id",
    )
    .bind(cohort_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(a, b)| (Id::from_trusted(a), Id::from_trusted(b)))
        .collect())
}

pub async fn formation_rules(conn: &mut Conn, cohort_id: &Id) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT rules FROM formation_rules WHERE cohort_id = $1")
            .bind(cohort_id.as_str())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn save_formation_rules(conn: &mut Conn, cohort_id: &Id, rules: &str) -> Result<()> {
    sqlx::query("DELETE FROM formation_rules WHERE cohort_id = $1")
        .bind(cohort_id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO formation_rules (cohort_id, rules, updated_at) VALUES ($1, $2, $3)")
        .bind(cohort_id.as_str())
        .bind(rules)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Cohorts where the person has a place and sets are open for choosing: (cohort id, name).
pub async fn choosing_cohorts_for(conn: &mut Conn, person_id: &Id) -> Result<Vec<(Id, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.id, c.name FROM cohorts c WHERE c.id IN (SELECT cohort_id FROM applications \
         WHERE person_id = $1 AND state = 'accepted') AND c.id IN (SELECT cohort_id FROM \
         action_sets WHERE status = 'choosing') ORDER BY c.name",
    )
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (Id::from_trusted(id), name))
        .collect())
}

/// The names of the given sets, whatever their status, in one query: (id, name). For lists
/// that name the set of each row (diary entries) without a query per row.
pub async fn names(conn: &mut Conn, ids: &[Id]) -> Result<Vec<(Id, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT id, name FROM action_sets WHERE id IN ({}) ORDER BY id",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.as_str());
    }
    Ok(query
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, name)| (Id::from_trusted(id), name))
        .collect())
}

/// Where each set belongs, for telling sets apart wherever they are listed: set id ->
/// (programme title, cohort name). One query, however many sets.
pub async fn contexts(
    conn: &mut Conn,
    ids: &[Id],
) -> Result<std::collections::HashMap<Id, (String, String)>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT s.id, p.title, c.name FROM action_sets s \
         JOIN cohorts c ON c.id = s.cohort_id JOIN programmes p ON p.id = c.programme_id \
         WHERE s.id IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.as_str());
    }
    Ok(query
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, programme, cohort)| (Id::from_trusted(id), (programme, cohort)))
        .collect())
}

/// `$from, $from+1, ...`: `n` placeholders for an `IN` list.
pub(crate) fn in_list(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the lead's sets page counts about a cohort, in one statement of aggregates: how many
/// sets, how many of them are not published, how many people have a place, and how many of
/// those are in no published set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct CohortSetSummary {
    pub sets: i64,
    pub unpublished: i64,
    pub participants: i64,
    pub unplaced: i64,
}

pub async fn cohort_summary(conn: &mut Conn, cohort_id: &Id) -> Result<CohortSetSummary> {
    Ok(sqlx::query_as::<_, CohortSetSummary>(
        "SELECT (SELECT COUNT(*) FROM action_sets s WHERE s.cohort_id = $1) AS sets, \
         (SELECT COUNT(*) FROM action_sets s WHERE s.cohort_id = $1 \
            AND s.status <> 'published') AS unpublished, \
         (SELECT COUNT(*) FROM applications a WHERE a.cohort_id = $1 AND a.state = 'accepted') \
            AS participants, \
         (SELECT COUNT(*) FROM applications a WHERE a.cohort_id = $1 AND a.state = 'accepted' \
            AND NOT EXISTS (SELECT 1 FROM set_members m JOIN action_sets s ON s.id = m.set_id \
              WHERE m.person_id = a.person_id AND s.cohort_id = $1 AND s.status = 'published' \
              AND m.left_at IS NULL)) AS unplaced",
    )
    .bind(cohort_id.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// A keyset page of a cohort's sets in their order (`position`, ties by id) from the key
/// `from`, `limit` rows nearest it in direction `dir` (`action_sets_cohort_page`).
pub async fn page_for_cohort(
    conn: &mut Conn,
    cohort_id: &Id,
    from: Option<(i64, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<ActionSet>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => (">", "ASC"),
        crate::Direction::Backward => ("<", "DESC"),
    };
    let (position, id) = match (from, dir) {
        (Some(key), _) => key,
        (None, crate::Direction::Forward) => (i64::MIN, ""),
        (None, crate::Direction::Backward) => (i64::MAX, ""),
    };
    Ok(sqlx::query_as::<_, SetRow>(sqlx::AssertSqlSafe(format!(
        "{SET_SELECT} WHERE cohort_id = $1 AND (position {cmp} $2 OR (position = $2 AND id {cmp} $3)) \
         ORDER BY position {order}, id {order} LIMIT $4"
    )))
    .bind(cohort_id.as_str())
    .bind(position)
    .bind(id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(ActionSet::from)
    .collect())
}

/// The members of the sets `ids` (a page of them), in each set's rota order: one query.
pub async fn members_of_sets(conn: &mut Conn, ids: &[Id]) -> Result<Vec<Member>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{MEMBER_SELECT} WHERE m.set_id IN ({}) ORDER BY m.set_id, m.rota_position, p.name, m.id",
        in_list(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, MemberRow>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(id.as_str());
    }
    Ok(q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Member::from)
        .collect())
}

/// The facilitators of the sets `ids`: (set id, name), by name; one query.
pub async fn facilitator_names_of_sets(conn: &mut Conn, ids: &[Id]) -> Result<Vec<(Id, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT f.set_id, p.name FROM set_facilitators f JOIN people p ON p.id = f.person_id \
         WHERE f.set_id IN ({}) ORDER BY p.name, p.email",
        in_list(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(id.as_str());
    }
    Ok(q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(set, name)| (Id::from_trusted(set), name))
        .collect())
}

/// How many of a cohort's published sets have fewer than `min` or more than `max` current
/// members (people left, or joined): one aggregate statement, so the lead's page knows when
/// to ask the engine for a repair without reading the cohort.
pub async fn published_out_of_size(
    conn: &mut Conn,
    cohort_id: &Id,
    min: i64,
    max: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM action_sets s WHERE s.cohort_id = $1 AND s.status = 'published' \
         AND ((SELECT COUNT(*) FROM set_members m WHERE m.set_id = s.id AND m.left_at IS NULL) \
         NOT BETWEEN $2 AND $3)",
    )
    .bind(cohort_id.as_str())
    .bind(min)
    .bind(max)
    .fetch_one(&mut *conn)
    .await?)
}
