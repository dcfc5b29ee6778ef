//! Test support for subject access (issue 17): someone a register entry holds a row about, so
//! a test can export that person's data and look for the row. Names come only from the static
//! register.

use revans_domain::Id;

use crate::privacy_register::{Data, Entry};
use crate::{Conn, Result};

/// The ids of the people `entry`'s rows are about, as a subquery (None: about nobody).
fn subjects(entry: &Entry) -> Option<String> {
    let subject = entry.subject?;
    let table = entry.table;
    if let Some(parent) = entry.through {
        let p = crate::privacy_register::entry(parent)?;
        return Some(format!(
            "SELECT \"{}\" FROM \"{parent}\" WHERE \"id\" IN (SELECT \"{subject}\" FROM \"{table}\")",
            p.subject?
        ));
    }
    let by_email = entry
        .columns
        .iter()
        .any(|(c, d)| *c == subject && *d == Data::Contact);
    Some(if by_email {
        format!(
            "SELECT \"id\" FROM \"people\" WHERE LOWER(\"email\") IN \
             (SELECT LOWER(\"{subject}\") FROM \"{table}\")"
        )
    } else {
        format!("SELECT \"{subject}\" FROM \"{table}\"")
    })
}

/// Someone (an existing person) that `entry` holds at least one row about, if anyone.
pub async fn someone_about(conn: &mut Conn, entry: &Entry) -> Result<Option<Id>> {
    let Some(ids) = subjects(entry) else {
        return Ok(None);
    };
    let sql =
        format!("SELECT \"id\" FROM \"people\" WHERE \"id\" IN ({ids}) ORDER BY \"id\" LIMIT 1");
    let id: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_optional(&mut *conn)
        .await?;
    id.map(|s| Id::parse(&s).ok_or_else(|| crate::StoreError::Corrupt(format!("bad id {s}"))))
        .transpose()
}
