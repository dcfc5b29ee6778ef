//! Dead letters on a programme lead's page (issue 12, drill 4a): an email that fails on every
//! attempt shows on `/admin/jobs/failed` for the lead of the recipient's organisations, and
//! only theirs; "Try again" (page or API) runs it from its first attempt.

use axum::http::StatusCode;
use revans_storage::jobs::{self, NewJob};
use revans_web::config::MailTransport;
use revans_web::state::AppState;

use crate::helpers::*;

/// A state whose mailer points at a port where nothing listens: every send fails at once.
fn failing_mailer(app: &TestApp) -> AppState {
    let dead_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut settings = (*app.state.settings).clone();
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp_host = "127.0.0.1".into();
    settings.mail.smtp_port = dead_port;
    let mut state = app.state.clone();
    state.mailer =
        std::sync::Arc::new(revans_web::mail::Mailer::from_settings(&settings.mail).unwrap());
    state
}

/// A real email's payload (a password reset link), sent once through the folder mailer.
async fn an_email_payload(app: &TestApp) -> String {
    let mut c = app.client();
    c.post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    revans_web::mail::run_pending_jobs(&app.state, "setup").await;
    let mut conn = app.state.store.conn().await.unwrap();
    let job = jobs::list_recent(&mut conn, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == revans_web::mail::SEND_EMAIL)
        .unwrap();
    jobs::payload(&mut conn, &job.id).await.unwrap().unwrap()
}

/// Enqueues an email to `to` allowed `max_attempts` tries and runs the failing worker until
/// it is given up. Returns the job's id.
async fn dead_letter(app: &TestApp, failing: &AppState, payload: &str, to: &str) -> String {
    let id = {
        let mut conn = app.state.store.conn().await.unwrap();
        jobs::enqueue_concerning(
            &mut conn,
            NewJob {
                kind: revans_web::mail::SEND_EMAIL,
                payload,
                run_at: revans_storage::now_ms(),
                max_attempts: 1,
            },
            to,
        )
        .await
        .unwrap()
    };
    assert_eq!(revans_web::mail::run_pending_jobs(failing, "w").await, 1);
    let mut conn = app.state.store.conn().await.unwrap();
    let given_up = jobs::given_up(&mut conn, 100).await.unwrap();
    assert!(
        given_up.iter().any(|j| j.id == id),
        "the job is a dead letter"
    );
    id
}

#[tokio::test]
async fn a_lead_sees_and_retries_only_their_own_peoples_failed_emails() {
    let app = TestApp::spawn().await;
    let failing = failing_mailer(&app);
    let payload = an_email_payload(&app).await;
    let ours = dead_letter(&app, &failing, &payload, PARTICIPANT).await;
    let theirs = dead_letter(&app, &failing, &payload, OTHER_ADMIN).await;

    // The demo's lead sees the email to their participant, with its error and a button.
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead.get("/admin/jobs/failed").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(PARTICIPANT), "{}", r.body);
    assert!(r.body.contains(&format!("/admin/jobs/{ours}/retry")));
    assert!(r.body.contains("Try again"));
    assert!(
        r.body.contains("Connection refused") || r.body.contains("connection"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains(OTHER_ADMIN),
        "another tenant's dead letter is not shown"
    );
    assert!(!r.body.contains(&theirs));
    assert!(
        r.body.contains("href=\"/admin/jobs/failed\""),
        "the nav links the page"
    );

    // The other tenant's lead sees theirs only, and cannot retry ours (page or API).
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let r = other.get("/admin/jobs/failed").await;
    assert!(
        r.body.contains(&theirs) && !r.body.contains(&ours),
        "{}",
        r.body
    );
    assert!(!r.body.contains(PARTICIPANT));
    let r = other
        .post_form(&format!("/admin/jobs/{ours}/retry"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let other_token = app.api_token(OTHER_ADMIN).await;
    let r = other
        .json_with_token(
            "POST",
            &format!("/api/v1/jobs/{ours}/retry"),
            None,
            &other_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other
        .json_with_token("GET", "/api/v1/jobs/failed", None, &other_token)
        .await;
    assert!(
        r.body.contains(&theirs) && !r.body.contains(&ours),
        "{}",
        r.body
    );
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let dead: Vec<String> = jobs::given_up(&mut conn, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert!(
            dead.contains(&ours),
            "still given up after the refused retries"
        );
    }

    // The lead tries again: the job runs from its first attempt and, the mail server now
    // working (the folder mailer), is sent.
    let r = lead
        .post_form(&format!("/admin/jobs/{ours}/retry"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/admin/jobs/failed"));
    let r = lead.get("/admin/jobs/failed").await;
    assert!(!r.body.contains(&ours), "no longer a dead letter");
    assert!(
        app.audit_actions()
            .await
            .contains(&"job.retried".to_owned())
    );
    assert_eq!(revans_web::mail::run_pending_jobs(&app.state, "w").await, 1);
    let mut conn = app.state.store.conn().await.unwrap();
    let done = jobs::list_recent(&mut conn, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.id == ours)
        .unwrap();
    assert!(done.done_at.is_some(), "sent after the retry");
}

#[tokio::test]
async fn the_api_lists_and_retries_failed_emails_as_the_page_does() {
    let app = TestApp::spawn().await;
    let failing = failing_mailer(&app);
    let payload = an_email_payload(&app).await;
    let ours = dead_letter(&app, &failing, &payload, PARTICIPANT).await;
    let token = app.api_token(ADMIN).await;
    let mut c = app.client();
    let r = c
        .json_with_token("GET", "/api/v1/jobs/failed", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{body}");
    assert_eq!(items[0]["id"], ours.as_str());
    assert_eq!(items[0]["recipient"], PARTICIPANT);
    assert_eq!(items[0]["kind_label"], "Email");
    assert_eq!(items[0]["attempts"], 1);
    let r = c
        .json_with_token("POST", &format!("/api/v1/jobs/{ours}/retry"), None, &token)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    // Retried once: a second retry finds no dead letter.
    let r = c
        .json_with_token("POST", &format!("/api/v1/jobs/{ours}/retry"), None, &token)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut conn = app.state.store.conn().await.unwrap();
    assert_eq!(jobs::pending_count(&mut conn).await.unwrap(), 1);
}
