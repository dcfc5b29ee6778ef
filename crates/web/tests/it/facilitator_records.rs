//! Facilitator records (issue 15, C6): a facilitator keeps their profile and qualifications on
//! the pages and over the API, with every problem named; leads of their region read it, and
//! nobody else; supervision is logged, totalled and exported, and another facilitator never
//! sees it; completing a cohort of a programme that awards a qualification adds it once; a
//! mentor pairing is shown to both on their home page.

use axum::http::StatusCode;
use revans_domain::{Id, Role};
use revans_storage::{meetings, sets};
use serde_json::Value;

use crate::helpers::*;

/// A facilitator beside the demo's, with no records yet (the demo's Fran has some).
const NEW: &str = "new.facilitator@northcoast-ics.example";

async fn with_token(app: &TestApp, email: &str) -> Client {
    let mut c = app.signed_in(email).await;
    c.bearer = Some(app.api_token(email).await);
    c
}

fn json(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON: {}", r.body))
}

#[tokio::test]
async fn a_facilitator_keeps_their_profile_and_leads_of_the_region_read_it() {
    let app = TestApp::spawn().await;
    let mut fac = person_beside(&app, FACILITATOR, NEW, Role::Facilitator).await;
    let fac_id = app.person_id(NEW).await;

    let page = fac.get("/facilitators/profile").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-no-background"));

    // Every problem is named at once, in the error summary.
    let r = fac
        .post_form(
            "/facilitators/profile/background",
            &[("years_facilitating", "many"), ("languages", "English")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["#years_facilitating", "#online_confidence", "#languages"] {
        assert!(r.body.contains(field), "{field} not named");
    }
    let r = fac
        .post_form(
            "/facilitators/profile/background",
            &[
                ("years_facilitating", "4"),
                ("online_confidence", "confident"),
                ("languages", "en, CY"),
                (
                    "training_history",
                    "Action learning set adviser course, 2022",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // A qualification with the GOV.UK date boxes; an expiry before the award is refused.
    let bad = fac
        .post_form(
            "/facilitators/profile/qualifications",
            &[
                ("name", "Action Learning Facilitation"),
                ("level", "Level 5"),
                ("awarded_on_day", "5"),
                ("awarded_on_month", "3"),
                ("awarded_on_year", "2024"),
                ("expires_on_day", "1"),
                ("expires_on_month", "1"),
                ("expires_on_year", "2024"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("The expiry date must be after the date awarded")
    );
    let r = fac
        .post_form(
            "/facilitators/profile/qualifications",
            &[
                ("name", "Action Learning Facilitation"),
                ("level", "Level 5"),
                ("awarded_on_day", "5"),
                ("awarded_on_month", "3"),
                ("awarded_on_year", "2024"),
                ("evidence", "https://evidence.example/certificate"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let api = fac
        .json("GET", "/api/v1/facilitators/me/profile", None)
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let profile = json(&api);
    assert_eq!(profile["background"]["years_facilitating"], 4);
    assert_eq!(
        profile["background"]["languages"],
        serde_json::json!(["en", "cy"])
    );
    let q = &profile["qualifications"][0];
    assert_eq!(q["awarded_on"], "2024-03-05");
    let q_id = q["id"].as_str().unwrap().to_owned();

    // Changed over the API, with a typo in a field name refused.
    let typo = fac
        .json(
            "PUT",
            &format!("/api/v1/facilitators/me/qualifications/{q_id}"),
            Some(r#"{"name":"ALF","levle":"Level 7","awarded_on":"2024-03-05"}"#),
        )
        .await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = fac
        .json(
            "PUT",
            &format!("/api/v1/facilitators/me/qualifications/{q_id}"),
            Some(r#"{"name":"Action Learning Facilitation","level":"Level 7","awarded_on":"2024-03-05","expires_on":"2027-03-05"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let own = fac.get("/facilitators/profile").await;
    assert!(own.body.contains("Level 7"));
    assert!(own.body.contains("5 March 2027"));
    assert!(
        own.body
            .contains(&format!("/facilitators/profile/qualifications/{q_id}/edit"))
    );

    // The lead of the region reads it, without Change links.
    let mut lead = with_token(&app, ADMIN).await;
    let theirs = lead.get(&format!("/admin/facilitators/{fac_id}")).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.body.contains("Level 7"));
    assert!(!theirs.body.contains("/edit\""));
    let theirs = lead
        .json(
            "GET",
            &format!("/api/v1/facilitators/{fac_id}/profile"),
            None,
        )
        .await;
    assert_eq!(json(&theirs)["qualifications"][0]["level"], "Level 7");

    // The demo's Fran: a qualification awarded for completing a cohort, the sets she runs read
    // from the records, and her supervised hours.
    let fran = app.person_id(FACILITATOR).await;
    let hers = lead.get(&format!("/admin/facilitators/{fran}")).await;
    assert!(hers.body.contains("Awarded for completing"));
    assert!(hers.body.contains("data-runs"));
    assert!(hers.body.contains("data-supervised-hours>4.5<"));

    // A lead of another tenant is told "not found"; another facilitator is refused; neither can
    // change or remove it.
    let mut other = with_token(&app, OTHER_ADMIN).await;
    let r = other.get(&format!("/admin/facilitators/{fac_id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.contains("Level 7"));
    let mut peer = person_beside(
        &app,
        FACILITATOR,
        "peer@northcoast-ics.example",
        Role::Facilitator,
    )
    .await;
    let r = peer
        .json(
            "GET",
            &format!("/api/v1/facilitators/{fac_id}/profile"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = peer
        .json(
            "DELETE",
            &format!("/api/v1/facilitators/me/qualifications/{q_id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Removed by its holder after the confirmation page.
    let confirm = fac
        .get(&format!(
            "/facilitators/profile/qualifications/{q_id}/delete"
        ))
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    let r = fac
        .post_form(
            &format!("/facilitators/profile/qualifications/{q_id}/delete"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = json(
        &fac.json("GET", "/api/v1/facilitators/me/profile", None)
            .await,
    );
    assert_eq!(after["qualifications"], serde_json::json!([]));
    let actions = app.audit_actions().await;
    for a in [
        "facilitator.background",
        "facilitator.qualification_added",
        "facilitator.qualification_changed",
        "facilitator.qualification_removed",
    ] {
        assert!(actions.iter().any(|x| x == a), "no audit entry {a}");
    }
}

#[tokio::test]
async fn supervision_is_logged_totalled_and_exported_and_stays_private() {
    let app = TestApp::spawn().await;
    let mut fac = person_beside(&app, FACILITATOR, NEW, Role::Facilitator).await;
    let mut sup = person_beside(
        &app,
        FACILITATOR,
        "supervisor@northcoast-ics.example",
        Role::Facilitator,
    )
    .await;
    let sup_id = app.person_id("supervisor@northcoast-ics.example").await;

    // Problems named: no supervisor, hours out of range, no kind.
    let r = fac
        .json(
            "POST",
            "/api/v1/facilitators/me/supervision",
            Some(r#"{"held_on":"2026-01-10","supervisor_id":"","hours":30}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["supervisor", "hours", "kind"] {
        assert!(
            r.body.contains(&format!("\"{field}\"")),
            "{field}: {}",
            r.body
        );
    }
    let body = format!(
        r#"{{"held_on":"2026-01-10","supervisor_id":"{sup_id}","hours":1.5,"kind":"one_to_one"}}"#
    );
    let r = fac
        .json("POST", "/api/v1/facilitators/me/supervision", Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // And one on the page, with the date boxes.
    let r = fac
        .post_form(
            "/facilitators/supervision",
            &[
                ("held_on_day", "7"),
                ("held_on_month", "2"),
                ("held_on_year", "2026"),
                ("supervisor", &sup_id),
                ("hours", "0.75"),
                ("kind", "group"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let log = json(
        &fac.json("GET", "/api/v1/facilitators/me/supervision", None)
            .await,
    );
    assert_eq!(log["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(log["logged_minutes"], 135);
    assert_eq!(log["total_hours"], "2.25");
    let page = fac.get("/facilitators/profile").await;
    assert!(page.body.contains("data-supervised-hours>2.25<"));

    // The supervisor, another facilitator, has an empty log of their own and cannot read this one.
    let theirs = json(
        &sup.json("GET", "/api/v1/facilitators/me/supervision", None)
            .await,
    );
    assert_eq!(theirs["sessions"], serde_json::json!([]));
    let own_csv = sup.get("/facilitators/supervision/hours.csv").await;
    assert!(
        !own_csv.body.contains(NEW),
        "{} {}",
        own_csv.status,
        own_csv.body
    );

    // The facilitator's own export has their row only; the lead's has the region's.
    let own = fac.get("/facilitators/supervision/hours.csv").await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.content_type.starts_with("text/csv"));
    assert!(own.body.contains(NEW) && own.body.contains(",\"2.25\""));
    assert!(!own.body.contains("supervisor@northcoast-ics.example"));
    let mut lead = with_token(&app, ADMIN).await;
    let region = lead.get("/admin/supervision/hours.csv").await;
    assert!(region.body.contains(NEW) && region.body.contains(",\"2.25\""));
    assert!(region.body.contains("supervisor@northcoast-ics.example"));
    // The demo's Fran logged 4.5 hours with Priya Lead.
    assert!(region.body.contains(FACILITATOR) && region.body.contains(",\"4.5\""));
    let rows = json(&lead.json("GET", "/api/v1/supervision/hours", None).await);
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == NEW)
        .unwrap();
    assert_eq!(row["total_hours"], "2.25");

    // Another tenant's lead sees none of it.
    let mut other = with_token(&app, OTHER_ADMIN).await;
    let theirs = other.get("/admin/supervision/hours.csv").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains(NEW));
    let theirs = other.json("GET", "/api/v1/supervision/hours", None).await;
    assert!(!theirs.body.contains(NEW));
}

/// A set the demo facilitator runs, with its meetings not cancelled (in order) and its current
/// members.
async fn facilitated_set(app: &TestApp) -> (Id, Vec<meetings::Meeting>, Vec<Id>) {
    let mut conn = app.state.store.conn().await.unwrap();
    let fac = Id::parse(&app.person_id(FACILITATOR).await).unwrap();
    let mut best: Option<(Id, Vec<meetings::Meeting>, Vec<Id>)> = None;
    for m in meetings::facilitated_by(&mut conn, &fac).await.unwrap() {
        if best.as_ref().is_some_and(|b| b.0 == m.set_id) {
            continue;
        }
        let list: Vec<meetings::Meeting> = meetings::list_for_set(&mut conn, &m.set_id)
            .await
            .unwrap()
            .into_iter()
            .filter(|x| !x.cancelled)
            .collect();
        let members: Vec<Id> = sets::members(&mut conn, &m.set_id)
            .await
            .unwrap()
            .into_iter()
            .filter(|x| x.left_at.is_none())
            .map(|x| x.person_id)
            .collect();
        if list.len() >= 2 && !members.is_empty() && best.is_none() {
            best = Some((m.set_id.clone(), list, members));
        }
    }
    best.expect("the demo facilitator runs a set with meetings")
}

async fn awarded_for(app: &TestApp, person: &Id, cohort: &Id) -> usize {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::facilitator_profiles::qualifications(&mut conn, person)
        .await
        .unwrap()
        .iter()
        .filter(|q| q.cohort_id.as_ref() == Some(cohort))
        .count()
}

#[tokio::test]
async fn completing_a_cohort_awards_the_programmes_qualification_once() {
    let app = TestApp::spawn().await;
    let (set, meetings_list, members) = facilitated_set(&app).await;
    let cohort = {
        let mut conn = app.state.store.conn().await.unwrap();
        sets::get(&mut conn, &set).await.unwrap().unwrap().cohort_id
    };
    let programme = {
        let mut conn = app.state.store.conn().await.unwrap();
        revans_storage::cohorts::get(&mut conn, &cohort)
            .await
            .unwrap()
            .unwrap()
            .programme_id
    };
    let mut lead = with_token(&app, ADMIN).await;
    // A name is needed with a level.
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/programmes/{programme}/award"),
            Some(r#"{"qualification":"Set adviser","level":""}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"level\""));
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/programmes/{programme}/award"),
            Some(r#"{"qualification":"Set adviser","level":"Introductory"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The facilitator records everyone present at every meeting; after the last one, each
    // member holds the qualification for this cohort exactly once, however often it is recorded.
    let mut fac = app.signed_in(FACILITATOR).await;
    let everyone: Vec<(String, String)> = members
        .iter()
        .map(|m| (format!("attendance-{m}"), "present".to_owned()))
        .collect();
    for m in &meetings_list {
        let r = fac
            .post_form_owned(&format!("/meetings/{}/attendance", m.id), &everyone)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let last = meetings_list.last().unwrap();
    let r = fac
        .post_form_owned(&format!("/meetings/{}/attendance", last.id), &everyone)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for m in &members {
        assert_eq!(awarded_for(&app, m, &cohort).await, 1, "{m}");
    }
    // Saving the award again awards nobody twice.
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/programmes/{programme}/award"),
            Some(r#"{"qualification":"Set adviser","level":"Introductory"}"#),
        )
        .await;
    assert_eq!(json(&r)["awarded"], 0);
    // The member's profile says where it came from, and they cannot change it.
    let first = &members[0];
    let profile = json(
        &lead
            .json(
                "GET",
                &format!("/api/v1/facilitators/{first}/profile"),
                None,
            )
            .await,
    );
    let q = profile["qualifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "Set adviser")
        .unwrap();
    assert!(q["awarded_for_cohort"].is_string());
}

#[tokio::test]
async fn a_mentor_pairing_needs_completers_and_is_shown_to_both() {
    let app = TestApp::spawn().await;
    let (_, cohort) = app.demo_programme().await;
    let mut lead = with_token(&app, ADMIN).await;
    let view = lead
        .json("GET", &format!("/api/v1/cohorts/{cohort}/mentors"), None)
        .await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    // Someone who completed nothing is not a mentor; nobody outside the cohort is a mentee.
    let pat = app.person_id(PARTICIPANT).await;
    let lead_id = app.person_id(ADMIN).await;
    let body = format!(r#"{{"mentor_id":"{lead_id}","mentee_id":"{lead_id}"}}"#);
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/cohorts/{cohort}/mentors"),
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"mentor\"") && r.body.contains("\"mentee\""));
    let mut other = with_token(&app, OTHER_ADMIN).await;
    let body = format!(r#"{{"mentor_id":"{pat}","mentee_id":"{pat}"}}"#);
    let r = other
        .json(
            "POST",
            &format!("/api/v1/cohorts/{cohort}/mentors"),
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A pairing recorded (storage has the candidate rules' own test) shows on both homes.
    let fac = app.person_id(FACILITATOR).await;
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let c = Id::parse(&cohort).unwrap();
        revans_storage::mentors::pair(
            &mut conn,
            &Id::parse(&fac).unwrap(),
            &Id::parse(&pat).unwrap(),
            &c,
            &c,
            &Id::parse(&lead_id).unwrap(),
        )
        .await
        .unwrap();
    }
    let mut p = with_token(&app, PARTICIPANT).await;
    let home = p.get("/").await;
    assert!(home.body.contains("data-mentor-role=\"mentee\""));
    assert!(home.body.contains(FACILITATOR));
    let mine = json(&p.json("GET", "/api/v1/me/mentoring", None).await);
    assert_eq!(mine[0]["role"], "mentee");
    let mut f = app.signed_in(FACILITATOR).await;
    let home = f.get("/").await;
    assert!(home.body.contains("data-mentor-role=\"mentor\""));
    assert!(home.body.contains(PARTICIPANT));
    // Nobody else sees it.
    let mut s = with_token(&app, SPONSOR).await;
    assert!(!s.get("/").await.body.contains("data-home=\"mentoring\""));
    assert_eq!(
        json(&s.json("GET", "/api/v1/me/mentoring", None).await),
        serde_json::json!([])
    );
}

#[tokio::test]
async fn a_lead_of_another_organisation_in_the_region_reads_and_a_facilitator_of_another_region_does_not()
 {
    let app = TestApp::spawn().await;
    let fran = app.person_id(FACILITATOR).await;
    // A lead of the Harbour trust (a sibling of the ICS's own staff, in the same region).
    let mut trust_lead =
        person_beside(&app, SPONSOR, "lead@harbour-trust.example", Role::Admin).await;
    let r = trust_lead.get(&format!("/admin/facilitators/{fran}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Action Learning Facilitation"));
    let csv = trust_lead.get("/admin/supervision/hours.csv").await;
    assert!(csv.body.contains(FACILITATOR));

    // A facilitator of another region: refused the profile, and nobody of this region is
    // offered to them as a supervisor or appears in their export.
    let mut elsewhere = person_beside(
        &app,
        OTHER_ADMIN,
        "facilitator@elsewhere.example",
        Role::Facilitator,
    )
    .await;
    let r = elsewhere
        .json("GET", &format!("/api/v1/facilitators/{fran}/profile"), None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!r.body.contains("Fran"));
    let page = elsewhere.get("/facilitators/supervision").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Priya Lead") && !page.body.contains("Fran Facilitator"));
    let priya = app.person_id(ADMIN).await;
    let body =
        format!(r#"{{"held_on":"2026-01-10","supervisor_id":"{priya}","hours":1,"kind":"group"}}"#);
    let r = elsewhere
        .json("POST", "/api/v1/facilitators/me/supervision", Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"supervisor\""));
    let own = elsewhere.get("/facilitators/supervision/hours.csv").await;
    assert!(!own.body.contains(FACILITATOR));
}
