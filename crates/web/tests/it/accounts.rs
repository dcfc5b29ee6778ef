//! Signing in and out, sessions, CSRF, throttling, password reset and invitations.

use axum::http::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn wrong_password_is_refused_with_one_message_and_no_session() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c
        .post_form(
            "/sign-in",
            &[("email", ADMIN), ("password", "not the password")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Enter a correct email address and password")
    );
    assert!(
        r.body.contains("There is a problem"),
        "error summary at the top"
    );
    assert!(
        r.body.contains("<title>Error: Sign in"),
        "title says there is an error"
    );
    assert!(!c.cookies.contains_key("revans_session"));
    // Unknown account: the same words, so the form does not reveal who has an account.
    let r = c
        .post_form(
            "/sign-in",
            &[
                ("email", "nobody@example.org"),
                ("password", "whatever12345"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("Enter a correct email address and password")
    );
    // No session: a page for signed-in people still sends them to sign in.
    assert_eq!(c.get("/account").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn each_bad_field_is_named() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c
        .post_form("/sign-in", &[("email", "not-an-email"), ("password", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("href=\"#email\">Enter an email address in the correct format")
    );
    assert!(r.body.contains("href=\"#password\">Enter your password"));
    assert!(
        r.body.contains("value=\"not-an-email\""),
        "what the person typed is kept"
    );
}

#[tokio::test]
async fn sign_in_is_throttled_after_repeated_failures() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for _ in 0..5 {
        let r = c
            .post_form(
                "/sign-in",
                &[("email", SPONSOR), ("password", "wrong password!")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is refused now, from this address (the pair); the owner
    // elsewhere is not locked out (account_security.rs).
    let r = c
        .post_form("/sign-in", &[("email", SPONSOR), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Too many failed attempts"));
    // Other accounts are unaffected.
    app.signed_in(ADMIN).await;
}

#[tokio::test]
async fn a_form_without_the_csrf_token_changes_nothing() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(ADMIN).await;
    let r = c
        .post_raw(
            "/admin/organisations",
            &[("name", "Sneaky Trust"), ("parent", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("did not come from this site"));
    let r = c
        .post_raw(
            "/admin/organisations",
            &[
                ("csrf", "forged-value-forged-value-forged-value"),
                ("name", "Sneaky Trust"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        !c.get("/admin/organisations")
            .await
            .body
            .contains("Sneaky Trust")
    );
    // Signed out, the sign-in form needs the cookie's token too.
    let mut anon = app.client();
    let r = anon
        .post_raw("/sign-in", &[("email", ADMIN), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(PARTICIPANT).await;
    let stolen = c.cookies.clone();
    c.get("/").await;
    let r = c.post_form("/sign-out", &[]).await;
    assert_eq!(r.location.as_deref(), Some("/sign-in?notice=signed-out"));
    // A copy of the old cookie no longer works.
    let mut thief = app.client();
    thief.cookies = stolen;
    assert_eq!(
        thief.get("/account").await.location.as_deref(),
        Some("/sign-in?next=%2Faccount")
    );
}

#[tokio::test]
async fn two_instances_on_one_database_share_sessions() {
    let app = TestApp::spawn().await;
    let mut on_a = app.signed_in(FACILITATOR).await;
    let other = app.second_instance().await;
    let mut on_b = on_a.with_router(revans_web::router(other));
    let r = on_b.get("/account").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Fran Facilitator"));
    // Signing out on B ends it on A.
    on_b.post_form("/sign-out", &[]).await;
    assert_eq!(on_a.get("/account").await.status, StatusCode::SEE_OTHER);
}

fn link_in(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).expect("link in email");
    let end = start
        + text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
    text[start..end].trim_end_matches('"').to_owned()
}

#[tokio::test]
async fn password_reset_by_emailed_single_use_link() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Check your email"));
    // Unknown addresses get the same page and no email.
    let r = c
        .post_form("/password-reset", &[("email", "stranger@example.org")])
        .await;
    assert!(r.body.contains("Check your email"));
    // The worker looks the addresses up and emails the account holder only.
    revans_web::mail::run_pending_jobs(&app.state, "test").await;
    let emails = app.queued_emails().await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to, PARTICIPANT);
    let link = link_in(&emails[0].text, "http://revans.test/password-reset/");
    let path = link.trim_start_matches("http://revans.test");

    assert_eq!(c.get(path).await.status, StatusCode::OK);
    let r = c
        .post_form(
            path,
            &[
                ("password", "a new long password"),
                ("confirm", "a different one!!"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("The passwords do not match"));
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
    // The link works once.
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("already been used"));
    // The new password works, the old one does not.
    let r = c
        .post_form(
            "/sign-in",
            &[("email", PARTICIPANT), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .post_form(
            "/sign-in",
            &[("email", PARTICIPANT), ("password", "a new long password")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        app.audit_actions()
            .await
            .contains(&"person.password_reset".to_owned())
    );
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let app = TestApp::spawn().await;
    let person = revans_domain::Id::parse(&app.person_id(SPONSOR).await).unwrap();
    let token = revans_app::security::new_token();
    {
        let mut conn = app.state.store.conn().await.unwrap();
        revans_storage::email_tokens::insert(
            &mut conn,
            &revans_app::security::hash_token(&token),
            revans_storage::TokenPurpose::PasswordReset,
            &person,
            revans_storage::now_ms() - 1000,
        )
        .await
        .unwrap();
    }
    let mut c = app.client();
    let r = c.get(&format!("/password-reset/{token}")).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("has expired"));
    let r = c
        .post_form(
            &format!("/password-reset/{token}"),
            &[
                ("password", "a new long password"),
                ("confirm", "a new long password"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    // Password unchanged.
    app.signed_in(SPONSOR).await;
}

#[tokio::test]
async fn changing_password_checks_the_current_one_and_signs_out_elsewhere() {
    let app = TestApp::spawn().await;
    let mut elsewhere = app.signed_in(EVALUATOR).await;
    let mut c = app.signed_in(EVALUATOR).await;
    c.get("/account").await;
    let r = c
        .post_form(
            "/account/password",
            &[
                ("current", "wrong"),
                ("password", "another long password"),
                ("confirm", "another long password"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Your current password is not correct"));
    let r = c
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert!(r.body.contains("Password must be at least 10 characters"));
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
    assert_eq!(
        elsewhere.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "other sessions ended"
    );
    let emails = app.queued_emails().await;
    assert!(
        emails
            .iter()
            .any(|e| e.to == EVALUATOR && e.subject.contains("password was changed"))
    );
}

#[tokio::test]
async fn signed_out_people_learn_what_this_is_and_come_back_where_they_were_after_signing_in() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("href=\"/programmes\""),
        "the catalogue is linked"
    );
    assert!(home.body.contains("How to get an account"));

    // "Apply" while signed out: sign in, then back to the application form.
    let (programme, _) = app.demo_programme().await;
    let apply = format!("/programmes/{programme}/apply");
    let r = c.get(&apply).await;
    let to = r.location.expect("sent to sign in");
    assert_eq!(
        to,
        format!("/sign-in?next=%2Fprogrammes%2F{programme}%2Fapply")
    );
    let page = c.get(&to).await;
    assert!(
        page.body
            .contains(&format!("name=\"next\" value=\"{apply}\"")),
        "{}",
        page.body
    );
    let r = c
        .post_form(
            "/sign-in",
            &[
                ("email", PARTICIPANT),
                ("password", PASSWORD),
                ("next", &apply),
            ],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some(apply.as_str()));

    // Never somewhere else: another site, or a path that browsers read as another host.
    for evil in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
    ] {
        let mut c = app.client();
        c.get("/sign-in").await;
        let r = c
            .post_form(
                "/sign-in",
                &[
                    ("email", PARTICIPANT),
                    ("password", PASSWORD),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!(r.location.as_deref(), Some("/"), "{evil}");
    }
}
