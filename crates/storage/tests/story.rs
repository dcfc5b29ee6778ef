//! The storage story: one scenario run unchanged against SQLite and PostgreSQL
//! (`REVANS_TEST_DATABASE_URL=postgres://...` switches backend), so the two cannot drift.

use revans_domain::{EmailAddress, OrganisationName, PersonName, Role};
use revans_storage::jobs::NewJob;
use revans_storage::testing::TestDatabase;
use revans_storage::{StoreError, TokenPurpose, TokenState, now_ms};
use revans_storage::{audit, email_tokens, jobs, organisations, people, sessions};

fn org(name: &str) -> OrganisationName {
    OrganisationName::parse(name).unwrap()
}
fn email(s: &str) -> EmailAddress {
    EmailAddress::parse(s).unwrap()
}
fn name(s: &str) -> PersonName {
    PersonName::parse(s).unwrap()
}

#[tokio::test]
async fn organisations_people_and_roles_round_trip() {
    let (_db, store) = TestDatabase::store().await;
    let mut tx = store.begin().await.unwrap();
    let ics = organisations::insert(&mut tx, &org("North Coast ICS"), None)
        .await
        .unwrap();
    let trust = organisations::insert(&mut tx, &org("Harbour Hospitals Trust"), Some(&ics.id))
        .await
        .unwrap();
    let council = organisations::insert(&mut tx, &org("Bay Council"), Some(&ics.id))
        .await
        .unwrap();
    let other = organisations::insert(&mut tx, &org("Elsewhere Care"), None)
        .await
        .unwrap();
    let asha = people::insert(
        &mut tx,
        &trust.id,
        &email("Asha@Harbour.example"),
        &name("Asha Patel"),
    )
    .await
    .unwrap();
    let ben = people::insert(
        &mut tx,
        &council.id,
        &email("ben@bay.example"),
        &name("Ben Ode"),
    )
    .await
    .unwrap();
    people::insert(
        &mut tx,
        &other.id,
        &email("cy@else.example"),
        &name("Cy Low"),
    )
    .await
    .unwrap();
    people::set_roles(
        &mut tx,
        &asha,
        &trust.id,
        &[Role::Participant, Role::Facilitator],
    )
    .await
    .unwrap();
    people::set_roles(&mut tx, &ben, &ics.id, &[Role::Admin])
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut conn = store.conn().await.unwrap();
    // The ICS tree holds its members and not the outside organisation.
    let tree: Vec<String> = organisations::tree(&mut conn, &ics.id)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(
        tree,
        ["Bay Council", "Harbour Hospitals Trust", "North Coast ICS"]
    );
    let in_tree: Vec<String> = people::list_in_tree(&mut conn, &ics.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(in_tree, ["Asha Patel", "Ben Ode"]);

    let (found, hash) = people::find_by_email(&mut conn, &email("asha@harbour.example"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            found.id.clone(),
            found.organisation_name.as_str(),
            hash,
            found.activated
        ),
        (asha.clone(), "Harbour Hospitals Trust", None, false)
    );
    let roles: Vec<Role> = people::roles(&mut conn, &asha)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.role)
        .collect();
    assert_eq!(roles, [Role::Facilitator, Role::Participant]);

    // Update.
    assert!(
        people::set_password_hash(&mut conn, &asha, "$argon2id$fake")
            .await
            .unwrap()
    );
    assert!(
        people::update(&mut conn, &asha, &name("Asha Patel-Khan"), &council.id)
            .await
            .unwrap()
    );
    let after = people::get(&mut conn, &asha).await.unwrap().unwrap();
    assert_eq!(
        (
            after.name.as_str(),
            after.organisation_id.clone(),
            after.activated
        ),
        ("Asha Patel-Khan", council.id.clone(), true)
    );
    people::set_roles(&mut conn, &asha, &trust.id, &[Role::Participant])
        .await
        .unwrap();
    assert_eq!(people::roles(&mut conn, &asha).await.unwrap().len(), 1);

    // Duplicates are reported by field, not as a generic failure.
    let dup = people::insert(
        &mut conn,
        &trust.id,
        &email("ben@bay.example"),
        &name("Another Ben"),
    )
    .await;
    assert!(
        matches!(dup, Err(StoreError::Duplicate { field: "email" })),
        "{dup:?}"
    );
    let dup_org = organisations::insert(&mut conn, &org("Bay Council"), None).await;
    assert!(
        matches!(dup_org, Err(StoreError::Duplicate { field: "name" })),
        "{dup_org:?}"
    );
    // Deleting an organisation that still has people is refused.
    let missing_parent =
        organisations::insert(&mut conn, &org("Orphan"), Some(&revans_storage::new_id())).await;
    assert!(
        matches!(missing_parent, Err(StoreError::Reference)),
        "{missing_parent:?}"
    );

    // Delete cascades to roles and sessions.
    sessions::insert(&mut conn, "hash-1", &ben, "csrf", now_ms() + 60_000)
        .await
        .unwrap();
    assert!(
        sessions::find_live(&mut conn, "hash-1")
            .await
            .unwrap()
            .is_some()
    );
    assert!(people::delete(&mut conn, &ben).await.unwrap());
    assert!(people::get(&mut conn, &ben).await.unwrap().is_none());
    assert!(
        sessions::find_live(&mut conn, "hash-1")
            .await
            .unwrap()
            .is_none()
    );
    assert!(people::roles(&mut conn, &ben).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_rolled_back_transaction_leaves_nothing() {
    let (_db, store) = TestDatabase::store().await;
    let mut tx = store.begin().await.unwrap();
    let o = organisations::insert(&mut tx, &org("Temporary Trust"), None)
        .await
        .unwrap();
    jobs::enqueue(
        &mut tx,
        NewJob {
            kind: "email",
            payload: "{}",
            run_at: 0,
            max_attempts: 3,
        },
    )
    .await
    .unwrap();
    drop(tx);
    let mut conn = store.conn().await.unwrap();
    assert!(
        organisations::get(&mut conn, &o.id)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(jobs::pending_count(&mut conn).await.unwrap(), 0);
}

#[tokio::test]
async fn concurrent_writers_are_serialised_not_lost() {
    let (_db, store) = TestDatabase::store().await;
    let parent = {
        let mut c = store.conn().await.unwrap();
        organisations::insert(&mut c, &org("Region"), None)
            .await
            .unwrap()
    };
    // 40 writers, each a transaction of a person + an audit entry; 10 race for one address.
    let mut handles = Vec::new();
    for i in 0..40 {
        let store = store.clone();
        let parent = parent.id.clone();
        handles.push(tokio::spawn(async move {
            let address = if i < 10 {
                "same@region.example".to_owned()
            } else {
                format!("p{i}@region.example")
            };
            let mut tx = store.begin().await?;
            let id = people::insert(
                &mut tx,
                &parent,
                &email(&address),
                &name(&format!("Person {i}")),
            )
            .await?;
            audit::record(
                &mut tx,
                audit::NewAuditEntry {
                    actor_id: None,
                    actor_name: "test",
                    action: "person.created",
                    subject_type: "person",
                    subject_id: id.as_str(),
                    detail: "",
                    ip: "127.0.0.1",
                    organisation_id: Some(&parent),
                },
            )
            .await?;
            tx.commit().await?;
            Ok::<_, StoreError>(())
        }));
    }
    let mut ok = 0;
    let mut duplicates = 0;
    for h in handles {
        match h.await.unwrap() {
            Ok(()) => ok += 1,
            Err(StoreError::Duplicate { field: "email" }) => duplicates += 1,
            Err(other) => panic!("unexpected failure: {other:?}"),
        }
    }
    assert_eq!((ok, duplicates), (31, 9));
    let mut conn = store.conn().await.unwrap();
    assert_eq!(people::count(&mut conn).await.unwrap(), 31);
    assert_eq!(
        audit::count(&mut conn).await.unwrap(),
        31,
        "an audit entry for each committed change, none for the refused"
    );
}

#[tokio::test]
async fn each_job_is_claimed_by_exactly_one_worker() {
    let (_db, store) = TestDatabase::store().await;
    {
        let mut tx = store.begin().await.unwrap();
        for i in 0..30 {
            let payload = format!("{{\"n\":{i}}}");
            jobs::enqueue(
                &mut tx,
                NewJob {
                    kind: "email",
                    payload: &payload,
                    run_at: 0,
                    max_attempts: 3,
                },
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    let mut workers = Vec::new();
    for w in 0..4 {
        let store = store.clone();
        workers.push(tokio::spawn(async move {
            let name = format!("worker-{w}");
            let mut got = Vec::new();
            loop {
                let mut conn = store.conn().await.unwrap();
                match jobs::claim(&mut conn, &name, 60_000).await.unwrap() {
                    Some(job) => {
                        assert!(jobs::complete(&mut conn, &job.id, &name).await.unwrap());
                        got.push(job.payload);
                    }
                    None => break got,
                }
            }
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!(
        (before, all.len()),
        (30, 30),
        "every job done once, none twice"
    );
    let mut conn = store.conn().await.unwrap();
    assert_eq!(jobs::pending_count(&mut conn).await.unwrap(), 0);
}

#[tokio::test]
async fn a_failed_job_is_retried_then_given_up() {
    let (_db, store) = TestDatabase::store().await;
    let mut conn = store.conn().await.unwrap();
    jobs::enqueue(
        &mut conn,
        NewJob {
            kind: "email",
            payload: "{}",
            run_at: 0,
            max_attempts: 2,
        },
    )
    .await
    .unwrap();
    let first = jobs::claim(&mut conn, "w", 60_000).await.unwrap().unwrap();
    // While leased, nobody else gets it.
    assert!(
        jobs::claim(&mut conn, "other", 60_000)
            .await
            .unwrap()
            .is_none()
    );
    jobs::fail(&mut conn, &first.id, "w", "smtp down", 0)
        .await
        .unwrap();
    let second = jobs::claim(&mut conn, "w", 60_000).await.unwrap().unwrap();
    assert_eq!(
        (second.id.as_str(), second.attempts),
        (first.id.as_str(), 2)
    );
    jobs::fail(&mut conn, &second.id, "w", "smtp down", 0)
        .await
        .unwrap();
    assert!(
        jobs::claim(&mut conn, "w", 60_000).await.unwrap().is_none(),
        "no third attempt"
    );
    let summary = jobs::list_recent(&mut conn, 5).await.unwrap();
    assert_eq!(summary[0].last_error.as_deref(), Some("smtp down"));

    // Given up, it is a dead letter: listed, and run again only when someone says so.
    let dead = jobs::given_up(&mut conn, 10).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(
        (dead[0].id.as_str(), dead[0].attempts),
        (first.id.as_str(), 2)
    );
    assert!(
        !jobs::retry_given_up(&mut conn, "no-such-job")
            .await
            .unwrap()
    );
    assert!(jobs::retry_given_up(&mut conn, &first.id).await.unwrap());
    assert!(jobs::given_up(&mut conn, 10).await.unwrap().is_empty());
    let third = jobs::claim(&mut conn, "w", 60_000).await.unwrap().unwrap();
    assert_eq!((third.id, third.attempts), (first.id, 1));
}

#[tokio::test]
async fn an_expired_lease_is_taken_over() {
    let (_db, store) = TestDatabase::store().await;
    let mut conn = store.conn().await.unwrap();
    jobs::enqueue(
        &mut conn,
        NewJob {
            kind: "email",
            payload: "{}",
            run_at: 0,
            max_attempts: 3,
        },
    )
    .await
    .unwrap();
    let dead = jobs::claim(&mut conn, "crashed", -1)
        .await
        .unwrap()
        .unwrap();
    let rescued = jobs::claim(&mut conn, "alive", 60_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dead.id, rescued.id);
    assert!(
        !jobs::complete(&mut conn, &dead.id, "crashed")
            .await
            .unwrap(),
        "the old holder can no longer complete it"
    );
    assert!(
        jobs::complete(&mut conn, &rescued.id, "alive")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn email_tokens_are_single_use_and_expire() {
    let (_db, store) = TestDatabase::store().await;
    let mut conn = store.conn().await.unwrap();
    let o = organisations::insert(&mut conn, &org("Trust"), None)
        .await
        .unwrap();
    let p = people::insert(
        &mut conn,
        &o.id,
        &email("a@trust.example"),
        &name("A Person"),
    )
    .await
    .unwrap();
    email_tokens::insert(
        &mut conn,
        "live",
        TokenPurpose::PasswordReset,
        &p,
        now_ms() + 60_000,
    )
    .await
    .unwrap();
    email_tokens::insert(
        &mut conn,
        "old",
        TokenPurpose::PasswordReset,
        &p,
        now_ms() - 1,
    )
    .await
    .unwrap();
    assert_eq!(
        email_tokens::consume(&mut conn, "live", TokenPurpose::Invitation)
            .await
            .unwrap(),
        TokenState::Unknown,
        "purpose must match"
    );
    assert_eq!(
        email_tokens::consume(&mut conn, "live", TokenPurpose::PasswordReset)
            .await
            .unwrap(),
        TokenState::Valid {
            person_id: p.clone()
        }
    );
    assert_eq!(
        email_tokens::consume(&mut conn, "live", TokenPurpose::PasswordReset)
            .await
            .unwrap(),
        TokenState::Used
    );
    assert_eq!(
        email_tokens::consume(&mut conn, "old", TokenPurpose::PasswordReset)
            .await
            .unwrap(),
        TokenState::Expired
    );
    assert_eq!(
        email_tokens::inspect(&mut conn, "nope", TokenPurpose::PasswordReset)
            .await
            .unwrap(),
        TokenState::Unknown
    );
}

/// Pending migrations: all of them before migrating, none after, and an unreachable database
/// is an error (it was once read as "no migration applied").
#[tokio::test]
async fn pending_migrations_are_reported_and_a_failure_is_an_error() {
    let db = TestDatabase::create().await;
    let store = revans_storage::Store::connect(&db.url, 2).await.unwrap();
    assert!(!store.pending_migrations().await.unwrap().is_empty());
    store.migrate().await.unwrap();
    assert_eq!(
        store.pending_migrations().await.unwrap(),
        Vec::<String>::new()
    );
    store.pool().close().await;
    assert!(store.pending_migrations().await.is_err());
}
