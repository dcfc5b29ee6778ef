use std::str::FromStr;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

use crate::{Result, StoreError, Tx};

/// Which database engine is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// The handle every part of Revans uses to reach the database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Connects (creating an SQLite file if missing) without touching the schema.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            StoreError::Corrupt("the database URL must start with sqlite:// or postgres://".into())
        })?;
        let url = match backend {
            // mode=rwc creates the file on first run.
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(max_connections)
            // SQLite writers queue for the file (busy_timeout), so a wait is normal there; a
            // PostgreSQL pool that cannot hand out a connection in 3 s is a server that has gone
            // away: answer 503 quickly rather than hold every request for 10 s.
            .acquire_timeout(match backend {
                Backend::Sqlite => Duration::from_secs(10),
                Backend::Postgres => Duration::from_secs(3),
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer commits; the busy timeout makes
                        // writers queue instead of failing; SQLite leaves foreign keys off unless asked.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await.map_err(StoreError::from)?;
        Ok(Self { pool, backend })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str, max_connections: u32) -> Result<Self> {
        let store = Self::connect(url, max_connections).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// A name for this build's migration history (versions and checksums): two builds with
    /// the same migrations produce the same schema, so a test template made by one serves both.
    pub fn migrations_fingerprint() -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for m in MIGRATOR.iter() {
            m.version.hash(&mut hasher);
            m.checksum.hash(&mut hasher);
        }
        format!("{:016x}", hasher.finish())
    }

    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Migrations known to this build and whether each has been applied.
    pub async fn pending_migrations(&self) -> Result<Vec<String>> {
        // A database never migrated has no history table: every migration is pending. Any
        // other failure (unreachable, no permission) is reported, never read as "none applied".
        let history_exists: i64 = sqlx::query_scalar(match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '_sqlx_migrations' \
                 AND table_schema = current_schema()"
            }
        })
        .fetch_one(&self.pool)
        .await?;
        let applied: Vec<i64> = if history_exists > 0 {
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await?
        } else {
            Vec::new()
        };
        Ok(MIGRATOR
            .iter()
            .filter(|m| !applied.contains(&m.version))
            .map(|m| format!("{} {}", m.version, m.description))
            .collect())
    }

    /// Migrations applied to this database that this build does not know (a newer version
    /// wrote it).
    pub async fn unknown_migrations(&self) -> Result<Vec<String>> {
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await?;
        Ok(applied
            .into_iter()
            .filter(|v| !MIGRATOR.iter().any(|m| m.version == *v))
            .map(|v| v.to_string())
            .collect())
    }

    /// Every column of every table of the schema as (table, column), sqlx's migration history
    /// left out: what the privacy register must declare (issue 17).
    pub async fn schema_columns(&self) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(match self.backend {
            Backend::Sqlite => {
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                 AND m.name <> '_sqlx_migrations' ORDER BY m.name, p.cid"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' \
                 ORDER BY table_name, ordinal_position"
            }
        })
        .fetch_all(&self.pool)
        .await?)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a deferred transaction that reads and then writes can fail with "database is locked"
    /// when another writer got in between, and no busy timeout helps then.
    pub async fn begin(&self) -> Result<Tx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// A pooled connection for reads and single-statement writes.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// Checks the database answers a trivial query.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl FromStr for Backend {
    type Err = ();

    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        Backend::from_url(s).ok_or(())
    }
}
