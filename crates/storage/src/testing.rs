//! Fresh, throwaway databases for tests: an SQLite file in a temporary folder, or, when
//! `REVANS_TEST_DATABASE_URL` names a PostgreSQL server, a new database on it that is dropped
//! when the test ends. Every test gets its own, so tests run in parallel and never share data.

use crate::{Backend, Store};

/// The environment variable that switches the whole test suite to PostgreSQL.
pub const TEST_DATABASE_ENV: &str = "REVANS_TEST_DATABASE_URL";

pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    admin_url: Option<String>,
    name: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// Creates an empty database (no schema yet).
    pub async fn create() -> Self {
        Self::create_on(std::env::var(TEST_DATABASE_ENV).ok()).await
    }

    /// As `create`, on the PostgreSQL server `admin_url` names (SQLite when None).
    pub async fn create_on(admin_url: Option<String>) -> Self {
        match admin_url {
            Some(admin_url) if admin_url.starts_with("postgres") => {
                Self::create_postgres(admin_url, None).await
            }
            _ => {
                let name = format!("revans_test_{}", uuid::Uuid::now_v7().simple());
                let dir = tempfile::tempdir()
                    .unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"));
                let url = format!("sqlite://{}/revans.db", dir.path().display());
                Self {
                    url,
                    backend: Backend::Sqlite,
                    admin_url: None,
                    name,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// A database with the schema already applied. On PostgreSQL it is a copy of a template
    /// migrated once per migration history (`CREATE DATABASE ... TEMPLATE` copies files in
    /// under a tenth of a second, where running every migration again took about a second per
    /// test: most of the PostgreSQL suite's time). On SQLite the migrations run on opening.
    pub async fn create_migrated() -> Self {
        match std::env::var(TEST_DATABASE_ENV).ok() {
            Some(admin_url) if admin_url.starts_with("postgres") => {
                let template = migrated_template(&admin_url).await;
                Self::create_postgres(admin_url, Some(&template)).await
            }
            admin_url => Self::create_on(admin_url).await,
        }
    }

    /// A new database with the schema applied.
    pub async fn store() -> (Self, Store) {
        let db = Self::create_migrated().await;
        let store = Store::open(&db.url, 8)
            .await
            .unwrap_or_else(|e| panic!("cannot open test database: {e}"));
        (db, store)
    }
}

impl TestDatabase {
    /// A new PostgreSQL database, empty or (given a template) a copy of that template.
    async fn create_postgres(admin_url: String, template: Option<&str>) -> Self {
        use sqlx::Executor;
        let name = format!("revans_test_{}", uuid::Uuid::now_v7().simple());
        let mut admin = admin_connection(&admin_url).await;
        let sql = match template {
            Some(template) => format!("CREATE DATABASE {name} TEMPLATE {template}"),
            None => format!("CREATE DATABASE {name}"),
        };
        admin
            .execute(sqlx::AssertSqlSafe(sql))
            .await
            .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
        let url = replace_database(&admin_url, &name);
        Self {
            url,
            backend: Backend::Postgres,
            admin_url: Some(admin_url),
            name,
            _dir: None,
        }
    }
}

async fn admin_connection(admin_url: &str) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("{TEST_DATABASE_ENV} is set but PostgreSQL is unreachable: {e}"))
}

/// The name of a database holding this build's migrated schema, made if missing. Tests run
/// as separate processes, so an advisory lock on the server lets exactly one of them make it
/// while the others wait; a template is only used once it is complete (made under another
/// name first, then renamed).
async fn migrated_template(admin_url: &str) -> String {
    use sqlx::Executor;
    let template = format!("revans_template_{}", Store::migrations_fingerprint());
    let mut admin = admin_connection(admin_url).await;
    // Any constant: the lock only has to mean the same to every test process.
    const TEMPLATE_LOCK: i64 = 0x7265_7661_6e73;
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "SELECT pg_advisory_lock({TEMPLATE_LOCK})"
        )))
        .await
        .unwrap_or_else(|e| panic!("cannot lock the template: {e}"));
    let exists: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM pg_database WHERE datname = '{template}'"
    )))
    .fetch_one(&mut admin)
    .await
    .unwrap_or_else(|e| panic!("cannot look for the template: {e}"));
    if exists == 0 {
        let building = format!("{template}_building");
        for sql in [
            format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
            format!("CREATE DATABASE {building}"),
        ] {
            admin
                .execute(sqlx::AssertSqlSafe(sql))
                .await
                .unwrap_or_else(|e| panic!("cannot make the template: {e}"));
        }
        let store = Store::open(&replace_database(admin_url, &building), 1)
            .await
            .unwrap_or_else(|e| panic!("cannot migrate the template: {e}"));
        store.pool().close().await;
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE {building} RENAME TO {template}"
            )))
            .await
            .unwrap_or_else(|e| panic!("cannot name the template: {e}"));
    }
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "SELECT pg_advisory_unlock({TEMPLATE_LOCK})"
        )))
        .await
        .unwrap_or_else(|e| panic!("cannot unlock the template: {e}"));
    template
}

/// Sets the expiry of every API token of a person, so tests can see a token after it expires.
pub async fn set_api_token_expiry(
    conn: &mut crate::Conn,
    person_id: &revans_domain::Id,
    expires_at: i64,
) -> crate::Result<()> {
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE person_id = $2")
        .bind(expires_at)
        .bind(person_id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// PostgreSQL only: asks the server to end this very connection (as a shutdown does to every
/// open one) and returns the error the server answers with (57P01, admin shutdown).
pub async fn terminate_own_connection(conn: &mut crate::Conn) -> crate::StoreError {
    match sqlx::query("SELECT pg_terminate_backend(pg_backend_pid())")
        .execute(&mut *conn)
        .await
    {
        Ok(_) => crate::StoreError::Corrupt("the connection was not ended".into()),
        Err(e) => e.into(),
    }
}

/// Empties every facilitator pool (members, their weekly times and days away), so a test can
/// start from a region where nobody has opted in, whatever the demo seeded.
pub async fn empty_pools(conn: &mut crate::Conn) -> crate::Result<()> {
    for delete in [
        "DELETE FROM facilitator_absences",
        "DELETE FROM pool_availability",
        "DELETE FROM pool_members",
    ] {
        sqlx::query(delete).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Plants a poison row: the application's stored answers stop being JSON, so reading it fails
/// (as a row damaged by hand or by a bug would), for tests that one bad row stops nothing else.
pub async fn poison_application(
    conn: &mut crate::Conn,
    id: &revans_domain::Id,
) -> crate::Result<()> {
    sqlx::query("UPDATE applications SET answers = 'not json' WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Plants a poison row: the cohort's stored schedule stops being JSON.
pub async fn poison_cohort_schedule(
    conn: &mut crate::Conn,
    id: &revans_domain::Id,
) -> crate::Result<()> {
    sqlx::query("UPDATE cohorts SET schedule_spec = 'not json' WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let host = path_start.map_or(base, |i| &base[..i]);
    match query {
        Some(q) => format!("{host}/{name}?{q}"),
        None => format!("{host}/{name}"),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(admin_url) = self.admin_url.clone() else {
            return;
        };
        let name = self.name.clone();
        // Drop runs outside async; a short-lived runtime on its own thread does the cleanup.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                use sqlx::Executor;
                if let Ok(mut admin) =
                    <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await
                {
                    let _ = admin
                        .execute(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .await;
                }
            });
        })
        .join();
    }
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn swaps_only_the_database_name() {
        assert_eq!(
            replace_database("postgres://u:p@127.0.0.1:5432/revans?sslmode=disable", "t1"),
            "postgres://u:p@127.0.0.1:5432/t1?sslmode=disable"
        );
        assert_eq!(
            replace_database("postgres://u@localhost", "t2"),
            "postgres://u@localhost/t2"
        );
    }
}
