//! Backups taken while writes go on, and restores that check before they replace anything.

use revans_domain::OrganisationName;
use revans_storage::testing::TestDatabase;
use revans_storage::{Backend, Store, backup, organisations};

async fn count(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Writes organisations one transaction at a time until told to stop; returns how many.
fn write_load(
    store: Store,
) -> (
    tokio::sync::watch::Sender<bool>,
    tokio::task::JoinHandle<i64>,
) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let writer = tokio::spawn(async move {
        let mut n = 0;
        while !*stopped.borrow() {
            let mut tx = store.begin().await.unwrap();
            let name = OrganisationName::parse(&format!("Trust {n}")).unwrap();
            organisations::insert(&mut tx, &name, None).await.unwrap();
            revans_storage::commit(tx).await.unwrap();
            n += 1;
            tokio::task::yield_now().await;
        }
        n
    });
    (stop, writer)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_restores_whole_and_sound() {
    let (db, store) = TestDatabase::store().await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("revans.backup");
    let (stop, writer) = write_load(store.clone());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let backed = backup::backup(&store, &db.url, &out).await;
    if db.backend == Backend::Postgres && backed.is_err() && which("pg_dump").is_none() {
        eprintln!("pg_dump is not installed; skipping the PostgreSQL backup");
        return;
    }
    backed.unwrap();
    stop.send(true).unwrap();
    let written = writer.await.unwrap();
    let after = count(&store).await;
    assert_eq!(
        after, written,
        "every acknowledged write is in the live database"
    );
    assert!(written > 0);

    // A second backup file of the same name is refused, not overwritten.
    let again = backup::backup(&store, &db.url, &out).await.unwrap_err();
    assert!(again.to_string().contains("already exists"), "{again}");

    // Restore into the live database: what it holds is the backup's moment, whole.
    store.close().await;
    backup::restore(&db.url, &out).await.unwrap();
    let restored = Store::open(&db.url, 2).await.unwrap();
    let at_backup = count(&restored).await;
    assert!(
        at_backup > 0 && at_backup <= written,
        "the backup holds a prefix of the writes: {at_backup} of {written}"
    );
    assert!(
        backup::integrity_problems(&restored)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(restored.pending_migrations().await.unwrap().is_empty());
    // The restored database takes writes.
    let mut tx = restored.begin().await.unwrap();
    let name = OrganisationName::parse("After the restore").unwrap();
    organisations::insert(&mut tx, &name, None).await.unwrap();
    revans_storage::commit(tx).await.unwrap();
    assert_eq!(count(&restored).await, at_backup + 1);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_the_database_is_left_alone() {
    let (db, store) = TestDatabase::store().await;
    if db.backend != Backend::Sqlite {
        return; // PostgreSQL's pg_restore checks its own archive format.
    }
    let mut tx = store.begin().await.unwrap();
    let name = OrganisationName::parse("Kept").unwrap();
    organisations::insert(&mut tx, &name, None).await.unwrap();
    revans_storage::commit(tx).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("revans.backup");
    backup::backup(&store, &db.url, &out).await.unwrap();
    // Damage the copy: overwrite pages in the middle of the file.
    let mut bytes = std::fs::read(&out).unwrap();
    let mid = bytes.len() / 2;
    let end = (mid + 4096).min(bytes.len());
    for b in &mut bytes[mid..end] {
        *b = 0xA5;
    }
    std::fs::write(&out, &bytes).unwrap();
    store.close().await;
    let refused = backup::restore(&db.url, &out).await.unwrap_err();
    assert!(
        refused.to_string().contains("nothing was restored")
            || refused.to_string().contains("malformed")
            || refused.to_string().contains("not a database"),
        "{refused}"
    );
    let live = Store::open(&db.url, 1).await.unwrap();
    assert_eq!(count(&live).await, 1, "the live database is unchanged");
    let missing = backup::restore(&db.url, &dir.path().join("nope"))
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("is not a file"), "{missing}");
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(tool))
            .find(|p| p.is_file())
    })
}
