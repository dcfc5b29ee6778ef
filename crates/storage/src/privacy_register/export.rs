//! Subject access: every row the register says is about one person, read table by table.
//! The SQL is built only from the register's static names (never from input); the person's id
//! and email address are bound. A fixed number of queries (one per register entry about a
//! person), whatever the number of rows.

use revans_domain::Id;
use sqlx::{Column, Row, ValueRef};

use super::{Data, Entry, REGISTER};
use crate::{Conn, Result, StoreError};

/// The rows of one table about the person, secrets left out.
#[derive(Debug, Clone)]
pub struct TableRows {
    pub entry: &'static Entry,
    /// The columns exported, in the register's order (every column but secrets).
    pub columns: Vec<&'static str>,
    /// One value per column, as stored: text, integers, numbers, booleans (SQLite keeps
    /// booleans as 0 and 1, PostgreSQL as true and false), null.
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Every table's rows about the person whose id and email address are given, in register
/// order; tables about nobody are left out, tables with no row about them are kept (empty).
pub async fn rows_about(conn: &mut Conn, person: &Id, email: &str) -> Result<Vec<TableRows>> {
    let sqlite = conn.backend_name().eq_ignore_ascii_case("sqlite");
    let mut out = Vec::new();
    for entry in REGISTER {
        let Some(filter) = filter(entry) else {
            continue;
        };
        let columns: Vec<&'static str> = entry
            .columns
            .iter()
            .filter(|(_, data)| *data != Data::Secret)
            .map(|(name, _)| *name)
            .collect();
        let list = columns
            .iter()
            .map(|c| select_as_stored(sqlite, c))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {list} FROM \"{}\" WHERE {} ORDER BY 1",
            entry.table, filter.sql
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql));
        let query = match filter.binds {
            Binds::Id => query.bind(person.as_str()),
            Binds::Email => query.bind(email),
        };
        let fetched = query.fetch_all(&mut *conn).await?;
        let rows = fetched
            .iter()
            .map(|row| {
                (0..row.columns().len())
                    .map(|i| value(row, i))
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(TableRows {
            entry,
            columns,
            rows,
        });
    }
    Ok(out)
}

/// A column as it is stored. On SQLite the Any driver refuses a column declared BOOLEAN, so
/// the no-op unary plus turns it into an expression, which SQLite types by the value it holds
/// (0 and 1 for booleans); integers, reals and text keep their kind on both backends.
fn select_as_stored(sqlite: bool, column: &str) -> String {
    if sqlite {
        format!("+\"{column}\" AS \"{column}\"")
    } else {
        format!("\"{column}\"")
    }
}

enum Binds {
    Id,
    Email,
}

struct Filter {
    sql: String,
    binds: Binds,
}

/// The WHERE clause that picks an entry's rows about the person ($1), or None for a table
/// about nobody.
fn filter(entry: &Entry) -> Option<Filter> {
    let subject = entry.subject?;
    if let Some(parent) = entry.through {
        // The parent is declared (the register test checks it) and names the person itself.
        let inner = super::entry(parent).and_then(filter)?;
        return Some(Filter {
            sql: format!(
                "\"{subject}\" IN (SELECT \"id\" FROM \"{parent}\" WHERE {})",
                inner.sql
            ),
            binds: inner.binds,
        });
    }
    let by_email = entry
        .columns
        .iter()
        .any(|(c, data)| *c == subject && *data == Data::Contact);
    if by_email {
        // An address typed at sign-in may differ in case from the one on the account.
        return Some(Filter {
            sql: format!("LOWER(\"{subject}\") = LOWER($1)"),
            binds: Binds::Email,
        });
    }
    let mut sql = format!("\"{subject}\" = $1");
    for also in entry.also_about {
        sql.push_str(&format!(" OR \"{also}\" = $1"));
    }
    Some(Filter {
        sql,
        binds: Binds::Id,
    })
}

/// One value as JSON of its stored type.
fn value(row: &sqlx::any::AnyRow, i: usize) -> Result<serde_json::Value> {
    use sqlx::any::AnyTypeInfoKind as Kind;
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(serde_json::Value::Null);
    }
    let kind = raw.type_info().kind();
    Ok(match kind {
        Kind::Null => serde_json::Value::Null,
        Kind::Bool => row.try_get::<bool, _>(i)?.into(),
        Kind::SmallInt | Kind::Integer | Kind::BigInt => row.try_get::<i64, _>(i)?.into(),
        Kind::Real | Kind::Double => row.try_get::<f64, _>(i)?.into(),
        Kind::Text => row.try_get::<String, _>(i)?.into(),
        Kind::Blob => {
            return Err(StoreError::Corrupt(format!(
                "column {} holds bytes, which the schema never stores",
                row.column(i).name()
            )));
        }
    })
}

/// The WHERE clause picking an entry's rows about the person ($1), and whether $1 is their
/// email address (true) or their id: for the test support reading one column of those rows.
pub(crate) fn where_about(entry: &Entry) -> Option<(String, bool)> {
    filter(entry).map(|f| (f.sql, matches!(f.binds, Binds::Email)))
}
