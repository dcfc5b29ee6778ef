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
        let name = format!("revans_test_{}", uuid::Uuid::now_v7().simple());
        match admin_url {
            Some(admin_url) if admin_url.starts_with("postgres") => {
                use sqlx::Executor;
                sqlx::any::install_default_drivers();
                let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("{TEST_DATABASE_ENV} is set but PostgreSQL is unreachable: {e}")
                    });
                admin
                    .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
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
            _ => {
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

    /// A new database with the schema applied.
    pub async fn store() -> (Self, Store) {
        let db = Self::create().await;
        let store = Store::open(&db.url, 8)
            .await
            .unwrap_or_else(|e| panic!("cannot open test database: {e}"));
        (db, store)
    }
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
