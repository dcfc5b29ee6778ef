//! Single sign-on (issue 17) against a real OpenID provider: `oidc-provider` from npm, started
//! on loopback from `tests/oidc/` (run `npm ci` there first; `.ci/run` does). Node is required:
//! without it these tests fail rather than skip. The cases a real provider produces on demand
//! are here (a sign-in, a wrong state, a replayed callback, an email outside the allowed
//! domains, no account); an ID token for another audience and an expired one, which it will
//! not issue, are in `sso_issuer.rs` against a loopback issuer the test serves itself.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use axum::http::StatusCode;
use revans_web::config::Settings;
use revans_web::sso::config::OidcProvider;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::helpers::*;

/// Where the provider sends the browser back: the test app's base URL.
pub const CALLBACK: &str = "http://revans.test/sign-in/sso/local/callback";

/// The provider process; killed when dropped.
pub struct RealProvider {
    _child: Child,
    pub issuer: String,
}

pub async fn real_provider() -> RealProvider {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oidc");
    assert!(
        dir.join("node_modules/oidc-provider").exists(),
        "the single sign-on tests need the real provider: run `npm ci` in {}",
        dir.display()
    );
    let mut child = Command::new("node")
        .arg("server.mjs")
        .arg(CALLBACK)
        .current_dir(&dir)
        .stdout(Stdio::piped())
        // Its errors show with the test's output.
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("node must be installed: the single sign-on tests run a real OpenID provider");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let issuer = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(url) = line.strip_prefix("oidc-provider ready at ") {
                return url.trim().to_owned();
            }
        }
        panic!("oidc-provider stopped before it was ready");
    })
    .await
    .expect("oidc-provider ready within 30 s");
    // Keep reading: it writes notices later, and a closed pipe would stop it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    RealProvider {
        _child: child,
        issuer,
    }
}

pub fn provider(id: &str, issuer: &str, create_accounts: bool) -> OidcProvider {
    OidcProvider {
        id: id.into(),
        label: "Test ID".into(),
        issuer: issuer.into(),
        client_id: "revans-test".into(),
        client_secret: Some("revans-test-secret-not-for-production".to_owned().into()),
        client_secret_env: None,
        allowed_domains: vec!["harbour-trust.example".into()],
        create_accounts,
        organisation: create_accounts.then(|| "Harbour Hospitals NHS Trust".into()),
    }
}

/// People, provider links and audit entries: a refusal must leave all three as they were
/// (a session is always made with its audit entry, in one transaction).
pub async fn footprint(app: &TestApp) -> (i64, i64, i64) {
    let mut conn = app.state.store.conn().await.unwrap();
    (
        revans_storage::people::count(&mut conn).await.unwrap(),
        revans_storage::sso::count_links(&mut conn).await.unwrap(),
        revans_storage::audit::count(&mut conn).await.unwrap(),
    )
}

/// Plays the browser at the provider: follows its redirects, fills its development login
/// page with `login` and agrees on its consent page, until it sends the browser back to
/// Revans; returns that path with its query.
async fn through_provider(auth_url: &str, login: &str) -> String {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut url = reqwest::Url::parse(auth_url).unwrap();
    for _ in 0..12 {
        if url.as_str().starts_with("http://revans.test/") {
            return format!("{}?{}", url.path(), url.query().unwrap_or_default());
        }
        let r = http.get(url.clone()).send().await.unwrap();
        if r.status().is_redirection() {
            url = url.join(r.headers()["location"].to_str().unwrap()).unwrap();
            continue;
        }
        let page = r.text().await.unwrap();
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no form at the provider: {page}"));
        let fields: Vec<(&str, &str)> = if page.contains("name=\"login\"") {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        let r = http
            .post(url.join(action).unwrap())
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "provider form: {}", r.status());
        url = url.join(r.headers()["location"].to_str().unwrap()).unwrap();
    }
    panic!("the provider never sent the browser back to Revans");
}

/// Starts a sign-in with provider `id` and signs in at the real provider as `login`; the
/// callback path Revans is sent back to.
async fn sign_in_at_provider(c: &mut Client, id: &str, login: &str) -> String {
    let r = c.get(&format!("/sign-in/sso/{id}")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let auth = r.location.unwrap();
    assert!(
        auth.contains("code_challenge_method=S256") && auth.contains("nonce="),
        "{auth}"
    );
    through_provider(&auth, login).await
}

async fn app_with(issuer: &str, create: bool, change: impl FnOnce(&mut Settings)) -> TestApp {
    let p = provider("local", issuer, create);
    TestApp::spawn_with(move |s| {
        s.oidc_providers = vec![p];
        change(s);
    })
    .await
}

#[tokio::test]
async fn a_person_signs_in_with_the_real_provider_and_a_replayed_callback_is_refused() {
    let op = real_provider().await;
    let app = app_with(&op.issuer, false, |_| {}).await;
    let mut c = app.client();
    let page = c.get("/sign-in").await;
    assert!(page.body.contains("Sign in with Test ID"), "{}", page.body);

    let callback = sign_in_at_provider(&mut c, "local", "pat").await;
    let state_cookie = c.cookies.get("revans_sso_state").cloned().unwrap();
    let r = c.get(&callback).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/"));
    let account = c.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("Signed in as"), "{}", account.body);
    let actions = app.audit_actions().await;
    assert!(
        actions.iter().any(|a| a == "person.sso_linked"),
        "{actions:?}"
    );
    assert!(
        actions.iter().any(|a| a == "session.signed_in"),
        "{actions:?}"
    );

    // The same callback again, from a browser holding the same state cookie: refused, and
    // nothing made.
    let before = footprint(&app).await;
    let mut replay = app.client();
    replay
        .cookies
        .insert("revans_sso_state".into(), state_cookie);
    let r = replay.get(&callback).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("already been finished once"), "{}", r.body);
    assert!(!replay.cookies.contains_key("revans_session"));
    assert_eq!(footprint(&app).await, before);

    // Linked now: a second sign-in finds the person by the provider's subject.
    let mut again = app.client();
    let callback = sign_in_at_provider(&mut again, "local", "pat").await;
    let r = again.get(&callback).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    assert_eq!(
        revans_storage::sso::count_links(&mut conn).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn a_wrong_state_is_refused_and_changes_nothing() {
    let op = real_provider().await;
    let app = app_with(&op.issuer, true, |_| {}).await;
    let mut c = app.client();
    let callback = sign_in_at_provider(&mut c, "local", "pat").await;
    let before = footprint(&app).await;
    let (path, query) = callback.split_once('?').unwrap();
    let forged: String = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some(("state", _)) => "state=forged-state-from-elsewhere".to_owned(),
            _ => kv.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&");
    let r = c.get(&format!("{path}?{forged}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("its state does not match"), "{}", r.body);
    assert!(!c.cookies.contains_key("revans_session"));
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn an_email_outside_the_allowed_domains_is_refused_even_where_accounts_are_made() {
    let op = real_provider().await;
    let app = app_with(&op.issuer, true, |_| {}).await;
    let before = footprint(&app).await;
    let mut c = app.client();
    let callback = sign_in_at_provider(&mut c, "local", "outsider").await;
    let r = c.get(&callback).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(
        r.body
            .contains("only for email addresses ending in @harbour-trust.example")
            && r.body.contains("someone@elsewhere.test"),
        "{}",
        r.body
    );
    assert!(!c.cookies.contains_key("revans_session"));
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn a_first_sign_in_makes_an_account_with_no_role_only_where_the_tenant_allows() {
    let op = real_provider().await;
    // Not allowed: refused, nothing made.
    let closed = app_with(&op.issuer, false, |_| {}).await;
    let before = footprint(&closed).await;
    let mut c = closed.client();
    let callback = sign_in_at_provider(&mut c, "local", "newcomer").await;
    let r = c.get(&callback).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(
        r.body
            .contains("There is no account for newcomer@harbour-trust.example")
    );
    assert_eq!(footprint(&closed).await, before);

    // Allowed: the account is made in the configured organisation, with no role.
    let open = app_with(&op.issuer, true, |_| {}).await;
    let mut c = open.client();
    let callback = sign_in_at_provider(&mut c, "local", "newcomer").await;
    let r = c.get(&callback).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id =
        revans_domain::Id::parse(&open.person_id("newcomer@harbour-trust.example").await).unwrap();
    let mut conn = open.state.store.conn().await.unwrap();
    let person = revans_storage::people::get(&mut conn, &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.name, "Nia Newcomer");
    assert_eq!(person.organisation_name, "Harbour Hospitals NHS Trust");
    assert!(
        revans_storage::people::roles(&mut conn, &id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        open.audit_actions()
            .await
            .iter()
            .any(|a| a == "person.created")
    );
}

#[tokio::test]
async fn password_sign_in_can_be_turned_off() {
    let app = TestApp::spawn_with(|s| {
        s.password_sign_in = false;
        s.oidc_providers = vec![provider("local", "http://127.0.0.1:9", false)];
    })
    .await;
    let mut c = app.client();
    let page = c.get("/sign-in").await;
    assert!(page.body.contains("Sign in with Test ID"));
    assert!(!page.body.contains("name=\"password\""), "{}", page.body);
    // A form token from a page that still has a form, so the refusal is the setting's.
    c.get("/password-reset").await;
    let r = c
        .post_form("/sign-in", &[("email", ADMIN), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(!c.cookies.contains_key("revans_session"));
    // An unknown provider is not there; one that cannot be reached says so.
    assert_eq!(
        c.get("/sign-in/sso/nope").await.status,
        StatusCode::NOT_FOUND
    );
    let r = c.get("/sign-in/sso/local").await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY, "{}", r.body);
    assert!(r.body.contains("We could not reach Test ID"));
}
