//! Keyset pages of the lists that grow (people, the audit log, a person's applications), on
//! SQLite and PostgreSQL alike (`REVANS_TEST_DATABASE_URL=postgres://...` switches backend):
//! every row of the tree once, in order, whatever the page size, and nothing from elsewhere.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;

use revans_domain::{ApplicationState, EmailAddress, Id, OrganisationName, PersonName};
use revans_storage::applications::{self, NewApplication};
use revans_storage::audit::{self, NewAuditEntry};
use revans_storage::diaries::{self, NewEntry};
use revans_storage::testing::TestDatabase;
use revans_storage::{organisations, people, programmes};

fn person(n: usize) -> (EmailAddress, PersonName) {
    (
        EmailAddress::parse(&format!("p{n}@trust.example")).unwrap(),
        PersonName::parse(&format!("Person {n}")).unwrap(),
    )
}

#[tokio::test]
async fn people_and_the_audit_log_come_a_page_at_a_time_in_order() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut tx = w.store.begin().await.unwrap();
    let elsewhere = organisations::insert(
        &mut tx,
        &OrganisationName::parse("Elsewhere").unwrap(),
        None,
    )
    .await
    .unwrap()
    .id;
    let mut ours = Vec::new();
    for n in 0..7 {
        let org = if n % 2 == 0 { &w.ics } else { &w.trust };
        let (email, name) = person(n);
        ours.push(people::insert(&mut tx, org, &email, &name).await.unwrap());
        // Entries recorded within the same millisecond too: the id breaks the tie.
        audit::record(
            &mut tx,
            NewAuditEntry {
                actor_id: None,
                actor_name: "Test",
                action: "test.recorded",
                subject_type: "person",
                subject_id: "x",
                detail: &format!("entry {n}"),
                ip: "",
                organisation_id: Some(org),
            },
        )
        .await
        .unwrap();
    }
    let (email, name) = person(99);
    people::insert(&mut tx, &elsewhere, &email, &name)
        .await
        .unwrap();
    audit::record(
        &mut tx,
        NewAuditEntry {
            actor_id: None,
            actor_name: "Test",
            action: "test.recorded",
            subject_type: "person",
            subject_id: "x",
            detail: "elsewhere",
            ip: "",
            organisation_id: Some(&elsewhere),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut conn = w.store.conn().await.unwrap();
    for size in [1, 3, 7, 50] {
        let mut seen: Vec<Id> = Vec::new();
        loop {
            let page = people::page_in_tree(&mut conn, &w.ics, seen.last(), size)
                .await
                .unwrap();
            assert!(page.len() <= size as usize);
            let done = page.len() < size as usize;
            seen.extend(page.into_iter().map(|p| p.id));
            if done {
                break;
            }
        }
        let mut expected = ours.clone();
        expected.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        assert_eq!(seen, expected, "people in pages of {size}");

        let mut entries: Vec<(i64, String)> = Vec::new();
        loop {
            let before = entries.last().map(|(at, id)| (*at, id.as_str()));
            let page = audit::page_in_tree(&mut conn, &w.ics, before, size)
                .await
                .unwrap();
            let done = page.len() < size as usize;
            entries.extend(page.into_iter().map(|e| (e.at, e.id)));
            if done {
                break;
            }
        }
        assert_eq!(entries.len(), 7, "the tree's entries only, pages of {size}");
        let mut newest_first = entries.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(entries, newest_first, "newest first, pages of {size}");
    }
    // From a child organisation: only its own people.
    let trust = people::page_in_tree(&mut conn, &w.trust, None, 100)
        .await
        .unwrap();
    assert_eq!(trust.len(), 3);
}

#[tokio::test]
async fn a_persons_applications_come_newest_first_a_page_at_a_time() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut tx = w.store.begin().await.unwrap();
    let (email, name) = person(1);
    let me = people::insert(&mut tx, &w.trust, &email, &name)
        .await
        .unwrap();
    let (email, name) = person(2);
    let someone = people::insert(&mut tx, &w.trust, &email, &name)
        .await
        .unwrap();
    let mut mine = Vec::new();
    for n in 0..5 {
        let programme =
            programmes::insert(&mut tx, &w.ics, &common::fields(&format!("Programme {n}")))
                .await
                .unwrap();
        for who in [&me, &someone] {
            let id = applications::insert(
                &mut tx,
                &NewApplication {
                    programme_id: &programme,
                    person_id: who,
                    organisation_id: &w.trust,
                    state: ApplicationState::Submitted,
                    answers: &["Because".into()],
                    confirmed_statements: true,
                    preferences: &[],
                    nominated_by: None,
                },
            )
            .await
            .unwrap();
            if who == &me {
                mine.push(id);
            }
        }
    }
    tx.commit().await.unwrap();
    let mut conn = w.store.conn().await.unwrap();
    let mut seen: Vec<Id> = Vec::new();
    loop {
        let page = applications::page_for_person(&mut conn, &me, seen.last(), 2)
            .await
            .unwrap();
        assert!(page.iter().all(|a| a.person_id == me));
        let done = page.len() < 2;
        seen.extend(page.into_iter().map(|a| a.id));
        if done {
            break;
        }
    }
    mine.reverse();
    assert_eq!(seen, mine, "newest first, each once");
}

#[tokio::test]
async fn an_authors_diary_comes_newest_first_a_page_at_a_time() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut tx = w.store.begin().await.unwrap();
    let mut authors = Vec::new();
    for n in 1..=2 {
        let (email, name) = person(n);
        authors.push(
            people::insert(&mut tx, &w.trust, &email, &name)
                .await
                .unwrap(),
        );
    }
    let mut mine = Vec::new();
    for n in 0..5 {
        for author in &authors {
            let id = diaries::insert(
                &mut tx,
                &NewEntry {
                    author_id: author,
                    kind: "diary",
                    set_id: None,
                    meeting_id: None,
                    problem_id: None,
                    sharing: "private",
                    body: &format!("Entry {n}"),
                },
            )
            .await
            .unwrap();
            if author == &authors[0] {
                mine.push(id);
            }
        }
    }
    tx.commit().await.unwrap();
    let mut conn = w.store.conn().await.unwrap();
    let mut seen: Vec<(i64, Id)> = Vec::new();
    loop {
        let before = seen.last().map(|(at, id)| (*at, id.as_str()));
        let page = diaries::by_author_page(&mut conn, &authors[0], before, 2)
            .await
            .unwrap();
        let done = page.len() < 2;
        seen.extend(page.into_iter().map(|e| (e.created_at, e.id)));
        if done {
            break;
        }
    }
    mine.reverse();
    assert_eq!(
        seen.into_iter().map(|(_, id)| id).collect::<Vec<_>>(),
        mine,
        "newest first, each once, the author's only"
    );
    let shared = diaries::shared_with_page(&mut conn, &authors[1], None, 100)
        .await
        .unwrap();
    assert!(shared.is_empty(), "private entries are shared with nobody");
}
