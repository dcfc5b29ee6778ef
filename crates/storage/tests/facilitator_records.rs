//! Facilitator records (issue 15) on SQLite and PostgreSQL alike: a profile saved twice is one
//! row, qualifications belong to their holder, an award for completing a cohort lands once,
//! supervised hours add logged sessions and supervision-group meetings attended, and mentor
//! candidates come from earlier cohorts with their attendance.
#![allow(clippy::unwrap_used)]

mod common;

use common::{World, cohort, world};
use revans_domain::{Capacity, CompletionRule, EmailAddress, Id, PersonName, Schedule, Session};
use revans_storage::cohorts::{self, NewCohort};
use revans_storage::facilitator_profiles::{self as profiles, QualificationFields};
use revans_storage::sets::{self, NewMember, NewSet};
use revans_storage::supervision_log::{self, NewSession};
use revans_storage::testing::TestDatabase;
use revans_storage::{meetings, mentors, now_ms, people};

async fn person(w: &World, name: &str) -> Id {
    let mut conn = w.store.conn().await.unwrap();
    people::insert(
        &mut conn,
        &w.trust,
        &EmailAddress::parse(&format!("{name}@trust.example")).unwrap(),
        &PersonName::parse(name).unwrap(),
    )
    .await
    .unwrap()
}

/// A set in the cohort with these members and one facilitator, and two meetings of an hour.
async fn set_with_meetings(w: &World, cohort: &Id, members: &[&Id], facilitator: &Id) -> Id {
    let mut tx = w.store.begin().await.unwrap();
    let set = sets::insert(
        &mut tx,
        &NewSet {
            cohort_id: cohort,
            name: "Set A",
            position: 0,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    for who in members {
        sets::add_member(
            &mut tx,
            &NewMember {
                set_id: &set,
                person_id: who,
                unit_key: who.as_str(),
                rota_position: 0,
                locked: false,
                joined_at: 0,
            },
        )
        .await
        .unwrap();
    }
    sets::replace_facilitators(&mut tx, &set, std::slice::from_ref(facilitator))
        .await
        .unwrap();
    let hour = 3_600_000;
    meetings::insert_many(
        &mut tx,
        &set,
        &[
            Session {
                starts_at: 10 * hour,
                ends_at: 11 * hour,
            },
            Session {
                starts_at: 20 * hour,
                ends_at: 21 * hour,
            },
        ],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    set
}

async fn attend(w: &World, set: &Id, index: usize, records: &[(&Id, &str)], by: &Id) {
    let mut tx = w.store.begin().await.unwrap();
    let list = meetings::list_for_set(&mut tx, set).await.unwrap();
    let records: Vec<(Id, &str)> = records.iter().map(|(p, s)| ((*p).clone(), *s)).collect();
    meetings::record_attendance(&mut tx, &list[index].id, by, &records)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_profile_and_its_qualifications_belong_to_their_holder() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let fay = person(&w, "fay").await;
    let sam = person(&w, "sam").await;
    let mut conn = w.store.conn().await.unwrap();
    assert_eq!(
        profiles::region_of(&mut conn, &w.trust).await.unwrap(),
        Some(w.ics.clone())
    );
    assert!(
        profiles::person_in_tree(&mut conn, &w.ics, &fay)
            .await
            .unwrap()
    );
    assert!(
        !profiles::person_in_tree(&mut conn, &w.trust, &w.ics)
            .await
            .unwrap()
    );

    assert_eq!(profiles::get(&mut conn, &fay).await.unwrap(), None);
    profiles::save(&mut conn, &fay, 2, "somewhat", "en", "")
        .await
        .unwrap();
    profiles::save(&mut conn, &fay, 3, "confident", "en,cy", "ILM 5")
        .await
        .unwrap();
    let p = profiles::get(&mut conn, &fay).await.unwrap().unwrap();
    assert_eq!(
        (
            p.years_facilitating,
            p.online_confidence.as_str(),
            p.languages.as_str()
        ),
        (3, "confident", "en,cy")
    );

    let fields = QualificationFields {
        name: "Action learning facilitation".into(),
        level: "Level 5".into(),
        awarded_on: "2024-03-05".into(),
        expires_on: Some("2027-03-05".into()),
        evidence: "https://evidence.example/fay".into(),
    };
    let q = profiles::add_qualification(&mut conn, &fay, &fields)
        .await
        .unwrap();
    let changed = QualificationFields {
        level: "Level 7".into(),
        ..fields.clone()
    };
    // Someone else cannot change or remove it.
    assert!(
        !profiles::change_qualification(&mut conn, &q, &sam, &changed)
            .await
            .unwrap()
    );
    assert!(
        !profiles::remove_qualification(&mut conn, &q, &sam)
            .await
            .unwrap()
    );
    assert!(
        profiles::change_qualification(&mut conn, &q, &fay, &changed)
            .await
            .unwrap()
    );
    let list = profiles::qualifications(&mut conn, &fay).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].level, "Level 7");
    assert_eq!(list[0].expires_on.as_deref(), Some("2027-03-05"));
    assert!(
        profiles::qualifications(&mut conn, &sam)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        profiles::remove_qualification(&mut conn, &q, &fay)
            .await
            .unwrap()
    );
    assert!(
        profiles::qualifications(&mut conn, &fay)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn completion_awards_once_and_hours_add_logged_and_group_time() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 30).await;
    let [ann, bob, fay, sam] = [
        person(&w, "ann").await,
        person(&w, "bob").await,
        person(&w, "fay").await,
        person(&w, "sam").await,
    ];
    let set = set_with_meetings(&w, &c, &[&ann, &bob], &fay).await;
    attend(&w, &set, 0, &[(&ann, "present"), (&bob, "present")], &fay).await;
    attend(&w, &set, 1, &[(&ann, "present"), (&bob, "absent")], &fay).await;

    let mut conn = w.store.conn().await.unwrap();
    let (meetings, presence) = profiles::set_presence(&mut conn, &set).await.unwrap();
    assert_eq!(meetings, 2);
    let mut expected = vec![(ann.clone(), 2), (bob.clone(), 1)];
    expected.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    assert_eq!(presence, expected);

    for _ in 0..2 {
        profiles::award(
            &mut conn,
            &ann,
            &c,
            "Circles facilitator",
            "Introductory",
            "2031-11-02",
        )
        .await
        .unwrap();
    }
    let awarded = profiles::qualifications(&mut conn, &ann).await.unwrap();
    assert_eq!(awarded.len(), 1, "awarded once, however often asked");
    assert_eq!(awarded[0].cohort_id.as_ref(), Some(&c));
    assert_eq!(awarded[0].cohort_name.as_deref(), Some("Cohort 1"));

    // The set's facilitator ran it, from the records.
    let ran = profiles::ran(&mut conn, &fay).await.unwrap();
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].kind, "set");
    assert!(ran[0].context.contains("Cohort 1"));

    // Supervision: 1.5 hours logged; the set becomes a supervision group where ann attended two
    // one-hour meetings and bob one.
    supervision_log::insert(
        &mut conn,
        &NewSession {
            facilitator_id: &ann,
            supervisor_id: &sam,
            held_on: "2031-11-03",
            minutes: 90,
            kind: "one_to_one",
            recorded_by: &ann,
        },
    )
    .await
    .unwrap();
    let before = supervision_log::hours_of(&mut conn, &ann)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((before.logged_minutes, before.group_minutes), (90, 0));
    assert!(
        supervision_log::mark_group(&mut conn, &set, &sam)
            .await
            .unwrap()
    );
    assert!(
        !supervision_log::mark_group(&mut conn, &set, &sam)
            .await
            .unwrap()
    );
    let ann_hours = supervision_log::hours_of(&mut conn, &ann)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (ann_hours.logged_minutes, ann_hours.group_minutes),
        (90, 120)
    );
    assert_eq!(ann_hours.total_minutes(), 210);
    let bob_hours = supervision_log::hours_of(&mut conn, &bob)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bob_hours.total_minutes(), 60);
    let logged = supervision_log::sessions_of(&mut conn, &ann).await.unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].supervisor_name, "sam");
    assert!(
        supervision_log::sessions_of(&mut conn, &bob)
            .await
            .unwrap()
            .is_empty()
    );

    // The region's list holds those with supervision logged (no facilitator roles here).
    let region = supervision_log::hours_in_tree(&mut conn, &w.ics)
        .await
        .unwrap();
    let names: Vec<&str> = region.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["ann"]);
}

#[tokio::test]
async fn mentors_come_from_earlier_cohorts_and_a_pairing_is_recorded_once() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let first = cohort(&w, "Cohort 1", 30).await;
    let schedule = Schedule::explicit(
        "2032-11-01 09:30-13:00\n2032-11-02 09:30-13:00",
        "Europe/London",
        now_ms(),
    )
    .unwrap();
    let next = {
        let mut conn = w.store.conn().await.unwrap();
        cohorts::insert(
            &mut conn,
            &NewCohort {
                programme_id: &w.programme,
                name: "Cohort 2",
                capacity: Capacity::new(30).unwrap(),
                opens_at: now_ms() + 86_400_000,
                closes_at: now_ms() + 2 * 86_400_000,
                schedule: &schedule,
                schedule_kind: "explicit",
                schedule_spec: "{}",
                completion: CompletionRule::AllSessions,
            },
        )
        .await
        .unwrap()
    };
    let [ann, bob, fay, new] = [
        person(&w, "ann").await,
        person(&w, "bob").await,
        person(&w, "fay").await,
        person(&w, "newcomer").await,
    ];
    let set = set_with_meetings(&w, &first, &[&ann, &bob], &fay).await;
    attend(&w, &set, 0, &[(&ann, "present"), (&bob, "absent")], &fay).await;
    set_with_meetings(&w, &next, &[&new], &fay).await;

    let mut conn = w.store.conn().await.unwrap();
    let c = mentors::candidates(&mut conn, &next).await.unwrap();
    let seen: Vec<(&str, i64, i64)> = c
        .iter()
        .map(|c| (c.name.as_str(), c.present, c.meetings))
        .collect();
    assert_eq!(seen, [("ann", 1, 2), ("bob", 0, 2)]);
    // Nobody is a mentor candidate for the first cohort (nothing came before it).
    assert!(
        mentors::candidates(&mut conn, &first)
            .await
            .unwrap()
            .is_empty()
    );
    let mentees = mentors::mentees(&mut conn, &next).await.unwrap();
    assert_eq!(mentees, [(new.clone(), "newcomer".to_owned())]);

    assert!(
        mentors::pair(&mut conn, &ann, &new, &next, &first, &fay)
            .await
            .unwrap()
    );
    assert!(
        !mentors::pair(&mut conn, &ann, &new, &next, &first, &fay)
            .await
            .unwrap()
    );
    let mine = mentors::of_person(&mut conn, &ann).await.unwrap();
    let theirs = mentors::of_person(&mut conn, &new).await.unwrap();
    assert_eq!(mine, theirs);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].cohort_name, "Cohort 2");
    assert!(
        mentors::of_person(&mut conn, &bob)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(mentors::of_cohort(&mut conn, &next).await.unwrap(), mine);
}
