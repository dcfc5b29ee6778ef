//! Every email in its recipient's language: the one they chose, else the tenant's default, else
//! English, decided when the worker renders it (`render_for_recipient`, which the worker calls).

use revans_domain::{Id, Locale};
use revans_storage::jobs;
use revans_web::mail::OutgoingEmail;

use crate::helpers::*;

/// Every queued email, rendered as the worker renders it now, oldest first.
async fn rendered(app: &TestApp) -> Vec<OutgoingEmail> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut payloads = Vec::new();
    for j in jobs::list_recent(&mut conn, 1000)
        .await
        .unwrap()
        .into_iter()
        .rev()
    {
        if j.kind == revans_web::mail::SEND_EMAIL {
            payloads.push(jobs::payload(&mut conn, &j.id).await.unwrap().unwrap());
        }
    }
    drop(conn);
    let mut out = Vec::new();
    for p in payloads {
        out.push(
            revans_web::mail::render_for_recipient(&app.state, &p)
                .await
                .unwrap(),
        );
    }
    out
}

async fn choose(app: &TestApp, email: &str, locale: Option<Locale>) {
    let id = Id::parse(&app.person_id(email).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::people::set_locale(&mut conn, &id, locale)
        .await
        .unwrap();
}

/// Asks for a password reset for `email` and runs the worker (which looks the address up and
/// queues the email); the reset email to `email`, rendered now.
async fn reset_email(app: &TestApp, email: &str) -> OutgoingEmail {
    let mut c = app.client();
    c.post_form("/password-reset", &[("email", email)]).await;
    revans_web::mail::run_pending_jobs(&app.state, "test").await;
    rendered(app)
        .await
        .into_iter()
        .rev()
        .find(|e| e.to == email)
        .expect("a reset email")
}

#[tokio::test]
async fn a_german_speaker_gets_the_password_reset_in_german_and_an_english_one_in_english() {
    let app = TestApp::spawn().await;
    choose(&app, PARTICIPANT, Some(Locale::De)).await;
    let de = reset_email(&app, PARTICIPANT).await;
    assert!(
        de.subject.starts_with("Setzen Sie Ihr Passwort für") && de.subject.ends_with("zurück"),
        "{}",
        de.subject
    );
    assert!(de.text.starts_with("Guten Tag "), "{}", de.text);
    assert!(
        de.text
            .contains("Der Link funktioniert einmal und läuft in")
            && de.text.contains("Ihr Passwort wurde nicht geändert"),
        "{}",
        de.text
    );
    assert!(de.html.contains(r#"<html lang="de">"#), "{}", de.html);
    assert!(
        de.html.contains(">Neues Passwort wählen</a>") && !de.html.contains("Dear "),
        "{}",
        de.html
    );

    // Someone who chose nothing, on a tenant without a default: English.
    let en = reset_email(&app, EVALUATOR).await;
    assert!(en.subject.starts_with("Reset your "), "{}", en.subject);
    assert!(en.text.starts_with("Dear "), "{}", en.text);
    assert!(en.text.contains("The link works once and expires in"));
    assert!(en.html.contains(r#"<html lang="en-GB">"#), "{}", en.html);
    assert!(
        en.html.contains(">Choose a new password</a>"),
        "{}",
        en.html
    );
}

#[tokio::test]
async fn the_language_is_the_one_chosen_when_the_email_is_sent() {
    let app = TestApp::spawn().await;
    choose(&app, PARTICIPANT, Some(Locale::De)).await;
    let mut sam = app.signed_in(SPONSOR).await;
    let (programme, _) = app.demo_programme().await;
    let r = sam
        .post_form(
            "/sponsor/nominations",
            &[("programme", programme.as_str()), ("email", PARTICIPANT)],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let nomination = |emails: Vec<OutgoingEmail>| {
        emails
            .into_iter()
            .find(|e| e.to == PARTICIPANT)
            .expect("the nomination")
    };
    let de = nomination(rendered(&app).await);
    assert!(
        de.subject.ends_with(": Sam Sponsor hat Sie nominiert"),
        "{}",
        de.subject
    );
    assert!(
        de.text.starts_with("Guten Tag ")
            && de.text.contains("Vervollständigen Sie Ihre Bewerbung:")
            && de.text.contains("Bewerbung vervollständigen:"),
        "{}",
        de.text
    );
    assert!(
        de.html.contains(r#"<html lang="de">"#)
            && de
                .html
                .contains("<strong>Sam Sponsor hat Sie nominiert</strong>")
            && de.html.contains(">Bewerbung vervollständigen</a>"),
        "{}",
        de.html
    );

    // Pat switches to English before the worker sends it: it goes out in English.
    choose(&app, PARTICIPANT, Some(Locale::EnGb)).await;
    let en = nomination(rendered(&app).await);
    assert!(
        en.subject.ends_with(": Sam Sponsor has nominated you"),
        "{}",
        en.subject
    );
    assert!(
        en.text.starts_with("Dear ")
            && en
                .text
                .contains("Complete your application: confirm the eligibility"),
        "{}",
        en.text
    );
    assert!(en.html.contains(r#"<html lang="en-GB">"#), "{}", en.html);
}

#[tokio::test]
async fn the_tenant_default_applies_to_whoever_chose_nothing() {
    let app = TestApp::spawn_with(|s| s.default_locale = Some(Locale::De)).await;
    // An invitation goes to someone who has had no chance to choose.
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get("/admin/people/new").await;
    let org = page
        .body
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("Bay Council Adult Social Care"))
        .and_then(|o| o.split('"').next())
        .expect("the organisation")
        .to_owned();
    let r = lead
        .post_form(
            "/admin/people",
            &[
                ("name", "Dee Newcomer"),
                ("email", "dee@bay-council.example"),
                ("organisation_id", &org),
                ("roles", "participant"),
            ],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let invitation = rendered(&app)
        .await
        .into_iter()
        .find(|e| e.to == "dee@bay-council.example")
        .expect("the invitation");
    assert!(
        invitation.subject.starts_with("Sie wurden zu ")
            && invitation.subject.ends_with(" eingeladen"),
        "{}",
        invitation.subject
    );
    assert!(
        invitation.text.starts_with("Guten Tag Dee Newcomer,")
            && invitation
                .text
                .contains("hat Sie als Teil von Bay Council Adult Social Care")
            && invitation
                .text
                .contains("Der Link funktioniert einmal und läuft in"),
        "{}",
        invitation.text
    );
    assert!(
        invitation.html.contains(r#"<html lang="de">"#)
            && invitation
                .html
                .contains(">Passwort wählen und anmelden</a>"),
        "{}",
        invitation.html
    );

    // Someone who chose English still gets English under a German default; who chose nothing
    // gets the default.
    choose(&app, PARTICIPANT, Some(Locale::EnGb)).await;
    let en = reset_email(&app, PARTICIPANT).await;
    assert!(en.subject.starts_with("Reset your "), "{}", en.subject);
    let de = reset_email(&app, EVALUATOR).await;
    assert!(
        de.subject.starts_with("Setzen Sie Ihr Passwort"),
        "{}",
        de.subject
    );
}

#[tokio::test]
async fn payloads_queued_by_earlier_versions_still_render() {
    let app = TestApp::spawn().await;
    choose(&app, PARTICIPANT, Some(Locale::De)).await;
    // An application email as versions before translated emails queued it: English sentences.
    let old = serde_json::json!({
        "to": PARTICIPANT.to_uppercase(),
        "notice": {
            "kind": "application",
            "tenant": "Revans",
            "name": "Pat Participant",
            "programme": "Leading Change",
            "headline": "We have received your application",
            "lines": ["The programme team will review your application."],
            "link": "http://revans.test/applications",
            "link_label": "See your applications and places"
        }
    })
    .to_string();
    let email = revans_web::mail::render_for_recipient(&app.state, &old)
        .await
        .unwrap();
    // The address is matched whatever its case: the frame is in Pat's German, the sentences
    // queued in English stay as they were written.
    assert_eq!(
        email.subject,
        "Leading Change: We have received your application"
    );
    assert!(
        email.text.starts_with("Guten Tag Pat Participant,")
            && email
                .text
                .contains("The programme team will review your application.")
            && email.text.contains("See your applications and places:"),
        "{}",
        email.text
    );
    assert!(email.html.contains(r#"<html lang="de">"#), "{}", email.html);

    // A message rendered when it was queued (before 0.2) is sent as it was.
    let older = serde_json::json!({
        "to": PARTICIPANT,
        "subject": "Your place",
        "text": "Hello",
        "html": "<p>Hello</p>"
    })
    .to_string();
    let email = revans_web::mail::render_for_recipient(&app.state, &older)
        .await
        .unwrap();
    assert_eq!(
        (email.subject.as_str(), email.text.as_str()),
        ("Your place", "Hello")
    );
}

#[tokio::test]
async fn the_worker_sends_in_the_recipients_language() {
    let app = TestApp::spawn().await;
    choose(&app, PARTICIPANT, Some(Locale::De)).await;
    let mut c = app.client();
    c.post_form("/password-reset", &[("email", PARTICIPANT)])
        .await;
    revans_web::mail::run_pending_jobs(&app.state, "test").await;
    let folder = &app.state.settings.mail.folder;
    let sent: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .collect();
    assert_eq!(sent.len(), 1);
    // The words with umlauts are encoded; the rest reads as it was written.
    assert!(
        sent[0].contains("Subject: Setzen Sie Ihr Passwort ")
            && sent[0].contains("Guten Tag Pat Participant,")
            && sent[0].contains("Jemand hat angefordert"),
        "{}",
        sent[0]
    );
}
