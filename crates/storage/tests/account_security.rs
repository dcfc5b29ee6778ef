//! Issue 9 storage: sign-in failures per (account, address) pair, one notice per period,
//! expiring and mass-revoked API tokens, reset requests per address, reset emails per account.
//! Runs on SQLite, and on PostgreSQL with REVANS_TEST_DATABASE_URL.

use revans_domain::{EmailAddress, OrganisationName, PersonName, TokenName};
use revans_storage::testing::TestDatabase;
use revans_storage::{
    TokenPurpose, api_tokens, email_tokens, now_ms, organisations, password_reset_requests, people,
    sign_in_attempts, sign_in_notices,
};

async fn person(store: &revans_storage::Store) -> revans_domain::Id {
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
    id
}

#[tokio::test]
async fn failures_are_counted_per_account_and_address_pair() {
    let (_db, store) = TestDatabase::store().await;
    let mut conn = store.conn().await.unwrap();
    let e = "asha@bay.example";
    for _ in 0..3 {
        sign_in_attempts::record(&mut conn, e, "198.51.100.7", false)
            .await
            .unwrap();
    }
    sign_in_attempts::record(&mut conn, e, "203.0.113.5", false)
        .await
        .unwrap();
    assert_eq!(
        sign_in_attempts::recent_failures_for_pair(&mut conn, e, "198.51.100.7", 0)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        sign_in_attempts::recent_failures_for_pair(&mut conn, e, "203.0.113.5", 0)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        sign_in_attempts::recent_failures_for_email(&mut conn, e, 0)
            .await
            .unwrap(),
        4
    );
    // A success from one address clears that pair only.
    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    sign_in_attempts::record(&mut conn, e, "203.0.113.5", true)
        .await
        .unwrap();
    assert_eq!(
        sign_in_attempts::recent_failures_for_pair(&mut conn, e, "203.0.113.5", 0)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        sign_in_attempts::recent_failures_for_pair(&mut conn, e, "198.51.100.7", 0)
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn one_sign_in_notice_per_period() {
    let (_db, store) = TestDatabase::store().await;
    let id = person(&store).await;
    let mut conn = store.conn().await.unwrap();
    let day = 86_400_000;
    let t = now_ms();
    assert!(
        sign_in_notices::claim(&mut conn, &id, t, day)
            .await
            .unwrap()
    );
    assert!(
        !sign_in_notices::claim(&mut conn, &id, t + 1000, day)
            .await
            .unwrap()
    );
    assert!(
        sign_in_notices::claim(&mut conn, &id, t + day, day)
            .await
            .unwrap()
    );
    assert!(
        !sign_in_notices::claim(&mut conn, &id, t + day + 5, day)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn expired_and_mass_revoked_tokens_do_not_authenticate() {
    let (_db, store) = TestDatabase::store().await;
    let id = person(&store).await;
    let mut conn = store.conn().await.unwrap();
    let name = TokenName::parse("script").unwrap();
    let t = now_ms();
    let live = api_tokens::insert(&mut conn, &id, &name, "hash-live", t + 60_000)
        .await
        .unwrap();
    api_tokens::insert(&mut conn, &id, &name, "hash-old", t - 1)
        .await
        .unwrap();
    assert_eq!(live.expires_at, t + 60_000);
    let owner = api_tokens::authenticate(&mut conn, "hash-live")
        .await
        .unwrap();
    assert_eq!(owner.map(|o| o.token_id), Some(live.id.clone()));
    assert!(
        api_tokens::authenticate(&mut conn, "hash-old")
            .await
            .unwrap()
            .is_none()
    );
    let listed = api_tokens::list_for(&mut conn, &id).await.unwrap();
    assert!(listed.iter().any(|t| t.is_expired(now_ms())));
    assert_eq!(
        api_tokens::revoke_all_for_person(&mut conn, &id)
            .await
            .unwrap(),
        2
    );
    assert!(
        api_tokens::authenticate(&mut conn, "hash-live")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        api_tokens::revoke_all_for_person(&mut conn, &id)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn reset_requests_are_counted_per_address_and_emails_per_account() {
    let (_db, store) = TestDatabase::store().await;
    let id = person(&store).await;
    let mut conn = store.conn().await.unwrap();
    for _ in 0..3 {
        password_reset_requests::record(&mut conn, "198.51.100.7")
            .await
            .unwrap();
    }
    password_reset_requests::record(&mut conn, "203.0.113.5")
        .await
        .unwrap();
    assert_eq!(
        password_reset_requests::count_from_ip(&mut conn, "198.51.100.7", 0)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        password_reset_requests::prune(&mut conn, now_ms() + 1)
            .await
            .unwrap(),
        4
    );
    let since = now_ms() - 1000;
    for hash in ["h1", "h2"] {
        email_tokens::insert(
            &mut conn,
            hash,
            TokenPurpose::PasswordReset,
            &id,
            now_ms() + 60_000,
        )
        .await
        .unwrap();
        // Voided tokens still count: they were emailed.
        email_tokens::void_for_person(&mut conn, &id, TokenPurpose::PasswordReset)
            .await
            .unwrap();
    }
    email_tokens::insert(
        &mut conn,
        "h3",
        TokenPurpose::Invitation,
        &id,
        now_ms() + 60_000,
    )
    .await
    .unwrap();
    assert_eq!(
        email_tokens::count_created_since(&mut conn, &id, TokenPurpose::PasswordReset, since)
            .await
            .unwrap(),
        2
    );
}
