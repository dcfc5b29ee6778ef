//! A database that goes away is an outage (503 upstream), never a bug (500): the errors
//! PostgreSQL gives while shutting down map to `StoreError::Unavailable`.

use revans_storage::testing::{TestDatabase, terminate_own_connection};
use revans_storage::{Backend, StoreError};

#[tokio::test]
async fn a_connection_ended_by_the_server_is_unavailable_not_a_database_error() {
    let (db, store) = TestDatabase::store().await;
    if db.backend != Backend::Postgres {
        return; // SQLite has no server to go away.
    }
    let mut conn = store.conn().await.unwrap();
    let err = terminate_own_connection(&mut conn).await;
    assert!(
        matches!(err, StoreError::Unavailable(_)),
        "expected Unavailable, got {err:?}"
    );
}
