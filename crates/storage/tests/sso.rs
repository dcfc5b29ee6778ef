//! Single sign-on storage (issue 17): a pending sign-in is consumed once and expires; a
//! provider account links to one person. Runs on SQLite, and on PostgreSQL with
//! REVANS_TEST_DATABASE_URL.

use revans_domain::{EmailAddress, OrganisationName, PersonName};
use revans_storage::sso::{self, PendingLogin, PendingState};
use revans_storage::testing::TestDatabase;
use revans_storage::{StoreError, now_ms, organisations, people};

fn login(state_hash: &str) -> PendingLogin {
    PendingLogin {
        state_hash: state_hash.into(),
        provider_id: "entra".into(),
        nonce: "n-1".into(),
        pkce_verifier: "v-1".into(),
        next_path: "/sets".into(),
    }
}

#[tokio::test]
async fn a_pending_sign_in_is_consumed_once_and_only_for_its_provider() {
    let (_db, store) = TestDatabase::store().await;
    let mut conn = store.conn().await.unwrap();
    sso::insert_pending(&mut conn, &login("h1")).await.unwrap();
    let recent = now_ms() - 60_000;
    assert_eq!(
        sso::consume_pending(&mut conn, "h1", "google", recent)
            .await
            .unwrap(),
        PendingState::Unknown
    );
    assert_eq!(
        sso::consume_pending(&mut conn, "h1", "entra", recent)
            .await
            .unwrap(),
        PendingState::Valid(login("h1"))
    );
    assert_eq!(
        sso::consume_pending(&mut conn, "h1", "entra", recent)
            .await
            .unwrap(),
        PendingState::Used
    );
    sso::insert_pending(&mut conn, &login("h2")).await.unwrap();
    // Begun before the allowed age: expired, and not consumed by asking.
    let later = now_ms() + 1;
    assert_eq!(
        sso::consume_pending(&mut conn, "h2", "entra", later)
            .await
            .unwrap(),
        PendingState::Expired
    );
    assert_eq!(
        sso::delete_pending_before(&mut conn, now_ms() + 1)
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn a_provider_account_links_to_one_person() {
    let (_db, store) = TestDatabase::store().await;
    let mut tx = store.begin().await.unwrap();
    let org = organisations::insert(
        &mut tx,
        &OrganisationName::parse("Bay Trust").unwrap(),
        None,
    )
    .await
    .unwrap();
    let id = people::insert(
        &mut tx,
        &org.id,
        &EmailAddress::parse("asha@bay.example").unwrap(),
        &PersonName::parse("Asha Patel").unwrap(),
    )
    .await
    .unwrap();
    revans_storage::commit(tx).await.unwrap();
    let mut conn = store.conn().await.unwrap();
    assert_eq!(
        sso::linked_person(&mut conn, "https://iss", "sub-1")
            .await
            .unwrap(),
        None
    );
    sso::insert_link(&mut conn, "https://iss", "sub-1", &id, "entra")
        .await
        .unwrap();
    assert_eq!(
        sso::linked_person(&mut conn, "https://iss", "sub-1")
            .await
            .unwrap(),
        Some(id.clone())
    );
    let again = sso::insert_link(&mut conn, "https://iss", "sub-1", &id, "entra").await;
    assert!(
        matches!(again, Err(StoreError::Duplicate { .. })),
        "{again:?}"
    );
    assert_eq!(sso::count_links(&mut conn).await.unwrap(), 1);
    // Erasing the person erases the link.
    people::delete(&mut conn, &id).await.unwrap();
    assert_eq!(sso::count_links(&mut conn).await.unwrap(), 0);
}
