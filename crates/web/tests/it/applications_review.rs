//! Reading applications (issue 11): an application's own page and the queue's page for the
//! programme's lead, a sponsor reading and approving or declining with a reason, "check your
//! answers" before sending, and withdrawing through a confirmation page. Each with its
//! attackers: another tenant's lead, a sponsor of another organisation, the applicant on the
//! lead's page, a participant.

use axum::http::StatusCode;

use crate::helpers::*;

const BO: &str = "participant@bay-council.example";
const ANSWER: &str = "Our ward needs a place to think together";

/// Applies for the demo programme (two confirmations) in one step.
async fn apply_demo(c: &mut Client, programme: &str, cohort: &str) -> Response {
    c.get(&format!("/programmes/{programme}/apply")).await;
    c.post_form(
        &format!("/programmes/{programme}/apply"),
        &[
            ("eligibility", "0"),
            ("eligibility", "1"),
            ("confirmations", "0"),
            ("confirmations", "1"),
            ("answers", ANSWER),
            ("preferences", cohort),
            ("action", "send"),
        ],
    )
    .await
}

async fn application_id(app: &TestApp, programme: &str, email: &str) -> Option<String> {
    let mut conn = app.state.store.conn().await.unwrap();
    let person = revans_domain::Id::parse(&app.person_id(email).await).unwrap();
    let p = revans_domain::Id::parse(programme).unwrap();
    revans_storage::applications::find_for_person(&mut conn, &p, &person)
        .await
        .unwrap()
        .map(|a| a.id.to_string())
}

/// The demo programme with Pat (the sponsor's staff) and Bo (another organisation) applied.
async fn two_applied(app: &TestApp) -> (String, String, String, String) {
    let (programme, cohort) = app.demo_programme().await;
    for who in [PARTICIPANT, BO] {
        let mut c = app.signed_in(who).await;
        let r = apply_demo(&mut c, &programme, &cohort).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let pat = application_id(app, &programme, PARTICIPANT).await.unwrap();
    let bo = application_id(app, &programme, BO).await.unwrap();
    (programme, cohort, pat, bo)
}

#[tokio::test]
async fn an_application_has_its_own_page_for_its_lead_only() {
    let app = TestApp::spawn().await;
    let (_, _, pat_app, _) = two_applied(&app).await;
    let page = format!("/admin/applications/{pat_app}");
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead.get(&page).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("Pat Participant&#39;s application")
            || r.body.contains("Pat Participant's application"),
        "{}",
        r.body
    );
    assert!(r.body.contains(ANSWER), "the answers are on the page");
    assert!(
        r.body.contains("tag--blue"),
        "a submitted application has a blue tag"
    );
    assert!(r.body.contains("Waiting for their sponsor"), "{}", r.body);
    assert!(
        r.body.contains("data-history"),
        "the history of decisions is shown"
    );
    // Not approvable until the sponsor approves (it may be rejected).
    assert!(!r.body.contains("Approve: offer a place"));
    assert!(r.body.contains("data-waiting-for-sponsor"));
    // Attackers: another tenant's lead, the applicant, a sponsor, a participant.
    assert_eq!(
        app.signed_in(OTHER_ADMIN).await.get(&page).await.status,
        StatusCode::NOT_FOUND
    );
    for who in [PARTICIPANT, SPONSOR, BO] {
        assert_eq!(
            app.signed_in(who).await.get(&page).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    // The API gives the same read model to the lead, and nothing to anyone else.
    let token = app.api_token(ADMIN).await;
    let r = app
        .client()
        .json_with_token(
            "GET",
            &format!("/api/v1/applications/{pat_app}"),
            None,
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["answers"][0]["answer"], ANSWER);
    assert_eq!(v["application"]["state"], "submitted");
    let other = app.api_token(OTHER_ADMIN).await;
    let r = app
        .client()
        .json_with_token(
            "GET",
            &format!("/api/v1/applications/{pat_app}"),
            None,
            &other,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_queue_has_its_own_page_showing_what_waits_for_a_decision() {
    let app = TestApp::spawn().await;
    let (programme, _, pat_app, bo_app) = two_applied(&app).await;
    let queue = format!("/admin/programmes/{programme}/applications");
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead.get(&queue).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Both wait for a decision, by default; names link to the application's page.
    assert!(
        r.body
            .contains(&format!(r#"href="/admin/applications/{pat_app}""#))
    );
    assert!(
        r.body
            .contains(&format!(r#"href="/admin/applications/{bo_app}""#))
    );
    assert!(
        r.body
            .contains("Waiting for a decision <span class=\"status-tabs__count\">(2)</span>"),
        "{}",
        r.body
    );
    // The long programme page only links to it.
    let p = lead.get(&format!("/admin/programmes/{programme}")).await;
    assert!(p.body.contains(&format!(
        r#"href="/admin/programmes/{programme}/applications""#
    )));
    assert!(!p.body.contains(&format!(r#"data-application="{pat_app}""#)));
    // The sponsor approves Pat's; the lead approves it from its page; it leaves the default tab.
    let mut sam = app.signed_in(SPONSOR).await;
    sam.get(&format!("/sponsor/applications/{pat_app}")).await;
    let r = sam
        .post_form(
            &format!("/sponsor/applications/{pat_app}/decision"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = lead.get(&format!("/admin/applications/{pat_app}")).await;
    assert!(page.body.contains("Approved by Sam"), "{}", page.body);
    let r = lead
        .post_form(
            &format!("/admin/applications/{pat_app}/decision"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let waiting = lead.get(&queue).await;
    assert!(
        !waiting
            .body
            .contains(&format!(r#"data-application="{pat_app}""#))
    );
    assert!(
        waiting
            .body
            .contains(&format!(r#"data-application="{bo_app}""#))
    );
    let approved = lead.get(&format!("{queue}?status=approved")).await;
    assert!(
        approved
            .body
            .contains(&format!(r#"data-application="{pat_app}""#))
    );
    assert!(
        !approved
            .body
            .contains(&format!(r#"data-application="{bo_app}""#))
    );
    // Rejecting from the page needs a reason.
    let r = lead
        .post_form(
            &format!("/admin/applications/{bo_app}/decision"),
            &[("decision", "reject")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Enter the reason"));
    // Attackers.
    assert_eq!(
        app.signed_in(OTHER_ADMIN).await.get(&queue).await.status,
        StatusCode::NOT_FOUND
    );
    let mut other = app.signed_in(OTHER_ADMIN).await;
    other.get("/admin/programmes").await;
    let r = other
        .post_form(
            &format!("/admin/applications/{bo_app}/decision"),
            &[("decision", "reject"), ("reason", "No")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for who in [PARTICIPANT, SPONSOR] {
        assert_eq!(
            app.signed_in(who).await.get(&queue).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_sponsor_reads_then_declines_with_a_reason_and_it_is_never_offered() {
    let app = TestApp::spawn().await;
    let (programme, _, pat_app, bo_app) = two_applied(&app).await;
    let mut sam = app.signed_in(SPONSOR).await;
    let list = sam.get("/sponsor/applications").await;
    assert!(
        list.body
            .contains(&format!(r#"href="/sponsor/applications/{pat_app}""#))
    );
    let r = sam.get(&format!("/sponsor/applications/{pat_app}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains(ANSWER),
        "the sponsor reads what was written"
    );
    // Another organisation's applicant does not exist for this sponsor.
    assert_eq!(
        sam.get(&format!("/sponsor/applications/{bo_app}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    sam.get(&format!("/sponsor/applications/{pat_app}")).await;
    let r = sam
        .post_form(
            &format!("/sponsor/applications/{bo_app}/decision"),
            &[("decision", "decline"), ("reason", "No")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Declining needs a reason.
    let r = sam
        .post_form(
            &format!("/sponsor/applications/{pat_app}/decision"),
            &[("decision", "decline")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Enter the reason"), "{}", r.body);
    let r = sam
        .post_form(
            &format!("/sponsor/applications/{pat_app}/decision"),
            &[
                ("decision", "decline"),
                ("reason", "We need you on the ward this spring"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The applicant is emailed the reason; the lead reads it on the application's page.
    let emails = app.queued_emails().await;
    assert!(emails.iter().any(|e| e.to == PARTICIPANT
        && e.subject.contains("not approved")
        && e.text.contains("We need you on the ward this spring")));
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get(&format!("/admin/applications/{pat_app}")).await;
    assert!(
        page.body.contains("We need you on the ward this spring"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Declined by Sam"), "{}", page.body);
    // Declined by the sponsor: the lead cannot approve it, and allocation never offers it.
    lead.get(&format!("/admin/programmes/{programme}/applications"))
        .await;
    let r = lead
        .post_form(
            &format!("/admin/programmes/{programme}/decisions"),
            &[("applications", &pat_app), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    lead.post_form(&format!("/admin/programmes/{programme}/allocate"), &[])
        .await;
    let mine = app.signed_in(PARTICIPANT).await.get("/applications").await;
    assert!(!mine.body.contains("Offered a place"), "{}", mine.body);
    assert!(mine.body.contains("We need you on the ward this spring"));
    // A second decision is refused, on the page and through the API.
    let token = app.api_token(SPONSOR).await;
    let r = app
        .client()
        .json_with_token(
            "POST",
            &format!("/api/v1/applications/{pat_app}/sponsor-decision"),
            Some(r#"{"decision":"approve"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = app
        .client()
        .json_with_token(
            "POST",
            &format!("/api/v1/applications/{bo_app}/sponsor-decision"),
            Some(r#"{"decision":"decline","reason":"x"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .client()
        .json_with_token(
            "POST",
            &format!("/api/v1/applications/{pat_app}/sponsor-decision"),
            Some(r#"{"decision":"maybe"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test]
async fn the_api_sponsor_decision_declines_with_a_reason() {
    let app = TestApp::spawn().await;
    let (_, _, pat_app, _) = two_applied(&app).await;
    let token = app.api_token(SPONSOR).await;
    let r = app
        .client()
        .json_with_token(
            "POST",
            &format!("/api/v1/applications/{pat_app}/sponsor-decision"),
            Some(r#"{"decision":"decline"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app
        .client()
        .json_with_token(
            "POST",
            &format!("/api/v1/applications/{pat_app}/sponsor-decision"),
            Some(r#"{"decision":"decline","reason":"Not this year"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["state"], "rejected");
    let lead = app.api_token(ADMIN).await;
    let r = app
        .client()
        .json_with_token(
            "GET",
            &format!("/api/v1/applications/{pat_app}"),
            None,
            &lead,
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["sponsor_reason"], "Not this year");
    assert_eq!(v["sponsor_declined"], true);
}

#[tokio::test]
async fn check_your_answers_saves_nothing_until_sent() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let form = format!("/programmes/{programme}/apply");
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get(&form).await;
    let fields = |action: &'static str| {
        vec![
            ("eligibility", "0"),
            ("eligibility", "1"),
            ("confirmations", "0"),
            ("confirmations", "1"),
            ("answers", ANSWER),
            ("preferences", cohort.as_str()),
            ("action", action),
        ]
    };
    let r = pat.post_form(&form, &fields("check")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Check your answers"));
    assert!(r.body.contains(ANSWER));
    assert!(r.body.contains("Change"));
    assert!(
        application_id(&app, &programme, PARTICIPANT)
            .await
            .is_none()
    );
    // Change: the form again, with the answers kept.
    let r = pat.post_form(&form, &fields("change")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(&format!(">{ANSWER}</textarea>")),
        "{}",
        r.body
    );
    assert!(
        application_id(&app, &programme, PARTICIPANT)
            .await
            .is_none()
    );
    // Bad input never reaches the check page: the form with its error summary.
    let r = pat
        .post_form(&form, &[("answers", ANSWER), ("action", "check")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary") && r.body.contains("eligibility"));
    // Send: saved, then the confirmation panel.
    let r = pat.post_form(&form, &fields("send")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = application_id(&app, &programme, PARTICIPANT).await.unwrap();
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/applications/{id}/sent").as_str())
    );
    let sent = pat.get(&format!("/applications/{id}/sent")).await;
    assert!(sent.body.contains("Application sent") && sent.body.contains("What happens next"));
    // Only its applicant sees it.
    for who in [BO, ADMIN, SPONSOR] {
        assert_eq!(
            app.signed_in(who)
                .await
                .get(&format!("/applications/{id}/sent"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn withdrawing_asks_first_then_frees_the_place_and_the_count() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) =
        crate::programmes::published(&app, &mut lead, "Withdrawal Circles", "", "1").await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get(&format!("/programmes/{programme}/apply")).await;
    let r = pat
        .post_form(
            &format!("/programmes/{programme}/apply"),
            &[
                ("eligibility", "0"),
                ("eligibility", "1"),
                ("confirmations", "0"),
                ("answers", "Ready"),
                ("preferences", &cohort),
                ("action", "send"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = application_id(&app, &programme, PARTICIPANT).await.unwrap();
    lead.get(&format!("/admin/applications/{id}")).await;
    let r = lead
        .post_form(
            &format!("/admin/applications/{id}/decision"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    lead.post_form(&format!("/admin/programmes/{programme}/allocate"), &[])
        .await;
    pat.get("/applications").await;
    let r = pat
        .post_form(
            &format!("/applications/{id}/respond"),
            &[("response", "accept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let before = lead.get(&format!("/admin/programmes/{programme}")).await;
    assert!(
        before.body.contains("1 of 1 places confirmed"),
        "{}",
        before.body
    );
    // The applicant's list links to a confirmation page, not a one-click button.
    let mine = pat.get("/applications").await;
    assert!(
        mine.body
            .contains(&format!(r#"href="/applications/{id}/withdraw""#))
    );
    let confirm = pat.get(&format!("/applications/{id}/withdraw")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm
            .body
            .contains("You give up your confirmed place in Cohort 1")
    );
    assert!(confirm.body.contains("We will email you"));
    // Nobody else can open it.
    for who in [BO, ADMIN, SPONSOR] {
        assert_eq!(
            app.signed_in(who)
                .await
                .get(&format!("/applications/{id}/withdraw"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    let r = pat
        .post_form(
            &format!("/applications/{id}/respond"),
            &[("response", "withdraw")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = lead.get(&format!("/admin/programmes/{programme}")).await;
    assert!(
        after.body.contains("0 of 1 places confirmed"),
        "{}",
        after.body
    );
    assert!(
        app.queued_emails()
            .await
            .iter()
            .any(|e| e.to == PARTICIPANT && e.subject.contains("withdrawn"))
    );
    // Once withdrawn, the confirmation page says it can no longer be done.
    assert_eq!(
        pat.get(&format!("/applications/{id}/withdraw"))
            .await
            .status,
        StatusCode::CONFLICT
    );
}
