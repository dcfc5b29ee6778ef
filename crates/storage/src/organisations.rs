use revans_domain::{Id, OrganisationName};

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    pub parent_id: Option<Id>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    parent_id: Option<String>,
    created_at: i64,
}

impl From<Row> for Organisation {
    fn from(r: Row) -> Self {
        Self {
            id: Id::from_trusted(r.id),
            name: r.name,
            parent_id: r.parent_id.map(Id::from_trusted),
            created_at: r.created_at,
        }
    }
}

/// The organisation and every organisation below it (an ICS and its members).
/// Recursive CTEs read the same in SQLite and PostgreSQL.
pub(crate) const TREE_CTE: &str = "WITH RECURSIVE tree(id) AS (\
     SELECT id FROM organisations WHERE id = $1 \
     UNION ALL SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id)";

pub async fn insert(
    conn: &mut Conn,
    name: &OrganisationName,
    parent_id: Option<&Id>,
) -> Result<Organisation> {
    let org = Organisation {
        id: new_id(),
        name: name.as_str().to_owned(),
        parent_id: parent_id.cloned(),
        created_at: now_ms(),
    };
    sqlx::query(
        "INSERT INTO organisations (id, name, parent_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(org.id.as_str())
    .bind(&org.name)
    .bind(org.parent_id.as_ref().map(Id::as_str))
    .bind(org.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(org)
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Organisation>> {
    let row = sqlx::query_as::<_, Row>(
        "SELECT id, name, parent_id, created_at FROM organisations WHERE id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn list_all(conn: &mut Conn) -> Result<Vec<Organisation>> {
    let rows = sqlx::query_as::<_, Row>(
        "SELECT id, name, parent_id, created_at FROM organisations ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// `root` and all its descendants, ordered by name.
pub async fn tree(conn: &mut Conn, root: &Id) -> Result<Vec<Organisation>> {
    let sql = format!(
        "{TREE_CTE} SELECT o.id, o.name, o.parent_id, o.created_at FROM organisations o \
         JOIN tree t ON t.id = o.id ORDER BY o.name"
    );
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(root.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn rename(conn: &mut Conn, id: &Id, name: &OrganisationName) -> Result<bool> {
    let done = sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
        .bind(name.as_str())
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
