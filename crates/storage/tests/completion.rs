//! Completion and CPD facts (issue 16) on SQLite and PostgreSQL alike: a cohort's sessions,
//! accepted participants, attendance marks (replaced, not duplicated), the lead's exceptions,
//! and the minutes of set meetings and support circles attended, for a cohort and a person.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_domain::{
    ApplicationState, Capacity, CompletionRule, EmailAddress, Id, PersonName, Schedule, Session,
};
use revans_storage::applications::{self, NewApplication};
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::cohorts::{self, NewCohort};
use revans_storage::completion::{
    self, clear_exception, cohort_facts, person_facts, record_session_attendance, set_exception,
};
use revans_storage::sets::{self, NewMember, NewSet};
use revans_storage::testing::TestDatabase;
use revans_storage::{Conn, circle_bookings, meetings, now_ms, people};

const MINUTE: i64 = 60_000;
const DAY: i64 = 86_400_000;

async fn person(conn: &mut Conn, org: &Id, email: &str, name: &str) -> Id {
    people::insert(
        conn,
        org,
        &EmailAddress::parse(email).unwrap(),
        &PersonName::parse(name).unwrap(),
    )
    .await
    .unwrap()
}

async fn place(conn: &mut Conn, programme: &Id, cohort: &Id, person: &Id, org: &Id, accept: bool) {
    let id = applications::insert(
        conn,
        &NewApplication {
            programme_id: programme,
            person_id: person,
            organisation_id: org,
            state: ApplicationState::Approved,
            answers: &[],
            confirmed_statements: true,
            preferences: std::slice::from_ref(cohort),
            nominated_by: None,
        },
    )
    .await
    .unwrap();
    applications::offer(
        conn,
        &id,
        ApplicationState::Approved,
        cohort,
        now_ms() + DAY,
    )
    .await
    .unwrap();
    if accept {
        applications::accept(conn, &id).await.unwrap();
    }
}

fn circle(org: &Id, cohort: Option<&Id>, starts: i64, minutes: i64) -> CircleFields {
    CircleFields {
        organisation_id: org.clone(),
        cohort_id: cohort.cloned(),
        title: "Burnout circle".into(),
        description: "A circle.".into(),
        topics: vec!["burnout".into()],
        min_places: 2,
        max_places: 10,
        delivery_mode: "virtual".into(),
        delivery_detail: "https://meet.example/c".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![CircleSession {
            starts_at: starts,
            ends_at: starts + minutes * MINUTE,
        }],
        facilitators: vec![],
    }
}

#[tokio::test]
async fn facts_for_a_cohort_and_a_person_count_marks_meetings_and_circles() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let now = now_ms();
    let mut tx = w.store.begin().await.unwrap();
    // Two sessions held (120 and 90 minutes), one to come.
    let schedule = Schedule::from_stored(
        "Europe/London".into(),
        vec![
            Session {
                starts_at: now - 10 * DAY,
                ends_at: now - 10 * DAY + 120 * MINUTE,
            },
            Session {
                starts_at: now - 3 * DAY,
                ends_at: now - 3 * DAY + 90 * MINUTE,
            },
            Session {
                starts_at: now + 5 * DAY,
                ends_at: now + 5 * DAY + 120 * MINUTE,
            },
        ],
    );
    let cohort = cohorts::insert(
        &mut tx,
        &NewCohort {
            programme_id: &w.programme,
            name: "Winter",
            capacity: Capacity::new(10).unwrap(),
            opens_at: now - 30 * DAY,
            closes_at: now - 20 * DAY,
            schedule: &schedule,
            schedule_kind: "explicit",
            schedule_spec: "{}",
            completion: CompletionRule::AtLeast(2),
        },
    )
    .await
    .unwrap();
    let lead = person(&mut tx, &w.ics, "lead@ics.example", "Lena Lead").await;
    let pat = person(&mut tx, &w.trust, "pat@trust.example", "Pat Person").await;
    let bo = person(&mut tx, &w.trust, "bo@trust.example", "Bo Body").await;
    let offered = person(&mut tx, &w.trust, "off@trust.example", "Olly Offered").await;
    place(&mut tx, &w.programme, &cohort, &pat, &w.trust, true).await;
    place(&mut tx, &w.programme, &cohort, &bo, &w.trust, true).await;
    // Offered but not accepted: not a participant.
    place(&mut tx, &w.programme, &cohort, &offered, &w.trust, false).await;

    // The register of session 1, then corrected: Bo was there after all.
    record_session_attendance(
        &mut tx,
        &cohort,
        1,
        &[(pat.clone(), true), (bo.clone(), false)],
        &lead,
    )
    .await
    .unwrap();
    record_session_attendance(&mut tx, &cohort, 1, &[(bo.clone(), true)], &lead)
        .await
        .unwrap();
    record_session_attendance(
        &mut tx,
        &cohort,
        2,
        &[(pat.clone(), true), (bo.clone(), false)],
        &lead,
    )
    .await
    .unwrap();

    // A set meeting attended (60 minutes), one missed, one cancelled though marked present.
    let set = sets::insert(
        &mut tx,
        &NewSet {
            cohort_id: &cohort,
            name: "Set A",
            position: 0,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    sets::add_member(
        &mut tx,
        &NewMember {
            set_id: &set,
            person_id: &pat,
            unit_key: pat.as_str(),
            rota_position: 0,
            locked: false,
            joined_at: now - 20 * DAY,
        },
    )
    .await
    .unwrap();
    let slot = |days: i64, minutes: i64| Session {
        starts_at: now - days * DAY,
        ends_at: now - days * DAY + minutes * MINUTE,
    };
    meetings::insert_many(&mut tx, &set, &[slot(9, 60), slot(8, 60), slot(7, 60)])
        .await
        .unwrap();
    let held = meetings::list_for_set(&mut tx, &set).await.unwrap();
    meetings::record_attendance(&mut tx, &held[0].id, &lead, &[(pat.clone(), "present")])
        .await
        .unwrap();
    meetings::record_attendance(&mut tx, &held[1].id, &lead, &[(pat.clone(), "absent")])
        .await
        .unwrap();
    meetings::record_attendance(&mut tx, &held[2].id, &lead, &[(pat.clone(), "present")])
        .await
        .unwrap();
    sqlx::query("UPDATE meetings SET status = 'cancelled' WHERE id = $1")
        .bind(held[2].id.as_str())
        .execute(&mut *tx)
        .await
        .unwrap();

    // A circle of the cohort (45 minutes) and one standing alone (30 minutes), both attended.
    let inside = circles::insert(
        &mut tx,
        &w.ics,
        &circle(&w.ics, Some(&cohort), now - 2 * DAY, 45),
        "published",
        None,
    )
    .await
    .unwrap();
    let alone = circles::insert(
        &mut tx,
        &w.ics,
        &circle(&w.ics, None, now - DAY, 30),
        "published",
        None,
    )
    .await
    .unwrap();
    circle_bookings::record_attendance(&mut tx, &inside, 1, pat.as_str(), true, &lead)
        .await
        .unwrap();
    circle_bookings::record_attendance(&mut tx, &alone, 1, pat.as_str(), true, &lead)
        .await
        .unwrap();
    circle_bookings::record_attendance(&mut tx, &alone, 1, bo.as_str(), false, &lead)
        .await
        .unwrap();

    // An exception for Bo, its reason replaced, then removed and recorded again.
    set_exception(&mut tx, &cohort, &bo, "Make-up day", &lead)
        .await
        .unwrap();
    set_exception(&mut tx, &cohort, &bo, "Make-up day in March", &lead)
        .await
        .unwrap();
    assert!(clear_exception(&mut tx, &cohort, &bo).await.unwrap());
    assert!(!clear_exception(&mut tx, &cohort, &bo).await.unwrap());
    set_exception(
        &mut tx,
        &cohort,
        &bo,
        "Attended the March make-up day",
        &lead,
    )
    .await
    .unwrap();
    revans_storage::commit(tx).await.unwrap();

    let mut conn = w.store.conn().await.unwrap();
    let facts = cohort_facts(&mut conn, &cohort).await.unwrap();
    assert_eq!(
        facts.sessions.iter().map(|s| s.ordinal).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(
        facts.sessions[1].ends_at - facts.sessions[1].starts_at,
        90 * MINUTE
    );
    let names: Vec<&str> = facts.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Bo Body", "Pat Person"],
        "only accepted places, by name"
    );
    let mut marks: Vec<(i64, &str, bool)> = facts
        .marks
        .iter()
        .map(|m| (m.ordinal, m.person_id.as_str(), m.present))
        .collect();
    marks.sort();
    let mut expected = vec![
        (1, bo.as_str(), true),
        (1, pat.as_str(), true),
        (2, bo.as_str(), false),
        (2, pat.as_str(), true),
    ];
    expected.sort();
    assert_eq!(marks, expected, "a corrected mark replaces the first");
    assert_eq!(facts.exceptions.len(), 1);
    assert_eq!(facts.exceptions[0].reason, "Attended the March make-up day");
    assert_eq!(facts.exceptions[0].person_id, bo.as_str());
    let minutes = |rows: &[completion::MinutesRow]| {
        rows.iter()
            .map(|r| (r.cohort_id.clone(), r.person_id.clone(), r.minutes))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        minutes(&facts.meetings),
        [(cohort.to_string(), pat.to_string(), 60)],
        "only meetings attended and not cancelled"
    );
    assert_eq!(
        minutes(&facts.circles),
        [(cohort.to_string(), pat.to_string(), 45)],
        "only the cohort's own circles"
    );

    let mine = person_facts(&mut conn, &pat).await.unwrap();
    assert_eq!(mine.cohorts.len(), 1);
    assert_eq!(mine.cohorts[0].cohort_name, "Winter");
    assert_eq!(mine.cohorts[0].completion_rule, "at_least");
    assert_eq!(mine.cohorts[0].completion_minimum, Some(2));
    assert_eq!(mine.cohorts[0].cpd_minutes, 420);
    assert_eq!(mine.sessions.len(), 3);
    assert_eq!(mine.marks.len(), 2, "Pat's own marks only");
    assert!(mine.marks.iter().all(|m| m.person_id == pat.as_str()));
    assert!(mine.exceptions.is_empty(), "Bo's exception is not Pat's");
    assert_eq!(
        minutes(&mine.meetings),
        [(cohort.to_string(), pat.to_string(), 60)]
    );
    let mut circles_of_pat = minutes(&mine.circles);
    circles_of_pat.sort();
    let mut expected = vec![
        (String::new(), pat.to_string(), 30),
        (cohort.to_string(), pat.to_string(), 45),
    ];
    expected.sort();
    assert_eq!(
        circles_of_pat, expected,
        "a circle standing alone has no cohort"
    );

    // Someone offered a place but not accepted has no cohort to count.
    let theirs = person_facts(&mut conn, &offered).await.unwrap();
    assert!(theirs.cohorts.is_empty() && theirs.sessions.is_empty());
    let bos = person_facts(&mut conn, &bo).await.unwrap();
    assert_eq!(bos.exceptions.len(), 1);
    assert!(bos.circles.is_empty(), "absent from the circle: no minutes");
}

#[tokio::test]
async fn a_mark_needs_a_session_of_the_cohort() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let cohort = common::cohort(&w, "Spring", 10).await;
    let mut conn = w.store.conn().await.unwrap();
    let pat = person(&mut conn, &w.trust, "pat@trust.example", "Pat Person").await;
    place(&mut conn, &w.programme, &cohort, &pat, &w.trust, true).await;
    record_session_attendance(&mut conn, &cohort, 2, &[(pat.clone(), true)], &pat)
        .await
        .unwrap();
    // The cohort has two sessions: a mark for a ninth is refused by the database.
    let bad = record_session_attendance(&mut conn, &cohort, 9, &[(pat.clone(), true)], &pat).await;
    assert!(bad.is_err(), "no session 9");
    let facts = cohort_facts(&mut conn, &cohort).await.unwrap();
    assert_eq!(facts.marks.len(), 1);
    assert_eq!(facts.marks[0].ordinal, 2);
}
