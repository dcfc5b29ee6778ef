//! Bulk loading for generated data sets (`revans generate national`): multi-row `INSERT`s of
//! [`batch_rows`] rows each (as many as fit in [`MAX_PARAMETERS`] bound values), in the
//! caller's transaction. Portable SQL (BIGINT times, text ids); the only difference between
//! the backends is the placeholder (`?` on SQLite, `$n` on PostgreSQL, see [`statement`]).
//! The tables and their columns are fixed here; callers pass values in that column order.

use sqlx::any::AnyArguments;
use sqlx::{Arguments, AssertSqlSafe};

use crate::{Backend, Conn, Result, StoreError};

/// Bound parameters a statement may carry: SQLite allows 32,766 (PostgreSQL 65,535).
pub const MAX_PARAMETERS: usize = 32_766;

/// Bound parameters per statement aimed at: a statement carries as many rows as fit in this
/// many. Larger statements save nothing measurable and every prepared statement is kept in
/// the connection's cache, so its size is memory held for the whole load.
pub const BATCH_PARAMETERS: usize = 8_192;

/// Rows per statement for a table of `width` columns (at least one row; never more
/// parameters than [`MAX_PARAMETERS`] for any table this module knows).
pub fn batch_rows(width: usize) -> usize {
    (BATCH_PARAMETERS / width.max(1)).max(1)
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Bool(bool),
    /// A nullable text column.
    OptText(Option<String>),
    /// A nullable BIGINT column.
    OptInt(Option<i64>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        Value::OptText(s)
    }
}
impl From<Option<i64>> for Value {
    fn from(n: Option<i64>) -> Self {
        Value::OptInt(n)
    }
}

/// The tables a generator may fill, each with its column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Organisations,
    People,
    RoleGrants,
    ReportingLines,
    Supervisions,
    AuditLog,
    Programmes,
    NominationCaps,
    Cohorts,
    CohortSessions,
    Applications,
    ApplicationPreferences,
    ActionSets,
    SetMembers,
    SetFacilitators,
    Meetings,
    Attendance,
    ThemeVocabularies,
    Problems,
    Actions,
    DiaryEntries,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Organisations => "organisations",
            Table::People => "people",
            Table::RoleGrants => "role_grants",
            Table::ReportingLines => "reporting_lines",
            Table::Supervisions => "supervisions",
            Table::AuditLog => "audit_log",
            Table::Programmes => "programmes",
            Table::NominationCaps => "nomination_caps",
            Table::Cohorts => "cohorts",
            Table::CohortSessions => "cohort_sessions",
            Table::Applications => "applications",
            Table::ApplicationPreferences => "application_preferences",
            Table::ActionSets => "action_sets",
            Table::SetMembers => "set_members",
            Table::SetFacilitators => "set_facilitators",
            Table::Meetings => "meetings",
            Table::Attendance => "attendance",
            Table::ThemeVocabularies => "theme_vocabularies",
            Table::Problems => "problems",
            Table::Actions => "actions",
            Table::DiaryEntries => "diary_entries",
        }
    }

    /// The columns a row gives, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Organisations => &["id", "name", "parent_id", "created_at"],
            Table::People => &[
                "id",
                "organisation_id",
                "email",
                "name",
                "password_hash",
                "created_at",
                "updated_at",
            ],
            Table::RoleGrants => &["person_id", "organisation_id", "role", "granted_at"],
            Table::ReportingLines => &["person_id", "manager_id", "updated_at"],
            Table::Supervisions => &["facilitator_id", "supervisor_id", "started_at"],
            Table::AuditLog => &[
                "id",
                "at",
                "actor_id",
                "actor_name",
                "action",
                "subject_type",
                "subject_id",
                "detail",
                "ip",
                "organisation_id",
            ],
            Table::Programmes => &[
                "id",
                "organisation_id",
                "title",
                "summary",
                "description",
                "kind",
                "outcomes",
                "audience",
                "leads",
                "fee_pence",
                "cpd_minutes",
                "delivery_mode",
                "delivery_detail",
                "eligibility",
                "confirmations",
                "questions",
                "phases",
                "requires_sponsor_approval",
                "allocation_rule",
                "lottery_seed",
                "offer_valid_days",
                "status",
                "created_at",
                "updated_at",
            ],
            Table::NominationCaps => &["programme_id", "organisation_id", "cap"],
            Table::Cohorts => &[
                "id",
                "programme_id",
                "name",
                "capacity",
                "confirmed",
                "opens_at",
                "closes_at",
                "timezone",
                "schedule_kind",
                "schedule_spec",
                "completion_rule",
                "completion_minimum",
                "status",
                "created_at",
            ],
            Table::CohortSessions => &["cohort_id", "ordinal", "starts_at", "ends_at"],
            Table::Applications => &[
                "id",
                "programme_id",
                "person_id",
                "organisation_id",
                "state",
                "answers",
                "confirmed_statements",
                "cohort_id",
                "waitlist_position",
                "offer_expires_at",
                "nominated_by",
                "sponsor_approved_at",
                "approved_at",
                "decision_reason",
                "submitted_at",
                "created_at",
                "updated_at",
            ],
            Table::ApplicationPreferences => &["application_id", "cohort_id", "preference_rank"],
            Table::ActionSets => &[
                "id",
                "cohort_id",
                "name",
                "position",
                "status",
                "review_every",
                "timezone",
                "delivery_mode",
                "delivery_detail",
                "self_facilitated",
                "created_at",
                "updated_at",
            ],
            Table::SetMembers => &[
                "id",
                "set_id",
                "person_id",
                "unit_key",
                "rota_position",
                "locked",
                "joined_at",
            ],
            Table::SetFacilitators => &["set_id", "person_id", "added_at"],
            Table::Meetings => &[
                "id",
                "set_id",
                "starts_at",
                "ends_at",
                "status",
                "held",
                "sequence",
                "created_at",
                "updated_at",
            ],
            Table::Attendance => &[
                "meeting_id",
                "person_id",
                "status",
                "recorded_by",
                "recorded_at",
            ],
            Table::ThemeVocabularies => &["organisation_id", "themes", "updated_at"],
            Table::Problems => &[
                "id",
                "set_id",
                "unit_key",
                "author_id",
                "title",
                "description",
                "themes",
                "created_at",
                "updated_at",
            ],
            Table::Actions => &[
                "id",
                "set_id",
                "meeting_id",
                "owner_id",
                "problem_id",
                "description",
                "due_on",
                "created_at",
                "updated_at",
            ],
            Table::DiaryEntries => &[
                "id",
                "author_id",
                "kind",
                "set_id",
                "meeting_id",
                "sharing",
                "body",
                "created_at",
                "updated_at",
                "shared_at",
            ],
        }
    }
}

/// The statement for `rows` rows: `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)` on
/// PostgreSQL, `... VALUES (?, ?), (?, ?)` on SQLite. SQLite gets anonymous placeholders
/// because binding a numbered one looks its name up in a list as long as the statement
/// (`sqlite3_bind_parameter_name`), which makes a statement of thousands of parameters
/// quadratic; anonymous ones bind in order at constant cost.
fn statement(table: Table, rows: usize, backend: Backend) -> String {
    let columns = table.columns();
    let mut sql = format!(
        "INSERT INTO {} ({}) VALUES ",
        table.name(),
        columns.join(", ")
    );
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

fn bind(args: &mut AnyArguments, value: Value) -> Result<()> {
    let done = match value {
        Value::Text(s) => args.add(s),
        Value::Int(n) => args.add(n),
        Value::Bool(b) => args.add(b),
        Value::OptText(s) => args.add(s),
        Value::OptInt(n) => args.add(n),
    };
    done.map_err(|e| StoreError::Corrupt(format!("cannot bind a value: {e}")))
}

/// Inserts `rows` into `table` in statements of [`batch_rows`] rows. Each row gives the
/// table's [`Table::columns`] in order. Returns the number of rows written. See
/// [`insert_owned`] to move the values instead of copying them.
pub async fn insert(conn: &mut Conn, table: Table, rows: &[Vec<Value>]) -> Result<u64> {
    insert_owned(conn, table, rows.to_vec()).await
}

/// The backend behind a connection, by its driver's name.
fn backend_of(conn: &Conn) -> Backend {
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    }
}

/// [`insert`], moving the values into the statements rather than copying them.
pub async fn insert_owned(conn: &mut Conn, table: Table, rows: Vec<Vec<Value>>) -> Result<u64> {
    let backend = backend_of(conn);
    let width = table.columns().len();
    if let Some(bad) = rows.iter().find(|r| r.len() != width) {
        return Err(StoreError::Corrupt(format!(
            "a row for {} has {} values, not {width}",
            table.name(),
            bad.len()
        )));
    }
    let per = batch_rows(width);
    let mut written = 0;
    let mut full: Option<String> = None;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut args = AnyArguments::default();
        let mut n = 0;
        for row in rows.by_ref().take(per) {
            for value in row {
                bind(&mut args, value)?;
            }
            n += 1;
        }
        // The full-size statement is prepared once and kept; the last, shorter one of each
        // call is used once, so it is not cached.
        let (sql, keep) = if n == per {
            let sql = full.get_or_insert_with(|| statement(table, per, backend));
            (sql.clone(), true)
        } else {
            (statement(table, n, backend), false)
        };
        let done = sqlx::query_with(AssertSqlSafe(sql), args)
            .persistent(keep)
            .execute(&mut *conn)
            .await?;
        written += done.rows_affected();
    }
    Ok(written)
}

/// Settings for the one connection that bulk-loads a fresh SQLite database, kept for the
/// load only ([`end_load`] puts them back): no fsync at commit (a crash mid-load leaves a
/// half-made data set, which the generator refuses to add to anyway, so it is started again
/// on an empty database) and a 64 MB page cache, so index pages stay in memory rather than
/// being read back through the operating system for every batch. PostgreSQL: nothing.
pub async fn begin_load(conn: &mut Conn, backend: Backend) -> Result<()> {
    if backend == Backend::Sqlite {
        sqlx::raw_sql(
            "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Puts back what [`begin_load`] changed (the settings every pooled connection starts with)
/// and, on SQLite, folds the write-ahead log into the database file.
pub async fn end_load(conn: &mut Conn, backend: Backend) -> Result<()> {
    if backend == Backend::Sqlite {
        sqlx::raw_sql(
            "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; \
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The connection a load holds from start to end.
pub type LoadConn = sqlx::pool::PoolConnection<sqlx::Any>;

/// A load transaction, borrowing its connection.
pub type LoadTx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// Commits a load transaction.
pub async fn commit(tx: LoadTx<'_>) -> Result<()> {
    tx.commit().await?;
    Ok(())
}

/// Begins a load transaction on `conn` (on SQLite taking the write lock at once).
pub async fn begin(conn: &mut Conn, backend: Backend) -> Result<LoadTx<'_>> {
    let tx = match backend {
        Backend::Sqlite => sqlx::Connection::begin_with(conn, "BEGIN IMMEDIATE").await?,
        Backend::Postgres => sqlx::Connection::begin(conn).await?,
    };
    Ok(tx)
}

/// Whether the database holds any organisation or person (a generator refuses to add to it).
pub async fn holds_data(conn: &mut Conn) -> Result<bool> {
    let (orgs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organisations")
        .fetch_one(&mut *conn)
        .await?;
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people")
        .fetch_one(&mut *conn)
        .await?;
    Ok(orgs + people > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_every_placeholder_once() {
        let sql = statement(Table::ReportingLines, 2, Backend::Postgres);
        assert_eq!(
            sql,
            "INSERT INTO reporting_lines (person_id, manager_id, updated_at) VALUES ($1, $2, $3), ($4, $5, $6)"
        );
    }

    #[test]
    fn sqlite_statements_use_anonymous_placeholders() {
        let sql = statement(Table::ReportingLines, 2, Backend::Sqlite);
        assert_eq!(
            sql,
            "INSERT INTO reporting_lines (person_id, manager_id, updated_at) VALUES (?, ?, ?), (?, ?, ?)"
        );
    }

    #[test]
    fn every_batch_stays_within_both_backends_limits() {
        for table in [
            Table::Programmes,
            Table::Applications,
            Table::AuditLog,
            Table::ReportingLines,
        ] {
            let width = table.columns().len();
            let rows = batch_rows(width);
            assert!(rows >= 1, "{}", table.name());
            assert!(width * rows <= 32_766, "{} x {rows}", table.name());
        }
        // Narrow tables get far more rows a statement than the old fixed 500.
        assert!(batch_rows(Table::ReportingLines.columns().len()) > 2_000);
        assert_eq!(batch_rows(Table::Programmes.columns().len()), 8_192 / 24);
        assert_eq!(batch_rows(100_000), 1);
    }
}
