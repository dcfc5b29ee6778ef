//! The regional pool and facilitator requests (issue 15) on SQLite and PostgreSQL alike:
//! joining and changing one's place, what leads read (capacity left counts the sets and
//! circles someone runs now), absences, and a request answered exactly once.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_domain::{EmailAddress, PersonName};
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::facilitator_requests::{self as requests, NewRequest, Target};
use revans_storage::pool::{self, Membership, Window};
use revans_storage::testing::TestDatabase;
use revans_storage::{now_ms, people};

#[tokio::test]
async fn the_pool_reads_back_with_capacity_left_and_a_request_is_answered_once() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut tx = w.store.begin().await.unwrap();
    let person = |n: &str| {
        (
            EmailAddress::parse(&format!("{n}@trust.example")).unwrap(),
            PersonName::parse(n).unwrap(),
        )
    };
    let (e, n) = person("ana");
    let ana = people::insert(&mut tx, &w.trust, &e, &n).await.unwrap();
    let (e, n) = person("ben");
    let ben = people::insert(&mut tx, &w.trust, &e, &n).await.unwrap();
    assert_eq!(
        pool::region_of(&mut tx, &w.trust).await.unwrap(),
        Some(w.ics.clone())
    );
    assert_eq!(
        pool::region_of(&mut tx, &w.ics).await.unwrap(),
        Some(w.ics.clone())
    );

    let mut m = Membership {
        capacity: 2,
        outside_own_org: true,
        timezone: "Europe/London".into(),
        availability: vec![
            Window {
                weekday: 2,
                from_minute: 540,
                to_minute: 720,
            },
            Window {
                weekday: 4,
                from_minute: 780,
                to_minute: 1020,
            },
        ],
    };
    pool::join(&mut tx, &ana, &w.ics, &w.trust, &m)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO facilitator_profiles (person_id, years_facilitating, online_confidence, \
         languages, training_history, updated_at) VALUES ($1, 4, 'confident', 'en,cy', '', 0)",
    )
    .bind(ana.as_str())
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO facilitator_qualifications (id, person_id, name, level, awarded_on, \
         evidence, created_at) VALUES ('q1', $1, 'Support Circles', 'Level 5', '2025-01-01', '', 0)",
    )
    .bind(ana.as_str())
    .execute(&mut *tx)
    .await
    .unwrap();
    // Ana runs one upcoming circle: one of her two places is taken.
    let now = now_ms();
    let circle = circles::insert(
        &mut tx,
        &w.ics,
        &CircleFields {
            organisation_id: w.trust.clone(),
            cohort_id: None,
            title: "Burnout".into(),
            description: "".into(),
            topics: vec!["burnout".into()],
            min_places: 6,
            max_places: 25,
            delivery_mode: "virtual".into(),
            delivery_detail: "https://meet.example/b".into(),
            timezone: "Europe/London".into(),
            confirm_hours: 48,
            cancel_hours: 24,
            sessions: vec![CircleSession {
                starts_at: now + 86_400_000,
                ends_at: now + 90_000_000,
            }],
            facilitators: vec![ana.clone()],
        },
        "published",
        Some(&ana),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut conn = w.store.conn().await.unwrap();
    let rows = pool::list(&mut conn, &w.ics, now).await.unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (row.name.as_str(), row.organisation_name.as_str()),
        ("ana", "Trust")
    );
    assert_eq!((row.capacity, row.running, row.capacity_left()), (2, 1, 1));
    assert_eq!(row.languages, vec!["en", "cy"]);
    assert_eq!(row.years, 4);
    assert_eq!(row.qualifications, vec!["Support Circles (Level 5)"]);
    assert_eq!(row.availability, m.availability);
    // Another region's pool does not hold her.
    assert!(
        pool::list(&mut conn, &w.trust, now)
            .await
            .unwrap()
            .is_empty()
    );

    // Changing replaces the availability; leaving takes her out of what leads read.
    m.capacity = 3;
    m.availability.truncate(1);
    pool::join(&mut conn, &ana, &w.ics, &w.trust, &m)
        .await
        .unwrap();
    assert_eq!(
        pool::membership(&mut conn, &ana, &w.ics).await.unwrap(),
        Some(m.clone())
    );
    let away = pool::add_absence(&mut conn, &ana, "2031-01-05", None, &ben)
        .await
        .unwrap();
    let rows = pool::list(&mut conn, &w.ics, now).await.unwrap();
    assert_eq!(rows[0].absences.len(), 1);
    assert_eq!(rows[0].absences[0].last_day, None);
    assert!(!pool::remove_absence(&mut conn, &ben, &away).await.unwrap());
    assert!(pool::remove_absence(&mut conn, &ana, &away).await.unwrap());
    assert!(pool::leave(&mut conn, &ana, &w.ics).await.unwrap());
    assert!(!pool::leave(&mut conn, &ana, &w.ics).await.unwrap());
    assert!(pool::list(&mut conn, &w.ics, now).await.unwrap().is_empty());
    assert_eq!(
        pool::membership(&mut conn, &ana, &w.ics).await.unwrap(),
        None
    );

    // A request: stored by its hash, answered once.
    let target = Target::Circle(circle.clone());
    let id = requests::insert(
        &mut conn,
        NewRequest {
            token_hash: "hash-1",
            target: &target,
            person_id: &ben,
            replaces_id: Some(&ana),
            region_id: &w.ics,
            asked_by: &ana,
        },
    )
    .await
    .unwrap();
    let r = requests::by_token_hash(&mut conn, "hash-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (r.id.clone(), r.target.clone(), r.status.as_str()),
        (id.clone(), target.clone(), "asked")
    );
    assert_eq!(r.replaces_id, Some(ana.clone()));
    assert!(
        requests::by_token_hash(&mut conn, "hash-2")
            .await
            .unwrap()
            .is_none()
    );
    assert!(requests::answer(&mut conn, &id, "accepted").await.unwrap());
    assert!(!requests::answer(&mut conn, &id, "declined").await.unwrap());
    let all = requests::of_target(&mut conn, &target).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status, "accepted");
    let named = requests::of_target_named(&mut conn, &target).await.unwrap();
    assert_eq!(named.len(), 1);
    assert_eq!(
        (named[0].1.as_str(), named[0].2.as_deref()),
        ("ben", Some("ana"))
    );
    assert_eq!(named[0].0, all[0]);
}
