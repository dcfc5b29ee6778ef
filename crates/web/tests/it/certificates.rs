//! Certificates of completion (issue 16): issued to completers only, once, with an email;
//! public verification says exactly the listed fields; revocation; the ZIP; the PDF's text
//! and QR code; and who may see what (everyone else is told "not found").

use axum::http::StatusCode;
use revans_domain::{
    AllocationRule, ApplicationState, Capacity, CompletionRule, DeliveryMode, Id, ProgrammeKind,
    Schedule, Session,
};
use revans_storage::applications::{self, NewApplication};
use revans_storage::certificates::{self as store, CertificateRow};
use revans_storage::programmes::ProgrammeFields;

use crate::helpers::*;

const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

async fn rows_of(app: &TestApp, email: &str) -> Vec<CertificateRow> {
    let mut conn = app.state.store.conn().await.unwrap();
    let id = Id::parse(&app.person_id(email).await).unwrap();
    store::for_person(&mut conn, &id).await.unwrap()
}

/// The demo's finished cohort (Winter 2025), where Pat holds a certificate.
async fn winter(app: &TestApp) -> (String, CertificateRow) {
    let pat = rows_of(app, PARTICIPANT).await.remove(0);
    (pat.cohort_id.clone(), pat)
}

async fn cohort_rows(app: &TestApp, cohort: &str) -> Vec<CertificateRow> {
    let mut conn = app.state.store.conn().await.unwrap();
    store::for_cohort(&mut conn, &Id::parse(cohort).unwrap())
        .await
        .unwrap()
}

fn fields(title: &str) -> ProgrammeFields {
    ProgrammeFields {
        title: title.into(),
        summary: "Two mornings.".into(),
        description: "Two mornings on coaching conversations.".into(),
        kind: ProgrammeKind::LeadershipModule,
        outcomes: vec!["Hold a coaching conversation".into()],
        audience: "Managers".into(),
        leads: "Academy".into(),
        fee_pence: 0,
        cpd_minutes: 0,
        delivery_mode: DeliveryMode::Virtual,
        delivery_detail: "https://meet.example/coaching".into(),
        eligibility: vec![],
        confirmations: vec![],
        questions: vec![],
        phases: vec![],
        follow_on_id: None,
        requires_sponsor_approval: false,
        allocation_rule: AllocationRule::ApprovalOrder,
        lottery_seed: 1,
        offer_valid_days: 7,
    }
}

/// A cohort of the demo region whose two sessions (3 hours each) are over, with Pat and Bo
/// accepted: its id.
async fn finished_cohort(app: &TestApp, title: &str) -> Id {
    let mut tx = app.state.store.begin().await.unwrap();
    let region = revans_storage::organisations::list_all(&mut tx)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.parent_id.is_none() && o.name == "North Coast ICS")
        .unwrap()
        .id;
    let programme = revans_storage::programmes::insert(&mut tx, &region, &fields(title))
        .await
        .unwrap();
    let now = revans_storage::now_ms();
    let sessions = vec![
        Session {
            starts_at: now - 14 * DAY,
            ends_at: now - 14 * DAY + 3 * HOUR,
        },
        Session {
            starts_at: now - 7 * DAY,
            ends_at: now - 7 * DAY + 3 * HOUR,
        },
    ];
    let schedule = Schedule::from_stored("Europe/London".into(), sessions);
    let cohort = revans_storage::cohorts::insert(
        &mut tx,
        &revans_storage::cohorts::NewCohort {
            programme_id: &programme,
            name: "January",
            capacity: Capacity::new(10).unwrap(),
            opens_at: now - 40 * DAY,
            closes_at: now - 20 * DAY,
            schedule: &schedule,
            schedule_kind: "explicit",
            schedule_spec: "{}",
            completion: CompletionRule::AllSessions,
        },
    )
    .await
    .unwrap();
    for email in [PARTICIPANT, "participant@bay-council.example"] {
        let person =
            revans_storage::people::get(&mut tx, &Id::parse(&app.person_id(email).await).unwrap())
                .await
                .unwrap()
                .unwrap();
        let application = applications::insert(
            &mut tx,
            &NewApplication {
                programme_id: &programme,
                person_id: &person.id,
                organisation_id: &person.organisation_id,
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
    }
    revans_storage::commit(tx).await.unwrap();
    cohort
}

async fn mark(app: &TestApp, cohort: &Id, ordinal: i64, marks: &[(&str, bool)]) {
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let mut people = Vec::new();
    for (email, present) in marks {
        people.push((Id::parse(&app.person_id(email).await).unwrap(), *present));
    }
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::completion::record_session_attendance(
        &mut conn, cohort, ordinal, &people, &lead,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn certificates_go_to_completers_only_once_each_with_an_email() {
    let app = TestApp::spawn().await;
    let bo_email = "participant@bay-council.example";
    let cohort = finished_cohort(&app, "Coaching Conversations").await;
    mark(&app, &cohort, 1, &[(PARTICIPANT, true), (bo_email, true)]).await;
    mark(&app, &cohort, 2, &[(PARTICIPANT, true), (bo_email, false)]).await;
    let emails_before = app.queued_emails().await.len();

    let mut lead = app.signed_in(ADMIN).await;
    let page = lead
        .get(&format!("/admin/cohorts/{cohort}/certificates"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("data-awaiting>1<"), "{}", page.body);
    let r = lead
        .post_form(&format!("/admin/cohorts/{cohort}/certificates/issue"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/admin/cohorts/{cohort}/certificates?notice=issued").as_str())
    );
    let issued = cohort_rows(&app, cohort.as_str()).await;
    assert_eq!(issued.len(), 1, "only Pat attended both sessions");
    let pat = &issued[0];
    assert_eq!(pat.holder_name, "Pat Participant");
    assert_eq!(pat.programme_title, "Coaching Conversations");
    assert_eq!(pat.cpd_minutes, 6 * 60, "two three-hour sessions");
    assert_eq!(pat.outcome_list(), vec!["Hold a coaching conversation"]);
    assert!(!pat.by_exception);
    let emails: Vec<_> = app
        .queued_emails()
        .await
        .into_iter()
        .skip(emails_before)
        .collect();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to, PARTICIPANT);
    assert_eq!(
        emails[0].subject,
        "Your certificate for Coaching Conversations is ready"
    );
    assert!(emails[0].text.contains("http://revans.test/certificates"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"certificates.issued".to_owned())
    );

    // Again: nothing new, nobody emailed twice.
    let r = lead
        .post_form(&format!("/admin/cohorts/{cohort}/certificates/issue"), &[])
        .await;
    assert!(r.location.unwrap().ends_with("notice=none"));
    assert_eq!(cohort_rows(&app, cohort.as_str()).await.len(), 1);
    assert_eq!(app.queued_emails().await.len(), emails_before + 1);

    // Bo's second session is corrected to present: the sweep issues theirs, once.
    mark(&app, &cohort, 2, &[(bo_email, true)]).await;
    let now = revans_storage::now_ms();
    let summary = revans_app::sweeps::run_once(&app.state, now).await.unwrap();
    assert_eq!(summary.certificates_issued, 1);
    let again = revans_app::sweeps::run_once(&app.state, now).await.unwrap();
    assert_eq!(again.certificates_issued, 0);
    let all = cohort_rows(&app, cohort.as_str()).await;
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|c| c.holder_name == "Bo Participant" && c.issued_by.is_none())
    );
    assert_eq!(app.queued_emails().await.len(), emails_before + 2);
}

#[tokio::test]
async fn concurrent_issuers_issue_one_certificate_each() {
    let app = TestApp::spawn().await;
    let cohort = finished_cohort(&app, "Coaching Conversations").await;
    let bo_email = "participant@bay-council.example";
    for ordinal in [1, 2] {
        mark(
            &app,
            &cohort,
            ordinal,
            &[(PARTICIPANT, true), (bo_email, true)],
        )
        .await;
    }
    let second = app.second_instance().await;
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let run = |state: revans_web::state::AppState| {
        let cohort = cohort.clone();
        let lead = lead.clone();
        async move {
            let mut tx = state.store.begin().await.unwrap();
            let n = revans_app::certificates::issue::issue_for_completers(
                &mut tx,
                &state.app.settings,
                &cohort,
                Some(&lead),
            )
            .await;
            match n {
                Ok(n) => revans_storage::commit(tx).await.map(|()| n).unwrap_or(0),
                Err(_) => 0,
            }
        }
    };
    let (a, b) = tokio::join!(run(app.state.clone()), run(second));
    assert_eq!(a + b, 2, "{a} + {b}");
    assert_eq!(cohort_rows(&app, cohort.as_str()).await.len(), 2);
}

#[tokio::test]
async fn verification_says_exactly_the_public_fields_without_signing_in() {
    let app = TestApp::spawn().await;
    let (_, pat) = winter(&app).await;
    let mut anyone = app.client();
    let r = anyone
        .json(
            "GET",
            &format!("/api/v1/certificates/verify/{}", pat.code),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let mut keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "completed_on",
            "cpd_hours",
            "name",
            "programme",
            "revoked",
            "valid"
        ]
    );
    assert_eq!(body["valid"], true);
    assert_eq!(body["revoked"], false);
    assert_eq!(body["name"], "Pat Participant");
    assert_eq!(body["programme"], "Compassionate Leadership Foundations");
    assert_eq!(body["cpd_hours"], serde_json::json!(18.0));
    assert_eq!(body["completed_on"], pat.completed_on.as_str());
    assert_eq!(pat.completed_on.len(), 10, "YYYY-MM-DD");

    // Case, spaces and dashes do not matter; the page says it plainly.
    let typed = pat.code.to_lowercase().replace('-', "");
    let r = anyone
        .json("GET", &format!("/api/v1/certificates/verify/{typed}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let page = anyone.get(&format!("/certificates/verify/{typed}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("This certificate is genuine"));
    assert!(page.body.contains("Pat Participant"));
    assert!(page.body.contains("18 hours"), "{}", page.body);
    assert!(!page.body.contains("Winter 2025"), "no cohort");
    assert!(
        !page.body.contains("harbour-trust"),
        "no email or organisation"
    );

    // The form sends a typed code to its page; a code that cannot be one is a field error.
    let r = anyone
        .get(&format!(
            "/certificates/verify?code={}",
            typed.to_uppercase()
        ))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/certificates/verify/{}", pat.code).as_str())
    );
    let r = anyone.get("/certificates/verify?code=nonsense").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("7 groups of 4"));
    assert_eq!(
        anyone.get("/certificates/verify").await.status,
        StatusCode::OK
    );

    // Unknown codes, well formed or not, are not found.
    let mut unknown = pat.code.clone();
    let last = if unknown.ends_with('0') { "1" } else { "0" };
    unknown.replace_range(unknown.len() - 1.., last);
    for code in [unknown.as_str(), "nonsense", "0000"] {
        let r = anyone
            .json("GET", &format!("/api/v1/certificates/verify/{code}"), None)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{code}");
        let page = anyone.get(&format!("/certificates/verify/{code}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{code}");
    }
}

#[tokio::test]
async fn codes_are_long_random_and_distinct() {
    let app = TestApp::spawn().await;
    let (cohort, _) = winter(&app).await;
    let rows = cohort_rows(&app, &cohort).await;
    assert_eq!(rows.len(), 5, "Pat, Bo, Aisha, Ben and Chloe; not Dev");
    let mut codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    for code in &codes {
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 7, "{code}");
        assert!(groups.iter().all(|g| {
            g.len() == 4
                && g.chars()
                    .all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c))
        }));
    }
    // The code space, checked when the tests compile: 128 bits or more.
    const { assert!(revans_app::certificates::code::BITS >= 128) };
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 5);
}

#[tokio::test]
async fn a_lead_revokes_once_and_verification_then_says_revoked() {
    let app = TestApp::spawn().await;
    let (cohort, pat) = winter(&app).await;
    let mut lead = app.signed_in(ADMIN).await;
    let form = lead
        .get(&format!("/admin/certificates/{}/revoke", pat.id))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Revoke Pat Participant"));
    // No reason: the field is named and nothing changes.
    let r = lead
        .post_form(
            &format!("/admin/certificates/{}/revoke", pat.id),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Enter why the certificate is being revoked")
    );
    assert!(r.body.contains("href=\"#reason\""));
    assert!(!rows_of(&app, PARTICIPANT).await[0].is_revoked());

    let before = app.queued_emails().await.len();
    let reason = "Attendance was recorded against the wrong person";
    let r = lead
        .post_form(
            &format!("/admin/certificates/{}/revoke", pat.id),
            &[("reason", reason)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/admin/cohorts/{cohort}/certificates?notice=revoked").as_str())
    );
    let emails: Vec<_> = app.queued_emails().await.into_iter().skip(before).collect();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to, PARTICIPANT);
    assert!(emails[0].subject.contains("was revoked"));
    assert!(emails[0].text.contains(reason));
    assert!(
        app.audit_actions()
            .await
            .contains(&"certificate.revoked".to_owned())
    );

    let mut anyone = app.client();
    let r = anyone
        .json(
            "GET",
            &format!("/api/v1/certificates/verify/{}", pat.code),
            None,
        )
        .await;
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["revoked"], true);
    assert_eq!(body["valid"], false);
    let page = anyone
        .get(&format!("/certificates/verify/{}", pat.code))
        .await;
    assert!(page.body.contains("This certificate was revoked"));
    assert!(!page.body.contains("genuine"));
    assert!(!page.body.contains(reason), "the reason is not public");

    // Twice: a clear 409, by the API and the page; the first reason stands.
    let token = app.api_token(ADMIN).await;
    let r = lead
        .json_with_token(
            "POST",
            &format!("/api/v1/certificates/{}/revoke", pat.id),
            Some(r#"{"reason":"again"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("already revoked"));
    let r = lead
        .post_form(
            &format!("/admin/certificates/{}/revoke", pat.id),
            &[("reason", "again")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        rows_of(&app, PARTICIPANT).await[0]
            .revoked_reason
            .as_deref(),
        Some(reason)
    );

    // The holder's list says revoked and offers no download.
    let mut pat_client = app.signed_in(PARTICIPANT).await;
    let mine = pat_client.get("/certificates").await;
    assert!(mine.body.contains("Revoked"));
    assert!(!mine.body.contains(&format!("/certificates/{}/pdf", pat.id)));
}

#[tokio::test]
async fn the_api_lists_issues_and_revokes() {
    let app = TestApp::spawn().await;
    let (cohort, pat) = winter(&app).await;
    let mut c = app.client();
    let token = app.api_token(PARTICIPANT).await;
    let r = c
        .json_with_token("GET", "/api/v1/certificates", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let list = body["certificates"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["code"], pat.code.as_str());
    assert_eq!(
        list[0]["pdf"],
        format!("/api/v1/certificates/{}/pdf", pat.id)
    );
    assert_eq!(
        list[0]["verify_url"],
        format!("http://revans.test/certificates/verify/{}", pat.code)
    );
    assert_eq!(list[0]["cpd_hours"], serde_json::json!(18.0));

    let lead = app.api_token(ADMIN).await;
    let r = c
        .json_with_token(
            "GET",
            &format!("/api/v1/cohorts/{cohort}/certificates"),
            None,
            &lead,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["certificates"].as_array().unwrap().len(), 5);
    assert_eq!(body["awaiting"], 0);
    let revoked: Vec<&serde_json::Value> = body["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["revoked"] == true)
        .collect();
    assert_eq!(revoked.len(), 1, "the demo revoked Ben's");
    assert_eq!(revoked[0]["holder_name"], "Ben Carter");

    let r = c
        .json_with_token(
            "POST",
            &format!("/api/v1/cohorts/{cohort}/certificates/issue"),
            None,
            &lead,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body, r#"{"issued":0}"#);

    let r = c
        .json_with_token(
            "POST",
            &format!("/api/v1/certificates/{}/revoke", pat.id),
            Some(r#"{"reason":""}"#),
            &lead,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("\"reason\""));
    let r = c
        .json_with_token(
            "POST",
            &format!("/api/v1/certificates/{}/revoke", pat.id),
            Some(r#"{"reason":"Issued in error"}"#),
            &lead,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["revoked"], true);
    assert_eq!(body["revoked_reason"], "Issued in error");
}

#[tokio::test]
async fn only_the_holder_and_their_leads_reach_a_certificate() {
    let app = TestApp::spawn().await;
    let (cohort, pat) = winter(&app).await;
    let pdf = format!("/certificates/{}/pdf", pat.id);
    let api_pdf = format!("/api/v1/certificates/{}/pdf", pat.id);
    let page = format!("/admin/cohorts/{cohort}/certificates");
    let zip = format!("/admin/cohorts/{cohort}/certificates.zip");
    let revoke = format!("/admin/certificates/{}/revoke", pat.id);

    // Bo, a participant of the same cohort: their own list only; Pat's is not there.
    let mut bo = app.signed_in("participant@bay-council.example").await;
    let mine = bo.get("/certificates").await;
    assert!(mine.body.contains("Compassionate Leadership Foundations"));
    assert!(!mine.body.contains(&pat.code));
    assert_eq!(bo.get(&pdf).await.status, StatusCode::NOT_FOUND);
    let token = app.api_token("participant@bay-council.example").await;
    let r = bo.json_with_token("GET", &api_pdf, None, &token).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = bo
        .json_with_token("GET", "/api/v1/certificates", None, &token)
        .await;
    assert!(!r.body.contains(&pat.code));
    assert_eq!(bo.get(&page).await.status, StatusCode::FORBIDDEN);

    // A lead of another tenant: nothing of it exists.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    for path in [&pdf, &page, &zip, &revoke] {
        assert_eq!(
            other.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = other.post_form(&revoke, &[("reason", "mine now")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other
        .post_form(&format!("/admin/cohorts/{cohort}/certificates/issue"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let other_token = app.api_token(OTHER_ADMIN).await;
    for (method, path, body) in [
        ("GET", api_pdf.clone(), None),
        (
            "GET",
            format!("/api/v1/cohorts/{cohort}/certificates"),
            None,
        ),
        (
            "GET",
            format!("/api/v1/cohorts/{cohort}/certificates.zip"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/cohorts/{cohort}/certificates/issue"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/certificates/{}/revoke", pat.id),
            Some(r#"{"reason":"mine now"}"#),
        ),
    ] {
        let r = other
            .json_with_token(method, &path, body, &other_token)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {path}");
    }

    // The other tenant's lead grants themself every role in their own tenant: still nothing.
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let id = Id::parse(&app.person_id(OTHER_ADMIN).await).unwrap();
        let person = revans_storage::people::get(&mut tx, &id)
            .await
            .unwrap()
            .unwrap();
        revans_storage::people::set_roles(
            &mut tx,
            &id,
            &person.organisation_id,
            &revans_domain::Role::ALL,
        )
        .await
        .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    let mut other = app.signed_in(OTHER_ADMIN).await;
    for path in [&pdf, &page, &zip, &revoke] {
        assert_eq!(
            other.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // A sponsor and an evaluator of the same tenant: refused, and never the PDF.
    for email in [SPONSOR, EVALUATOR] {
        let mut c = app.signed_in(email).await;
        assert_eq!(c.get(&pdf).await.status, StatusCode::NOT_FOUND, "{email}");
        for path in [&page, &zip, &revoke] {
            assert_eq!(
                c.get(path).await.status,
                StatusCode::FORBIDDEN,
                "{email} {path}"
            );
        }
    }
    // Signed out: the pages ask to sign in; verification alone is public.
    let mut anon = app.client();
    for path in [&pdf, &page, &zip, &"/certificates".to_owned()] {
        let r = anon.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
    }

    // The holder and their lead may download.
    let mut pat_client = app.signed_in(PARTICIPANT).await;
    let r = pat_client.get(&pdf).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type, "application/pdf");
    let mut lead = app.signed_in(ADMIN).await;
    assert_eq!(lead.get(&pdf).await.status, StatusCode::OK);
}

/// For the access matrix: the demo's finished cohort, Pat's certificate in it and its code.
pub(crate) async fn matrix_certificate(app: &TestApp) -> (String, String, String) {
    let (cohort, pat) = winter(app).await;
    (cohort, pat.id, pat.code)
}
