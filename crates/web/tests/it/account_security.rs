//! Issue 9, the outside security review: sign-in throttling that does not lock the owner out,
//! API token expiry and limits, CSRF tokens bound to the session, `__Host-` cookies and HSTS
//! over https, and password reset requests that are limited and say nothing about accounts.

use axum::http::StatusCode;
use revans_storage::sign_in_attempts;

use crate::helpers::*;

const ATTACKER: &str = "198.51.100.7:40000";
const OWNER: &str = "203.0.113.5:40000";
const LOAD_BALANCER: &str = "10.0.0.2:40000";

fn from(app: &TestApp, peer: &str) -> Client {
    let mut c = app.client();
    c.peer = Some(peer.parse().unwrap());
    c
}

async fn sign_in(c: &mut Client, email: &str, password: &str) -> Response {
    c.post_form("/sign-in", &[("email", email), ("password", password)])
        .await
}

// Finding 6: throttling.

#[tokio::test]
async fn failures_refuse_the_guessing_pair_but_not_the_owner_elsewhere() {
    let app = TestApp::spawn().await;
    let mut attacker = from(&app, ATTACKER);
    for _ in 0..5 {
        let r = sign_in(&mut attacker, SPONSOR, "wrong password!").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // That (account, address) pair is refused, even with the right password.
    let r = sign_in(&mut attacker, SPONSOR, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        r.body
            .contains("Too many failed attempts to sign in from here")
    );
    // The owner, from their own address, still signs in.
    let mut owner = from(&app, OWNER);
    let r = sign_in(&mut owner, SPONSOR, PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn the_per_address_limit_believes_forwarded_for_only_from_a_trusted_proxy() {
    let app = TestApp::spawn_with(|s| {
        s.trusted_proxies = vec!["10.0.0.0/8".to_owned().try_into().unwrap()];
    })
    .await;
    // An address that has failed 50 times (against many accounts) in the window.
    {
        let mut conn = app.state.store.conn().await.unwrap();
        for i in 0..50 {
            let email = format!("guess{i}@example.org");
            sign_in_attempts::record(&mut conn, &email, "198.51.100.7", false)
                .await
                .unwrap();
        }
    }
    // Behind the trusted load balancer, the forwarded client is the one limited ...
    let mut attacker = from(&app, LOAD_BALANCER);
    attacker.forwarded_for = Some("198.51.100.7".into());
    let r = sign_in(&mut attacker, ADMIN, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // ... and a colleague behind the same balancer is not.
    let mut colleague = from(&app, LOAD_BALANCER);
    colleague.forwarded_for = Some("203.0.113.5".into());
    let r = sign_in(&mut colleague, ADMIN, PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A peer that is not a trusted proxy cannot escape its limit with a made-up header.
    let mut spoofer = from(&app, ATTACKER);
    spoofer.forwarded_for = Some("203.0.113.5".into());
    let r = sign_in(&mut spoofer, SPONSOR, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_owner_is_emailed_once_about_repeated_failures() {
    let app = TestApp::spawn().await;
    let notices = |emails: Vec<revans_web::mail::OutgoingEmail>| {
        emails
            .into_iter()
            .filter(|e| e.subject.contains("Failed attempts to sign in"))
            .collect::<Vec<_>>()
    };
    let mut first = from(&app, ATTACKER);
    for _ in 0..4 {
        sign_in(&mut first, SPONSOR, "wrong password!").await;
    }
    assert!(notices(app.queued_emails().await).is_empty(), "not yet");
    // Failures from a second address, and for an address with no account.
    let mut second = from(&app, OWNER);
    for _ in 0..5 {
        sign_in(&mut second, SPONSOR, "wrong password!").await;
        sign_in(&mut second, "nobody@example.org", "wrong password!").await;
    }
    let sent = notices(app.queued_emails().await);
    assert_eq!(sent.len(), 1, "one notice a day, however many failures");
    assert_eq!(sent[0].to, SPONSOR);
    assert!(sent[0].text.contains("tried and failed to sign in"));
    assert!(sent[0].text.contains("http://revans.test/password-reset"));
    assert!(
        sent[0]
            .html
            .contains("href=\"http://revans.test/password-reset\"")
    );
}

// Finding 7: API tokens.

async fn tokens_json(app: &TestApp, token: &str) -> (StatusCode, String) {
    let r = app
        .client()
        .json_with_token("GET", "/api/v1/tokens", None, token)
        .await;
    (r.status, r.body)
}

#[tokio::test]
async fn tokens_expire_when_chosen_and_show_when() {
    let app = TestApp::spawn().await;
    let mut page = app.signed_in(FACILITATOR).await;
    for bad in ["0", "367", "soon"] {
        let r = page
            .post_form(
                "/account/tokens",
                &[("name", "script"), ("expires_in_days", bad)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(
            r.body
                .contains("Enter a whole number of days from 1 to 366, for example 90"),
            "{bad}"
        );
    }
    let r = page
        .post_form(
            "/account/tokens",
            &[("name", "script"), ("expires_in_days", "30")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("<th scope=\"col\">Expires</th>"));
    let start = r.body.find("data-new-token>").unwrap() + "data-new-token>".len();
    let token = r.body[start..start + r.body[start..].find('<').unwrap()].to_owned();

    let (status, body) = tokens_json(&app, &token).await;
    assert_eq!(status, StatusCode::OK);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "the bad forms made none");
    let expires: jiff::Timestamp = list[0]["expires_at"].as_str().unwrap().parse().unwrap();
    let days = (expires.as_millisecond() - revans_storage::now_ms()) as f64 / 86_400_000.0;
    assert!((29.9..=30.0).contains(&days), "{days}");

    // Once the expiry passes, the token stops working and the page says so.
    let person = revans_domain::Id::parse(&app.person_id(FACILITATOR).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::testing::set_api_token_expiry(&mut conn, &person, revans_storage::now_ms() - 1)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(tokens_json(&app, &token).await.0, StatusCode::UNAUTHORIZED);
    assert!(page.get("/account/tokens").await.body.contains(">Expired<"));
}

#[tokio::test]
async fn a_new_token_lasts_ninety_days_by_default() {
    let app = TestApp::spawn().await;
    let token = app.api_token(EVALUATOR).await;
    let (_, body) = tokens_json(&app, &token).await;
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let expires: jiff::Timestamp = list[0]["expires_at"].as_str().unwrap().parse().unwrap();
    let days = (expires.as_millisecond() - revans_storage::now_ms()) as f64 / 86_400_000.0;
    assert!((89.9..=90.0).contains(&days), "{days}");
}

#[tokio::test]
async fn a_token_cannot_create_or_revoke_tokens() {
    let app = TestApp::spawn().await;
    let token = app.api_token(ADMIN).await;
    let mut api = app.client();
    api.bearer = Some(token.clone());
    let r = api
        .json("POST", "/api/v1/tokens", Some(r#"{"name":"longer lived"}"#))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(e["error"]["code"], "forbidden");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("An API token cannot create or revoke API tokens")
    );
    let list: serde_json::Value =
        serde_json::from_str(&api.json("GET", "/api/v1/tokens", None).await.body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "nothing was made");
    let id = list[0]["id"].as_str().unwrap().to_owned();
    let r = api
        .json("DELETE", &format!("/api/v1/tokens/{id}"), None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("cannot create or revoke API tokens"));
    assert_eq!(
        api.json("GET", "/api/v1/me", None).await.status,
        StatusCode::OK,
        "still live"
    );
    // Signed in, the page still can.
    let mut page = app.signed_in(ADMIN).await;
    page.get("/account/tokens").await;
    let r = page
        .post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(r.location.as_deref(), Some("/account/tokens"));
    assert_eq!(
        api.json("GET", "/api/v1/me", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

fn link_in(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).expect("link in email");
    let end = start
        + text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
    text[start..end].to_owned()
}

#[tokio::test]
async fn a_password_reset_ends_api_tokens() {
    let app = TestApp::spawn().await;
    let token = app.api_token(PARTICIPANT).await;
    assert_eq!(tokens_json(&app, &token).await.0, StatusCode::OK);
    let mut c = app.client();
    c.post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    revans_web::mail::run_pending_jobs(&app.state, "test").await;
    let email = app
        .queued_emails()
        .await
        .into_iter()
        .find(|e| e.subject.contains("Reset your"))
        .expect("reset email");
    let link = link_in(&email.text, "http://revans.test/password-reset/");
    let path = link.trim_start_matches("http://revans.test");
    c.get(path).await;
    let r = c
        .post_form(
            path,
            &[
                ("password", "a new long password"),
                ("confirm", "a new long password"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/sign-in?notice=password-reset")
    );
    assert_eq!(tokens_json(&app, &token).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_password_change_ends_api_tokens() {
    let app = TestApp::spawn().await;
    let token = app.api_token(EVALUATOR).await;
    let mut c = app.signed_in(EVALUATOR).await;
    let r = c
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "another long password"),
                ("confirm", "another long password"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/account?notice=password-changed")
    );
    assert_eq!(tokens_json(&app, &token).await.0, StatusCode::UNAUTHORIZED);
}

// Finding 8: CSRF and cookies.

#[tokio::test]
async fn signed_in_a_forged_cookie_and_field_pair_is_refused() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(ADMIN).await;
    let forged = "A".repeat(43);
    c.cookies.insert("revans_csrf".into(), forged.clone());
    let r = c
        .post_raw(
            "/admin/organisations",
            &[("csrf", forged.as_str()), ("name", "Sneaky Trust")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("did not come from this site"));
    assert!(
        !c.get("/admin/organisations")
            .await
            .body
            .contains("Sneaky Trust")
    );
}

#[tokio::test]
async fn signed_in_public_forms_carry_the_session_token() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(PARTICIPANT).await;
    c.get("/password-reset").await;
    let r = c
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Check your email"));
}

fn set_cookies(r: &Response) -> Vec<String> {
    r.headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn over_https_cookies_carry_the_host_prefix() {
    let app = TestApp::spawn_with(|s| s.base_url = Some("https://revans.test".into())).await;
    let mut c = app.client();
    let r = c.get("/sign-in").await;
    let csrf = set_cookies(&r);
    assert!(
        csrf.iter().any(|v| v.starts_with("__Host-revans_csrf=")
            && v.contains("Secure")
            && v.contains("Path=/")
            && !v.contains("Domain")),
        "{csrf:?}"
    );
    let r = sign_in(&mut c, ADMIN, PASSWORD).await;
    let session = set_cookies(&r);
    assert!(
        session
            .iter()
            .any(|v| v.starts_with("__Host-revans_session=") && v.contains("Secure")),
        "{session:?}"
    );
    assert_eq!(c.get("/account").await.status, StatusCode::OK);
    // An unprefixed cookie (as a sibling subdomain could plant) is not the session.
    let token = c.cookies.remove("__Host-revans_session").unwrap();
    c.cookies.insert("revans_session".into(), token.clone());
    assert_eq!(c.get("/account").await.status, StatusCode::SEE_OTHER);
    c.cookies.remove("revans_session");
    c.cookies.insert("__Host-revans_session".into(), token);
    c.get("/account").await;
    // Signing out removes the prefixed cookie (a browser only accepts that when Secure).
    let r = c.post_form("/sign-out", &[]).await;
    let removal = set_cookies(&r);
    assert!(
        removal
            .iter()
            .any(|v| v.starts_with("__Host-revans_session=;") && v.contains("Secure")),
        "{removal:?}"
    );
}

#[tokio::test]
async fn over_http_cookies_keep_their_plain_names() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.get("/sign-in").await;
    assert!(
        set_cookies(&r)
            .iter()
            .any(|v| v.starts_with("revans_csrf="))
    );
}

// Finding 9: password reset requests.

async fn reset_jobs_and_rows(app: &TestApp) -> (Vec<String>, i64) {
    let mut conn = app.state.store.conn().await.unwrap();
    let kinds = revans_storage::jobs::list_recent(&mut conn, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|j| j.kind)
        .collect();
    let rows = revans_storage::password_reset_requests::count_from_ip(&mut conn, "unknown", 0)
        .await
        .unwrap();
    (kinds, rows)
}

#[tokio::test]
async fn known_and_unknown_addresses_get_the_same_page_and_the_same_rows() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let (jobs_before, rows_before) = reset_jobs_and_rows(&app).await;
    let unknown = c
        .post_form("/password-reset", &[("email", "x@example.org")])
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    let (jobs_unknown, rows_unknown) = reset_jobs_and_rows(&app).await;
    let unknown_page = unknown.body.replace("x@example.org", "EMAIL");
    let r = c
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    let (jobs_known, rows_known) = reset_jobs_and_rows(&app).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body.replace(PARTICIPANT, "EMAIL"), unknown_page);
    // Each request wrote one request row and one job of the same kind, and no email yet.
    assert_eq!(rows_unknown, rows_before + 1);
    assert_eq!(rows_known, rows_unknown + 1);
    assert_eq!(jobs_unknown.len(), jobs_before.len() + 1);
    assert_eq!(jobs_known.len(), jobs_unknown.len() + 1);
    assert_eq!(jobs_known[0], jobs_known[1]);
    assert_eq!(jobs_known[0], "password_reset_request");
    // The worker then emails the account holder only.
    revans_web::mail::run_pending_jobs(&app.state, "test").await;
    let emails = app.queued_emails().await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to, PARTICIPANT);
}

#[tokio::test]
async fn eight_requests_send_at_most_three_emails() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for _ in 0..8 {
        let r = c
            .post_form("/password-reset", &[("email", PARTICIPANT)])
            .await;
        assert_eq!(r.status, StatusCode::OK);
        revans_web::mail::run_pending_jobs(&app.state, "test").await;
    }
    let resets = app
        .queued_emails()
        .await
        .into_iter()
        .filter(|e| e.to == PARTICIPANT && e.subject.contains("Reset your"))
        .count();
    assert_eq!(resets, 3);
}

#[tokio::test]
async fn reset_requests_are_limited_per_client_address() {
    let app = TestApp::spawn().await;
    let mut busy = from(&app, ATTACKER);
    for i in 0..20 {
        let email = format!("someone{i}@example.org");
        let r = busy
            .post_form("/password-reset", &[("email", email.as_str())])
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = busy
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Too many password reset requests"));
    let mut other = from(&app, OWNER);
    let r = other
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

// Finding 10: HSTS.

#[tokio::test]
async fn hsts_is_sent_only_over_https() {
    let https = TestApp::spawn_with(|s| s.base_url = Some("https://revans.test".into())).await;
    let r = https.client().get("/sign-in").await;
    assert_eq!(
        r.headers
            .get(axum::http::header::STRICT_TRANSPORT_SECURITY)
            .map(|v| v.to_str().unwrap()),
        Some("max-age=31536000; includeSubDomains")
    );
    let http = TestApp::spawn().await;
    let r = http.client().get("/sign-in").await;
    assert!(
        r.headers
            .get(axum::http::header::STRICT_TRANSPORT_SECURITY)
            .is_none()
    );
}
