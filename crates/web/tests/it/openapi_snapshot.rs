//! The OpenAPI document as a snapshot, so every change to the API's contract shows up in
//! review. After a deliberate change: `cargo insta review` (or `INSTA_UPDATE=always`), then
//! commit the `.snap` file.

use axum::http::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn the_openapi_document_is_deterministic_and_matches_its_snapshot() {
    let app = TestApp::spawn().await;
    let first = app.client().get("/api/openapi.json").await;
    let second = app.client().get("/api/openapi.json").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        first.body, second.body,
        "the document is the same every time"
    );
    let doc: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    insta::assert_json_snapshot!("openapi", doc);
}
