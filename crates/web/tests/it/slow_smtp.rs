//! A slow SMTP relay (issue 12, drill 4b): the worker's send is stuck, yet pages and API writes
//! answer at once (requests only enqueue email), and the send gives up after the configured
//! `mail.smtp_timeout_seconds` and is retried later rather than hanging for ever.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use revans_storage::jobs;
use revans_web::config::{MailTransport, SmtpSecurity};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

use crate::helpers::*;

const SMTP_TIMEOUT_SECONDS: u64 = 3;

#[derive(Clone, Copy)]
enum Relay {
    /// Accepts the connection and never sends its greeting.
    Silent,
    /// Sends its greeting one byte every 200 ms and never ends the line: each read succeeds,
    /// so only a deadline on the whole send stops it.
    Trickle,
}

/// A TCP listener that accepts and then stalls; reports each accepted connection.
async fn stalling_relay(kind: Relay) -> (u16, mpsc::UnboundedReceiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let _ = tx.send(());
            match kind {
                Relay::Silent => held.push(socket),
                Relay::Trickle => {
                    tokio::spawn(async move {
                        for b in b"220 slow.example ESMTP".iter().cycle() {
                            if socket.write_all(&[*b]).await.is_err() {
                                return;
                            }
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                    });
                }
            }
        }
    });
    (port, rx)
}

#[allow(clippy::print_stderr)]
async fn a_stuck_relay_blocks_no_request_and_the_send_times_out(kind: Relay) {
    let app = TestApp::spawn().await;
    let (port, mut accepted) = stalling_relay(kind).await;
    let mut settings = (*app.state.settings).clone();
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp_host = "127.0.0.1".into();
    settings.mail.smtp_port = port;
    settings.mail.smtp_security = SmtpSecurity::None;
    settings.mail.smtp_timeout_seconds = SMTP_TIMEOUT_SECONDS;
    let mut state = app.state.clone();
    state.mailer =
        std::sync::Arc::new(revans_web::mail::Mailer::from_settings(&settings.mail).unwrap());
    // Sign in and make a token first (password hashing is slow in a debug build).
    let lead = app.api_token(ADMIN).await;
    let mut page = app
        .signed_in(PARTICIPANT)
        .await
        .with_router(revans_web::router(state.clone()));
    let mut api = Client::new(revans_web::router(state.clone()));
    let (_, cohort) = app.demo_programme().await;

    // An email to send: the password reset request, then the email it enqueues.
    let mut anon = Client::new(revans_web::router(state.clone()));
    anon.post_form("/password-reset", &[("email", EVALUATOR)])
        .await;
    let worker_state = state.clone();
    let worker =
        tokio::spawn(async move { revans_web::mail::run_pending_jobs(&worker_state, "w").await });
    // The worker is now connected to the relay and waiting on it.
    tokio::time::timeout(Duration::from_secs(10), accepted.recv())
        .await
        .expect("the worker reached the relay")
        .unwrap();
    let stuck_since = Instant::now();

    // Pages and API writes answer at once while the worker is stuck.
    let mut slowest = Duration::ZERO;
    for n in 0..5 {
        let t = Instant::now();
        let r = page.get("/").await;
        assert_eq!(r.status, StatusCode::OK);
        let r = page.get("/applications").await;
        assert_eq!(r.status, StatusCode::OK);
        let body = format!("{{\"capacity\": {}}}", 40 + n);
        let r = api
            .json_with_token(
                "PUT",
                &format!("/api/v1/cohorts/{cohort}/capacity"),
                Some(&body),
                &lead,
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        slowest = slowest.max(t.elapsed());
    }
    assert!(
        !worker.is_finished(),
        "the worker was still stuck on the relay while the requests were answered"
    );
    assert!(
        slowest < Duration::from_secs(1),
        "a round of requests took {slowest:?} while the worker was stuck"
    );

    // The send gives up after the timeout, not never.
    tokio::time::timeout(Duration::from_secs(SMTP_TIMEOUT_SECONDS * 5), worker)
        .await
        .expect("the stuck send timed out")
        .unwrap();
    let waited = stuck_since.elapsed();
    assert!(
        waited >= Duration::from_secs(SMTP_TIMEOUT_SECONDS - 1),
        "gave up after {waited:?}"
    );
    // The email is kept, with the error, for a later attempt (backoff: not due again now).
    let mut conn = state.store.conn().await.unwrap();
    let failed: Vec<_> = jobs::list_recent(&mut conn, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.kind == revans_web::mail::SEND_EMAIL && j.last_error.is_some())
        .collect();
    assert!(
        !failed.is_empty(),
        "the stuck email failed and was recorded"
    );
    assert!(
        failed
            .iter()
            .all(|j| j.done_at.is_none() && j.attempts == 1)
    );
    assert!(jobs::pending_count(&mut conn).await.unwrap() >= 1);
    drop(conn);
    // The figures, for the record (shown with `--nocapture`).
    eprintln!(
        "slow relay: slowest round of 3 requests {slowest:?}; send given up after {waited:?}; error: {:?}",
        failed[0].last_error
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_smtp_relay_blocks_no_request_and_the_send_times_out() {
    a_stuck_relay_blocks_no_request_and_the_send_times_out(Relay::Silent).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickling_smtp_relay_blocks_no_request_and_the_send_times_out() {
    a_stuck_relay_blocks_no_request_and_the_send_times_out(Relay::Trickle).await;
}
