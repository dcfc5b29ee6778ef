//! The JSON API: tokens, specific errors, and the same rules as the pages.

use axum::http::StatusCode;

use crate::helpers::*;

async fn api_client(app: &TestApp, email: &str) -> Client {
    let token = app.api_token(email).await;
    let mut c = app.client();
    c.bearer = Some(token);
    c
}

#[tokio::test]
async fn me_and_tokens() {
    let app = TestApp::spawn().await;
    let mut c = api_client(&app, FACILITATOR).await;
    let r = c.json("GET", "/api/v1/me", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let me: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(me["email"], FACILITATOR);
    let roles: Vec<&str> = me["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["facilitator", "participant"]);
    // The caller's tokens, each with its expiry. A token may not make or revoke tokens
    // (account_security.rs has the details); the tokens page does that.
    let list: serde_json::Value =
        serde_json::from_str(&c.json("GET", "/api/v1/tokens", None).await.body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "test token");
    assert!(list[0]["expires_at"].as_str().unwrap().ends_with('Z'));
    let r = c
        .json("POST", "/api/v1/tokens", Some(r#"{"name":"cron"}"#))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bad_bodies_get_specific_errors_and_change_nothing() {
    let app = TestApp::spawn().await;
    let mut c = api_client(&app, ADMIN).await;
    let before = c.json("GET", "/api/v1/people", None).await.body;

    let r = c.json("POST", "/api/v1/people", Some("{not json")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.content_type.starts_with("application/json"));
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(e["error"]["code"], "bad_request");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    assert!(!e["error"]["request_id"].as_str().unwrap().is_empty());

    let r = c
        .json(
            "POST",
            "/api/v1/people",
            Some(r#"{"name":"A","email":"a@b.example","organisation_id":"x","nmae":"typo"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(e["error"]["fields"][0]["field"], "nmae");
    assert!(
        e["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field")
    );

    let r = c
        .json(
            "POST",
            "/api/v1/people",
            Some(r#"{"name":"A","organisation_id":"x"}"#),
        )
        .await;
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(e["error"]["fields"][0]["field"], "email");

    let long = "y".repeat(300);
    let body =
        format!(r#"{{"name":"{long}","email":"bad","organisation_id":"","roles":["sponsor"]}}"#);
    let r = c.json("POST", "/api/v1/people", Some(&body)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let fields: Vec<&str> = e["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "email", "organisation"]);
    // Roles are an enum: an unknown one is named, with the choices.
    let r = c
        .json(
            "POST",
            "/api/v1/people",
            Some(r#"{"name":"A","email":"a@b.example","organisation_id":"x","roles":["wizard"]}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(e["error"]["fields"][0]["field"], "roles[0]");
    let message = e["error"]["fields"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("wizard") && message.contains("evaluator"),
        "{message}"
    );

    let r = c
        .json(
            "POST",
            "/api/v1/people",
            Some(&format!(
                r#"{{"name":"Dup","email":"{SPONSOR}","organisation_id":"{}"}}"#,
                "nope"
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        c.json("GET", "/api/v1/people", None).await.body,
        before,
        "nothing was saved"
    );
    assert!(app.queued_emails().await.is_empty());
}

#[tokio::test]
async fn invite_and_set_roles_by_api() {
    let app = TestApp::spawn().await;
    let mut c = api_client(&app, ADMIN).await;
    let orgs: serde_json::Value =
        serde_json::from_str(&c.json("GET", "/api/v1/organisations", None).await.body).unwrap();
    let names: Vec<&str> = orgs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Bay Council Adult Social Care",
            "Cliffside Community Care",
            "Harbour Hospitals NHS Trust",
            "North Coast ICS"
        ]
    );
    let cliff = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Cliffside Community Care")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c.json("POST", "/api/v1/people", Some(&format!(r#"{{"name":"Kit Carer","email":"kit@cliffside.example","organisation_id":"{cliff}","roles":["participant"]}}"#))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let kit: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(kit["activated"], false);
    let id = kit["id"].as_str().unwrap();
    let r = c
        .json(
            "PUT",
            &format!("/api/v1/people/{id}/roles"),
            Some(&format!(
                r#"{{"organisation_id":"{cliff}","roles":["sponsor","participant"]}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let kit: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(kit["roles"].as_array().unwrap().len(), 2);
    assert_eq!(app.queued_emails().await.len(), 1, "the invitation email");
    // The other tenant's lead cannot read Kit.
    let mut other = api_client(&app, OTHER_ADMIN).await;
    assert_eq!(
        other
            .json("GET", &format!("/api/v1/people/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let audit: serde_json::Value =
        serde_json::from_str(&c.json("GET", "/api/v1/audit?limit=5", None).await.body).unwrap();
    assert_eq!(audit["items"][0]["action"], "person.roles_changed");
}

#[tokio::test]
async fn openapi_document_describes_every_api_route() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let doc: serde_json::Value =
        serde_json::from_str(&c.get("/api/openapi.json").await.body).unwrap();
    for (method, path) in revans_web::routes::list() {
        if path.starts_with("/api/v1/") {
            let op = &doc["paths"][path][method.to_lowercase()];
            assert!(
                op.is_object(),
                "{method} {path} is missing from the OpenAPI document"
            );
        }
    }
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
}
