//! Apologies, undoing a cancellation and undoing a leave (issue 11), on SQLite and PostgreSQL
//! alike.
#![allow(clippy::unwrap_used)]

mod common;

use common::{cohort, world};
use revans_domain::{EmailAddress, Id, PersonName, Session};
use revans_storage::set_leavers::{self, Leaver};
use revans_storage::sets::{self, NewMember, NewSet};
use revans_storage::testing::TestDatabase;
use revans_storage::{apologies, meetings, now_ms, people};

const HOUR: i64 = 3_600_000;

#[tokio::test]
async fn apologies_undo_of_a_cancellation_and_undo_of_a_leave() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 30).await;
    let mut tx = w.store.begin().await.unwrap();
    let ann = people::insert(
        &mut tx,
        &w.trust,
        &EmailAddress::parse("ann@trust.example").unwrap(),
        &PersonName::parse("Ann").unwrap(),
    )
    .await
    .unwrap();
    let set = sets::insert(
        &mut tx,
        &NewSet {
            cohort_id: &c,
            name: "Set A",
            position: 0,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    let membership = sets::add_member(
        &mut tx,
        &NewMember {
            set_id: &set,
            person_id: &ann,
            unit_key: ann.as_str(),
            rota_position: 0,
            locked: false,
            joined_at: 0,
        },
    )
    .await
    .unwrap();
    let now = now_ms();
    let sessions = [
        Session {
            starts_at: now - HOUR,
            ends_at: now + HOUR,
        },
        Session {
            starts_at: now + 24 * HOUR,
            ends_at: now + 27 * HOUR,
        },
    ];
    meetings::insert_many(&mut tx, &set, &sessions)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut conn = w.store.conn().await.unwrap();
    let ms = meetings::list_for_set(&mut conn, &set).await.unwrap();
    let (started, later) = (&ms[0].id, &ms[1].id);

    // Apologies: sent, replaced, listed, withdrawn once.
    apologies::send(&mut conn, later, &ann, "Clinic")
        .await
        .unwrap();
    apologies::send(&mut conn, later, &ann, "On call")
        .await
        .unwrap();
    let sent = apologies::for_meeting(&mut conn, later).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].note, "On call");
    assert_eq!(
        apologies::for_person_in_set(&mut conn, &set, &ann)
            .await
            .unwrap(),
        vec![later.clone()]
    );
    assert!(apologies::withdraw(&mut conn, later, &ann).await.unwrap());
    assert!(!apologies::withdraw(&mut conn, later, &ann).await.unwrap());
    assert!(
        apologies::for_meeting(&mut conn, later)
            .await
            .unwrap()
            .is_empty()
    );

    // A cancellation is undone only before the start, and only once.
    for id in [started, later] {
        assert!(meetings::cancel(&mut conn, id).await.unwrap());
    }
    assert!(
        !meetings::restore(&mut conn, started, now_ms())
            .await
            .unwrap()
    );
    assert!(meetings::restore(&mut conn, later, now_ms()).await.unwrap());
    assert!(!meetings::restore(&mut conn, later, now_ms()).await.unwrap());
    let back = meetings::get(&mut conn, later).await.unwrap().unwrap();
    assert!(!back.cancelled);
    assert_eq!(back.sequence, 2, "cancel and restore each tell calendars");

    // A leave is recorded and undone: the membership is current again, the record gone.
    assert_eq!(
        set_leavers::accepted_application(&mut conn, &ann, &c)
            .await
            .unwrap(),
        None
    );
    sets::end_membership(&mut conn, &membership, now_ms())
        .await
        .unwrap();
    let leaver = Leaver {
        membership_id: membership.clone(),
        application_id: None,
        left_at: now_ms(),
    };
    set_leavers::record(&mut conn, &leaver, &ann).await.unwrap();
    assert_eq!(
        set_leavers::get(&mut conn, &membership).await.unwrap(),
        Some(leaver)
    );
    assert!(
        set_leavers::restore_membership(&mut conn, &membership)
            .await
            .unwrap()
    );
    assert!(
        !set_leavers::restore_membership(&mut conn, &membership)
            .await
            .unwrap()
    );
    assert_eq!(
        set_leavers::get(&mut conn, &membership).await.unwrap(),
        None
    );
    let m = sets::members(&mut conn, &set).await.unwrap();
    assert!(m[0].left_at.is_none());
    assert!(
        !set_leavers::reaccept_application(&mut conn, &Id::from_trusted("none".into()))
            .await
            .unwrap()
    );
}
