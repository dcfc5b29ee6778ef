//! Programme leads: inviting people, roles, organisations, the audit log, tenant separation.

use axum::http::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn invite_accept_and_sign_in() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get("/admin/people/new").await;
    let org_value = first_org_id(&page.body, "Bay Council Adult Social Care");
    let r = lead
        .post_form(
            "/admin/people",
            &[
                ("name", "Dee Newcomer"),
                ("email", "Dee@Bay-Council.example"),
                ("organisation_id", &org_value),
                ("roles", "participant"),
                ("roles", "facilitator"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/people?notice=invited"),
        "{}",
        r.body
    );
    let list = lead.get("/admin/people?notice=invited").await;
    assert!(list.body.contains("Dee Newcomer") && list.body.contains("Invited"));

    let email = app.queued_emails().await.pop().unwrap();
    assert_eq!(email.to, "dee@bay-council.example");
    assert!(email.subject.contains("invited"));
    assert!(
        email.html.contains("Bay Council Adult Social Care") && email.text.contains("Priya Lead")
    );
    let start = email.text.find("http://revans.test/invitations/").unwrap();
    let link = email.text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches("http://revans.test")
        .to_owned();

    let mut dee = app.client();
    assert!(dee.get(&link).await.body.contains("Accept your invitation"));
    let r = dee
        .post_form(
            &link,
            &[
                ("password", "dee's long password"),
                ("confirm", "dee's long password"),
            ],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/"));
    let home = dee.get("/").await;
    assert!(home.body.contains("Welcome, Dee Newcomer"));
    assert!(
        home.body.contains("Facilitator at Bay Council")
            && home.body.contains("Participant at Bay Council")
    );
    // Used once only.
    let mut again = app.client();
    assert_eq!(again.get(&link).await.status, StatusCode::GONE);
    let actions = app.audit_actions().await;
    assert!(
        actions.contains(&"person.invited".to_owned())
            && actions.contains(&"person.invitation_accepted".to_owned())
    );
}

#[tokio::test]
async fn invitation_errors_name_the_field_and_save_nothing() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    lead.get("/admin/people/new").await;
    let long = "x".repeat(101);
    let r = lead
        .post_form(
            "/admin/people",
            &[
                ("name", &long),
                ("email", "not an email"),
                ("organisation_id", ""),
                ("roles", "owner"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, msg) in [
        ("name", "Full name must be 100 characters or fewer"),
        ("email", "Enter an email address in the correct format"),
        ("organisation", "Select an organisation"),
        ("roles", "is not a role"),
    ] {
        assert!(
            r.body.contains(&format!("href=\"#{field}\"")),
            "summary links to {field}"
        );
        assert!(r.body.contains(msg), "{msg}");
    }
    // An existing address.
    let people_before = lead.get("/admin/people").await.body.matches("<tr>").count();
    let page = lead.get("/admin/people/new").await;
    let trust_id = first_org_id(&page.body, "Harbour Hospitals NHS Trust");
    let r = lead
        .post_form(
            "/admin/people",
            &[
                ("name", "Copy Cat"),
                ("email", SPONSOR),
                ("organisation_id", &trust_id),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Someone already has an account with this email address")
    );
    assert_eq!(
        lead.get("/admin/people").await.body.matches("<tr>").count(),
        people_before
    );
    assert!(
        app.queued_emails().await.is_empty(),
        "no email for a refused invitation"
    );
}

pub fn first_org_id(html: &str, name: &str) -> String {
    let i = html
        .find(&format!(">{name}</option>"))
        .expect("org offered in a select");
    let before = &html[..i];
    let v = before.rfind("value=\"").unwrap() + 7;
    before[v..v + before[v..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn roles_change_and_take_effect() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let sponsor = app.person_id(SPONSOR).await;
    let page = lead.get(&format!("/admin/people/{sponsor}")).await;
    let trust = first_org_id(&page.body, "Harbour Hospitals NHS Trust");
    let mut sam = app.signed_in(SPONSOR).await;
    assert_eq!(sam.get("/admin/people").await.status, StatusCode::FORBIDDEN);
    let r = lead
        .post_form(
            &format!("/admin/people/{sponsor}/roles"),
            &[
                ("organisation_id", &trust),
                ("roles", "sponsor"),
                ("roles", "admin"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        sam.get("/admin/people").await.status,
        StatusCode::OK,
        "new role applies at once"
    );
    // A lead scoped to the trust sees its people but not the rest of the region.
    let list = sam.get("/admin/people").await.body;
    assert!(list.contains("Pat Participant") && !list.contains("Bo Participant"));
    let bo = app.person_id("participant@bay-council.example").await;
    assert_eq!(
        sam.get(&format!("/admin/people/{bo}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn leads_cannot_change_their_own_roles() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let me = app.person_id(ADMIN).await;
    let page = lead.get(&format!("/admin/people/{me}")).await;
    let ics = first_org_id(&page.body, "North Coast ICS");
    let r = lead
        .post_form(
            &format!("/admin/people/{me}/roles"),
            &[("organisation_id", &ics), ("roles", "participant")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("You cannot change your own roles"));
    // Nor add to them: a lead who gave themself the facilitator role could reach set content.
    let r = lead
        .post_form(
            &format!("/admin/people/{me}/roles"),
            &[
                ("organisation_id", &ics),
                ("roles", "admin"),
                ("roles", "facilitator"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("You cannot change your own roles"));
}

#[tokio::test]
async fn organisations_are_added_within_the_leads_region_only() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get("/admin/organisations").await;
    assert!(
        !page.body.contains("Elsewhere Care Group"),
        "another tenant is invisible"
    );
    let ics = first_org_id(&page.body, "North Coast ICS");
    let r = lead
        .post_form(
            "/admin/organisations",
            &[("name", "Moor Hospice"), ("parent", &ics)],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/organisations?notice=created")
    );
    let r = lead
        .post_form(
            "/admin/organisations",
            &[("name", "Moor Hospice"), ("parent", &ics)],
        )
        .await;
    assert!(r.body.contains("That name is already in use"));
    // A parent outside the lead's scope is refused.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let elsewhere = first_org_id(
        &other.get("/admin/organisations").await.body,
        "Elsewhere Care Group",
    );
    let r = lead
        .post_form(
            "/admin/organisations",
            &[("name", "Trojan Trust"), ("parent", &elsewhere)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Select an organisation you administer"));
    assert!(
        !other
            .get("/admin/organisations")
            .await
            .body
            .contains("Trojan Trust")
    );
}

#[tokio::test]
async fn the_audit_log_records_changes_per_tenant() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get("/admin/audit").await;
    assert!(page.body.contains("session.signed_in") && page.body.contains("demo.seeded"));
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let theirs = other.get("/admin/audit").await.body;
    assert!(
        !theirs.contains("Priya Lead"),
        "one tenant never sees another's audit entries"
    );
}

#[tokio::test]
async fn error_pages_are_plain_and_opaque() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(PARTICIPANT).await;
    let r = c.get("/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Page not found") && r.body.contains("Sign out"));
    let r = c.get("/admin/people").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("You do not have permission"));
}

#[tokio::test]
async fn a_database_outage_is_reported_as_such_never_as_not_found() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(ADMIN).await;
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    app.state.store.close().await;
    let r = c.get("/admin/people").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.body.contains("Sorry, the service is unavailable"));
    assert!(
        r.body.contains("quote this reference"),
        "a request id to quote"
    );
    let r = api.json("GET", "/api/v1/people", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    assert!(
        !r.body.contains("pool"),
        "no internals in the message: {}",
        r.body
    );
    assert_eq!(
        c.get("/healthz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}
