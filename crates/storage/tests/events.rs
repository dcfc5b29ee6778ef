//! Events with choices (issue 18) on SQLite and PostgreSQL alike: the plan is created then
//! changed in place, a host name is once per event, saving choices replaces the whole ranking,
//! an allocation replaces the last one and unpublishes it, and each read returns only its own
//! event's, person's or host's rows.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_domain::{EmailAddress, Id, PersonName};
use revans_storage::events::{self as store, NewHost};
use revans_storage::testing::TestDatabase;
use revans_storage::{people, programmes};

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

fn host<'a>(programme: &'a Id, name: &'a str, contact: Option<&'a Id>) -> NewHost<'a> {
    NewHost {
        programme_id: programme,
        name,
        description: "A ward visit.",
        address: "1 Quay Street",
        min_per_slot: 1,
        max_per_slot: 3,
        contact_person_id: contact,
    }
}

#[tokio::test]
async fn plan_hosts_choices_and_visits() {
    let (_db, store_) = TestDatabase::store().await;
    let w = world(store_).await;
    let mut tx = w.store.begin().await.unwrap();
    let other = programmes::insert(&mut tx, &w.ics, &common::fields("Another event"))
        .await
        .unwrap();
    let ann = person(&mut tx, &w.trust, "ann").await;
    let bob = person(&mut tx, &w.trust, "bob").await;
    let contact = person(&mut tx, &w.trust, "carol").await;

    assert_eq!(store::plan(&mut tx, &w.programme).await.unwrap(), None);
    store::set_plan(&mut tx, &w.programme, 3, 1_000)
        .await
        .unwrap();
    store::set_plan(&mut tx, &w.programme, 2, 2_000)
        .await
        .unwrap();
    let plan = store::plan(&mut tx, &w.programme).await.unwrap().unwrap();
    assert_eq!((plan.slots, plan.rankings_close_at), (2, 2_000));
    assert_eq!(plan.allocated_at, None);

    let ward = store::insert_host(&mut tx, &host(&w.programme, "Ward", Some(&contact)))
        .await
        .unwrap()
        .unwrap();
    let lab = store::insert_host(&mut tx, &host(&w.programme, "Lab", None))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store::insert_host(&mut tx, &host(&w.programme, "Ward", None))
            .await
            .unwrap(),
        None,
        "a host name is once per event"
    );
    let elsewhere = store::insert_host(&mut tx, &host(&other, "Ward", None))
        .await
        .unwrap()
        .unwrap();
    let names: Vec<String> = store::hosts(&mut tx, &w.programme)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names, ["Lab", "Ward"]);
    let mine = store::hosts_of_contact(&mut tx, &contact).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].contact_name.as_deref(), Some("carol"));

    store::save_choices(&mut tx, &w.programme, &ann, "", &[(ward.clone(), 1)])
        .await
        .unwrap();
    // Saving again replaces the whole ranking.
    store::save_choices(
        &mut tx,
        &w.programme,
        &ann,
        "Step-free access",
        &[(lab.clone(), 1), (ward.clone(), 2)],
    )
    .await
    .unwrap();
    store::save_choices(
        &mut tx,
        &w.programme,
        &bob,
        "",
        &[(ward.clone(), 1), (lab.clone(), 2)],
    )
    .await
    .unwrap();
    store::save_choices(&mut tx, &other, &bob, "", &[(elsewhere.clone(), 1)])
        .await
        .unwrap();
    let all = store::rankings(&mut tx, &w.programme).await.unwrap();
    let seen: Vec<(&str, &str, i64)> = all
        .iter()
        .map(|r| (r.person_name.as_str(), r.host_id.as_str(), r.rank))
        .collect();
    assert_eq!(
        seen,
        [
            ("ann", lab.as_str(), 1),
            ("ann", ward.as_str(), 2),
            ("bob", ward.as_str(), 1),
            ("bob", lab.as_str(), 2)
        ]
    );
    let ann_ranking = store::ranking_of(&mut tx, &w.programme, &ann)
        .await
        .unwrap();
    assert_eq!(ann_ranking.len(), 2);
    assert_eq!(ann_ranking[0].needs, "Step-free access");

    let visits = [
        (ann.clone(), 1, lab.clone()),
        (ann.clone(), 2, ward.clone()),
        (bob.clone(), 1, ward.clone()),
        (bob.clone(), 2, lab.clone()),
    ];
    store::replace_visits(&mut tx, &w.programme, &visits, 10, 10)
        .await
        .unwrap();
    assert!(store::publish(&mut tx, &w.programme).await.unwrap());
    assert!(
        !store::publish(&mut tx, &other).await.unwrap(),
        "no plan, nothing to publish"
    );
    // A new allocation replaces the old and is unpublished.
    store::replace_visits(&mut tx, &w.programme, &visits[..2], 5, 4)
        .await
        .unwrap();
    let plan = store::plan(&mut tx, &w.programme).await.unwrap().unwrap();
    assert_eq!(
        (plan.objective, plan.bound, plan.published_at),
        (Some(5), Some(4), None)
    );
    assert_eq!(store::visits(&mut tx, &w.programme).await.unwrap().len(), 2);
    assert!(
        store::visits_of(&mut tx, &w.programme, &bob)
            .await
            .unwrap()
            .is_empty()
    );
    let at_ward = store::visitors_of(&mut tx, &ward).await.unwrap();
    assert_eq!(at_ward.len(), 1);
    assert_eq!(
        (
            at_ward[0].person_name.as_str(),
            at_ward[0].needs.as_str(),
            at_ward[0].slot
        ),
        ("ann", "Step-free access", 2)
    );
    tx.commit().await.unwrap();
}
