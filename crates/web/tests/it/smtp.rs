//! Email through a real SMTP server: aiosmtpd (Python) on loopback, started by the test.
//! Needs `pip install aiosmtpd`; .ci/run installs it and runs these with `--ignored`.

use std::time::Duration;

use revans_web::config::{MailTransport, SmtpSecurity};

use crate::helpers::*;

struct SmtpServer {
    child: tokio::process::Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let mailbox = dir.path().join("maildir");
        let child = tokio::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&mailbox)
            .kill_on_drop(true)
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd)");
        // Wait until it accepts connections, at most 10 s.
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Self { child, port, dir };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start: is it installed? (pip install aiosmtpd)");
    }

    /// Every delivered message (aiosmtpd's Mailbox handler writes a Maildir).
    fn mailbox(&self) -> String {
        let new = self.dir.path().join("maildir").join("new");
        let mut all = String::new();
        for entry in std::fs::read_dir(new).into_iter().flatten().flatten() {
            all.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
        all
    }
}

#[tokio::test]
#[ignore = "needs aiosmtpd; run by .ci/run with --ignored"]
async fn password_reset_email_is_delivered_by_smtp() {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn().await;
    let mut settings = (*app.state.settings).clone();
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp_host = "127.0.0.1".into();
    settings.mail.smtp_port = smtp.port;
    settings.mail.smtp_security = SmtpSecurity::None;
    let mut state = app.state.clone();
    state.mailer =
        std::sync::Arc::new(revans_web::mail::Mailer::from_settings(&settings.mail).unwrap());

    let mut client = Client::new(revans_web::router(state.clone()));
    client
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    // The reset request, then the email it enqueued.
    assert_eq!(
        revans_web::mail::run_pending_jobs(&state, "test-worker").await,
        2
    );
    // Nothing is sent twice: the job is done.
    assert_eq!(
        revans_web::mail::run_pending_jobs(&state, "test-worker").await,
        0
    );

    let mbox = smtp.mailbox();
    assert_eq!(
        mbox.matches("Subject: ").count(),
        1,
        "exactly one message: {mbox}"
    );
    assert!(mbox.contains("To: participant@harbour-trust.example"));
    assert!(mbox.contains("Subject: Reset your Revans password"));
    assert!(mbox.contains("http://revans.test/password-reset/"));
    assert!(
        mbox.contains("Content-Type: text/html"),
        "a plain text and an HTML part"
    );
    drop(smtp.child);
}

#[tokio::test]
#[ignore = "needs aiosmtpd; run by .ci/run with --ignored"]
async fn a_failed_delivery_is_retried_later_not_lost() {
    let app = TestApp::spawn().await;
    // Point at a port where nothing listens.
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
    let mut client = Client::new(revans_web::router(state.clone()));
    client
        .post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    // The reset request runs, then the email's first attempt fails.
    assert_eq!(revans_web::mail::run_pending_jobs(&state, "w").await, 2);
    let mut conn = state.store.conn().await.unwrap();
    let jobs = revans_storage::jobs::list_recent(&mut conn, 1)
        .await
        .unwrap();
    assert!(
        jobs[0].done_at.is_none() && jobs[0].last_error.is_some(),
        "kept for a retry"
    );
    assert_eq!(
        revans_storage::jobs::pending_count(&mut conn)
            .await
            .unwrap(),
        1
    );
}
