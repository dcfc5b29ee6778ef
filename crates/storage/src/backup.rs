//! Backups and restores. SQLite: `VACUUM INTO` writes an online, transactionally consistent
//! copy while writers go on (they wait only for the moment the copy reads); a restore checks the
//! copy (`PRAGMA integrity_check`, `foreign_key_check`, migrations this build knows) before it
//! replaces the database file. PostgreSQL: `pg_dump` and `pg_restore`, when installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Backend, Result, Store, StoreError};

/// What a restore or check found wrong with a database; empty when it is sound.
pub type Problems = Vec<String>;

/// The file an `sqlite://` URL names (query parameters dropped).
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// SQLite's own checks: page integrity and foreign keys. `["ok"]`-only answers are sound.
pub async fn integrity_problems(store: &Store) -> Result<Problems> {
    if store.backend() != Backend::Sqlite {
        return Ok(Vec::new());
    }
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(store.pool())
        .await?;
    let mut problems: Problems = integrity.into_iter().filter(|r| r != "ok").collect();
    let dangling: Vec<String> =
        sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_check")
            .fetch_all(store.pool())
            .await?;
    problems.extend(
        dangling
            .into_iter()
            .map(|table| format!("a row in {table} refers to a row that does not exist")),
    );
    Ok(problems)
}

/// Writes a consistent copy of the database to `out`, which must not exist yet.
pub async fn backup(store: &Store, database_url: &str, out: &Path) -> Result<()> {
    if out.exists() {
        return Err(StoreError::Backup(format!(
            "{} already exists; choose a new file for the backup",
            out.display()
        )));
    }
    match store.backend() {
        Backend::Sqlite => {
            let target = out.to_str().ok_or_else(|| {
                StoreError::Backup("the backup file's name must be valid UTF-8".into())
            })?;
            sqlx::query("VACUUM INTO $1")
                .bind(target)
                .execute(store.pool())
                .await?;
            Ok(())
        }
        Backend::Postgres => run_tool(
            Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--file")
                .arg(out)
                .arg(database_url),
            "pg_dump",
        ),
    }
}

/// Replaces the database at `database_url` with the backup `from`, after checking it. On
/// SQLite the service must be stopped first: the file is swapped whole.
pub async fn restore(database_url: &str, from: &Path) -> Result<()> {
    if !from.is_file() {
        return Err(StoreError::Backup(format!(
            "{} is not a file; name a backup made by revans backup",
            from.display()
        )));
    }
    match Backend::from_url(database_url) {
        Some(Backend::Sqlite) => restore_sqlite(database_url, from).await,
        Some(Backend::Postgres) => run_tool(
            Command::new("pg_restore")
                .arg("--clean")
                .arg("--if-exists")
                .arg("--no-owner")
                .arg("--single-transaction")
                .arg("--dbname")
                .arg(database_url)
                .arg(from),
            "pg_restore",
        ),
        None => Err(StoreError::Backup(
            "the database URL must start with sqlite:// or postgres://".into(),
        )),
    }
}

async fn restore_sqlite(database_url: &str, from: &Path) -> Result<()> {
    let target = sqlite_path(database_url).ok_or_else(|| {
        StoreError::Backup("restore needs an SQLite database file, not :memory:".into())
    })?;
    // Check a scratch copy, so the backup itself is never written to (opening it in WAL mode
    // would), then move the checked copy into place in one rename.
    let staged = target.with_extension("restoring");
    let _ = std::fs::remove_file(&staged);
    std::fs::copy(from, &staged).map_err(io("copy the backup"))?;
    let problems = match check_staged(&staged).await {
        Ok(problems) => problems,
        Err(e) => vec![e.to_string()],
    };
    if !problems.is_empty() {
        let _ = std::fs::remove_file(&staged);
        return Err(StoreError::Backup(format!(
            "the backup is not sound, nothing was restored: {}",
            problems.join("; ")
        )));
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", staged.display()));
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&staged, &target).map_err(io("move the restored database into place"))?;
    Ok(())
}

/// Opens the staged copy and lists what is wrong with it; folds its WAL into the file.
async fn check_staged(staged: &Path) -> Result<Problems> {
    let store = Store::connect(&format!("sqlite://{}", staged.display()), 1).await?;
    let mut problems = integrity_problems(&store).await?;
    let unknown = store.unknown_migrations().await?;
    if !unknown.is_empty() {
        problems.push(format!(
            "the backup was made by a newer Revans (migrations {}); upgrade before restoring",
            unknown.join(", ")
        ));
    }
    // Fold the WAL into the main file so the rename carries everything.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await?;
    store.close().await;
    Ok(problems)
}

fn io(doing: &'static str) -> impl Fn(std::io::Error) -> StoreError {
    move |e| StoreError::Backup(format!("could not {doing}: {e}"))
}

fn run_tool(command: &mut Command, name: &str) -> Result<()> {
    let output = command.output().map_err(|e| {
        StoreError::Backup(if e.kind() == std::io::ErrorKind::NotFound {
            format!("{name} is not installed here; install the PostgreSQL client tools (Debian: postgresql-client) and try again")
        } else {
            format!("could not run {name}: {e}")
        })
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(StoreError::Backup(format!(
            "{name} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}
