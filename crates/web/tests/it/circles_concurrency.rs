//! Never overbooked (issue 15): 200 people book a 25-place circle at once, through two app
//! instances (two pools) over one database: SQLite, or PostgreSQL when
//! REVANS_TEST_DATABASE_URL is set. Exactly 25 get a place and 175 wait, numbered 1..175 with
//! no gap or repeat, and the circle's count agrees with the booking rows.

use std::sync::Arc;
use std::time::Instant;

use revans_app::circles::booking;
use revans_app::{Actor, Viewer};
use revans_domain::{EmailAddress, Id, PersonName};
use revans_storage::{circle_bookings, circles, people};

use crate::helpers::*;

const PEOPLE: usize = 200;
const PLACES: i64 = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_bookings_of_25_places_give_25_booked_and_175_waiting() {
    let app = TestApp::spawn().await;
    let fran = app.person_id(FACILITATOR).await;
    let circle = crate::circles::circle_with(&app, PLACES, 10 * 24 * 3_600_000, &fran).await;
    let circle = Id::parse(&circle).unwrap();
    let org = {
        let mut conn = app.state.store.conn().await.unwrap();
        people::get(
            &mut conn,
            &Id::parse(&app.person_id(PARTICIPANT).await).unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
        .organisation_id
    };
    let mut viewers = Vec::new();
    {
        let mut tx = app.state.store.begin().await.unwrap();
        for i in 0..PEOPLE {
            let id = people::insert(
                &mut tx,
                &org,
                &EmailAddress::parse(&format!("booker{i}@harbour-trust.example")).unwrap(),
                &PersonName::parse(&format!("Booker {i}")).unwrap(),
            )
            .await
            .unwrap();
            let person = people::get(&mut tx, &id).await.unwrap().unwrap();
            viewers.push(Viewer {
                person,
                roles: Vec::new(),
            });
        }
        revans_storage::commit(tx).await.unwrap();
    }
    let instances = [
        Arc::new(app.state.clone()),
        Arc::new(app.second_instance().await),
    ];
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, viewer) in viewers.into_iter().enumerate() {
        let state = instances[i % 2].clone();
        let circle = circle.clone();
        tasks.push(tokio::spawn(async move {
            let actor = Actor {
                viewer: &viewer,
                ip: "test",
            };
            booking::book(&state, &actor, &circle).await
        }));
    }
    let mut booked = 0;
    let mut positions = Vec::new();
    for t in tasks {
        let outcome = t.await.unwrap().expect("every booking succeeds");
        match outcome.status.as_str() {
            "booked" => booked += 1,
            "waiting" => positions.push(outcome.position.unwrap()),
            other => panic!("unexpected {other}"),
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "circles_concurrency: {PEOPLE} bookings over two instances in {} ms ({:?} backend)",
        elapsed.as_millis(),
        app.state.store.backend()
    );
    assert_eq!(booked, PLACES);
    assert_eq!(positions.len(), PEOPLE - PLACES as usize);
    let mut conn = app.state.store.conn().await.unwrap();
    let stored = circles::get(&mut conn, &circle).await.unwrap().unwrap();
    assert_eq!(stored.booked, PLACES);
    assert_eq!(
        circle_bookings::counts(&mut conn, &circle).await.unwrap(),
        (PLACES, (PEOPLE - PLACES as usize) as i64, 0)
    );
    // The queue as it stands now is numbered 1..175 exactly (positions told at booking time
    // may repeat under concurrency; the standing queue may not).
    let mut now_positions = Vec::new();
    let ids: Vec<(String,)> = waiting_people(&mut conn, &circle).await;
    for (person,) in ids {
        let b = circle_bookings::live(&mut conn, &circle, &Id::parse(&person).unwrap())
            .await
            .unwrap()
            .unwrap();
        now_positions.push(circle_bookings::position(&mut conn, &b).await.unwrap());
    }
    now_positions.sort_unstable();
    assert_eq!(
        now_positions,
        (1..=(PEOPLE as i64 - PLACES)).collect::<Vec<_>>()
    );
}

/// The ids of the people waiting for the circle.
async fn waiting_people(conn: &mut revans_storage::Conn, circle: &Id) -> Vec<(String,)> {
    let mut out = Vec::new();
    for i in 0..PEOPLE {
        let email = EmailAddress::parse(&format!("booker{i}@harbour-trust.example")).unwrap();
        let (p, _) = people::find_by_email(conn, &email).await.unwrap().unwrap();
        if let Some(b) = circle_bookings::live(conn, circle, &p.id).await.unwrap()
            && b.status == "waiting"
        {
            out.push((p.id.to_string(),));
        }
    }
    out
}
