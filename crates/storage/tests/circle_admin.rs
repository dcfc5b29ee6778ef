//! Leads' circle queries (issue 15) on SQLite and PostgreSQL alike: the region of an
//! organisation, the region's list, changes that bump the calendar's sequence, and the
//! minimum-size sweep's claims, each of which wins once only.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_domain::{EmailAddress, Id, PersonName};
use revans_storage::circle_admin as admin;
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::people;
use revans_storage::testing::TestDatabase;

const DAY: i64 = 86_400_000;

fn fields(org: &Id, topics: &[&str], starts_at: i64, max: i64) -> CircleFields {
    CircleFields {
        organisation_id: org.clone(),
        cohort_id: None,
        title: "Burnout: noticing it early".into(),
        description: "A circle for anyone who leads a team.".into(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        min_places: 2,
        max_places: max,
        delivery_mode: "virtual".into(),
        delivery_detail: "https://meet.example/burnout".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![CircleSession {
            starts_at,
            ends_at: starts_at + 3_600_000,
        }],
        facilitators: vec![],
    }
}

async fn person(conn: &mut revans_storage::Conn, org: &Id, n: &str) -> Id {
    let email = EmailAddress::parse(&format!("{n}@trust.example")).unwrap();
    people::insert(conn, org, &email, &PersonName::parse(n).unwrap())
        .await
        .unwrap()
}

async fn book(conn: &mut revans_storage::Conn, circle: &Id, person: &Id, status: &str) {
    sqlx::query(
        "INSERT INTO circle_bookings (id, circle_id, person_id, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 1, 1)",
    )
    .bind(revans_storage::new_id().as_str())
    .bind(circle.as_str())
    .bind(person.as_str())
    .bind(status)
    .execute(&mut *conn)
    .await
    .unwrap();
    if status == "booked" {
        sqlx::query("UPDATE circles SET booked = booked + 1 WHERE id = $1")
            .bind(circle.as_str())
            .execute(&mut *conn)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_region_lists_its_circles_and_a_change_of_sessions_bumps_the_sequence() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut conn = w.store.conn().await.unwrap();
    assert_eq!(
        admin::region_of(&mut conn, &w.trust).await.unwrap(),
        Some(w.ics.clone())
    );
    assert_eq!(
        admin::region_of(&mut conn, &w.ics).await.unwrap(),
        Some(w.ics.clone())
    );

    let f = fields(&w.trust, &["burnout"], 10 * DAY, 8);
    let id = circles::insert(&mut conn, &w.ics, &f, "draft", None)
        .await
        .unwrap();
    let list = admin::list_in_region(&mut conn, &w.ics).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].organisation_name, "Trust");
    assert_eq!(list[0].first_starts_at, Some(10 * DAY));
    assert_eq!(list[0].session_count, 1);
    assert!(
        admin::list_in_region(&mut conn, &w.trust)
            .await
            .unwrap()
            .is_empty()
    );

    let mut changed = f.clone();
    changed.title = "Burnout".into();
    assert!(
        admin::update(&mut conn, &id, &changed, false)
            .await
            .unwrap()
    );
    assert_eq!(
        circles::get(&mut conn, &id)
            .await
            .unwrap()
            .unwrap()
            .sequence,
        0
    );
    changed.sessions[0].starts_at += DAY;
    changed.sessions[0].ends_at += DAY;
    assert!(admin::update(&mut conn, &id, &changed, true).await.unwrap());
    let stored = circles::get(&mut conn, &id).await.unwrap().unwrap();
    assert_eq!(
        (stored.sequence, stored.fields.clone()),
        (1, changed.clone())
    );

    assert!(admin::publish(&mut conn, &id).await.unwrap());
    assert!(
        !admin::publish(&mut conn, &id).await.unwrap(),
        "published twice"
    );
    assert!(admin::cancel_by_hand(&mut conn, &id, 5).await.unwrap());
    assert!(!admin::cancel_by_hand(&mut conn, &id, 6).await.unwrap());
    assert!(
        !admin::update(&mut conn, &id, &changed, false)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn the_sweeps_claims_win_once_and_a_merge_moves_bookings_within_places() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut conn = w.store.conn().await.unwrap();
    let start = 10 * DAY;
    let small = circles::insert(
        &mut conn,
        &w.ics,
        &fields(&w.trust, &["burnout"], start, 8),
        "published",
        None,
    )
    .await
    .unwrap();
    let big = circles::insert(
        &mut conn,
        &w.ics,
        &fields(&w.trust, &["burnout", "hybrid-working"], start + 3 * DAY, 3),
        "published",
        None,
    )
    .await
    .unwrap();
    let ana = person(&mut conn, &w.trust, "ana").await;
    let ben = person(&mut conn, &w.trust, "ben").await;
    let cy = person(&mut conn, &w.trust, "cy").await;
    book(&mut conn, &small, &ana, "booked").await;
    book(&mut conn, &small, &ben, "booked").await;
    book(&mut conn, &small, &cy, "waiting").await;
    book(&mut conn, &big, &ben, "booked").await;

    // Not due until 48 hours before the first session.
    let due = start - 48 * 3_600_000;
    assert!(
        admin::due_for_decision(&mut conn, due - 1)
            .await
            .unwrap()
            .is_empty()
    );
    let listed = admin::due_for_decision(&mut conn, due).await.unwrap();
    assert_eq!(listed, vec![small.clone()]);

    assert!(
        admin::claim_merge_offer(&mut conn, &small, due)
            .await
            .unwrap()
    );
    assert!(
        !admin::claim_merge_offer(&mut conn, &small, due)
            .await
            .unwrap()
    );
    assert!(
        !admin::claim_confirmed(&mut conn, &small, due)
            .await
            .unwrap()
    );
    assert!(
        admin::due_for_decision(&mut conn, due)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        admin::lapsed_merge_offers(&mut conn, start - 1)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        admin::lapsed_merge_offers(&mut conn, start).await.unwrap(),
        vec![small.clone()]
    );

    let candidates = admin::merge_candidates(&mut conn, &w.ics, &small, start, start + 14 * DAY)
        .await
        .unwrap();
    assert_eq!(candidates.len(), 1);
    assert_eq!((candidates[0].booked, candidates[0].max_places), (1, 3));

    assert!(
        admin::claim_merged(&mut conn, &small, &big, due)
            .await
            .unwrap()
    );
    assert!(
        !admin::claim_cancelled(&mut conn, &small, due)
            .await
            .unwrap()
    );
    // Ben is already on the big circle: only Ana moves; Cy's waiting place is cancelled.
    assert_eq!(
        admin::move_bookings(&mut conn, &small, &big, due)
            .await
            .unwrap(),
        Some(1)
    );
    let big_now = circles::get(&mut conn, &big).await.unwrap().unwrap();
    assert_eq!((big_now.booked, big_now.sequence), (2, 1));
    let on_big = admin::contacts(&mut conn, &big).await.unwrap();
    let mut names: Vec<&str> = on_big.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["ana", "ben"]);
    assert!(admin::contacts(&mut conn, &small).await.unwrap().is_empty());
    let source = circles::get(&mut conn, &small).await.unwrap().unwrap();
    assert_eq!(
        (source.status.as_str(), source.merged_into, source.booked),
        ("merged", Some(big.clone()), 0)
    );

    // A circle with too few places for the bookings takes none of them.
    let third = circles::insert(
        &mut conn,
        &w.ics,
        &fields(&w.trust, &["burnout"], start, 8),
        "published",
        None,
    )
    .await
    .unwrap();
    let dee = person(&mut conn, &w.trust, "dee").await;
    let eve = person(&mut conn, &w.trust, "eve").await;
    book(&mut conn, &third, &dee, "booked").await;
    book(&mut conn, &third, &eve, "booked").await;
    assert_eq!(
        admin::move_bookings(&mut conn, &third, &big, due)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        circles::get(&mut conn, &big).await.unwrap().unwrap().booked,
        2
    );
    assert!(
        admin::claim_confirmed(&mut conn, &third, due)
            .await
            .unwrap()
    );
    assert!(
        !admin::claim_confirmed(&mut conn, &third, due)
            .await
            .unwrap()
    );

    let report = admin::report_rows(&mut conn, &w.ics).await.unwrap();
    assert_eq!(report.len(), 3);
    assert_eq!(report.iter().map(|r| r.bookings).sum::<i64>(), 4);
}
