//! Completion and CPD (issue 16, C10): the attendance register (marks recorded and replaced, a
//! future session refused, a bad row refusing the whole register), the lead's overview
//! (standings and CPD time from the programme's hours and from session lengths, set meetings
//! and circles included), exceptions (check your answers, audited, removed), each person's own
//! CPD record, and the attackers: another tenant's or organisation's lead, a participant, a
//! sponsor, a facilitator, and a lead who grants themself a role.

use axum::http::StatusCode;
use revans_domain::{
    AllocationRule, ApplicationState, Capacity, CompletionRule, DeliveryMode, Id, ProgrammeKind,
    Role, Schedule, Session,
};
use revans_storage::programmes::ProgrammeFields;
use serde_json::Value;

use crate::helpers::*;

const MINUTE: i64 = 60_000;
const DAY: i64 = 86_400_000;

/// The demo's spring cohort (Pat's set's): six sessions, three held, at least five to complete.
pub(crate) async fn spring(app: &TestApp) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0)
        .cohort_id
        .to_string()
}

async fn lead(app: &TestApp) -> Client {
    let mut c = app.signed_in(ADMIN).await;
    c.bearer = Some(app.api_token(ADMIN).await);
    c
}

fn json(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{} {}", r.status, r.body))
}

fn person<'a>(overview: &'a Value, name: &str) -> &'a Value {
    overview["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {overview}"))
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<String> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut out = Vec::new();
    for org in revans_storage::organisations::list_all(&mut conn)
        .await
        .unwrap()
    {
        if org.parent_id.is_none() {
            for e in revans_storage::audit::list_in_tree(&mut conn, &org.id, 1000, 0)
                .await
                .unwrap()
            {
                if e.action == action {
                    out.push(e.detail);
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn the_overview_shows_who_completed_who_is_at_risk_and_their_cpd() {
    let app = TestApp::spawn().await;
    let spring = spring(&app).await;
    let mut lead = lead(&app).await;
    let r = lead
        .json("GET", &format!("/api/v1/cohorts/{spring}/completion"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let o = json(&r);
    assert_eq!(o["rule"], "At least 5 of the 6 sessions");
    assert_eq!(o["required"], 5);
    assert_eq!(o["programme_cpd_minutes"], 18 * 60);
    // The demo: Aisha by exception; Bo and Chloe missed one each; four came to all three.
    assert_eq!(o["counts"]["completed"], 1);
    assert_eq!(o["counts"]["completed_by_exception"], 1);
    assert_eq!(o["counts"]["at_risk"], 2);
    assert_eq!(o["counts"]["on_track"], 4);
    assert_eq!(o["counts"]["not_completed"], 0);
    let pat = person(&o, "Pat Participant");
    assert_eq!(pat["standing"], "on_track");
    assert_eq!(pat["attended"], 3);
    assert_eq!(pat["completed_on"], Value::Null);
    // 18 hours over six sessions: three hours for each attended; two set meetings of three hours.
    assert_eq!(pat["cpd"]["sessions_minutes"], 540);
    assert_eq!(pat["cpd"]["meetings_minutes"], 360);
    let total = pat["cpd"]["total_minutes"].as_u64().unwrap();
    assert_eq!(
        total,
        540 + 360 + pat["cpd"]["circles_minutes"].as_u64().unwrap()
    );
    assert!(pat["cpd"]["total_hours"].as_f64().unwrap() >= 15.0);
    let bo = person(&o, "Bo Participant");
    assert_eq!(bo["standing"], "at_risk");
    assert_eq!(bo["missed"], 1);
    assert_eq!(bo["cpd"]["sessions_minutes"], 360);
    let aisha = person(&o, "Aisha Khan");
    assert_eq!(aisha["standing"], "completed_by_exception");
    assert!(
        aisha["exception_reason"]
            .as_str()
            .unwrap()
            .contains("make-up day")
    );
    let completed_on = aisha["completed_on"].as_str().unwrap();
    assert_eq!(completed_on.len(), 10, "YYYY-MM-DD: {completed_on}");
    assert_eq!(o["sessions"].as_array().unwrap().len(), 6);
    assert_eq!(o["sessions"][0]["started"], true);
    assert_eq!(o["sessions"][0]["present"], 6);
    assert_eq!(o["sessions"][0]["absent"], 1);
    assert_eq!(o["sessions"][5]["started"], false);

    // The filter: only those at risk; the counts still cover everyone.
    let r = lead
        .json(
            "GET",
            &format!("/api/v1/cohorts/{spring}/completion?standing=at_risk"),
            None,
        )
        .await;
    let at_risk = json(&r);
    let names: Vec<&str> = at_risk["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bo Participant", "Chloe Evans"]);
    assert_eq!(at_risk["counts"]["on_track"], 4);
    let r = lead
        .json(
            "GET",
            &format!("/api/v1/cohorts/{spring}/completion?standing=sometimes"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("standing"), "{}", r.body);

    // The page says the same, with the tags, the filter and the registers.
    let page = lead
        .get(&format!("/admin/cohorts/{spring}/completion"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Completion: Spring 2026"));
    assert!(
        page.body.contains(r#"data-count="at_risk">2<"#),
        "{}",
        page.body
    );
    assert!(page.body.contains("At least 5 of the 6 sessions"));
    assert!(page.body.contains("Completed (exception)"));
    assert!(
        page.body
            .contains(&format!("/admin/cohorts/{spring}/sessions/1/attendance"))
    );
    assert!(
        !page
            .body
            .contains(&format!("/admin/cohorts/{spring}/sessions/6/attendance"))
    );
    let filtered = lead
        .get(&format!(
            "/admin/cohorts/{spring}/completion?standing=at_risk"
        ))
        .await;
    assert!(filtered.body.contains("Chloe Evans"));
    assert!(!filtered.body.contains("Pat Participant"));
    // The lead's programme page links to it.
    let programme = revans_storage::cohorts::get(
        &mut app.state.store.conn().await.unwrap(),
        &Id::parse(&spring).unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .programme_id;
    let p = lead.get(&format!("/admin/programmes/{programme}")).await;
    assert!(
        p.body
            .contains(&format!("/admin/cohorts/{spring}/completion"))
    );
}

/// A programme with no stated CPD time in the lead's region, whose cohort has two sessions
/// held (120 and 90 minutes) and one to come; Pat has a place, a set meeting of 60 minutes
/// attended, a circle session of the cohort (45 minutes) and one standing alone (30).
async fn by_lengths(app: &TestApp) -> (String, String) {
    use revans_storage::{applications, circle_bookings, circles, cohorts, meetings, sets};
    let now = revans_storage::now_ms();
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let region = revans_storage::people::get(&mut tx, &lead)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let pat_org = revans_storage::people::get(&mut tx, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let programme = revans_storage::programmes::insert(
        &mut tx,
        &region,
        &ProgrammeFields {
            title: "Coaching Conversations".into(),
            summary: "Short".into(),
            description: "Short".into(),
            kind: ProgrammeKind::LeadershipModule,
            outcomes: vec!["Coach".into()],
            audience: "Anyone".into(),
            leads: "Academy".into(),
            fee_pence: 0,
            cpd_minutes: 0,
            delivery_mode: DeliveryMode::Virtual,
            delivery_detail: "https://meet.example".into(),
            eligibility: vec![],
            confirmations: vec![],
            questions: vec![],
            phases: vec![],
            follow_on_id: None,
            requires_sponsor_approval: false,
            allocation_rule: AllocationRule::ApprovalOrder,
            lottery_seed: 1,
            offer_valid_days: 7,
        },
    )
    .await
    .unwrap();
    let at = |days: i64, minutes: i64| Session {
        starts_at: now + days * DAY,
        ends_at: now + days * DAY + minutes * MINUTE,
    };
    let schedule = Schedule::from_stored(
        "Europe/London".into(),
        vec![at(-10, 120), at(-3, 90), at(5, 120)],
    );
    let cohort = cohorts::insert(
        &mut tx,
        &cohorts::NewCohort {
            programme_id: &programme,
            name: "Lengths cohort",
            capacity: Capacity::new(10).unwrap(),
            opens_at: now - 30 * DAY,
            closes_at: now - 20 * DAY,
            schedule: &schedule,
            schedule_kind: "explicit",
            schedule_spec: "{}",
            completion: CompletionRule::AllSessions,
        },
    )
    .await
    .unwrap();
    let application = applications::insert(
        &mut tx,
        &applications::NewApplication {
            programme_id: &programme,
            person_id: &pat,
            organisation_id: &pat_org,
            state: ApplicationState::Approved,
            answers: &[],
            confirmed_statements: true,
            preferences: std::slice::from_ref(&cohort),
            nominated_by: None,
        },
    )
    .await
    .unwrap();
    applications::offer(
        &mut tx,
        &application,
        ApplicationState::Approved,
        &cohort,
        now + DAY,
    )
    .await
    .unwrap();
    applications::accept(&mut tx, &application).await.unwrap();
    let set = sets::insert(
        &mut tx,
        &sets::NewSet {
            cohort_id: &cohort,
            name: "Lengths set",
            position: 0,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    meetings::insert_many(&mut tx, &set, &[at(-8, 60)])
        .await
        .unwrap();
    let meeting = meetings::list_for_set(&mut tx, &set)
        .await
        .unwrap()
        .remove(0);
    meetings::record_attendance(&mut tx, &meeting.id, &lead, &[(pat.clone(), "present")])
        .await
        .unwrap();
    for (cohort_id, minutes) in [(Some(cohort.clone()), 45), (None, 30)] {
        let starts = now - 2 * DAY;
        let fields = circles::CircleFields {
            organisation_id: region.clone(),
            cohort_id,
            title: format!("Circle of {minutes} minutes"),
            description: "A circle.".into(),
            topics: vec!["burnout".into()],
            min_places: 2,
            max_places: 10,
            delivery_mode: "virtual".into(),
            delivery_detail: "https://meet.example/c".into(),
            timezone: "Europe/London".into(),
            confirm_hours: 48,
            cancel_hours: 24,
            sessions: vec![circles::CircleSession {
                starts_at: starts,
                ends_at: starts + minutes * MINUTE,
            }],
            facilitators: vec![],
        };
        let circle = circles::insert(&mut tx, &region, &fields, "published", None)
            .await
            .unwrap();
        circle_bookings::record_attendance(&mut tx, &circle, 1, pat.as_str(), true, &lead)
            .await
            .unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
    (cohort.to_string(), pat.to_string())
}

#[tokio::test]
async fn cpd_counts_session_lengths_set_meetings_and_circles() {
    let app = TestApp::spawn().await;
    let (cohort, pat) = by_lengths(&app).await;
    let mut lead = lead(&app).await;
    let before = {
        let mut c = app.signed_in(PARTICIPANT).await;
        c.bearer = Some(app.api_token(PARTICIPANT).await);
        json(&c.json("GET", "/api/v1/cpd", None).await)
    };
    for (ordinal, present) in [(1, true), (2, false)] {
        let body = format!(r#"{{"marks":[{{"person_id":"{pat}","present":{present}}}]}}"#);
        let r = lead
            .json(
                "PUT",
                &format!("/api/v1/cohorts/{cohort}/sessions/{ordinal}/attendance"),
                Some(&body),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let o = json(
        &lead
            .json("GET", &format!("/api/v1/cohorts/{cohort}/completion"), None)
            .await,
    );
    assert_eq!(o["programme_cpd_minutes"], 0);
    let p = person(&o, "Pat Participant");
    // Session 1 (120 minutes) attended, session 2 missed: its 90 minutes do not count.
    assert_eq!(p["cpd"]["sessions_minutes"], 120);
    assert_eq!(p["cpd"]["meetings_minutes"], 60);
    assert_eq!(p["cpd"]["circles_minutes"], 45, "the cohort's circle only");
    assert_eq!(p["cpd"]["total_minutes"], 225);
    assert_eq!(p["cpd"]["total_hours"], 3.75);
    assert_eq!(p["cpd"]["total_text"], "3.7 hours");
    // All three sessions needed and one missed: cannot complete.
    assert_eq!(p["standing"], "not_completed");

    // Pat's own record: this cohort, the standalone circle, and a total that adds up.
    let mut pat_client = app.signed_in(PARTICIPANT).await;
    pat_client.bearer = Some(app.api_token(PARTICIPANT).await);
    let mine = json(&pat_client.json("GET", "/api/v1/cpd", None).await);
    let this = mine["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cohort_id"] == cohort.as_str())
        .unwrap();
    assert_eq!(this["cpd"]["total_minutes"], 225);
    assert_eq!(this["standing"], "not_completed");
    assert_eq!(this["attended"], 1);
    assert_eq!(this["past_sessions"], 2);
    assert!(mine["standalone_circles_minutes"].as_u64().unwrap() >= 30);
    assert_eq!(
        mine["total_minutes"].as_u64().unwrap(),
        before["total_minutes"].as_u64().unwrap() + 120,
        "the session attended is added to what the meeting and circles had earned"
    );
    let page = pat_client.get("/cpd").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Your CPD record"));
    assert!(page.body.contains("Coaching Conversations: Lengths cohort"));
    assert!(page.body.contains("2 hours"), "session 1's 120 minutes");
}

#[tokio::test]
async fn the_register_records_replaces_and_refuses_what_it_cannot_keep() {
    let app = TestApp::spawn().await;
    let spring = spring(&app).await;
    let pat = app.person_id(PARTICIPANT).await;
    let bo = app.person_id("participant@bay-council.example").await;
    let eve = app.person_id(EVALUATOR).await;
    let mut lead = lead(&app).await;
    let register = format!("/api/v1/cohorts/{spring}/sessions/2/attendance");
    let marked = async |lead: &mut Client, who: &str| -> Value {
        let r = json(&lead.json("GET", &register, None).await);
        r["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["person_id"] == who)
            .unwrap()["present"]
            .clone()
    };
    assert_eq!(marked(&mut lead, &pat).await, Value::Bool(true));
    assert_eq!(marked(&mut lead, &bo).await, Value::Bool(false));

    // Recorded, then replaced: Pat absent, then present again; Bo present after all.
    let r = lead
        .json(
            "PUT",
            &register,
            Some(&format!(
                r#"{{"marks":[{{"person_id":"{pat}","present":false}}]}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(json(&r)["absent"], 1);
    assert_eq!(marked(&mut lead, &pat).await, Value::Bool(false));
    let r = lead
        .json(
            "PUT",
            &register,
            Some(&format!(
                r#"{{"marks":[{{"person_id":"{pat}","present":true}},{{"person_id":"{bo}","present":true}}]}}"#
            )),
        )
        .await;
    assert_eq!(json(&r)["present"], 2);
    assert_eq!(marked(&mut lead, &pat).await, Value::Bool(true));
    assert_eq!(marked(&mut lead, &bo).await, Value::Bool(true));
    let o = json(
        &lead
            .json("GET", &format!("/api/v1/cohorts/{spring}/completion"), None)
            .await,
    );
    assert_eq!(person(&o, "Bo Participant")["standing"], "on_track");
    // Everyone at session 2 now but Aisha (her absence is what her exception covers).
    assert_eq!(o["sessions"][1]["present"], 6);
    assert_eq!(o["sessions"][1]["absent"], 1);
    assert!(
        audit_details(&app, "completion.attendance_recorded")
            .await
            .iter()
            .any(|d| d.contains("session 2 of Spring 2026: 2 present, 0 absent")),
    );

    // A row naming someone without a place refuses the whole register, naming the row.
    let r = lead
        .json(
            "PUT",
            &register,
            Some(&format!(
                r#"{{"marks":[{{"person_id":"{pat}","present":false}},{{"person_id":"{eve}","present":true}}]}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("marks[1].person_id"), "{}", r.body);
    assert!(r.body.contains("Row 2"), "{}", r.body);
    assert!(
        !r.body.contains("Eve"),
        "no name of a non-participant: {}",
        r.body
    );
    assert_eq!(
        marked(&mut lead, &pat).await,
        Value::Bool(true),
        "nothing changed"
    );
    let r = lead
        .json(
            "PUT",
            &register,
            Some(&format!(r#"{{"marks":[{{"person_id":"{pat}"}}]}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Choose present or absent for Pat Participant")
    );
    let r = lead.json("PUT", &register, Some(r#"{"marks":[]}"#)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = lead
        .json("PUT", &register, Some(r#"{"marks":[],"extra":1}"#))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("extra"));

    // A session not started yet cannot be marked: nobody attends the future.
    let future = format!("/api/v1/cohorts/{spring}/sessions/5/attendance");
    let r = lead
        .json(
            "PUT",
            &future,
            Some(&format!(
                r#"{{"marks":[{{"person_id":"{pat}","present":true}}]}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("has not started yet"), "{}", r.body);
    assert_eq!(
        json(&lead.json("GET", &future, None).await)["started"],
        false
    );
    let page = lead
        .get(&format!("/admin/cohorts/{spring}/sessions/5/attendance"))
        .await;
    assert!(page.body.contains("data-not-started"));
    assert!(!page.body.contains("Save attendance"));
    // No seventh session; a session number that is not a number.
    for bad in ["7", "first", "0"] {
        let r = lead
            .json(
                "GET",
                &format!("/api/v1/cohorts/{spring}/sessions/{bad}/attendance"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
    }

    // The page: one form for the session; a row left blank is named in the error summary
    // and nothing is saved.
    let path = format!("/admin/cohorts/{spring}/sessions/3/attendance");
    let page = lead.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Attendance: session 3 of 6"));
    assert!(page.body.contains("Chloe Evans"));
    let present_pat = format!("present-{pat}");
    let r = lead
        .post_form(
            &path,
            &[
                ("person", pat.as_str()),
                ("person", bo.as_str()),
                (present_pat.as_str(), "no"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("There is a problem"));
    assert!(
        r.body
            .contains("Choose present or absent for Bo Participant")
    );
    assert!(
        r.body.contains(r##"href="#marks[1].present""##),
        "{}",
        r.body
    );
    let at3 = format!("/api/v1/cohorts/{spring}/sessions/3/attendance");
    let pat_at_3 = json(&lead.json("GET", &at3, None).await)["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person_id"] == pat.as_str())
        .unwrap()["present"]
        .clone();
    assert_eq!(pat_at_3, Value::Bool(true), "nothing saved");
    let present_bo = format!("present-{bo}");
    let r = lead
        .post_form(
            &path,
            &[
                ("person", pat.as_str()),
                ("person", bo.as_str()),
                (present_pat.as_str(), "no"),
                (present_bo.as_str(), "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = lead.get(r.location.as_deref().unwrap()).await;
    assert!(after.body.contains("Attendance saved."));
    let o = json(
        &lead
            .json("GET", &format!("/api/v1/cohorts/{spring}/completion"), None)
            .await,
    );
    assert_eq!(person(&o, "Pat Participant")["attended"], 2);
}

#[tokio::test]
async fn an_exception_is_checked_recorded_audited_and_removed() {
    let app = TestApp::spawn().await;
    let spring = spring(&app).await;
    let bo = app.person_id("participant@bay-council.example").await;
    let mut lead = lead(&app).await;
    let path = format!("/admin/cohorts/{spring}/completion/{bo}/exception");
    let form = lead.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Exception for Bo Participant"));
    assert!(!form.body.contains("Remove the exception"));

    // The reason is required and has a limit.
    let r = lead
        .post_form(&path, &[("reason", "  "), ("action", "check")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Enter the reason for the exception"));
    let long = "x".repeat(501);
    let r = lead
        .post_form(&path, &[("reason", long.as_str()), ("action", "check")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("500 characters or fewer (it has 501)"));

    // Check your answers, change, then record.
    let reason = "Attended the Cliffside make-up day for session 2";
    let check = lead
        .post_form(&path, &[("reason", reason), ("action", "check")])
        .await;
    assert_eq!(check.status, StatusCode::OK);
    assert!(check.body.contains("Check your answers"));
    assert!(check.body.contains(reason));
    let back = lead
        .post_form(&path, &[("reason", reason), ("action", "change")])
        .await;
    assert!(back.body.contains("<textarea") && back.body.contains(reason));
    assert!(
        audit_details(&app, "completion.exception_recorded")
            .await
            .iter()
            .all(|d| !d.contains("Bo Participant")),
        "nothing recorded before saving"
    );
    let saved = lead
        .post_form(&path, &[("reason", reason), ("action", "save")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let overview = lead.get(saved.location.as_deref().unwrap()).await;
    assert!(overview.body.contains("Exception recorded."));
    assert!(overview.body.contains(reason));
    let o = json(
        &lead
            .json("GET", &format!("/api/v1/cohorts/{spring}/completion"), None)
            .await,
    );
    let b = person(&o, "Bo Participant");
    assert_eq!(b["standing"], "completed_by_exception");
    assert_eq!(b["exception_reason"], reason);
    assert_eq!(o["counts"]["completed"], 2);
    let recorded = audit_details(&app, "completion.exception_recorded").await;
    assert!(
        recorded
            .iter()
            .any(|d| d.contains("Bo Participant") && d.contains(reason)),
        "{recorded:?}"
    );

    // Through the API: replaced, then removed (audited), and removing again changes nothing.
    let api = format!("/api/v1/cohorts/{spring}/completion/{bo}/exception");
    let r = lead
        .json("PUT", &api, Some(r#"{"reason":"Make-up day in April"}"#))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(json(&r)["reason"], "Make-up day in April");
    assert_eq!(json(&r)["standing"], "completed_by_exception");
    let r = lead.json("PUT", &api, Some(r#"{"reason":""}"#)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#""field":"reason""#), "{}", r.body);
    let form = lead.get(&path).await;
    assert!(
        form.body
            .contains("Remove the exception for Bo Participant")
    );
    let r = lead.json("DELETE", &api, None).await;
    assert_eq!(json(&r)["removed"], true);
    let r = lead.json("DELETE", &api, None).await;
    assert_eq!(json(&r)["removed"], false);
    let removed = audit_details(&app, "completion.exception_removed").await;
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].contains("Bo Participant") && removed[0].contains("Make-up day in April"));
    let o = json(
        &lead
            .json("GET", &format!("/api/v1/cohorts/{spring}/completion"), None)
            .await,
    );
    assert_eq!(person(&o, "Bo Participant")["standing"], "at_risk");

    // The page's Remove button does the same.
    lead.json("PUT", &api, Some(r#"{"reason":"Again"}"#)).await;
    lead.get(&path).await;
    let r = lead.post_form(&format!("{path}/remove"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        lead.get(r.location.as_deref().unwrap())
            .await
            .body
            .contains("Exception removed.")
    );

    // Only for the cohort's participants: the evaluator has no place.
    let eve = app.person_id(EVALUATOR).await;
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/cohorts/{spring}/completion/{eve}/exception"),
            Some(r#"{"reason":"Not theirs"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = lead
        .get(&format!(
            "/admin/cohorts/{spring}/completion/{eve}/exception"
        ))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nobody_else_reads_or_changes_a_cohort_record() {
    let app = TestApp::spawn().await;
    let spring = spring(&app).await;
    let pat = app.person_id(PARTICIPANT).await;
    let mark = format!(r#"{{"marks":[{{"person_id":"{pat}","present":false}}]}}"#);
    let routes = |c: &str| {
        vec![
            ("GET", format!("/api/v1/cohorts/{c}/completion"), None),
            (
                "GET",
                format!("/api/v1/cohorts/{c}/sessions/1/attendance"),
                None,
            ),
            (
                "PUT",
                format!("/api/v1/cohorts/{c}/sessions/1/attendance"),
                Some(mark.clone()),
            ),
            (
                "PUT",
                format!("/api/v1/cohorts/{c}/completion/{pat}/exception"),
                Some(r#"{"reason":"Because I say so"}"#.to_owned()),
            ),
            (
                "DELETE",
                format!("/api/v1/cohorts/{c}/completion/{pat}/exception"),
                None,
            ),
        ]
    };
    let pages = [
        format!("/admin/cohorts/{spring}/completion"),
        format!("/admin/cohorts/{spring}/sessions/1/attendance"),
        format!("/admin/cohorts/{spring}/completion/{pat}/exception"),
    ];
    // Another tenant's lead, and a lead of Pat's own trust (not of the region that runs the
    // programme): not found, so the cohort is not even confirmed to exist.
    let other = {
        let mut c = app.signed_in(OTHER_ADMIN).await;
        c.bearer = Some(app.api_token(OTHER_ADMIN).await);
        c
    };
    let trust_lead = person_beside(
        &app,
        PARTICIPANT,
        "trust.lead@harbour-trust.example",
        Role::Admin,
    )
    .await;
    for (who, mut c) in [("other tenant", other), ("trust lead", trust_lead)] {
        for (method, path, body) in routes(&spring) {
            let r = c.json(method, &path, body.as_deref()).await;
            assert_eq!(
                r.status,
                StatusCode::NOT_FOUND,
                "{who} {method} {path}: {}",
                r.body
            );
            assert!(!r.body.contains("Spring 2026") && !r.body.contains("Pat Participant"));
        }
        for path in &pages {
            let r = c.get(path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} {path}");
        }
        let r = c
            .post_form(
                &format!("/admin/cohorts/{spring}/sessions/1/attendance"),
                &[("person", pat.as_str()), (&format!("present-{pat}"), "no")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
    }
    // A participant, a sponsor, the facilitator (of this cohort's set, not a lead) and the
    // evaluator: refused.
    for email in [PARTICIPANT, SPONSOR, FACILITATOR, EVALUATOR] {
        let mut c = app.signed_in(email).await;
        c.bearer = Some(app.api_token(email).await);
        for (method, path, body) in routes(&spring) {
            let r = c.json(method, &path, body.as_deref()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{email} {method} {path}");
            assert!(!r.body.contains("Pat Participant"));
        }
        for path in &pages {
            assert_eq!(
                c.get(path).await.status,
                StatusCode::FORBIDDEN,
                "{email} {path}"
            );
        }
    }
    // Nothing changed: Pat is still marked present at session 1 with no exception.
    let mut lead = lead(&app).await;
    let o = json(
        &lead
            .json("GET", &format!("/api/v1/cohorts/{spring}/completion"), None)
            .await,
    );
    let p = person(&o, "Pat Participant");
    assert_eq!(p["attended"], 3);
    assert_eq!(p["exception_reason"], Value::Null);
    assert!(
        audit_details(&app, "completion.exception_recorded")
            .await
            .is_empty()
    );

    // A lead who tries to grant themself the participant role is refused, and their CPD
    // record stays their own (empty); nobody's record names anyone else.
    let lead_id = app.person_id(ADMIN).await;
    let region = revans_storage::people::get(
        &mut app.state.store.conn().await.unwrap(),
        &Id::parse(&lead_id).unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .organisation_id;
    lead.get(&format!("/admin/people/{lead_id}")).await;
    let r = lead
        .post_form(
            &format!("/admin/people/{lead_id}/roles"),
            &[
                ("organisation_id", region.as_str()),
                ("roles", "admin"),
                ("roles", "participant"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mine = json(&lead.json("GET", "/api/v1/cpd", None).await);
    assert_eq!(mine["name"], "Priya Lead");
    assert!(mine["cohorts"].as_array().unwrap().is_empty());
    assert_eq!(mine["total_minutes"], 0);
    let page = lead.get("/cpd").await;
    assert!(
        page.body
            .contains("You do not have a place in any cohort yet.")
    );
    assert!(!page.body.contains("Spring 2026"));
    // Pat reads Pat's; Bo reads Bo's, never Pat's name or numbers.
    let mut bo = app.signed_in("participant@bay-council.example").await;
    bo.bearer = Some(app.api_token("participant@bay-council.example").await);
    let bos = json(&bo.json("GET", "/api/v1/cpd", None).await);
    assert_eq!(bos["name"], "Bo Participant");
    // Bo also completed the demo's finished Winter 2025 cohort; in Spring 2026 Bo is at risk.
    let spring = bos["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cohort_name"] == "Spring 2026")
        .expect("Bo's Spring 2026 record");
    assert_eq!(spring["standing"], "at_risk");
    assert!(!bo.get("/cpd").await.body.contains("Pat Participant"));
    let r = app.client().json("GET", "/api/v1/cpd", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
