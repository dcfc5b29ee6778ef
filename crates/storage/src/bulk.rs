//! Bulk loading for generated data sets (`revans generate national`): multi-row `INSERT`s of
//! at most [`BATCH_ROWS`] rows each, in the caller's transaction. Portable SQL only (`$n`
//! placeholders, BIGINT times, text ids), so the same statements serve SQLite and PostgreSQL.
//! The tables and their columns are fixed here; callers pass values in that column order.

use sqlx::any::AnyArguments;
use sqlx::{Arguments, AssertSqlSafe};

use crate::{Conn, Result, StoreError};

/// Rows per statement: 500 rows of at most 12 columns stay far below both backends'
/// limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
pub const BATCH_ROWS: usize = 500;

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

/// The statement for `rows` rows: `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)`.
fn statement(table: Table, rows: usize) -> String {
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
            sql.push('$');
            sql.push_str(&n.to_string());
        }
        sql.push(')');
    }
    sql
}

fn bind(args: &mut AnyArguments, value: &Value) -> Result<()> {
    let done = match value {
        Value::Text(s) => args.add(s.clone()),
        Value::Int(n) => args.add(*n),
        Value::Bool(b) => args.add(*b),
        Value::OptText(s) => args.add(s.clone()),
        Value::OptInt(n) => args.add(*n),
    };
    done.map_err(|e| StoreError::Corrupt(format!("cannot bind a value: {e}")))
}

/// Inserts `rows` into `table` in statements of at most [`BATCH_ROWS`] rows. Each row gives
/// the table's [`Table::columns`] in order. Returns the number of rows written.
pub async fn insert(conn: &mut Conn, table: Table, rows: &[Vec<Value>]) -> Result<u64> {
    let width = table.columns().len();
    if let Some(bad) = rows.iter().find(|r| r.len() != width) {
        return Err(StoreError::Corrupt(format!(
            "a row for {} has {} values, not {width}",
            table.name(),
            bad.len()
        )));
    }
    let mut written = 0;
    let full = statement(table, BATCH_ROWS);
    for chunk in rows.chunks(BATCH_ROWS) {
        let sql = if chunk.len() == BATCH_ROWS {
            full.clone()
        } else {
            statement(table, chunk.len())
        };
        let mut args = AnyArguments::default();
        for row in chunk {
            for value in row {
                bind(&mut args, value)?;
            }
        }
        let done = sqlx::query_with(AssertSqlSafe(sql), args)
            .execute(&mut *conn)
            .await?;
        written += done.rows_affected();
    }
    Ok(written)
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
        let sql = statement(Table::ReportingLines, 2);
        assert_eq!(
            sql,
            "INSERT INTO reporting_lines (person_id, manager_id, updated_at) VALUES ($1, $2, $3), ($4, $5, $6)"
        );
    }

    #[test]
    fn the_largest_batch_stays_within_both_backends_limits() {
        let widest = [Table::Programmes, Table::Applications, Table::AuditLog]
            .iter()
            .map(|t| t.columns().len())
            .max()
            .unwrap_or(0);
        assert!(widest * BATCH_ROWS <= 32_766, "{widest} columns");
    }
}
