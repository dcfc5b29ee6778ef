//! Masterclass interests (issue 16) on SQLite and PostgreSQL alike: only a current member of a
//! published set, or someone booked on or who attended a circle, has a source; an interest
//! counts once per person, topic and source; counts cover one organisation tree and count
//! people, not rows; a topic is offered once and each asker invited once.
#![allow(clippy::unwrap_used)]

mod common;

use common::{cohort, world};
use revans_domain::{EmailAddress, Id, OrganisationName, PersonName};
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::masterclass_interests::{self as store, NewInterest};
use revans_storage::sets::{self, NewMember, NewSet};
use revans_storage::testing::TestDatabase;
use revans_storage::{circle_bookings, organisations, people, programmes};

async fn person(conn: &mut revans_storage::Conn, org: &Id, n: &str) -> Id {
    people::insert(
        conn,
        org,
        &EmailAddress::parse(&format!("{n}@example.org")).unwrap(),
        &PersonName::parse(n).unwrap(),
    )
    .await
    .unwrap()
}

fn circle_fields(org: &Id, facilitator: &Id) -> CircleFields {
    CircleFields {
        organisation_id: org.clone(),
        cohort_id: None,
        title: "Burnout".into(),
        description: "A circle.".into(),
        topics: vec!["burnout".into(), "hybrid-working".into()],
        min_places: 1,
        max_places: 8,
        delivery_mode: "virtual".into(),
        delivery_detail: "https://meet.example/b".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![CircleSession {
            starts_at: 2_000_000,
            ends_at: 2_500_000,
        }],
        facilitators: vec![facilitator.clone()],
    }
}

#[tokio::test]
async fn sources_counts_offers_and_invitations() {
    let (_db, store_) = TestDatabase::store().await;
    let w = world(store_).await;
    let spring = cohort(&w, "Spring", 20).await;
    let mut tx = w.store.begin().await.unwrap();
    let set = sets::insert(
        &mut tx,
        &NewSet {
            cohort_id: &spring,
            name: "Set 1",
            position: 0,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    let mut members = Vec::new();
    for i in 0..9 {
        let p = person(&mut tx, &w.trust, &format!("member{i}")).await;
        sets::add_member(
            &mut tx,
            &NewMember {
                set_id: &set,
                person_id: &p,
                unit_key: p.as_str(),
                rota_position: i,
                locked: false,
                joined_at: 1,
            },
        )
        .await
        .unwrap();
        members.push(p);
    }
    let outsider = person(&mut tx, &w.trust, "outsider").await;
    let fac = person(&mut tx, &w.ics, "fac").await;
    let circle = circles::insert(
        &mut tx,
        &w.ics,
        &circle_fields(&w.trust, &fac),
        "published",
        None,
    )
    .await
    .unwrap();
    circle_bookings::insert(&mut tx, &circle, &members[0], "booked")
        .await
        .unwrap();
    circle_bookings::insert(&mut tx, &circle, &outsider, "waiting")
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();

    let mut conn = w.store.conn().await.unwrap();
    // A draft set is nobody's source yet; a waiting place is not a source either.
    assert!(
        store::sources_for(&mut conn, &members[1])
            .await
            .unwrap()
            .is_empty()
    );
    sets::publish(&mut conn, &spring).await.unwrap();
    let first = store::sources_for(&mut conn, &members[0]).await.unwrap();
    assert_eq!(
        first
            .iter()
            .map(|s| (s.kind.as_str(), s.id.as_str()))
            .collect::<Vec<_>>(),
        vec![("circle", circle.as_str()), ("set", set.as_str())]
    );
    assert_eq!(first[0].topics, "burnout,hybrid-working");
    assert_eq!(first[1].organisation_id, w.ics.as_str());
    assert!(
        store::sources_for(&mut conn, &outsider)
            .await
            .unwrap()
            .is_empty()
    );

    // Everyone asks for "managing change" from the set; the first also from the circle, and
    // twice from the set (refused).
    let st = &w.store;
    let ask = |p: &Id, set_id: Option<&Id>, circle_id: Option<&Id>, org: &Id, topic: &str| {
        let (p, org, topic) = (p.clone(), org.clone(), topic.to_owned());
        let (s, c) = (set_id.cloned(), circle_id.cloned());
        async move {
            let mut conn = st.conn().await.unwrap();
            store::insert(
                &mut conn,
                &NewInterest {
                    person_id: &p,
                    set_id: s.as_ref(),
                    circle_id: c.as_ref(),
                    organisation_id: &org,
                    topic: &topic,
                },
            )
            .await
            .unwrap()
        }
    };
    for m in &members {
        assert!(
            ask(m, Some(&set), None, &w.ics, "managing change")
                .await
                .is_some()
        );
    }
    assert!(
        ask(&members[0], Some(&set), None, &w.ics, "managing change")
            .await
            .is_none()
    );
    assert!(
        ask(
            &members[0],
            None,
            Some(&circle),
            &w.trust,
            "managing change"
        )
        .await
        .is_some()
    );
    for m in &members[..3] {
        ask(m, Some(&set), None, &w.ics, "coaching").await.unwrap();
    }
    // Another tenant's interest never counts in this tree.
    let mut tx = w.store.begin().await.unwrap();
    let elsewhere = organisations::insert(
        &mut tx,
        &OrganisationName::parse("Elsewhere").unwrap(),
        None,
    )
    .await
    .unwrap()
    .id;
    let stranger = person(&mut tx, &elsewhere, "stranger").await;
    let their_programme = programmes::insert(&mut tx, &elsewhere, &common::fields("Theirs"))
        .await
        .unwrap();
    let _ = their_programme;
    let their_circle = circles::insert(
        &mut tx,
        &elsewhere,
        &circle_fields(&elsewhere, &stranger),
        "published",
        None,
    )
    .await
    .unwrap();
    revans_storage::commit(tx).await.unwrap();
    ask(
        &stranger,
        None,
        Some(&their_circle),
        &elsewhere,
        "managing change",
    )
    .await
    .unwrap();

    let counts = store::counts_in_tree(&mut conn, &w.ics).await.unwrap();
    let got: Vec<(&str, i64)> = counts
        .iter()
        .map(|c| (c.topic.as_str(), c.people))
        .collect();
    // People, not rows: the first member asked twice (set and circle) but counts once.
    assert_eq!(got, vec![("coaching", 3), ("managing change", 9)]);
    let theirs = store::counts_in_tree(&mut conn, &elsewhere).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].people, 1);

    // Mine: the person's own, with where from.
    let mine = store::mine(&mut conn, &members[0]).await.unwrap();
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[1].source_kind, "circle");
    assert_eq!(mine[1].source_name, "Burnout");

    // Offering: once per tree and topic; invitations once per person and topic.
    let mut tx = w.store.begin().await.unwrap();
    let masterclass = programmes::insert(&mut tx, &w.ics, &common::fields("Managing change"))
        .await
        .unwrap();
    assert!(
        store::mark_offered(&mut tx, &w.ics, "managing change", &masterclass)
            .await
            .unwrap()
    );
    assert!(
        !store::mark_offered(&mut tx, &w.ics, "managing change", &masterclass)
            .await
            .unwrap()
    );
    let invited = store::invite_askers(&mut tx, &w.ics, "managing change", &masterclass)
        .await
        .unwrap();
    let mut invited_ids: Vec<String> = invited.iter().map(|i| i.person_id.clone()).collect();
    invited_ids.sort();
    let mut expected: Vec<String> = members.iter().map(|m| m.to_string()).collect();
    expected.sort();
    assert_eq!(
        invited_ids, expected,
        "exactly the askers in the tree, each once"
    );
    assert!(
        store::invite_askers(&mut tx, &w.ics, "managing change", &masterclass)
            .await
            .unwrap()
            .is_empty()
    );
    revans_storage::commit(tx).await.unwrap();
    assert_eq!(
        store::invitations_for(&mut conn, "managing change")
            .await
            .unwrap(),
        9
    );
    let offered = store::counts_in_tree(&mut conn, &w.ics).await.unwrap();
    assert_eq!(
        offered[1].programme_id.as_deref(),
        Some(masterclass.as_str())
    );
    assert_eq!(
        store::offer_of(&mut conn, &w.ics, "managing change")
            .await
            .unwrap(),
        Some(Some(masterclass))
    );

    // Withdrawing: only one's own.
    let id = Id::parse(&mine[0].id).unwrap();
    assert!(!store::withdraw(&mut conn, &members[1], &id).await.unwrap());
    assert!(store::withdraw(&mut conn, &members[0], &id).await.unwrap());
    assert_eq!(store::mine(&mut conn, &members[0]).await.unwrap().len(), 2);
}
