//! Reading any table named by the privacy register, for the erasure and export tests: the
//! table and column names come from `privacy_register::REGISTER` (constants in this crate),
//! never from input, which is why building SQL from them is safe here.

use crate::{Conn, Result};

/// Rows of `table` whose `column` equals `value`.
pub async fn count_where(conn: &mut Conn, table: &str, column: &str, value: &str) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) = $1");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_one(&mut *conn)
        .await?)
}

/// Rows of `table` whose `column`, as text, contains `needle` (SQLite's LIKE ignores ASCII case).
pub async fn count_containing(
    conn: &mut Conn,
    table: &str,
    column: &str,
    needle: &str,
) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE $1");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(format!("%{needle}%"))
        .fetch_one(&mut *conn)
        .await?)
}

/// One column, as text, of every row `entry` holds about the person (by id or address, as the
/// register says): to read secrets and contact details the export leaves out or reformats.
pub async fn column_about(
    conn: &mut Conn,
    entry: &crate::privacy_register::Entry,
    column: &str,
    person: &str,
    email: &str,
) -> Result<Vec<Option<String>>> {
    let Some((filter, by_email)) = crate::privacy_register::where_about(entry) else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT CAST(\"{column}\" AS TEXT) FROM \"{}\" WHERE {filter}",
        entry.table
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(if by_email { email } else { person })
        .fetch_all(&mut *conn)
        .await?)
}

/// A value bound to a test's own statement.
pub enum Arg<'a> {
    Text(&'a str),
    Int(i64),
}

/// Binds the values in order.
macro_rules! bound {
    ($sql:expr, $args:expr) => {{
        let mut q = sqlx::query(sqlx::AssertSqlSafe($sql));
        for a in $args {
            q = match a {
                Arg::Text(s) => q.bind(*s),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}

/// Runs a test fixture's own statement (a row no storage function writes), with its values
/// bound; the rows it changed.
pub async fn execute(conn: &mut Conn, sql: &str, args: &[Arg<'_>]) -> Result<u64> {
    Ok(bound!(sql.to_owned(), args)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// The column `v` of a test fixture's own query, as text.
pub async fn texts(conn: &mut Conn, sql: &str, args: &[Arg<'_>]) -> Result<Vec<String>> {
    use sqlx::Row;
    let sql = format!("SELECT CAST(v AS TEXT) FROM ({sql}) AS q");
    let rows = bound!(sql, args).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>(0)?))
        .collect()
}
