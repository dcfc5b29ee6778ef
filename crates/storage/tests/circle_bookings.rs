//! Booking support circles (issue 15) on SQLite and PostgreSQL alike: places are counted by a
//! conditional UPDATE that stops at the circle's size, the waiting list keeps its order, offers
//! lapse, the calendar filters in one query, attendance can be corrected and a session's
//! reminder is claimed once.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_domain::{EmailAddress, Id, OrganisationName, PersonName};
use revans_storage::circle_bookings as bookings;
use revans_storage::circle_calendar::{self as calendar, Filter};
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::testing::TestDatabase;
use revans_storage::{organisations, people};

const HOUR: i64 = 3_600_000;

fn fields(
    org: &Id,
    title: &str,
    topics: &[&str],
    mode: &str,
    starts: i64,
    max: i64,
) -> CircleFields {
    CircleFields {
        organisation_id: org.clone(),
        cohort_id: None,
        title: title.into(),
        description: "A circle.".into(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        min_places: 2,
        max_places: max,
        delivery_mode: mode.into(),
        delivery_detail: "Room 1".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![
            CircleSession {
                starts_at: starts,
                ends_at: starts + HOUR,
            },
            CircleSession {
                starts_at: starts + 7 * 24 * HOUR,
                ends_at: starts + 7 * 24 * HOUR + HOUR,
            },
        ],
        facilitators: vec![],
    }
}

#[tokio::test]
async fn places_stop_at_the_size_and_the_queue_keeps_its_order() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut tx = w.store.begin().await.unwrap();
    let mut person = Vec::new();
    for i in 0..4 {
        let e = EmailAddress::parse(&format!("p{i}@trust.example")).unwrap();
        let n = PersonName::parse(&format!("Person {i}")).unwrap();
        person.push(people::insert(&mut tx, &w.trust, &e, &n).await.unwrap());
    }
    let start = revans_storage::now_ms() + 10 * 24 * HOUR;
    let id = circles::insert(
        &mut tx,
        &w.ics,
        &fields(
            &w.trust,
            "Burnout",
            &["burnout", "wellbeing"],
            "virtual",
            start,
            2,
        ),
        "published",
        None,
    )
    .await
    .unwrap();
    let other_tenant = organisations::insert(
        &mut tx,
        &OrganisationName::parse("Elsewhere").unwrap(),
        None,
    )
    .await
    .unwrap()
    .id;
    circles::insert(
        &mut tx,
        &other_tenant,
        &fields(
            &other_tenant,
            "Elsewhere's",
            &["burnout"],
            "virtual",
            start,
            8,
        ),
        "published",
        None,
    )
    .await
    .unwrap();
    circles::insert(
        &mut tx,
        &w.ics,
        &fields(
            &w.trust,
            "Hybrid",
            &["hybrid-working"],
            "in_person",
            start + HOUR,
            8,
        ),
        "published",
        None,
    )
    .await
    .unwrap();
    circles::insert(
        &mut tx,
        &w.ics,
        &fields(&w.trust, "Draft", &["burnout"], "virtual", start, 8),
        "draft",
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = w.store.begin().await.unwrap();
    assert_eq!(
        bookings::region_of(&mut tx, &w.trust).await.unwrap(),
        Some(w.ics.clone())
    );
    // Two places: the first two take them, the next two wait.
    let mut rows = Vec::new();
    for p in &person {
        let status = if bookings::take_place(&mut tx, &id).await.unwrap() {
            "booked"
        } else {
            "waiting"
        };
        rows.push(bookings::insert(&mut tx, &id, p, status).await.unwrap());
    }
    assert_eq!(
        rows.iter().map(|b| b.status.as_str()).collect::<Vec<_>>(),
        ["booked", "booked", "waiting", "waiting"]
    );
    assert_eq!(circles::get(&mut tx, &id).await.unwrap().unwrap().booked, 2);
    assert_eq!(bookings::position(&mut tx, &rows[2]).await.unwrap(), 1);
    assert_eq!(bookings::position(&mut tx, &rows[3]).await.unwrap(), 2);
    assert_eq!(
        bookings::first_waiting(&mut tx, &id)
            .await
            .unwrap()
            .unwrap()
            .id,
        rows[2].id
    );
    tx.commit().await.unwrap();
    // A second live booking for the same person is refused by the database.
    let mut tx = w.store.begin().await.unwrap();
    assert!(
        bookings::insert(&mut tx, &id, &person[0], "waiting")
            .await
            .is_err()
    );
    drop(tx);

    let mut tx = w.store.begin().await.unwrap();
    // Person 0 cancels: the place is offered to person 2 (and stays counted).
    assert!(
        bookings::change_status(&mut tx, &rows[0].id, "booked", "cancelled", None)
            .await
            .unwrap()
    );
    assert!(
        !bookings::change_status(&mut tx, &rows[0].id, "booked", "cancelled", None)
            .await
            .unwrap()
    );
    let until = revans_storage::now_ms() + HOUR;
    assert!(
        bookings::change_status(&mut tx, &rows[2].id, "waiting", "offered", Some(until))
            .await
            .unwrap()
    );
    assert_eq!(bookings::position(&mut tx, &rows[3]).await.unwrap(), 1);
    assert_eq!(bookings::counts(&mut tx, &id).await.unwrap(), (1, 1, 1));
    assert!(
        bookings::lapsed_offers(&mut tx, until - 1)
            .await
            .unwrap()
            .is_empty()
    );
    let lapsed = bookings::lapsed_offers(&mut tx, until).await.unwrap();
    assert_eq!(lapsed.len(), 1);
    assert_eq!(lapsed[0].id, rows[2].id);
    // Person 0 may book again once cancelled (the one-live-booking rule allows it).
    assert!(!bookings::take_place(&mut tx, &id).await.unwrap());
    assert!(bookings::free_place(&mut tx, &id).await.unwrap());
    assert!(bookings::take_place(&mut tx, &id).await.unwrap());
    bookings::insert(&mut tx, &id, &person[0], "booked")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut conn = w.store.conn().await.unwrap();
    // My circles: person 3 waits first in line; person 2 has an offer.
    let mine = bookings::for_person(&mut conn, &person[3], revans_storage::now_ms())
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].status.as_str(), mine[0].position, mine[0].sessions),
        ("waiting", 1, 2)
    );
    assert_eq!(mine[0].first_starts_at, start);

    // The calendar: the region's published circles only, a row per session, filtered.
    let all = calendar::upcoming(&mut conn, &w.trust, &Filter::default())
        .await
        .unwrap();
    let titles = |rows: &[calendar::Row]| {
        let mut t: Vec<String> = rows.iter().map(|r| r.title.clone()).collect();
        t.dedup();
        t
    };
    assert_eq!(titles(&all), ["Burnout", "Hybrid"]);
    assert_eq!(all.len(), 4);
    let by_region = calendar::upcoming(&mut conn, &w.ics, &Filter::default())
        .await
        .unwrap();
    assert_eq!(by_region, all);
    let topic = Filter {
        topic: "hybrid-working".into(),
        ..Filter::default()
    };
    assert_eq!(
        titles(&calendar::upcoming(&mut conn, &w.ics, &topic).await.unwrap()),
        ["Hybrid"]
    );
    let part = Filter {
        topic: "hybrid".into(),
        ..Filter::default()
    };
    assert!(
        calendar::upcoming(&mut conn, &w.ics, &part)
            .await
            .unwrap()
            .is_empty()
    );
    let mode = Filter {
        mode: "virtual".into(),
        ..Filter::default()
    };
    assert_eq!(
        titles(&calendar::upcoming(&mut conn, &w.ics, &mode).await.unwrap()),
        ["Burnout"]
    );
    let later = Filter {
        from: start + 1,
        ..Filter::default()
    };
    assert_eq!(
        titles(&calendar::upcoming(&mut conn, &w.ics, &later).await.unwrap()),
        ["Hybrid"]
    );
    let before = Filter {
        to: Some(start + 1),
        ..Filter::default()
    };
    assert_eq!(
        titles(
            &calendar::upcoming(&mut conn, &w.ics, &before)
                .await
                .unwrap()
        ),
        ["Burnout"]
    );
    let org = Filter {
        organisation_id: w.ics.to_string(),
        ..Filter::default()
    };
    assert!(
        calendar::upcoming(&mut conn, &w.ics, &org)
            .await
            .unwrap()
            .is_empty()
    );
    let feed = calendar::booked_sessions(&mut conn, &person[1])
        .await
        .unwrap();
    assert_eq!(feed.len(), 2);
    assert!(
        calendar::booked_sessions(&mut conn, &person[3])
            .await
            .unwrap()
            .is_empty()
    );

    // Attendance: recorded, then corrected.
    bookings::record_attendance(&mut conn, &id, 1, person[1].as_str(), true, &person[0])
        .await
        .unwrap();
    bookings::record_attendance(&mut conn, &id, 1, person[1].as_str(), false, &person[0])
        .await
        .unwrap();
    let at = bookings::attendees(&mut conn, &id).await.unwrap();
    let p1 = at
        .iter()
        .find(|a| a.person_id == person[1].as_str())
        .unwrap();
    assert_eq!(p1.present, vec![(1, false)]);

    // Reminders: due once, claimed once.
    let now = start - 12 * HOUR;
    let due = bookings::due_reminders(&mut conn, now, now + 24 * HOUR)
        .await
        .unwrap();
    assert_eq!(due.iter().filter(|d| d.circle_id == id.as_str()).count(), 1);
    assert!(
        bookings::mark_reminded(&mut conn, id.as_str(), 1, now)
            .await
            .unwrap()
    );
    assert!(
        !bookings::mark_reminded(&mut conn, id.as_str(), 1, now)
            .await
            .unwrap()
    );
    let due = bookings::due_reminders(&mut conn, now, now + 24 * HOUR)
        .await
        .unwrap();
    assert!(due.iter().all(|d| d.circle_id != id.as_str()));
}
