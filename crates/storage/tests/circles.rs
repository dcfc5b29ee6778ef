//! The base of support circles (issue 15) on SQLite and PostgreSQL alike: a circle is stored
//! with its sessions and facilitators in one transaction, read back whole, and the database
//! itself refuses more places taken than the circle has.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_domain::{EmailAddress, PersonName};
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::people;
use revans_storage::testing::TestDatabase;

#[tokio::test]
async fn a_circle_is_stored_whole_and_never_holds_more_than_its_places() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut tx = w.store.begin().await.unwrap();
    let facilitator = |n: &'static str| {
        let email = EmailAddress::parse(&format!("{n}@trust.example")).unwrap();
        let name = PersonName::parse(n).unwrap();
        (email, name)
    };
    let (e1, n1) = facilitator("ana");
    let (e2, n2) = facilitator("ben");
    let ana = people::insert(&mut tx, &w.trust, &e1, &n1).await.unwrap();
    let ben = people::insert(&mut tx, &w.trust, &e2, &n2).await.unwrap();
    let fields = CircleFields {
        organisation_id: w.trust.clone(),
        cohort_id: None,
        title: "Burnout: noticing it early".into(),
        description: "A circle for anyone who leads a team.".into(),
        topics: vec!["burnout".into(), "wellbeing".into()],
        min_places: 6,
        max_places: 8,
        delivery_mode: "virtual".into(),
        delivery_detail: "https://meet.example/burnout".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![
            CircleSession {
                starts_at: 2_000_000,
                ends_at: 2_500_000,
            },
            CircleSession {
                starts_at: 3_000_000,
                ends_at: 3_500_000,
            },
        ],
        facilitators: vec![ana.clone(), ben.clone()],
    };
    let id = circles::insert(&mut tx, &w.ics, &fields, "published", Some(&ana))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut conn = w.store.conn().await.unwrap();
    let stored = circles::get(&mut conn, &id).await.unwrap().unwrap();
    assert_eq!(stored.fields, fields);
    assert_eq!(stored.region_id, w.ics);
    assert_eq!((stored.booked, stored.status.as_str()), (0, "published"));

    circles::replace_facilitators(&mut conn, &id, std::slice::from_ref(&ben))
        .await
        .unwrap();
    let stored = circles::get(&mut conn, &id).await.unwrap().unwrap();
    assert_eq!(stored.fields.facilitators, vec![ben]);

    // The check constraint is the last guard against overbooking.
    let over = sqlx::query("UPDATE circles SET booked = 9 WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await;
    assert!(over.is_err(), "9 places taken of 8 was stored");
}
