//! Sets in use on SQLite and PostgreSQL alike: membership over time, meetings and attendance,
//! set content, and above all who can read a diary entry.
#![allow(clippy::unwrap_used)]

mod common;

use common::{World, cohort, world};
use revans_domain::{EmailAddress, Id, PersonName, Session};
use revans_storage::diaries::{self, NewEntry};
use revans_storage::sets::{self, NewMember, NewSet, Standing};
use revans_storage::testing::TestDatabase;
use revans_storage::{meetings, people, reporting_lines, set_content};

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

struct Two {
    w: World,
    set_a: Id,
    set_b: Id,
    ann: Id,
    bob: Id,
    cat: Id,
    fay: Id,
    sam: Id,
}

/// Ann and Bob in set A with facilitator Fay (supervised by Sam); Cat in set B.
async fn two_sets() -> (TestDatabase, Two) {
    let (db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let c = cohort(&w, "Cohort 1", 30).await;
    let [ann, bob, cat, fay, sam] = [
        person(&w, "ann").await,
        person(&w, "bob").await,
        person(&w, "cat").await,
        person(&w, "fay").await,
        person(&w, "sam").await,
    ];
    let mut tx = w.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for (i, name) in ["Set A", "Set B"].iter().enumerate() {
        let new = NewSet {
            cohort_id: &c,
            name,
            position: i as i64,
            review_every: 7,
            timezone: "Europe/London",
        };
        ids.push(sets::insert(&mut tx, &new).await.unwrap());
    }
    for (set, who) in [(&ids[0], &ann), (&ids[0], &bob), (&ids[1], &cat)] {
        let m = NewMember {
            set_id: set,
            person_id: who,
            unit_key: who.as_str(),
            rota_position: 0,
            locked: false,
            joined_at: 0,
        };
        sets::add_member(&mut tx, &m).await.unwrap();
    }
    sets::replace_facilitators(&mut tx, &ids[0], std::slice::from_ref(&fay))
        .await
        .unwrap();
    diaries::set_supervisor(&mut tx, &fay, &sam).await.unwrap();
    sets::publish(&mut tx, &c).await.unwrap();
    tx.commit().await.unwrap();
    // A relationship reaches only entries shared strictly after it began (to the millisecond).
    tick().await;
    let (set_a, set_b) = (ids[0].clone(), ids[1].clone());
    (
        db,
        Two {
            w,
            set_a,
            set_b,
            ann,
            bob,
            cat,
            fay,
            sam,
        },
    )
}

/// Lets the clock move on, so what happens next is strictly later than what came before.
async fn tick() {
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
}

async fn entry(t: &Two, author: &Id, kind: &str, set: Option<&Id>, sharing: &str) -> Id {
    let mut conn = t.w.store.conn().await.unwrap();
    let new = NewEntry {
        author_id: author,
        kind,
        set_id: set,
        meeting_id: None,
        problem_id: None,
        sharing,
        body: "What I noticed today",
    };
    diaries::insert(&mut conn, &new).await.unwrap()
}

async fn readers(t: &Two, id: &Id) -> Vec<&'static str> {
    let mut conn = t.w.store.conn().await.unwrap();
    let mut out = Vec::new();
    for (name, who) in [
        ("ann", &t.ann),
        ("bob", &t.bob),
        ("cat", &t.cat),
        ("fay", &t.fay),
        ("sam", &t.sam),
    ] {
        if diaries::visible_to(&mut conn, id, who)
            .await
            .unwrap()
            .is_some()
        {
            out.push(name);
        }
    }
    out
}

#[tokio::test]
async fn a_diary_entry_is_read_only_by_those_it_is_shared_with() {
    let (_db, t) = two_sets().await;
    let private = entry(&t, &t.ann, "diary", Some(&t.set_a), "private").await;
    let to_facilitator = entry(&t, &t.ann, "diary", Some(&t.set_a), "facilitator").await;
    let to_set = entry(&t, &t.ann, "diary", Some(&t.set_a), "set").await;
    let log_private = entry(&t, &t.fay, "log", None, "private").await;
    let log_supervisor = entry(&t, &t.fay, "log", None, "supervisor").await;
    assert_eq!(readers(&t, &private).await, ["ann"]);
    assert_eq!(readers(&t, &to_facilitator).await, ["ann", "fay"]);
    assert_eq!(readers(&t, &to_set).await, ["ann", "bob", "fay"]);
    assert_eq!(readers(&t, &log_private).await, ["fay"]);
    assert_eq!(readers(&t, &log_supervisor).await, ["fay", "sam"]);

    let mut conn = t.w.store.conn().await.unwrap();
    let bob_sees: Vec<Id> = diaries::shared_with(&mut conn, &t.bob)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(bob_sees, std::slice::from_ref(&to_set));
    assert!(
        diaries::shared_with(&mut conn, &t.cat)
            .await
            .unwrap()
            .is_empty()
    );
    // Only the author can change an entry.
    assert!(
        !diaries::update(&mut conn, &to_set, &t.bob, "mine now", "private", false)
            .await
            .unwrap()
    );
    assert!(
        diaries::update(&mut conn, &to_set, &t.ann, "edited", "private", false)
            .await
            .unwrap()
    );
    assert_eq!(readers(&t, &to_set).await, ["ann"]);
}

/// Sharing is with the people who held the relationship when the entry was shared: a new
/// supervisor or a facilitator added later reads only what is shared after they arrived, unless
/// the author shares an entry again; the one they replaced stops reading at once.
#[tokio::test]
async fn sharing_follows_the_relationship_held_when_the_entry_was_shared() {
    let (_db, t) = two_sets().await;
    let log = entry(&t, &t.fay, "log", None, "supervisor").await;
    let to_facilitator = entry(&t, &t.ann, "diary", Some(&t.set_a), "facilitator").await;
    let to_set = entry(&t, &t.ann, "diary", Some(&t.set_a), "set").await;
    tick().await;
    let mut conn = t.w.store.conn().await.unwrap();
    diaries::set_supervisor(&mut conn, &t.fay, &t.cat)
        .await
        .unwrap();
    sets::replace_facilitators(&mut conn, &t.set_a, &[t.fay.clone(), t.sam.clone()])
        .await
        .unwrap();
    let bob_member = sets::members(&mut conn, &t.set_a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.person_id == t.bob)
        .unwrap();
    drop(conn);
    assert_eq!(
        readers(&t, &log).await,
        ["fay"],
        "neither sam (gone) nor cat (new)"
    );
    assert_eq!(
        readers(&t, &to_facilitator).await,
        ["ann", "fay"],
        "sam joined later"
    );
    assert_eq!(readers(&t, &to_set).await, ["ann", "bob", "fay"]);
    // Choosing the same supervisor again keeps when they started.
    let mut conn = t.w.store.conn().await.unwrap();
    diaries::set_supervisor(&mut conn, &t.fay, &t.cat)
        .await
        .unwrap();
    tick().await;
    let later = entry(&t, &t.fay, "log", None, "supervisor").await;
    assert_eq!(readers(&t, &later).await, ["cat", "fay"]);
    // An edit that keeps the sharing keeps the readers; sharing again reaches whoever holds
    // the relationship now.
    assert!(
        diaries::update(&mut conn, &log, &t.fay, "edited", "supervisor", false)
            .await
            .unwrap()
    );
    assert_eq!(readers(&t, &log).await, ["fay"]);
    tick().await;
    assert!(
        diaries::update(&mut conn, &log, &t.fay, "edited", "supervisor", true)
            .await
            .unwrap()
    );
    assert_eq!(readers(&t, &log).await, ["cat", "fay"]);
    assert!(
        diaries::update(
            &mut conn,
            &to_facilitator,
            &t.ann,
            "again",
            "facilitator",
            true
        )
        .await
        .unwrap()
    );
    assert_eq!(readers(&t, &to_facilitator).await, ["ann", "fay", "sam"]);
    // Keeping a facilitator on while adding another keeps the first one's start.
    sets::replace_facilitators(&mut conn, &t.set_a, std::slice::from_ref(&t.fay))
        .await
        .unwrap();
    assert_eq!(readers(&t, &to_set).await, ["ann", "bob", "fay"]);
    // A member who leaves stops reading at once; coming back later does not restore it.
    assert!(
        sets::end_membership(&mut conn, &bob_member.id, revans_storage::now_ms())
            .await
            .unwrap()
    );
    assert_eq!(readers(&t, &to_set).await, ["ann", "fay"]);
}

#[tokio::test]
async fn a_member_who_left_no_longer_reads_the_set_or_its_shared_entries() {
    let (_db, t) = two_sets().await;
    let shared = entry(&t, &t.ann, "diary", Some(&t.set_a), "set").await;
    let mut conn = t.w.store.conn().await.unwrap();
    assert_eq!(
        sets::standing(&mut conn, &t.set_a, &t.bob).await.unwrap(),
        Standing::Member
    );
    let bob_member = sets::members(&mut conn, &t.set_a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.person_id == t.bob)
        .unwrap();
    assert!(
        sets::end_membership(&mut conn, &bob_member.id, 1_000)
            .await
            .unwrap()
    );
    assert_eq!(
        sets::standing(&mut conn, &t.set_a, &t.bob).await.unwrap(),
        Standing::None
    );
    assert!(
        diaries::visible_to(&mut conn, &shared, &t.bob)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        sets::standing(&mut conn, &t.set_a, &t.fay).await.unwrap(),
        Standing::Facilitator
    );
    assert_eq!(
        sets::standing(&mut conn, &t.set_b, &t.fay).await.unwrap(),
        Standing::None
    );
    let fays: Vec<String> = sets::list_for_person(&mut conn, &t.fay)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(fays, ["Set A"]);
}

#[tokio::test]
async fn meetings_attendance_and_actions_round_trip() {
    let (_db, t) = two_sets().await;
    let mut conn = t.w.store.conn().await.unwrap();
    let hour = 3_600_000;
    let sessions: Vec<Session> = (1..=3)
        .map(|i| Session {
            starts_at: i * 30 * 24 * hour,
            ends_at: i * 30 * 24 * hour + 3 * hour,
        })
        .collect();
    meetings::insert_many(&mut conn, &t.set_a, &sessions)
        .await
        .unwrap();
    let ms = meetings::list_for_set(&mut conn, &t.set_a).await.unwrap();
    assert_eq!(ms.len(), 3);
    assert!(meetings::cancel(&mut conn, &ms[2].id).await.unwrap());
    assert!(
        !meetings::cancel(&mut conn, &ms[2].id).await.unwrap(),
        "twice"
    );
    meetings::record_attendance(
        &mut conn,
        &ms[0].id,
        &t.fay,
        &[(t.ann.clone(), "present"), (t.bob.clone(), "absent")],
    )
    .await
    .unwrap();
    // A held meeting cannot be moved or cancelled any more.
    assert!(
        !meetings::reschedule(&mut conn, &ms[0].id, &sessions[1])
            .await
            .unwrap()
    );
    let ms = meetings::list_for_set(&mut conn, &t.set_a).await.unwrap();
    assert!(ms[0].held && !ms[1].held && ms[2].cancelled);
    assert_eq!(ms[2].sequence, 1);
    let mut records = meetings::attendance_for_set(&mut conn, &t.set_a)
        .await
        .unwrap();
    records.sort_by(|a, b| a.2.cmp(&b.2));
    assert_eq!(records.len(), 2);
    assert_eq!((&records[0].1, records[0].2.as_str()), (&t.bob, "absent"));

    let problem = set_content::insert_problem(
        &mut conn,
        &set_content::NewProblem {
            set_id: &t.set_a,
            unit_key: t.ann.as_str(),
            author_id: &t.ann,
            title: "Waiting times",
            description: "Our clinic's lists keep growing",
            themes: &["Workforce".into(), "Flow".into()],
        },
    )
    .await
    .unwrap();
    let problems = set_content::problems(&mut conn, &t.set_a).await.unwrap();
    assert_eq!(problems[0].id, problem);
    assert_eq!(problems[0].themes, ["Workforce", "Flow"]);
    let action = set_content::insert_action(
        &mut conn,
        &set_content::NewAction {
            set_id: &t.set_a,
            meeting_id: &ms[0].id,
            owner_id: &t.ann,
            description: "Talk to the booking team",
            due_on: "2031-12-01",
        },
    )
    .await
    .unwrap();
    // Reviewing needs the right set.
    assert!(
        !set_content::review_action(&mut conn, &action, &t.set_b, &ms[1].id, "done", None)
            .await
            .unwrap()
    );
    assert!(
        set_content::review_action(
            &mut conn,
            &action,
            &t.set_a,
            &ms[1].id,
            "changed",
            Some("Met the manager instead")
        )
        .await
        .unwrap()
    );
    let a = &set_content::actions(&mut conn, &t.set_a).await.unwrap()[0];
    assert_eq!(a.outcome.as_deref(), Some("changed"));
    assert_eq!(a.reviewed_meeting_id.as_ref(), Some(&ms[1].id));
    let themes = set_content::theme_sets_in_tree(&mut conn, &t.w.ics)
        .await
        .unwrap();
    assert_eq!(
        themes,
        [(vec!["Workforce".to_string(), "Flow".to_string()], 1)]
    );

    let cal = meetings::for_person_calendar(&mut conn, &t.ann)
        .await
        .unwrap();
    assert_eq!(
        cal.len(),
        3,
        "the cancelled one too, so calendars can say so"
    );
    assert!(
        meetings::for_person_calendar(&mut conn, &t.cat)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn reporting_lines_are_stored_per_person() {
    let (_db, t) = two_sets().await;
    let mut conn = t.w.store.conn().await.unwrap();
    reporting_lines::set_manager(&mut conn, &t.ann, Some(&t.bob))
        .await
        .unwrap();
    reporting_lines::set_manager(&mut conn, &t.bob, Some(&t.cat))
        .await
        .unwrap();
    reporting_lines::set_manager(&mut conn, &t.ann, Some(&t.cat))
        .await
        .unwrap();
    let mut pairs = reporting_lines::in_tree(&mut conn, &t.w.ics).await.unwrap();
    pairs.sort();
    let mut expected = vec![
        (t.ann.clone(), t.cat.clone()),
        (t.bob.clone(), t.cat.clone()),
    ];
    expected.sort();
    assert_eq!(pairs, expected);
    reporting_lines::set_manager(&mut conn, &t.ann, None)
        .await
        .unwrap();
    assert_eq!(
        reporting_lines::manager_of(&mut conn, &t.ann)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn set_names_are_read_for_many_sets_at_once() {
    let (_db, t) = two_sets().await;
    let mut conn = t.w.store.conn().await.unwrap();
    assert!(sets::names(&mut conn, &[]).await.unwrap().is_empty());
    let mut names: Vec<String> = sets::names(&mut conn, &[t.set_b.clone(), t.set_a.clone()])
        .await
        .unwrap()
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    names.sort();
    assert_eq!(names, ["Set A", "Set B"]);
}

#[tokio::test]
async fn a_set_is_renamed_and_names_stay_unique_within_the_cohort() {
    let (_db, t) = two_sets().await;
    let mut conn = t.w.store.conn().await.unwrap();
    assert!(
        sets::rename(&mut conn, &t.set_a, "Harbour set")
            .await
            .unwrap()
    );
    assert_eq!(
        sets::get(&mut conn, &t.set_a).await.unwrap().unwrap().name,
        "Harbour set"
    );
    let clash = sets::rename(&mut conn, &t.set_b, "Harbour set").await;
    assert!(
        matches!(
            clash,
            Err(revans_storage::StoreError::Duplicate { field: "name" })
        ),
        "{clash:?}"
    );
    assert_eq!(
        sets::get(&mut conn, &t.set_b).await.unwrap().unwrap().name,
        "Set B"
    );
}
