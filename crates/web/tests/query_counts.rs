//! One query per screen (issue 10): the number of SQL statements a page or API list runs must
//! not grow with the number of rows it shows. Each screen is requested at a small size and again
//! after the data has grown; the counts must be equal.
//!
//! sqlx reports every statement as a tracing event (target `sqlx::query`), on whatever thread
//! runs it (SQLite's worker thread included), so the counter is process-wide and this binary
//! holds a single test that measures one request at a time.

#[path = "it/helpers.rs"]
#[allow(dead_code)]
mod helpers;

use std::sync::atomic::{AtomicUsize, Ordering};

use helpers::*;
use revans_storage::sets::ActionSet as Set;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

struct CountStatements;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// The statements one request runs, and its status.
async fn count(client: &mut Client, path: &str, api: bool) -> usize {
    let before = STATEMENTS.load(Ordering::SeqCst);
    let r = if api {
        client.json("GET", path, None).await
    } else {
        client.get(path).await
    };
    assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
    STATEMENTS.load(Ordering::SeqCst) - before
}

/// The screens measured: (who, path, API?). `{programme}` is the demo's published programme,
/// `{set}` the demo participant's set, `{meeting}` its first meeting, `{cohort}` its cohort.
const SCREENS: &[(&str, &str, bool)] = &[
    ("anon", "/programmes", false),
    ("anon", "/programmes/{programme}", false),
    (PARTICIPANT, "/programmes", false),
    (PARTICIPANT, "/api/v1/programmes", true),
    (PARTICIPANT, "/diary", false),
    (PARTICIPANT, "/api/v1/diary", true),
    (ADMIN, "/admin/people", false),
    (ADMIN, "/api/v1/people", true),
    (ADMIN, "/admin/audit", false),
    (ADMIN, "/api/v1/audit", true),
    (ADMIN, "/admin/jobs/failed", false),
    (ADMIN, "/api/v1/jobs/failed", true),
    (ADMIN, "/admin/programmes/{programme}", false),
    (ADMIN, "/admin/programmes/{programme}/applications", false),
    (ADMIN, "/api/v1/programmes/{programme}/applications", true),
    (SPONSOR, "/sponsor/applications", false),
    (EVALUATOR, "/reports/sets", false),
    (EVALUATOR, "/api/v1/reports/sets", true),
    (EVALUATOR, "/reports/themes", false),
    (PARTICIPANT, "/applications", false),
    (PARTICIPANT, "/api/v1/applications", true),
    (PARTICIPANT, "/sets/{set}", false),
    (PARTICIPANT, "/api/v1/sets/{set}", true),
    // With the rules checked, so the engine's read runs both times: the grown sets are empty
    // (too small), which alone would start it.
    (ADMIN, "/admin/cohorts/{cohort}/sets?check=rules", false),
    (ADMIN, "/api/v1/cohorts/{cohort}/sets", true),
    (ADMIN, "/admin/programmes", false),
    (PARTICIPANT, "/programmes/{programme}/apply", false),
    (PARTICIPANT, "/sets", false),
    (PARTICIPANT, "/meetings/{meeting}", false),
    (SPONSOR, "/api/v1/sponsor/nominees", true),
    (PARTICIPANT, "/api/v1/sets", true),
    // The regional facilitator pool and a set's proposals (issue 15).
    (ADMIN, "/admin/pool", false),
    (ADMIN, "/api/v1/admin/pool", true),
    (ADMIN, "/api/v1/sets/{set}/facilitator-proposals", true),
    // The task home, for each role (issue 11).
    (ADMIN, "/", false),
    (ADMIN, "/api/v1/home", true),
    (SPONSOR, "/", false),
    (PARTICIPANT, "/", false),
    (PARTICIPANT, "/api/v1/home", true),
    (FACILITATOR, "/", false),
    (EVALUATOR, "/", false),
    (EVALUATOR, "/reports/sets.csv", false),
    (EVALUATOR, "/reports/attendance.csv", false),
    (ADMIN, "/admin/programmes/{programme}/targets", false),
    (EVALUATOR, "/api/v1/programmes/{programme}/targets", true),
    // Support circles (issue 15): the region's calendar (by month and as a list) and My circles.
    (PARTICIPANT, "/circles", false),
    (PARTICIPANT, "/circles?view=list&mode=virtual", false),
    (PARTICIPANT, "/api/v1/circles", true),
    (PARTICIPANT, "/circles/mine", false),
    (PARTICIPANT, "/api/v1/circles/mine", true),
    // Facilitator records (issue 15).
    (FACILITATOR, "/facilitators/profile", false),
    (FACILITATOR, "/api/v1/facilitators/me/profile", true),
    (FACILITATOR, "/facilitators/supervision", false),
    (ADMIN, "/admin/supervision/hours.csv", false),
    (ADMIN, "/api/v1/supervision/hours", true),
    (ADMIN, "/admin/cohorts/{cohort}/mentors", false),
    (ADMIN, "/admin/circles", false),
    (ADMIN, "/api/v1/admin/circles", true),
    (EVALUATOR, "/admin/circles/report", false),
    // The CPD portfolio (issue 16): hours, certificates and evidence; the evidence form.
    (PARTICIPANT, "/portfolio", false),
    (PARTICIPANT, "/api/v1/portfolio", true),
    (PARTICIPANT, "/portfolio/evidence/new", false),
    // Certificates (issue 16): {winter} is the demo's finished cohort.
    (PARTICIPANT, "/certificates", false),
    (PARTICIPANT, "/api/v1/certificates", true),
    (ADMIN, "/admin/cohorts/{winter}/certificates", false),
    (ADMIN, "/api/v1/cohorts/{winter}/certificates", true),
    // Masterclasses from interests (issue 16): one's own topics; the lead's figures.
    (PARTICIPANT, "/interests", false),
    (PARTICIPANT, "/api/v1/interests", true),
    (ADMIN, "/admin/interests", false),
    (ADMIN, "/api/v1/admin/interests", true),
    // Completion and CPD (issue 16).
    (ADMIN, "/admin/cohorts/{cohort}/completion", false),
    (ADMIN, "/api/v1/cohorts/{cohort}/completion", true),
    (
        ADMIN,
        "/admin/cohorts/{cohort}/sessions/1/attendance",
        false,
    ),
    (PARTICIPANT, "/cpd", false),
    (PARTICIPANT, "/api/v1/cpd", true),
];

async fn measure(app: &TestApp, programme: &str, set: &Set) -> Vec<(String, usize)> {
    let meeting = first_meeting(app, set).await;
    let mut out = Vec::new();
    for (who, path, api) in SCREENS {
        let mut client = if *who == "anon" {
            app.client()
        } else {
            let mut c = app.signed_in(who).await;
            c.bearer = Some(app.api_token(who).await);
            c
        };
        let path = path
            .replace("{programme}", programme)
            .replace("{set}", set.id.as_str())
            .replace("{meeting}", &meeting)
            .replace("{cohort}", set.cohort_id.as_str())
            .replace("{winter}", &winter_cohort(app).await);
        // The first request may warm per-connection state; the second is the one counted.
        count(&mut client, &path, *api).await;
        out.push((
            format!("{who} {path}"),
            count(&mut client, &path, *api).await,
        ));
    }
    out
}

#[tokio::test]
async fn a_screen_costs_the_same_number_of_queries_however_many_rows_it_shows() {
    tracing_subscriber::registry().with(CountStatements).init();
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    let set = pats_set(&app).await;
    let small = measure(&app, &programme, &set).await;

    // Grow: twenty more published programmes with two cohorts each.
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let lead = revans_domain::Id::parse(&app.person_id(ADMIN).await).unwrap();
        let tenant = revans_storage::people::get(&mut tx, &lead)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        for _ in 0..20 {
            revans_app::demo::seed_catalogue(&mut tx, &tenant)
                .await
                .unwrap();
        }
        // And twenty-five evaluation targets on the measured programme, half of them measured.
        let measured = revans_domain::Id::parse(&programme).unwrap();
        for i in 0..25_i64 {
            use revans_storage::evaluation_targets as targets;
            let fields = targets::TargetFields {
                measure: format!("Measure {i}"),
                unit: None,
                baseline: i * 10_000,
                target_value: (i + 1) * 10_000,
                target_date: jiff::civil::date(2028, 1, 1),
            };
            let id = targets::insert(&mut tx, &tenant, &measured, &fields)
                .await
                .unwrap();
            if i % 2 == 0 {
                let m = targets::Measurement {
                    value: i * 10_000,
                    measured_on: jiff::civil::date(2026, 1, 1),
                    note: None,
                };
                targets::record_measurement(&mut tx, &id, &m).await.unwrap();
            }
        }
        // And sixty more circles in the region, Pat booked on twenty of them.
        let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
        for _ in 0..20 {
            let ids = revans_app::demo::circles_booking::seed_booking_circles(
                &mut tx,
                &revans_app::demo::circles_booking::CircleOrgs {
                    region: &tenant,
                    trust: &tenant,
                    council: &tenant,
                    facilitator: &lead,
                },
            )
            .await
            .unwrap();
            assert!(
                revans_storage::circle_bookings::take_place(&mut tx, &ids[0])
                    .await
                    .unwrap()
            );
            revans_storage::circle_bookings::insert(&mut tx, &ids[0], &pat, "booked")
                .await
                .unwrap();
        }
        // And fifteen support circles of the region, each with two sessions.
        for i in 0..15_i64 {
            let start = revans_app::now_ms() + (i + 10) * 86_400_000;
            let fields = revans_storage::circles::CircleFields {
                organisation_id: tenant.clone(),
                cohort_id: None,
                title: format!("Circle {i}"),
                description: "A circle.".into(),
                topics: vec!["burnout".into(), format!("topic-{i}")],
                min_places: 6,
                max_places: 25,
                delivery_mode: "virtual".into(),
                delivery_detail: "https://meet.example/c".into(),
                timezone: "Europe/London".into(),
                confirm_hours: 48,
                cancel_hours: 24,
                sessions: vec![
                    revans_storage::circles::CircleSession {
                        starts_at: start,
                        ends_at: start + 3_600_000,
                    },
                    revans_storage::circles::CircleSession {
                        starts_at: start + 86_400_000,
                        ends_at: start + 90_000_000,
                    },
                ],
                facilitators: vec![],
            };
            let status = if i % 2 == 0 { "confirmed" } else { "published" };
            revans_storage::circles::insert(&mut tx, &tenant, &fields, status, None)
                .await
                .unwrap();
        }
        revans_storage::commit(tx).await.unwrap();
    }
    grow_applications(&app, &programme, 30).await;
    grow_diary(&app, 30).await;
    grow_set(&app, &set, 20).await;
    grow_cohort(&app, &set, 6).await;
    grow_pool(&app, 12).await;
    grow_certificates(&app, 12).await;
    grow_interests(&app, &set, 25).await;
    grow_completion(&app, &set, 20).await;
    grow_portfolio(&app).await;
    let large = measure(&app, &programme, &set).await;

    let grew: Vec<String> = small
        .iter()
        .zip(&large)
        .filter(|((_, a), (_, b))| b > a)
        .map(|((screen, a), (_, b))| format!("{screen}: {a} statements, then {b}"))
        .collect();
    assert!(
        grew.is_empty(),
        "queries grew with the data:\n{}",
        grew.join("\n")
    );
    // The counter works: every screen ran at least one statement.
    assert!(small.iter().all(|(_, n)| *n > 0), "{small:?}");
}

/// `n` more facilitators in the region's pool, each with availability, a qualification and
/// days away, so every part of a pool row grows.
async fn grow_pool(app: &TestApp, n: usize) {
    use revans_domain::{EmailAddress, Id, PersonName};
    use revans_storage::people;
    use revans_storage::pool::{self, Membership, Window};
    let mut tx = app.state.store.begin().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let trust = people::get(&mut tx, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let region = pool::region_of(&mut tx, &trust).await.unwrap().unwrap();
    for i in 0..n {
        let email = EmailAddress::parse(&format!("pool{i}@harbour-trust.example")).unwrap();
        let name = PersonName::parse(&format!("Pool Facilitator {i}")).unwrap();
        let id = people::insert(&mut tx, &trust, &email, &name)
            .await
            .unwrap();
        let m = Membership {
            capacity: 2,
            outside_own_org: true,
            timezone: "Europe/London".into(),
            availability: vec![
                Window {
                    weekday: 1,
                    from_minute: 540,
                    to_minute: 1020,
                },
                Window {
                    weekday: 3,
                    from_minute: 540,
                    to_minute: 1020,
                },
            ],
        };
        pool::join(&mut tx, &id, &region, &trust, &m).await.unwrap();
        pool::add_absence(&mut tx, &id, "2031-01-01", Some("2031-01-05"), &id)
            .await
            .unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
}

/// `n` more applicants to the programme from the sponsor's organisation: submitted, approved,
/// offered a place and waiting in turn, so every state's row grows.
async fn grow_applications(app: &TestApp, programme: &str, n: usize) {
    use revans_domain::{ApplicationState, EmailAddress, Id, PersonName};
    use revans_storage::{applications, cohorts, people};
    let programme = Id::parse(programme).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let trust = people::get(&mut tx, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let cohort = cohorts::list_for_programme(&mut tx, &programme)
        .await
        .unwrap()
        .remove(0);
    for i in 0..n {
        let person = people::insert(
            &mut tx,
            &trust,
            &EmailAddress::parse(&format!("grow{i}@harbour-trust.example")).unwrap(),
            &PersonName::parse(&format!("Grown Applicant {i}")).unwrap(),
        )
        .await
        .unwrap();
        let id = applications::insert(
            &mut tx,
            &applications::NewApplication {
                programme_id: &programme,
                person_id: &person,
                organisation_id: &trust,
                state: ApplicationState::Submitted,
                answers: &["x".into()],
                confirmed_statements: true,
                preferences: std::slice::from_ref(&cohort.id),
                nominated_by: None,
            },
        )
        .await
        .unwrap();
        match i % 3 {
            0 => {}
            1 => {
                applications::approve(&mut tx, &id, true).await.unwrap();
                applications::waitlist(&mut tx, &id, &cohort.id)
                    .await
                    .unwrap();
            }
            _ => {
                applications::approve(&mut tx, &id, true).await.unwrap();
                applications::offer(
                    &mut tx,
                    &id,
                    ApplicationState::Approved,
                    &cohort.id,
                    revans_storage::now_ms() + 86_400_000,
                )
                .await
                .unwrap();
            }
        }
    }
    revans_storage::commit(tx).await.unwrap();
}

/// `n` more diary entries by the demo participant.
async fn grow_diary(app: &TestApp, n: usize) {
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    for i in 0..n {
        revans_storage::diaries::insert(
            &mut conn,
            &revans_storage::diaries::NewEntry {
                author_id: &pat,
                kind: "diary",
                set_id: None,
                meeting_id: None,
                problem_id: None,
                sharing: "private",
                body: &format!("Entry {i}"),
            },
        )
        .await
        .unwrap();
    }
}

/// The demo participant's published set.
/// `n` more topics Pat asked for from their set (the circles grown above are sources too).
async fn grow_interests(app: &TestApp, set: &Set, n: usize) {
    use revans_storage::masterclass_interests::{NewInterest, insert};
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let org = revans_storage::people::get(&mut tx, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    for i in 0..n {
        let topic = format!("grown topic {i}");
        let new = NewInterest {
            person_id: &pat,
            set_id: Some(&set.id),
            circle_id: None,
            organisation_id: &org,
            topic: &topic,
        };
        insert(&mut tx, &new).await.unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
}

async fn pats_set(app: &TestApp) -> Set {
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0)
}

/// The id of the set's first meeting.
async fn first_meeting(app: &TestApp, set: &Set) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::meetings::list_for_set(&mut conn, &set.id)
        .await
        .unwrap()
        .remove(0)
        .id
        .to_string()
}

/// `n` more members in the set (the grown applicants), each with a problem.
async fn grow_set(app: &TestApp, set: &Set, n: usize) {
    use revans_storage::{set_content, sets};
    let mut tx = app.state.store.begin().await.unwrap();
    for i in 0..n {
        let person = revans_domain::Id::parse(
            &app.person_id(&format!("grow{i}@harbour-trust.example"))
                .await,
        )
        .unwrap();
        sets::add_member(
            &mut tx,
            &sets::NewMember {
                set_id: &set.id,
                person_id: &person,
                unit_key: person.as_str(),
                rota_position: 100 + i as i64,
                locked: false,
                joined_at: 0,
            },
        )
        .await
        .unwrap();
        set_content::insert_problem(
            &mut tx,
            &set_content::NewProblem {
                set_id: &set.id,
                unit_key: person.as_str(),
                author_id: &person,
                title: "A grown problem",
                description: "Grown for the count",
                themes: &[],
            },
        )
        .await
        .unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
}

/// `n` more published sets in the set's cohort, each with a meeting.
async fn grow_cohort(app: &TestApp, set: &Set, n: usize) {
    use revans_storage::{meetings, sets};
    let mut tx = app.state.store.begin().await.unwrap();
    for i in 0..n {
        let id = sets::insert(
            &mut tx,
            &sets::NewSet {
                cohort_id: &set.cohort_id,
                name: &format!("Grown set {i}"),
                position: 50 + i as i64,
                review_every: 7,
                timezone: "Europe/London",
            },
        )
        .await
        .unwrap();
        sets::set_status(&mut tx, &id, "published").await.unwrap();
        let start = revans_storage::now_ms() + 86_400_000 * (i as i64 + 1);
        meetings::insert_many(
            &mut tx,
            &id,
            &[revans_domain::Session {
                starts_at: start,
                ends_at: start + 3_600_000,
            }],
        )
        .await
        .unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
}

/// `n` more participants with accepted places in the set's cohort, each marked at the sessions
/// held so far, so the completion overview, its register and their CPD grow (issue 16).
async fn grow_completion(app: &TestApp, set: &Set, n: usize) {
    use revans_domain::{ApplicationState, Id};
    use revans_storage::{applications, cohorts, completion};
    let mut tx = app.state.store.begin().await.unwrap();
    let cohort = cohorts::get(&mut tx, &set.cohort_id)
        .await
        .unwrap()
        .unwrap();
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let held: Vec<i64> = completion::cohort_facts(&mut tx, &set.cohort_id)
        .await
        .unwrap()
        .sessions
        .iter()
        .filter(|s| s.starts_at <= revans_storage::now_ms())
        .map(|s| s.ordinal)
        .collect();
    for i in 0..n {
        let person = Id::parse(
            &app.person_id(&format!("grow{i}@harbour-trust.example"))
                .await,
        )
        .unwrap();
        let org = revans_storage::people::get(&mut tx, &person)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        let id = applications::insert(
            &mut tx,
            &applications::NewApplication {
                programme_id: &cohort.programme_id,
                person_id: &person,
                organisation_id: &org,
                state: ApplicationState::Approved,
                answers: &[],
                confirmed_statements: true,
                preferences: std::slice::from_ref(&cohort.id),
                nominated_by: None,
            },
        )
        .await
        .unwrap();
        applications::offer(
            &mut tx,
            &id,
            ApplicationState::Approved,
            &cohort.id,
            revans_storage::now_ms() + 86_400_000,
        )
        .await
        .unwrap();
        applications::accept(&mut tx, &id).await.unwrap();
        for ordinal in &held {
            completion::record_session_attendance(
                &mut tx,
                &cohort.id,
                *ordinal,
                &[(person.clone(), i % 2 == 0)],
                &lead,
            )
            .await
            .unwrap();
        }
    }
    revans_storage::commit(tx).await.unwrap();
}

/// The demo's finished cohort, where the demo participant holds a certificate.
async fn winter_cohort(app: &TestApp) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    revans_storage::certificates::for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0)
        .cohort_id
}

/// `n` more certificates in the finished cohort (new holders) and one for the demo participant
/// in each published programme's cohorts.
async fn grow_certificates(app: &TestApp, n: usize) {
    use revans_domain::{EmailAddress, Id, PersonName};
    use revans_storage::certificates::{self as store, NewCertificate};
    use revans_storage::{cohorts, people, programmes};
    let winter = Id::parse(&winter_cohort(app).await).unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let trust = people::get(&mut tx, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let mut holders = Vec::new();
    for i in 0..n {
        let email = EmailAddress::parse(&format!("holder{i}@harbour-trust.example")).unwrap();
        let name = PersonName::parse(&format!("Holder {i}")).unwrap();
        let id = people::insert(&mut tx, &trust, &email, &name)
            .await
            .unwrap();
        holders.push((id, winter.clone()));
    }
    for p in programmes::list_published(&mut tx).await.unwrap() {
        for c in cohorts::list_for_programme(&mut tx, &p.id).await.unwrap() {
            holders.push((pat.clone(), c.id));
        }
    }
    for (person, cohort) in &holders {
        let code = revans_app::certificates::code::new_code();
        store::insert(
            &mut tx,
            &NewCertificate {
                code: &code,
                person_id: person,
                cohort_id: cohort,
                holder_name: "Holder",
                tenant_name: "Revans",
                programme_title: "A programme",
                cohort_name: "A cohort",
                starts_on: "2026-01-01",
                ends_on: "2026-02-01",
                completed_on: "2026-02-01",
                cpd_minutes: 60,
                outcomes: &["An outcome".to_owned()],
                by_exception: false,
                issued_at: revans_app::now_ms(),
                issued_by: None,
            },
        )
        .await
        .unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
}

/// Every diary entry of the demo participant tagged as evidence against two dimensions.
async fn grow_portfolio(app: &TestApp) {
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    let dims = [
        "leading-with-care".to_owned(),
        "engaging-the-team".to_owned(),
    ];
    for item in revans_storage::portfolio::items_of(&mut conn, &pat)
        .await
        .unwrap()
    {
        if item.kind == "diary_entry" {
            revans_storage::portfolio::insert_evidence(
                &mut conn,
                &revans_storage::portfolio::NewEvidence {
                    person: &pat,
                    framework: "healthcare-leadership-model",
                    kind: &item.kind,
                    item_id: &item.item_id,
                    ordinal: 0,
                    note: "",
                    dimensions: &dims,
                },
            )
            .await
            .unwrap();
        }
    }
}
