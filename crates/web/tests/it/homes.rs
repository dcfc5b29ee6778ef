//! The task home (issue 11, items 1 and 11): each role's "what you need to do", counted in the
//! viewer's own scope and linking to the work, the same over the API; and the evaluator's
//! CSV downloads with the small-number rule.

use axum::http::StatusCode;
use revans_domain::{ApplicationState, EmailAddress, Id, OrganisationName, PersonName, Role};
use revans_storage::{applications, cohorts, meetings, people, sets};

use crate::helpers::*;

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

/// The demo's Train the Trainer programme (needs a sponsor's approval) and its first cohort.
async fn trainer(app: &TestApp) -> (Id, Id) {
    let (p, c) = app.demo_programme().await;
    (id(&p), id(&c))
}

/// A new person in the sponsor's organisation who has sent an application to the programme.
async fn applicant(app: &TestApp, programme: &Id, cohort: &Id, email: &str) -> Id {
    let mut tx = app.state.store.begin().await.unwrap();
    let sponsor = id(&app.person_id(SPONSOR).await);
    let trust = people::get(&mut tx, &sponsor)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let person = people::insert(
        &mut tx,
        &trust,
        &EmailAddress::parse(email).unwrap(),
        &PersonName::parse("Nia Newcomer").unwrap(),
    )
    .await
    .unwrap();
    let application = applications::insert(
        &mut tx,
        &applications::NewApplication {
            programme_id: programme,
            person_id: &person,
            organisation_id: &trust,
            state: ApplicationState::Submitted,
            answers: &["Two years of circles".into()],
            confirmed_statements: true,
            preferences: std::slice::from_ref(cohort),
            nominated_by: None,
        },
    )
    .await
    .unwrap();
    revans_storage::commit(tx).await.unwrap();
    application
}

/// The demo's Leading Through Change cohorts: (spring with its set, autumn waiting for sets).
async fn action_learning(app: &TestApp) -> (sets::ActionSet, Id) {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = id(&app.person_id(PARTICIPANT).await);
    let set = sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let spring = cohorts::get(&mut conn, &set.cohort_id)
        .await
        .unwrap()
        .unwrap();
    let autumn = cohorts::list_for_programme(&mut conn, &spring.programme_id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id != spring.id)
        .unwrap();
    (set, autumn.id)
}

fn task<'a>(home: &'a serde_json::Value, section: &str, kind: &str) -> Vec<&'a serde_json::Value> {
    home[section]["tasks"]
        .as_array()
        .map(|ts| ts.iter().filter(|t| t["kind"] == kind).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_leads_home_counts_the_work_waiting_and_links_to_it() {
    let app = TestApp::spawn().await;
    let (set, autumn) = action_learning(&app).await;
    let mut lead = app.signed_in(ADMIN).await;

    let page = lead.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Programmes you run"), "{}", page.body);
    assert!(
        page.body.contains(&format!(
            "<a href=\"/admin/cohorts/{autumn}/sets\">24 people with a confirmed place are waiting for a set</a>"
        )),
        "{}",
        page.body
    );
    assert!(!page.body.contains("application to review"));
    assert!(!page.body.contains("without a facilitator"));

    // The facilitator steps down and an application is approved by its sponsor.
    {
        let mut conn = app.state.store.conn().await.unwrap();
        sets::replace_facilitators(&mut conn, &set.id, &[])
            .await
            .unwrap();
    }
    let (programme, cohort) = trainer(&app).await;
    let a = applicant(&app, &programme, &cohort, "nia@harbour-trust.example").await;
    {
        let mut conn = app.state.store.conn().await.unwrap();
        applications::approve(&mut conn, &a, true).await.unwrap();
    }
    let page = lead.get("/").await;
    assert!(page.body.contains(&format!(
        "<a href=\"/admin/programmes/{programme}/applications\">1 application to review</a>"
    )));
    assert!(page.body.contains(&format!(
        "<a href=\"/admin/cohorts/{}/sets\">1 set without a facilitator</a>",
        set.cohort_id
    )));

    // The API says the same.
    lead.bearer = Some(app.api_token(ADMIN).await);
    let r = lead.json("GET", "/api/v1/home", None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let home: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(task(&home, "lead", "waiting_for_sets")[0]["count"], 24);
    assert_eq!(task(&home, "lead", "applications_to_review")[0]["count"], 1);
    assert_eq!(
        task(&home, "lead", "sets_without_facilitator")[0]["count"],
        1
    );
    assert!(home["sponsor"].is_null() && home["evaluator"].is_null());
}

#[tokio::test]
async fn another_tenants_lead_sees_none_of_this_tenants_work() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = trainer(&app).await;
    let a = applicant(&app, &programme, &cohort, "nia@harbour-trust.example").await;
    {
        let mut conn = app.state.store.conn().await.unwrap();
        applications::approve(&mut conn, &a, true).await.unwrap();
    }
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let page = other.get("/").await;
    assert!(
        page.body.contains("Nothing needs your attention."),
        "{}",
        page.body
    );
    for leak in [
        "Autumn 2026",
        "waiting for a set",
        "to review",
        "Train the Trainer",
    ] {
        assert!(!page.body.contains(leak), "{leak} shown to another tenant");
    }
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let home: serde_json::Value =
        serde_json::from_str(&other.json("GET", "/api/v1/home", None).await.body).unwrap();
    assert_eq!(home["lead"]["tasks"], serde_json::json!([]));
}

#[tokio::test]
async fn a_sponsor_is_told_an_approval_waits_and_the_lead_only_after_it_is_given() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = trainer(&app).await;
    let a = applicant(&app, &programme, &cohort, "nia@harbour-trust.example").await;
    let mut sponsor = app.signed_in(SPONSOR).await;
    let page = sponsor.get("/").await;
    assert!(
        page.body.contains(
            "<a href=\"/sponsor/applications\">1 application is waiting for your approval</a>"
        ),
        "{}",
        page.body
    );
    // The demo's people from the trust with places, and the new one, by state.
    assert!(page.body.contains(">Submitted</strong>"));
    assert!(page.body.contains(">Place confirmed</strong>"));
    let lead_page = app.signed_in(ADMIN).await.get("/").await;
    assert!(
        !lead_page.body.contains("to review"),
        "the lead cannot decide before the sponsor approves"
    );

    sponsor.bearer = Some(app.api_token(SPONSOR).await);
    let r = sponsor
        .json(
            "POST",
            &format!("/api/v1/applications/{a}/sponsor-approval"),
            Some("{}"),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let home: serde_json::Value =
        serde_json::from_str(&sponsor.json("GET", "/api/v1/home", None).await.body).unwrap();
    assert!(task(&home, "sponsor", "approvals_waiting").is_empty());
    assert!(home["lead"].is_null(), "a sponsor has no lead section");
    let lead_page = app.signed_in(ADMIN).await.get("/").await;
    assert!(lead_page.body.contains("1 application to review"));
}

#[tokio::test]
async fn a_participant_sees_todays_meeting_their_set_by_programme_and_an_offer_to_answer() {
    let app = TestApp::spawn().await;
    let (set, _) = action_learning(&app).await;
    let third = {
        let mut conn = app.state.store.conn().await.unwrap();
        meetings::list_for_set(&mut conn, &set.id).await.unwrap()[2]
            .id
            .clone()
    };
    let mut pat = app.signed_in(PARTICIPANT).await;
    let page = pat.get("/").await;
    assert!(page.body.contains("Your next meeting"), "{}", page.body);
    assert!(page.body.contains(&format!("href=\"/meetings/{third}\"")));
    assert!(page.body.contains("(London time)"));
    assert!(page.body.contains(&format!(
        "<a href=\"/sets/{}\">Set 1</a><span class=\"hint home-task__context\">Leading Through Change: Action Learning: Spring 2026</span>",
        set.id
    )));
    assert!(!page.body.contains("Accept or decline"));

    // An offer of a place waits for Pat's answer.
    let (programme, cohort) = trainer(&app).await;
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let pat_id = id(&app.person_id(PARTICIPANT).await);
        let person = people::get(&mut tx, &pat_id).await.unwrap().unwrap();
        let a = applications::insert(
            &mut tx,
            &applications::NewApplication {
                programme_id: &programme,
                person_id: &pat_id,
                organisation_id: &person.organisation_id,
                state: ApplicationState::Submitted,
                answers: &["x".into()],
                confirmed_statements: true,
                preferences: std::slice::from_ref(&cohort),
                nominated_by: None,
            },
        )
        .await
        .unwrap();
        applications::approve(&mut tx, &a, false).await.unwrap();
        applications::offer(
            &mut tx,
            &a,
            ApplicationState::Approved,
            &cohort,
            revans_storage::now_ms() + 86_400_000 * 3,
        )
        .await
        .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    let page = pat.get("/").await;
    assert!(
        page.body
            .contains("<a href=\"/applications\">Accept or decline your place in Cohort 1</a>")
    );
    pat.bearer = Some(app.api_token(PARTICIPANT).await);
    let home: serde_json::Value =
        serde_json::from_str(&pat.json("GET", "/api/v1/home", None).await.body).unwrap();
    assert_eq!(
        home["participant"]["next_meeting"]["set_id"],
        set.id.as_str()
    );
    assert_eq!(
        home["participant"]["next_meeting"]["next_meeting"]["meeting_id"],
        third.as_str()
    );
    assert_eq!(task(&home, "participant", "offer_to_answer").len(), 1);
}

/// The home as the app builds it for someone, at a chosen time.
async fn home_of(app: &TestApp, email: &str, now: i64) -> revans_app::home::Home {
    let mut conn = app.state.store.conn().await.unwrap();
    let person = people::get(&mut conn, &id(&app.person_id(email).await))
        .await
        .unwrap()
        .unwrap();
    let roles = people::roles(&mut conn, &person.id).await.unwrap();
    let viewer = revans_app::Viewer { person, roles };
    revans_app::home::home_at(&app.state, &viewer, now)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_facilitator_is_asked_for_attendance_once_a_meeting_is_over() {
    let app = TestApp::spawn().await;
    let (set, _) = action_learning(&app).await;
    let third = {
        let mut conn = app.state.store.conn().await.unwrap();
        meetings::list_for_set(&mut conn, &set.id).await.unwrap()[2].clone()
    };
    let page = app.signed_in(FACILITATOR).await.get("/").await;
    assert!(page.body.contains("Sets you facilitate"));
    assert!(
        page.body
            .contains(&format!("<a href=\"/sets/{}\">Set 1</a>", set.id))
    );
    assert!(
        page.body
            .contains("Attendance is recorded for every past meeting.")
    );

    // Once the third meeting is over and nobody has recorded who came.
    let later = third.ends_at + 60_000;
    let home = home_of(&app, FACILITATOR, later).await;
    let f = home.facilitator.unwrap();
    assert_eq!(f.tasks.len(), 1);
    assert_eq!(f.tasks[0].count, 1);
    assert_eq!(f.tasks[0].href, format!("/meetings/{}", third.id));
    assert!(
        f.tasks[0]
            .text
            .starts_with("Record attendance for the meeting on")
    );
    // The next meeting is now the fourth.
    let next = f.sets[0].next_meeting.as_ref().unwrap();
    assert_ne!(next.meeting_id, third.id.as_str());
    // Fran is also a participant, in no set: that section says so.
    assert!(home.participant.unwrap().sets.is_empty());
}

#[tokio::test]
async fn the_evaluators_home_explains_what_they_see_and_links_the_downloads() {
    let app = TestApp::spawn().await;
    let mut eve = app.signed_in(EVALUATOR).await;
    let page = eve.get("/").await;
    assert!(page.body.contains("Evaluation"));
    // Text from the catalogue is escaped, quotes included.
    assert!(
        page.body.contains("shown as \"Fewer than 8\"")
            || page.body.contains("shown as &#34;Fewer than 8&#34;")
            || page.body.contains("shown as &quot;Fewer than 8&quot;")
    );
    assert!(page.body.contains("href=\"/reports/sets.csv\" download"));
    assert!(
        page.body
            .contains("href=\"/reports/attendance.csv\" download")
    );
    assert!(!page.body.contains("Programmes you run"));
}

#[tokio::test]
async fn the_csv_downloads_hide_small_counts_and_never_name_anyone() {
    let app = TestApp::spawn().await;
    let mut eve = app.signed_in(EVALUATOR).await;
    let overview = eve.get("/reports/sets.csv").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.content_type.starts_with("text/csv"));
    // Spring 2026's one set has 7 members: hidden, and no attendance rate over so few.
    assert!(
        overview.body.contains(
            "\"Leading Through Change: Action Learning\",\"Spring 2026\",\"1\",\"Fewer than 8\",\"2\",\"6\",\"Not shown: fewer than 8 people\""
        ),
        "{}",
        overview.body
    );
    let attendance = eve.get("/reports/attendance.csv").await;
    assert_eq!(attendance.status, StatusCode::OK);
    assert!(
        attendance.body.contains(
            "\"Leading Through Change: Action Learning\",\"Spring 2026\",\"Set 1\",\"Fewer than 8\",\"2\",\"6\",\"Not shown: fewer than 8 people\""
        ),
        "{}",
        attendance.body
    );
    for body in [&overview.body, &attendance.body] {
        for name in ["Pat Participant", "Bo Participant", "Aisha Khan", "\"7\""] {
            assert!(!body.contains(name), "{name} in a CSV");
        }
    }
}

#[tokio::test]
async fn only_leads_and_evaluators_of_the_region_can_fetch_the_csvs() {
    let app = TestApp::spawn().await;
    for who in [PARTICIPANT, FACILITATOR, SPONSOR] {
        let mut c = app.signed_in(who).await;
        for path in ["/reports/sets.csv", "/reports/attendance.csv"] {
            assert_eq!(
                c.get(path).await.status,
                StatusCode::FORBIDDEN,
                "{who} {path}"
            );
        }
    }
    // An evaluator of another tenant gets their own (empty) region.
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let org = revans_storage::organisations::insert(
            &mut tx,
            &OrganisationName::parse("Faraway Health Board").unwrap(),
            None,
        )
        .await
        .unwrap();
        let person = people::insert(
            &mut tx,
            &org.id,
            &EmailAddress::parse("evaluator@faraway.example").unwrap(),
            &PersonName::parse("Fay Faraway").unwrap(),
        )
        .await
        .unwrap();
        let hash =
            revans_app::security::hash_password(&revans_domain::Password::parse(PASSWORD).unwrap())
                .await
                .unwrap();
        people::set_password_hash(&mut tx, &person, &hash)
            .await
            .unwrap();
        people::set_roles(&mut tx, &person, &org.id, &[Role::Evaluator])
            .await
            .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    let mut faraway = app.signed_in("evaluator@faraway.example").await;
    for path in ["/reports/sets.csv", "/reports/attendance.csv"] {
        let r = faraway.get(path).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(!r.body.contains("Spring 2026"), "{path}: {}", r.body);
        assert_eq!(r.body.lines().count(), 1, "only the header row");
    }
}
