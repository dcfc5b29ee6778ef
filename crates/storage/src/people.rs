use std::str::FromStr;

use revans_domain::{EmailAddress, Id, PersonName, Role};

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, StoreError, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Person {
    pub id: Id,
    pub organisation_id: Id,
    pub organisation_name: String,
    pub email: String,
    pub name: String,
    /// False until the person accepts their invitation and chooses a password.
    pub activated: bool,
    pub created_at: i64,
    /// The time zone the person chose for reading times, if they chose one.
    #[serde(skip)]
    pub timezone: Option<String>,
    /// The language the person chose to read Revans in, if they chose one.
    #[serde(skip)]
    pub locale: Option<revans_domain::Locale>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RoleGrant {
    pub organisation_id: Id,
    pub organisation_name: String,
    pub role: Role,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    organisation_id: String,
    organisation_name: String,
    email: String,
    name: String,
    password_hash: Option<String>,
    created_at: i64,
    timezone: Option<String>,
    locale: Option<String>,
}

impl Row {
    fn split(self) -> (Person, Option<String>) {
        let person = Person {
            id: Id::from_trusted(self.id),
            organisation_id: Id::from_trusted(self.organisation_id),
            organisation_name: self.organisation_name,
            email: self.email,
            name: self.name,
            activated: self.password_hash.is_some(),
            created_at: self.created_at,
            timezone: self.timezone,
            locale: self
                .locale
                .as_deref()
                .and_then(revans_domain::Locale::parse),
        };
        (person, self.password_hash)
    }
}

const SELECT: &str = "SELECT p.id, p.organisation_id, o.name AS organisation_name, p.email, p.name, \
     p.password_hash, p.created_at, pp.timezone, pl.locale FROM people p \
     JOIN organisations o ON o.id = p.organisation_id \
     LEFT JOIN person_preferences pp ON pp.person_id = p.id \
     LEFT JOIN person_locales pl ON pl.person_id = p.id";

pub async fn insert(
    conn: &mut Conn,
    organisation_id: &Id,
    email: &EmailAddress,
    name: &PersonName,
) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO people (id, organisation_id, email, name, password_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, NULL, $5, $5)",
    )
    .bind(id.as_str())
    .bind(organisation_id.as_str())
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Person>> {
    let sql = format!("{SELECT} WHERE p.id = $1");
    let row = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.split().0))
}

/// The person with this email and their password hash (None until they choose a password).
pub async fn find_by_email(
    conn: &mut Conn,
    email: &EmailAddress,
) -> Result<Option<(Person, Option<String>)>> {
    let sql = format!("{SELECT} WHERE p.email = $1");
    let row = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(email.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(Row::split))
}

/// The language chosen by whoever has this address (compared without regard to case), for the
/// emails sent to it; `None` when nobody has it or they chose none.
pub async fn locale_by_email(
    conn: &mut Conn,
    email: &str,
) -> Result<Option<revans_domain::Locale>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT pl.locale FROM people p JOIN person_locales pl ON pl.person_id = p.id \
         WHERE lower(p.email) = lower($1) ORDER BY pl.updated_at DESC LIMIT 1",
    )
    .bind(email)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(|(tag,)| revans_domain::Locale::parse(&tag)))
}

/// People in `root` and the organisations below it, by name.
pub async fn list_in_tree(conn: &mut Conn, root: &Id) -> Result<Vec<Person>> {
    let sql = format!(
        "{TREE_CTE} {SELECT} JOIN tree t ON t.id = p.organisation_id WHERE p.erased_at IS NULL \
         ORDER BY p.name, p.email"
    );
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.split().0).collect())
}

/// One page of the people in `root` and below, in the order they were added (ids are
/// UUIDv7): at most `limit` people after the id `after`, for keyset pagination.
pub async fn page_in_tree(
    conn: &mut Conn,
    root: &Id,
    after: Option<&Id>,
    limit: i64,
) -> Result<Vec<Person>> {
    let sql = format!(
        "{TREE_CTE} {SELECT} JOIN tree t ON t.id = p.organisation_id \
         WHERE p.id > $2 AND p.erased_at IS NULL ORDER BY p.id LIMIT $3"
    );
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .bind(after.map_or("", Id::as_str))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.split().0).collect())
}

/// One page of the people in `root` and below, by name (ties by id), for keyset pagination:
/// at most `limit` people after the `(name, id)` key `from` (or before it, nearest first,
/// when `dir` is `Backward`). Uses the index `people_name_id`.
pub async fn page_by_name_in_tree(
    conn: &mut Conn,
    root: &Id,
    from: Option<(&str, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Person>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => (">", "ASC"),
        crate::Direction::Backward => ("<", "DESC"),
    };
    // The first page too reads from a key (before every name), so that it uses the index.
    let sql = format!(
        "{TREE_CTE} {SELECT} JOIN tree t ON t.id = p.organisation_id \
         WHERE (p.name, p.id) {cmp} ($2, $3) AND p.erased_at IS NULL ORDER BY p.name {order}, p.id {order} LIMIT $4"
    );
    let (name, id) = match (from, dir) {
        (Some(key), _) => key,
        (None, crate::Direction::Forward) => ("", ""),
        // Nothing sorts after the highest code point: the last page.
        (None, crate::Direction::Backward) => ("\u{10FFFF}", ""),
    };
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .bind(name)
        .bind(id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.split().0).collect())
}

/// People in `root` and the organisations below it who hold the facilitator role (in any
/// organisation), by name: one query, whatever the size of the tree.
pub async fn facilitators_in_tree(conn: &mut Conn, root: &Id) -> Result<Vec<Person>> {
    let sql = format!(
        "{TREE_CTE} {SELECT} JOIN tree t ON t.id = p.organisation_id \
         WHERE p.erased_at IS NULL AND EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id \
         AND g.role = 'facilitator') ORDER BY p.name, p.email"
    );
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.split().0).collect())
}

/// People matching a condition on `p` with one bound parameter `$1`, by name. The condition
/// is always a constant written in this crate, never user input.
pub(crate) async fn list_where(
    conn: &mut Conn,
    condition: &'static str,
    param: &str,
) -> Result<Vec<Person>> {
    let sql = format!("{SELECT} WHERE {condition} ORDER BY p.name, p.email");
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(param)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.split().0).collect())
}

pub async fn set_password_hash(conn: &mut Conn, id: &Id, hash: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE people SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now_ms())
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn update(
    conn: &mut Conn,
    id: &Id,
    name: &PersonName,
    organisation_id: &Id,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE people SET name = $1, organisation_id = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(name.as_str())
    .bind(organisation_id.as_str())
    .bind(now_ms())
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete(conn: &mut Conn, id: &Id) -> Result<bool> {
    let done = sqlx::query("DELETE FROM people WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn roles(conn: &mut Conn, person_id: &Id) -> Result<Vec<RoleGrant>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT g.person_id, g.organisation_id, o.name, g.role FROM role_grants g \
         JOIN organisations o ON o.id = g.organisation_id WHERE g.person_id = $1 ORDER BY o.name, g.role",
    )
    .bind(person_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(grants(rows)?.into_iter().map(|(_, g)| g).collect())
}

/// Every role grant of the given people, by person then organisation name then role: one
/// query for a page of people (the primary key `(person_id, ...)` finds each person's rows),
/// so a page costs the same however many people the tree holds.
pub async fn roles_of(conn: &mut Conn, ids: &[Id]) -> Result<Vec<(Id, RoleGrant)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT g.person_id, g.organisation_id, o.name, g.role FROM role_grants g \
         JOIN organisations o ON o.id = g.organisation_id WHERE g.person_id IN ({}) \
         ORDER BY g.person_id, o.name, g.role",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, String, String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.as_str());
    }
    grants(query.fetch_all(&mut *conn).await?)
}

fn grants(rows: Vec<(String, String, String, String)>) -> Result<Vec<(Id, RoleGrant)>> {
    rows.into_iter()
        .map(|(person, org, org_name, role)| {
            let role = Role::from_str(&role).map_err(|e| StoreError::Corrupt(e.message))?;
            Ok((
                Id::from_trusted(person),
                RoleGrant {
                    organisation_id: Id::from_trusted(org),
                    organisation_name: org_name,
                    role,
                },
            ))
        })
        .collect()
}

/// Replaces the person's roles within one organisation.
pub async fn set_roles(
    conn: &mut Conn,
    person_id: &Id,
    organisation_id: &Id,
    roles: &[Role],
) -> Result<()> {
    sqlx::query("DELETE FROM role_grants WHERE person_id = $1 AND organisation_id = $2")
        .bind(person_id.as_str())
        .bind(organisation_id.as_str())
        .execute(&mut *conn)
        .await?;
    let now = now_ms();
    for role in roles {
        sqlx::query(
            "INSERT INTO role_grants (person_id, organisation_id, role, granted_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(person_id.as_str())
        .bind(organisation_id.as_str())
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(&mut *conn)
        .await?)
}

/// The person's own time zone, if they chose one.
pub async fn timezone_of(conn: &mut Conn, id: &Id) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT timezone FROM person_preferences WHERE person_id = $1")
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Sets (or, with `None`, clears) the language the person reads Revans in.
pub async fn set_locale(
    conn: &mut Conn,
    id: &Id,
    locale: Option<revans_domain::Locale>,
) -> Result<()> {
    sqlx::query("DELETE FROM person_locales WHERE person_id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    if let Some(locale) = locale {
        sqlx::query(
            "INSERT INTO person_locales (person_id, locale, updated_at) VALUES ($1, $2, $3)",
        )
        .bind(id.as_str())
        .bind(locale.tag())
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Sets (or, with `None`, clears) the person's own time zone.
pub async fn set_timezone(conn: &mut Conn, id: &Id, timezone: Option<&str>) -> Result<()> {
    sqlx::query("DELETE FROM person_preferences WHERE person_id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    if let Some(tz) = timezone {
        sqlx::query(
            "INSERT INTO person_preferences (person_id, timezone, updated_at) VALUES ($1, $2, $3)",
        )
        .bind(id.as_str())
        .bind(tz)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
