//! Every API route that takes a body refuses a field it does not know, naming it, so a typo
//! (`requires_sponsor_aproval`) can never be ignored silently. The route table is walked, so
//! a new body route without `#[serde(deny_unknown_fields)]` fails here.

use axum::http::StatusCode;
use serde_json::Value;

use crate::helpers::*;

/// Routes whose handler reads no body at all, and why; everything else must refuse unknown
/// fields.
const NO_BODY: &[(&str, &str, &str)] = &[
    (
        "POST",
        "/api/v1/admin/events/{id}/allocation",
        "running the allocation needs nothing but the event",
    ),
    (
        "POST",
        "/api/v1/admin/events/{id}/allocation/publish",
        "publishing the allocation needs nothing but the event",
    ),
    (
        "POST",
        "/api/v1/cohorts/{id}/certificates/issue",
        "issuing certificates needs nothing but the cohort",
    ),
    (
        "POST",
        "/api/v1/circles/{id}/booking",
        "booking a circle needs nothing but the circle",
    ),
    (
        "POST",
        "/api/v1/circles/{id}/booking/accept",
        "accepting a held place needs nothing but the circle",
    ),
    (
        "POST",
        "/api/v1/sets/{id}/supervision-group",
        "making a set a supervision group needs nothing but the set",
    ),
    (
        "POST",
        "/api/v1/admin/circles/{id}/publish",
        "publishing needs nothing but the circle",
    ),
    (
        "POST",
        "/api/v1/admin/circles/{id}/cancel",
        "cancelling needs nothing but the circle",
    ),
    (
        "POST",
        "/api/v1/admin/circles/{id}/merge",
        "the merge on offer is the sweep's; accepting needs nothing more",
    ),
    (
        "POST",
        "/api/v1/admin/circles/{id}/decline-merge",
        "declining needs nothing but the circle",
    ),
    (
        "POST",
        "/api/v1/feedback/{id}/self-link",
        "a new link needs nothing but the round",
    ),
    (
        "POST",
        "/api/v1/tokens",
        "always refused: tokens are made on the page",
    ),
    (
        "POST",
        "/api/v1/cohorts/{id}/close",
        "closing needs nothing but the cohort",
    ),
    (
        "POST",
        "/api/v1/programmes/{id}/allocate",
        "allocating needs nothing but the programme",
    ),
    (
        "POST",
        "/api/v1/feedback/{id}/close",
        "closing needs nothing but the round",
    ),
    (
        "POST",
        "/api/v1/waves/{id}/reminders",
        "reminding needs nothing but the wave",
    ),
    (
        "POST",
        "/api/v1/formation-runs/{id}/cancel",
        "cancelling needs nothing but the run",
    ),
    (
        "POST",
        "/api/v1/jobs/{id}/retry",
        "trying a failed job again needs nothing but the job",
    ),
    (
        "POST",
        "/api/v1/applications/{id}/sponsor-approval",
        "approving needs nothing but the application",
    ),
    (
        "POST",
        "/api/v1/people/{id}/invitation",
        "a new invitation needs nothing but the person",
    ),
    (
        "POST",
        "/api/v1/meetings/{id}/cancel",
        "cancelling needs nothing but the meeting",
    ),
    (
        "POST",
        "/api/v1/meetings/{id}/restore",
        "undoing a cancellation needs nothing but the meeting",
    ),
    (
        "POST",
        "/api/v1/cohorts/{id}/sets/publish",
        "publishing needs nothing but the cohort",
    ),
];

fn takes_a_body(method: &str, path: &str) -> bool {
    path.starts_with("/api/v1/") && matches!(method, "POST" | "PUT" | "PATCH")
}

#[test]
fn every_route_said_to_take_no_body_exists() {
    let routes = revans_web::routes::list();
    for (method, path, _) in NO_BODY {
        assert!(
            routes.contains(&(*method, *path)),
            "{method} {path} is listed as taking no body but is not a route"
        );
    }
}

#[tokio::test]
async fn every_api_body_refuses_an_unknown_field_naming_it() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let person = app.person_id(PARTICIPANT).await;
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (method, path) in revans_web::routes::list() {
        if !takes_a_body(method, path) || NO_BODY.iter().any(|(m, p, _)| (*m, *p) == (method, path))
        {
            continue;
        }
        // Real ids where the route names a programme, cohort or person; the body is read
        // before anything is looked up, so any id would do for the rest.
        let id = if path.starts_with("/api/v1/programmes/") {
            programme.as_str()
        } else if path.starts_with("/api/v1/cohorts/") {
            cohort.as_str()
        } else if path.starts_with("/api/v1/people/") {
            person.as_str()
        } else {
            "00000000-0000-0000-0000-000000000000"
        };
        let concrete = path.replace("{id}", id);
        let r = lead
            .json(method, &concrete, Some(r#"{"no_such_field":1}"#))
            .await;
        checked += 1;
        let named = serde_json::from_str::<Value>(&r.body).is_ok_and(|e| {
            e["error"]["fields"].as_array().is_some_and(|fields| {
                fields.iter().any(|f| {
                    f["field"] == "no_such_field"
                        && f["message"]
                            .as_str()
                            .is_some_and(|m| m.contains("no_such_field"))
                })
            })
        });
        if r.status != StatusCode::UNPROCESSABLE_ENTITY || !named {
            failures.push(format!("{method} {path}: {} {}", r.status, r.body));
        }
    }
    assert!(
        failures.is_empty(),
        "these bodies do not refuse an unknown field (add #[serde(deny_unknown_fields)], or list \
         a route that reads no body in NO_BODY):\n{}",
        failures.join("\n")
    );
    assert!(checked >= 35, "only {checked} body routes found");
}
