//! Who manages whom. Formation keeps a person's whole management chain out of their set, and a
//! facilitator out of their members' chains; the chain itself is worked out in the domain.

use revans_domain::Id;

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, now_ms};

/// Every (person, manager) pair among people of `root` and the organisations below it.
pub async fn in_tree(conn: &mut Conn, root: &Id) -> Result<Vec<(Id, Id)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TREE_CTE} SELECT r.person_id, r.manager_id FROM reporting_lines r \
         JOIN people p ON p.id = r.person_id JOIN tree t ON t.id = p.organisation_id \
         ORDER BY r.person_id"
    )))
    .bind(root.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, m)| (Id::from_trusted(p), Id::from_trusted(m)))
        .collect())
}

/// Sets (or, with `None`, clears) a person's manager.
pub async fn set_manager(conn: &mut Conn, person_id: &Id, manager_id: Option<&Id>) -> Result<()> {
    sqlx::query("DELETE FROM reporting_lines WHERE person_id = $1")
        .bind(person_id.as_str())
        .execute(&mut *conn)
        .await?;
    if let Some(manager) = manager_id {
        sqlx::query(
            "INSERT INTO reporting_lines (person_id, manager_id, updated_at) VALUES ($1, $2, $3)",
        )
        .bind(person_id.as_str())
        .bind(manager.as_str())
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn manager_of(conn: &mut Conn, person_id: &Id) -> Result<Option<Id>> {
    let m: Option<String> =
        sqlx::query_scalar("SELECT manager_id FROM reporting_lines WHERE person_id = $1")
            .bind(person_id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(m.map(Id::from_trusted))
}
