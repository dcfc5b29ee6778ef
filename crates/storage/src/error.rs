/// Everything storage can report. A database outage is `Unavailable`, never "not found":
/// lookups return `Ok(None)` for absence.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique rule was broken; `field` names what was duplicated ("email", "name").
    #[error("a record with this {field} already exists")]
    Duplicate { field: &'static str },
    /// A reference to a row that does not exist (or a delete of a row still referred to).
    #[error("a referenced record does not exist or is still in use")]
    Reference,
    /// The database could not be reached or timed out.
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// Migrations could not be applied.
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Any other database failure: a bug or a corrupted row.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// A stored value that no longer parses (e.g. an unknown role name).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// A backup or restore that could not be done, and why, in words for the operator.
    #[error("{0}")]
    Backup(String),
}

/// Unique constraints by the name PostgreSQL reports and the `table.column` SQLite reports,
/// mapped to the field a person typed.
const UNIQUE_FIELDS: &[(&str, &str, &str)] = &[
    ("people_email_key", "people.email", "email"),
    ("organisations_name_key", "organisations.name", "name"),
    ("api_tokens_hash_key", "api_tokens.token_hash", "token"),
    ("action_sets_cohort_name_key", "action_sets.name", "name"),
    // The table's own UNIQUE (cohort_id, name), which PostgreSQL may report first.
    ("action_sets_cohort_id_name_key", "action_sets.name", "name"),
    (
        "formation_runs_one_active",
        "formation_runs.cohort_id",
        "formation_run",
    ),
    (
        "instruments_version",
        "instruments.organisation_id",
        "instrument",
    ),
    (
        "applications_person_programme_key",
        "applications.programme_id",
        "application",
    ),
];

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                let constraint = db.constraint().unwrap_or_default();
                let message = db.message();
                let field = UNIQUE_FIELDS
                    .iter()
                    // The Any driver does not always pass PostgreSQL's constraint name on, but
                    // its message names it ("violates unique constraint \"..._key\"").
                    .find(|(pg, sqlite, _)| {
                        constraint == *pg || message.contains(pg) || message.contains(sqlite)
                    })
                    .map_or("value", |(_, _, field)| *field);
                StoreError::Duplicate { field }
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::Reference,
            // PostgreSQL going away: class 08 (connection exception) and 57P (operator
            // intervention: shutting down, crashed, starting up) are an outage, not a bug.
            sqlx::Error::Database(db)
                if db
                    .code()
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")) =>
            {
                StoreError::Unavailable(err)
            }
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(err),
            _ => StoreError::Database(err),
        }
    }
}
