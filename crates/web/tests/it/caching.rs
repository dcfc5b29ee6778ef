//! What keeps pages cheap to send: gzip for pages and JSON, assets cached for a year under a
//! versioned link with an ETag, and form tokens masked per page so compression leaks nothing.

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::helpers::*;

/// Sends `path` with the client's cookies and extra headers; the raw response.
async fn raw(
    app: &TestApp,
    client: &Client,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(path);
    let cookie: Vec<String> = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !cookie.is_empty() {
        req = req.header(header::COOKIE, cookie.join("; "));
    }
    for (name, value) in headers.iter().filter(|(_, v)| !v.is_empty()) {
        req = req.header(name, *value);
    }
    let res = revans_web::router(app.state.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, bytes)
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip body");
    text
}

#[tokio::test]
async fn pages_and_json_are_gzipped_when_asked_and_plain_otherwise() {
    let app = TestApp::spawn().await;
    let lead = app.signed_in(ADMIN).await;
    let bearer = format!("Bearer {}", app.api_token(ADMIN).await);
    for (path, auth) in [("/admin/people", ""), ("/api/v1/people", bearer.as_str())] {
        let (status, headers, body) = raw(
            &app,
            &lead,
            path,
            &[
                (header::ACCEPT_ENCODING, "gzip"),
                (header::AUTHORIZATION, auth),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            Some("gzip"),
            "{path}: {headers:?}"
        );
        let text = gunzip(&body);
        assert!(text.contains("Harbour"), "{path}: {text}");
        assert!(body.len() < text.len(), "{path}: compressed is smaller");

        let (_, plain_headers, plain) =
            raw(&app, &lead, path, &[(header::AUTHORIZATION, auth)]).await;
        assert!(
            !plain_headers.contains_key(header::CONTENT_ENCODING),
            "{path}"
        );
        assert!(
            String::from_utf8(plain).unwrap().contains("Harbour"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn assets_are_linked_by_version_cached_for_a_year_and_revalidated_by_etag() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let (_, _, page) = raw(&app, &client, "/sign-in", &[]).await;
    let page = String::from_utf8(page).unwrap();
    let start = page
        .find("/assets/revans.css?v=")
        .expect("a versioned link");
    let link: String = page[start..].chars().take_while(|c| *c != '"').collect();

    let (status, headers, body) = raw(&app, &client, &link, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.is_empty());
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(
        etag,
        format!("\"{}\"", &link["/assets/revans.css?v=".len()..])
    );

    let (status, _, body) = raw(&app, &client, &link, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    let (status, _, _) = raw(
        &app,
        &client,
        &link,
        &[(header::IF_NONE_MATCH, "\"other\"")],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a stale copy is sent the asset again"
    );
}

/// BREACH guesses a secret that is the same in every compressed response; each page masks it.
#[tokio::test]
async fn every_page_carries_a_differently_masked_form_token_and_each_is_accepted() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    lead.get("/account").await;
    let first = lead.csrf.clone().unwrap();
    lead.get("/account").await;
    let second = lead.csrf.clone().unwrap();
    assert_ne!(first, second, "the token differs from page to page");

    for token in [&first, &second] {
        lead.csrf = Some(token.clone());
        let r = lead
            .post_form("/account/timezone", &[("timezone", "Europe/London")])
            .await;
        assert!(r.status.is_redirection(), "{}: {}", r.status, r.body);
    }
    // Someone else's masked token does not work here, nor a mangled one.
    let mut other = app.signed_in(SPONSOR).await;
    other.get("/account").await;
    for token in [
        other.csrf.clone().unwrap(),
        format!("{first}x"),
        "a.b".into(),
    ] {
        lead.csrf = Some(token.clone());
        let r = lead
            .post_form("/account/timezone", &[("timezone", "Europe/London")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{token}");
    }
}
