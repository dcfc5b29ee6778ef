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
