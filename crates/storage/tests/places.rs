//! Programmes, cohorts, applications and places, on SQLite and PostgreSQL alike
//! (`REVANS_TEST_DATABASE_URL=postgres://...` switches backend). The stress test fires hundreds
//! of concurrent acceptances at a cohort with few places: exactly `capacity` must win.
#![allow(clippy::unwrap_used)]

mod common;

use common::{World, cohort, fields, world};

use std::sync::Arc;

use revans_domain::{ApplicationState, Capacity, EmailAddress, Id, PersonName, ProgrammeStatus};
use revans_storage::applications::{self, AcceptOutcome, NewApplication};
use revans_storage::cohorts;
use revans_storage::programmes;
use revans_storage::testing::TestDatabase;
use revans_storage::{StoreError, calendar_feeds, now_ms, people};

async fn applicant(w: &World, n: usize, state: ApplicationState, prefs: &[Id]) -> Id {
    let mut tx = w.store.begin().await.unwrap();
    let person = people::insert(
        &mut tx,
        &w.trust,
        &EmailAddress::parse(&format!("p{n}@trust.example")).unwrap(),
        &PersonName::parse(&format!("Person {n}")).unwrap(),
    )
    .await
    .unwrap();
    let id = applications::insert(
        &mut tx,
        &NewApplication {
            programme_id: &w.programme,
            person_id: &person,
            organisation_id: &w.trust,
            state,
            answers: &["Because".into()],
            confirmed_statements: true,
            preferences: prefs,
            nominated_by: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

#[tokio::test]
async fn programme_and_cohort_round_trip() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 30).await;
    let mut conn = w.store.conn().await.unwrap();
    let p = programmes::get(&mut conn, &w.programme)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.fields, fields("Circles Train the Trainer"));
    assert_eq!(p.status, ProgrammeStatus::Draft);
    assert!(
        programmes::list_published(&mut conn)
            .await
            .unwrap()
            .is_empty()
    );
    programmes::set_status(&mut conn, &w.programme, ProgrammeStatus::Published)
        .await
        .unwrap();
    assert_eq!(
        programmes::list_published(&mut conn).await.unwrap().len(),
        1
    );
    assert_eq!(
        programmes::list_in_tree(&mut conn, &w.ics)
            .await
            .unwrap()
            .len(),
        1
    );
    programmes::set_cap(&mut conn, &w.programme, &w.ics, Some(5))
        .await
        .unwrap();
    assert_eq!(
        programmes::caps(&mut conn, &w.programme).await.unwrap()[0].cap,
        5
    );
    let cohort = cohorts::get(&mut conn, &c).await.unwrap().unwrap();
    assert_eq!((cohort.capacity, cohort.confirmed), (30, 0));
    assert_eq!(cohorts::sessions(&mut conn, &c).await.unwrap().len(), 2);
    assert_eq!(
        cohorts::list_for_programme(&mut conn, &w.programme)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn one_application_per_person_per_programme() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 3).await;
    let a = applicant(&w, 1, ApplicationState::Draft, std::slice::from_ref(&c)).await;
    let mut conn = w.store.conn().await.unwrap();
    let app = applications::get(&mut conn, &a).await.unwrap().unwrap();
    assert!(app.confirmed_statements);
    assert_eq!(app.answers, vec!["Because".to_owned()]);
    assert_eq!(
        applications::preferences(&mut conn, &a).await.unwrap(),
        vec![c.clone()]
    );
    let again = applications::insert(
        &mut conn,
        &NewApplication {
            programme_id: &w.programme,
            person_id: &app.person_id,
            organisation_id: &w.trust,
            state: ApplicationState::Submitted,
            answers: &[],
            confirmed_statements: true,
            preferences: &[],
            nominated_by: None,
        },
    )
    .await;
    assert!(matches!(
        again,
        Err(StoreError::Duplicate {
            field: "application"
        })
    ));
}

#[tokio::test]
async fn waiting_list_positions_and_next_in_line() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 1).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(applicant(&w, n, ApplicationState::Submitted, std::slice::from_ref(&c)).await);
    }
    let mut conn = w.store.conn().await.unwrap();
    for id in &ids {
        assert!(applications::approve(&mut conn, id, false).await.unwrap());
    }
    let expires = now_ms() + 86_400_000;
    assert!(
        applications::offer(&mut conn, &ids[0], ApplicationState::Approved, &c, expires)
            .await
            .unwrap()
    );
    assert!(
        applications::waitlist(&mut conn, &ids[1], &c)
            .await
            .unwrap()
    );
    assert!(
        applications::waitlist(&mut conn, &ids[2], &c)
            .await
            .unwrap()
    );
    assert_eq!(
        applications::waitlist_rank(&mut conn, &ids[2])
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        applications::cohort_counts(&mut conn, &c).await.unwrap(),
        (1, 2)
    );
    assert_eq!(
        applications::accept(&mut conn, &ids[0]).await.unwrap(),
        AcceptOutcome::Accepted
    );
    // A second accept of the same offer changes nothing.
    assert_eq!(
        applications::accept(&mut conn, &ids[0]).await.unwrap(),
        AcceptOutcome::NotOffered
    );
    // Withdrawing frees the place; the next in line is the first waiting.
    let freed = applications::withdraw(&mut conn, &ids[0], ApplicationState::Accepted)
        .await
        .unwrap();
    assert_eq!(freed, Some(Some(c.clone())));
    assert_eq!(
        cohorts::get(&mut conn, &c)
            .await
            .unwrap()
            .unwrap()
            .confirmed,
        0
    );
    assert_eq!(
        applications::next_in_line(&mut conn, &c).await.unwrap(),
        Some(ids[1].clone())
    );
    assert!(
        applications::offer(
            &mut conn,
            &ids[1],
            ApplicationState::Waitlisted,
            &c,
            expires
        )
        .await
        .unwrap()
    );
    assert_eq!(
        applications::waitlist_rank(&mut conn, &ids[2])
            .await
            .unwrap(),
        Some(1)
    );
    // A state change conditional on a stale state does nothing.
    assert!(
        !applications::transition(
            &mut conn,
            &ids[1],
            ApplicationState::Approved,
            ApplicationState::Rejected
        )
        .await
        .unwrap()
    );
    // An offer ending soon is reminded once.
    let soon = applications::offers_to_remind(&mut conn, &w.programme, expires + 1)
        .await
        .unwrap();
    assert!(soon.iter().any(|a| a.id == ids[1]));
    assert!(
        applications::mark_reminded(&mut conn, &ids[1])
            .await
            .unwrap()
    );
    assert!(
        !applications::mark_reminded(&mut conn, &ids[1])
            .await
            .unwrap()
    );
    assert!(
        applications::offers_to_remind(&mut conn, &w.programme, expires + 1)
            .await
            .unwrap()
            .is_empty()
    );
    // Expired offers are found for the expiry job.
    assert!(
        applications::expired_offers(&mut conn, &w.programme, expires + 1)
            .await
            .unwrap()
            .iter()
            .any(|a| a.id == ids[1])
    );
}

#[tokio::test]
async fn capacity_cannot_fall_below_confirmed_places() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 3).await;
    let mut conn = w.store.conn().await.unwrap();
    for _ in 0..2 {
        assert!(cohorts::take_place(&mut conn, &c).await.unwrap());
    }
    assert!(
        !cohorts::set_capacity(&mut conn, &c, Capacity::new(1).unwrap())
            .await
            .unwrap()
    );
    assert!(
        cohorts::set_capacity(&mut conn, &c, Capacity::new(2).unwrap())
            .await
            .unwrap()
    );
    assert!(!cohorts::take_place(&mut conn, &c).await.unwrap());
    let cohort = cohorts::get(&mut conn, &c).await.unwrap().unwrap();
    assert_eq!((cohort.capacity, cohort.confirmed), (2, 2));
}

/// Hundreds of concurrent acceptances, plus an admin trying to lower capacity meanwhile:
/// exactly `capacity` places are confirmed and every other accept reports the cohort full.
#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn concurrent_accepts_never_exceed_capacity() {
    const CAPACITY: i64 = 5;
    const APPLICANTS: usize = 200;
    let (_db, store) = TestDatabase::store().await;
    let w = world(store.clone()).await;
    let c = cohort(&w, "Cohort 1", CAPACITY).await;
    let mut ids = Vec::new();
    {
        // Set up many open offers at once (more than places: as after a capacity cut).
        let mut tx = store.begin().await.unwrap();
        for n in 0..APPLICANTS {
            let person = people::insert(
                &mut tx,
                &w.trust,
                &EmailAddress::parse(&format!("s{n}@trust.example")).unwrap(),
                &PersonName::parse(&format!("Stress {n}")).unwrap(),
            )
            .await
            .unwrap();
            let id = applications::insert(
                &mut tx,
                &NewApplication {
                    programme_id: &w.programme,
                    person_id: &person,
                    organisation_id: &w.trust,
                    state: ApplicationState::Submitted,
                    answers: &[],
                    confirmed_statements: true,
                    preferences: std::slice::from_ref(&c),
                    nominated_by: None,
                },
            )
            .await
            .unwrap();
            applications::approve(&mut tx, &id, false).await.unwrap();
            applications::offer(
                &mut tx,
                &id,
                ApplicationState::Approved,
                &c,
                now_ms() + 86_400_000,
            )
            .await
            .unwrap();
            ids.push(id);
        }
        tx.commit().await.unwrap();
    }
    let store = Arc::new(store);
    let mut tasks = tokio::task::JoinSet::new();
    for id in ids.clone() {
        let store = store.clone();
        tasks.spawn(async move {
            let mut tx = store.begin().await.unwrap();
            let outcome = applications::accept(&mut tx, &id).await.unwrap();
            tx.commit().await.unwrap();
            outcome
        });
    }
    for n in 0..10 {
        let store = store.clone();
        let c = c.clone();
        tasks.spawn(async move {
            // An admin lowering capacity mid-rush: refused once places are taken beyond it.
            let mut tx = store.begin().await.unwrap();
            let lowered =
                cohorts::set_capacity(&mut tx, &c, Capacity::new(CAPACITY - 1 + (n % 2)).unwrap())
                    .await
                    .unwrap();
            if lowered && n % 2 == 0 {
                // Put it back so the final count is comparable.
                cohorts::set_capacity(&mut tx, &c, Capacity::new(CAPACITY).unwrap())
                    .await
                    .unwrap();
            }
            tx.commit().await.unwrap();
            AcceptOutcome::NotOffered
        });
    }
    let mut accepted = 0;
    let mut full = 0;
    while let Some(outcome) = tasks.join_next().await {
        match outcome.unwrap() {
            AcceptOutcome::Accepted => accepted += 1,
            AcceptOutcome::Full => full += 1,
            AcceptOutcome::NotOffered => {}
        }
    }
    let mut conn = store.conn().await.unwrap();
    let cohort = cohorts::get(&mut conn, &c).await.unwrap().unwrap();
    assert_eq!(
        accepted, cohort.confirmed,
        "accepted count matches the cohort"
    );
    assert!(cohort.confirmed <= cohort.capacity);
    assert_eq!(cohort.capacity, CAPACITY);
    assert_eq!(accepted, CAPACITY);
    assert_eq!(full, APPLICANTS as i64 - CAPACITY);
    let in_db =
        applications::list_for_programme(&mut conn, &w.programme, Some(ApplicationState::Accepted))
            .await
            .unwrap()
            .len();
    assert_eq!(in_db as i64, CAPACITY);
}

#[tokio::test]
async fn calendar_feed_secrets_are_revocable() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 2).await;
    let a = applicant(&w, 1, ApplicationState::Submitted, std::slice::from_ref(&c)).await;
    let mut conn = w.store.conn().await.unwrap();
    let person = applications::get(&mut conn, &a)
        .await
        .unwrap()
        .unwrap()
        .person_id;
    calendar_feeds::replace(&mut conn, &person, "hash-1")
        .await
        .unwrap();
    calendar_feeds::replace(&mut conn, &person, "hash-2")
        .await
        .unwrap();
    assert_eq!(
        calendar_feeds::find_person(&mut conn, "hash-1")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        calendar_feeds::find_person(&mut conn, "hash-2")
            .await
            .unwrap(),
        Some(person.clone())
    );
    applications::approve(&mut conn, &a, false).await.unwrap();
    applications::offer(
        &mut conn,
        &a,
        ApplicationState::Approved,
        &c,
        now_ms() + 60_000,
    )
    .await
    .unwrap();
    assert_eq!(
        applications::accept(&mut conn, &a).await.unwrap(),
        AcceptOutcome::Accepted
    );
    assert_eq!(
        calendar_feeds::confirmed_sessions(&mut conn, &person)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(calendar_feeds::revoke(&mut conn, &person).await.unwrap());
    assert_eq!(
        calendar_feeds::find_person(&mut conn, "hash-2")
            .await
            .unwrap(),
        None
    );
}
