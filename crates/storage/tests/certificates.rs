//! Certificates (issue 16) on SQLite and PostgreSQL alike: one per person and cohort even when
//! two issuers race, read by code, holder and cohort, and revoked only once.
#![allow(clippy::unwrap_used)]

mod common;

use common::{cohort, world};
use revans_domain::{EmailAddress, Id, PersonName};
use revans_storage::certificates::{self as store, NewCertificate};
use revans_storage::people;
use revans_storage::testing::TestDatabase;

fn new<'a>(code: &'a str, person: &'a Id, cohort: &'a Id, name: &'a str) -> NewCertificate<'a> {
    NewCertificate {
        code,
        person_id: person,
        cohort_id: cohort,
        holder_name: name,
        tenant_name: "North Coast",
        programme_title: "Circles Train the Trainer",
        cohort_name: "November",
        starts_on: "2031-11-01",
        ends_on: "2031-11-02",
        completed_on: "2031-11-02",
        cpd_minutes: 420,
        outcomes: &[],
        by_exception: false,
        issued_at: 1_000,
        issued_by: None,
    }
}

async fn person(store: &revans_storage::Store, org: &Id, name: &str) -> Id {
    let mut conn = store.conn().await.unwrap();
    let email = format!("{}@trust.example", name.to_lowercase().replace(' ', "."));
    people::insert(
        &mut conn,
        org,
        &EmailAddress::parse(&email).unwrap(),
        &PersonName::parse(name).unwrap(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn one_certificate_per_person_and_cohort_read_every_way() {
    let (_db, s) = TestDatabase::store().await;
    let w = world(s).await;
    let november = cohort(&w, "November", 10).await;
    let december = cohort(&w, "December", 10).await;
    let ada = person(&w.store, &w.trust, "Ada Byron").await;
    let bob = person(&w.store, &w.trust, "Bob Ayers").await;
    let mut conn = w.store.conn().await.unwrap();
    let outcomes = vec!["Facilitate a circle".to_owned(), "Say \"why\"".to_owned()];
    let mut first = new("AAAA-0001", &ada, &november, "Ada Byron");
    first.outcomes = &outcomes;
    let id = store::insert(&mut conn, &first).await.unwrap().unwrap();
    // A second for the same person and cohort is not made, whatever its code.
    assert_eq!(
        store::insert(&mut conn, &new("AAAA-0002", &ada, &november, "Ada Byron"))
            .await
            .unwrap(),
        None
    );
    store::insert(&mut conn, &new("AAAA-0003", &ada, &december, "Ada Byron"))
        .await
        .unwrap()
        .unwrap();
    store::insert(&mut conn, &new("AAAA-0004", &bob, &november, "Bob Ayers"))
        .await
        .unwrap()
        .unwrap();

    let got = store::by_code(&mut conn, "AAAA-0001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got.id, id.as_str());
    assert_eq!(got.outcome_list(), outcomes);
    assert_eq!(got.cpd_minutes, 420);
    assert!(!got.by_exception && !got.is_revoked());
    assert_eq!(store::by_code(&mut conn, "AAAA-0002").await.unwrap(), None);
    assert_eq!(store::get(&mut conn, &id).await.unwrap().unwrap(), got);
    assert_eq!(store::for_person(&mut conn, &ada).await.unwrap().len(), 2);
    let names: Vec<String> = store::for_cohort(&mut conn, &november)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.holder_name)
        .collect();
    assert_eq!(names, ["Ada Byron", "Bob Ayers"]);
}

#[tokio::test]
async fn a_certificate_is_revoked_once() {
    let (_db, s) = TestDatabase::store().await;
    let w = world(s).await;
    let november = cohort(&w, "November", 10).await;
    let ada = person(&w.store, &w.trust, "Ada Byron").await;
    let lead = person(&w.store, &w.ics, "Lee Lead").await;
    let mut conn = w.store.conn().await.unwrap();
    let id = store::insert(&mut conn, &new("BBBB-0001", &ada, &november, "Ada Byron"))
        .await
        .unwrap()
        .unwrap();
    assert!(
        store::revoke(&mut conn, &id, &lead, "Issued in error", 5_000)
            .await
            .unwrap()
    );
    assert!(
        !store::revoke(&mut conn, &id, &lead, "Again", 6_000)
            .await
            .unwrap()
    );
    let got = store::get(&mut conn, &id).await.unwrap().unwrap();
    assert_eq!(got.revoked_at, Some(5_000));
    assert_eq!(got.revoked_by.as_deref(), Some(lead.as_str()));
    assert_eq!(got.revoked_reason.as_deref(), Some("Issued in error"));
}

#[tokio::test]
async fn two_issuers_racing_make_one_certificate() {
    let (_db, s) = TestDatabase::store().await;
    let w = world(s).await;
    let november = cohort(&w, "November", 10).await;
    let ada = person(&w.store, &w.trust, "Ada Byron").await;
    let issue = |code: &'static str| {
        let store = w.store.clone();
        let ada = ada.clone();
        let november = november.clone();
        async move {
            let mut tx = store.begin().await.unwrap();
            let made = store::insert(&mut tx, &new(code, &ada, &november, "Ada Byron"))
                .await
                .unwrap();
            revans_storage::commit(tx).await.unwrap();
            made
        }
    };
    let (a, b) = tokio::join!(issue("CCCC-0001"), issue("CCCC-0002"));
    assert_eq!(
        usize::from(a.is_some()) + usize::from(b.is_some()),
        1,
        "{a:?} {b:?}"
    );
    let mut conn = w.store.conn().await.unwrap();
    assert_eq!(
        store::for_cohort(&mut conn, &november).await.unwrap().len(),
        1
    );
}
