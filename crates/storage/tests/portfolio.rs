//! The CPD portfolio's storage (issue 16) on SQLite and PostgreSQL alike: what a person may tag
//! is only their own entries and actions and the sessions they were present at; evidence is
//! read and removed only by its author; deleting a diary entry deletes its evidence; a tenant's
//! frameworks are its own and one in use cannot be removed.
#![allow(clippy::unwrap_used)]

mod common;

use common::{cohort, world};
use revans_domain::{EmailAddress, Id, OrganisationName, PersonName, Session};
use revans_storage::portfolio::{self as store, NewEvidence};
use revans_storage::testing::TestDatabase;
use revans_storage::{completion, diaries, meetings, organisations, people, set_content, sets};

async fn person(conn: &mut revans_storage::Conn, org: &Id, email: &str) -> Id {
    people::insert(
        conn,
        org,
        &EmailAddress::parse(email).unwrap(),
        &PersonName::parse("Someone").unwrap(),
    )
    .await
    .unwrap()
}

async fn entry(conn: &mut revans_storage::Conn, author: &Id, body: &str) -> Id {
    diaries::insert(
        conn,
        &diaries::NewEntry {
            author_id: author,
            kind: "diary",
            set_id: None,
            meeting_id: None,
            problem_id: None,
            sharing: "private",
            body,
        },
    )
    .await
    .unwrap()
}

fn evidence<'a>(
    person: &'a Id,
    kind: &'a str,
    item: &'a str,
    ordinal: i64,
    dims: &'a [String],
) -> NewEvidence<'a> {
    NewEvidence {
        person,
        framework: "healthcare-leadership-model",
        kind,
        item_id: item,
        ordinal,
        note: "a note",
        dimensions: dims,
    }
}

#[tokio::test]
async fn only_the_authors_own_items_and_attended_sessions_can_be_tagged_and_read() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Spring", 10).await;
    let mut conn = w.store.conn().await.unwrap();
    let pat = person(&mut conn, &w.trust, "pat@trust.example").await;
    let bo = person(&mut conn, &w.trust, "bo@trust.example").await;
    let mine = entry(&mut conn, &pat, "My own reflection").await;
    let theirs = entry(&mut conn, &bo, "Bo's private reflection").await;
    let set = sets::insert(
        &mut conn,
        &sets::NewSet {
            cohort_id: &c,
            name: "Set 1",
            position: 1,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    let now = revans_storage::now_ms();
    meetings::insert_many(
        &mut conn,
        &set,
        &[Session {
            starts_at: now - 86_400_000,
            ends_at: now - 86_400_000 + 7_200_000,
        }],
    )
    .await
    .unwrap();
    let meeting = meetings::list_for_set(&mut conn, &set)
        .await
        .unwrap()
        .remove(0);
    let new_action = |owner| set_content::NewAction {
        set_id: &set,
        meeting_id: &meeting.id,
        owner_id: owner,
        description: "Talk to the ward",
        due_on: "2031-12-01",
    };
    let my_action = set_content::insert_action(&mut conn, &new_action(&pat))
        .await
        .unwrap();
    let their_action = set_content::insert_action(&mut conn, &new_action(&bo))
        .await
        .unwrap();
    // Pat was at session 1 and missed session 2; Bo was at both. Pat was at the meeting.
    completion::record_session_attendance(
        &mut conn,
        &c,
        1,
        &[(pat.clone(), true), (bo.clone(), true)],
        &bo,
    )
    .await
    .unwrap();
    completion::record_session_attendance(
        &mut conn,
        &c,
        2,
        &[(pat.clone(), false), (bo.clone(), true)],
        &bo,
    )
    .await
    .unwrap();
    meetings::record_attendance(
        &mut conn,
        &meeting.id,
        &bo,
        &[(pat.clone(), "present"), (bo.clone(), "absent")],
    )
    .await
    .unwrap();

    let items = store::items_of(&mut conn, &pat).await.unwrap();
    let mut seen: Vec<(String, String, i64)> = items
        .iter()
        .map(|i| (i.kind.clone(), i.item_id.clone(), i.ordinal))
        .collect();
    seen.sort();
    let mut want = vec![
        ("action".to_owned(), my_action.to_string(), 0),
        ("cohort_session".to_owned(), c.to_string(), 1),
        ("diary_entry".to_owned(), mine.to_string(), 0),
        ("set_meeting".to_owned(), meeting.id.to_string(), 0),
    ];
    want.sort();
    assert_eq!(seen, want, "only Pat's own items and attended sessions");
    assert!(!items.iter().any(|i| i.title.contains("Bo's private")));

    // Someone else's entry and action, a missed session, a meeting Bo missed: nothing.
    for (who, kind, id, ordinal) in [
        (&pat, "diary_entry", theirs.to_string(), 0),
        (&pat, "action", their_action.to_string(), 0),
        (&pat, "cohort_session", c.to_string(), 2),
        (&bo, "set_meeting", meeting.id.to_string(), 0),
        (
            &pat,
            "diary_entry",
            "00000000-0000-0000-0000-000000000000".into(),
            0,
        ),
    ] {
        assert_eq!(
            store::item_of(&mut conn, who, kind, &id, ordinal)
                .await
                .unwrap(),
            None,
            "{kind} {ordinal}"
        );
    }
    let found = store::item_of(&mut conn, &pat, "diary_entry", mine.as_str(), 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.title, "My own reflection");

    // Evidence: one row per dimension, only for its author; Bo cannot remove Pat's.
    let dims = vec![
        "leading-with-care".to_owned(),
        "engaging-the-team".to_owned(),
    ];
    let e1 = store::insert_evidence(
        &mut conn,
        &evidence(&pat, "diary_entry", mine.as_str(), 0, &dims),
    )
    .await
    .unwrap();
    let one = vec!["holding-to-account".to_owned()];
    store::insert_evidence(
        &mut conn,
        &evidence(&pat, "cohort_session", c.as_str(), 1, &one),
    )
    .await
    .unwrap();
    store::insert_evidence(
        &mut conn,
        &evidence(&pat, "action", my_action.as_str(), 0, &one),
    )
    .await
    .unwrap();
    let rows = store::evidence_of(&mut conn, &pat).await.unwrap();
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .any(|r| r.kind == "cohort_session" && r.ordinal == 1)
    );
    assert!(store::evidence_of(&mut conn, &bo).await.unwrap().is_empty());
    assert!(
        !store::delete_evidence(&mut conn, &bo, e1.as_str())
            .await
            .unwrap()
    );
    assert_eq!(store::evidence_of(&mut conn, &pat).await.unwrap().len(), 4);

    // Deleting the diary entry deletes its evidence and its dimensions (the cascade).
    sqlx::query("DELETE FROM diary_entries WHERE id = $1")
        .bind(mine.as_str())
        .execute(&mut *conn)
        .await
        .unwrap();
    let rows = store::evidence_of(&mut conn, &pat).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.kind != "diary_entry"));
    let (left,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM portfolio_evidence_dimensions WHERE evidence_id = $1")
            .bind(e1.as_str())
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(left, 0);
    let (rows_left,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM portfolio_evidence WHERE id = $1")
            .bind(e1.as_str())
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(rows_left, 0);
}

#[tokio::test]
async fn a_tenants_frameworks_are_its_own_and_one_in_use_stays() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut conn = w.store.conn().await.unwrap();
    let other = organisations::insert(
        &mut conn,
        &OrganisationName::parse("Elsewhere").unwrap(),
        None,
    )
    .await
    .unwrap()
    .id;
    let lead = person(&mut conn, &w.ics, "lead@ics.example").await;
    let f = store::insert_framework(
        &mut conn,
        &w.ics,
        "hcpc",
        "HCPC standards",
        "id = \"hcpc\"",
        &lead,
    )
    .await
    .unwrap();
    assert!(store::key_taken(&mut conn, &w.ics, "hcpc").await.unwrap());
    assert!(!store::key_taken(&mut conn, &other, "hcpc").await.unwrap());
    assert_eq!(
        store::frameworks_of(&mut conn, &w.ics).await.unwrap().len(),
        1
    );
    assert!(
        store::frameworks_of(&mut conn, &other)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store::framework_of(&mut conn, &other, f.as_str())
            .await
            .unwrap(),
        None
    );
    assert!(
        !store::delete_unused_framework(&mut conn, &other, f.as_str())
            .await
            .unwrap()
    );

    let pat = person(&mut conn, &w.trust, "pat@trust.example").await;
    let e = entry(&mut conn, &pat, "Evidence").await;
    let dims = vec!["one".to_owned()];
    let ev = store::insert_evidence(
        &mut conn,
        &NewEvidence {
            framework: f.as_str(),
            ..evidence(&pat, "diary_entry", e.as_str(), 0, &dims)
        },
    )
    .await
    .unwrap();
    assert_eq!(
        store::frameworks_of(&mut conn, &w.ics).await.unwrap()[0].in_use,
        1
    );
    assert!(
        !store::delete_unused_framework(&mut conn, &w.ics, f.as_str())
            .await
            .unwrap()
    );
    assert!(
        store::delete_evidence(&mut conn, &pat, ev.as_str())
            .await
            .unwrap()
    );
    assert!(
        store::delete_unused_framework(&mut conn, &w.ics, f.as_str())
            .await
            .unwrap()
    );
    assert!(
        store::frameworks_of(&mut conn, &w.ics)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_holders_certificates_are_listed_with_revoked_ones_marked() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Spring", 10).await;
    let mut conn = w.store.conn().await.unwrap();
    let pat = person(&mut conn, &w.trust, "pat@trust.example").await;
    let bo = person(&mut conn, &w.trust, "bo@trust.example").await;
    for (id, code, who, revoked) in [
        ("c1", "CODE-PAT", &pat, None),
        ("c2", "CODE-BO", &bo, Some(5_i64)),
    ] {
        sqlx::query(
            "INSERT INTO certificates (id, code, person_id, cohort_id, holder_name, tenant_name, \
             programme_title, cohort_name, starts_on, ends_on, completed_on, cpd_minutes, \
             outcomes, by_exception, issued_at, revoked_at) VALUES ($1, $2, $3, $4, 'X', 'T', \
             'Leading', 'Spring', '2031-11-01', '2031-11-02', '2031-11-02', 420, '[]', FALSE, 1, $5)",
        )
        .bind(id)
        .bind(code)
        .bind(who.as_str())
        .bind(c.as_str())
        .bind(revoked)
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    let mine = store::certificates_of(&mut conn, &pat).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].code, "CODE-PAT");
    assert_eq!(mine[0].cpd_minutes, 420);
    assert_eq!(mine[0].revoked_at, None);
    let theirs = store::certificates_of(&mut conn, &bo).await.unwrap();
    assert_eq!(theirs[0].revoked_at, Some(5));
}
