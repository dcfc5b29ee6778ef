//! The records area (evaluation, completion, certificates, CPD, portfolio, interests) in
//! German: once a person chooses German, these pages speak it, `<html lang>` says so, and the
//! English sentences they showed before are gone.

use axum::http::StatusCode;

use crate::helpers::*;

/// A signed-in client whose person has chosen German on the account page.
async fn in_german(app: &TestApp, email: &str) -> Client {
    let mut c = app.signed_in(email).await;
    let r = c.get("/account").await;
    assert_eq!(r.status, StatusCode::OK);
    let r = c.post_form("/account/language", &[("locale", "de")]).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    c
}

/// The page answers in German: its German sentences are there and the English ones are not.
async fn german_page(c: &mut Client, path: &str, german: &[&str], english: &[&str]) {
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    assert!(
        r.body.contains("<html lang=\"de\""),
        "{path} is not marked German"
    );
    for g in german {
        assert!(r.body.contains(g), "{path} lacks the German {g:?}");
    }
    for e in english {
        assert!(!r.body.contains(e), "{path} still shows the English {e:?}");
    }
}

#[tokio::test]
async fn a_participant_reads_their_records_in_german() {
    let app = TestApp::spawn().await;
    let mut c = in_german(&app, PARTICIPANT).await;
    german_page(
        &mut c,
        "/portfolio",
        &["Ihr CPD-Portfolio", "Nachweis hinzufügen", "CPD-Stunden"],
        &[
            "Your CPD portfolio",
            "Add evidence",
            "Only you can see your portfolio.",
        ],
    )
    .await;
    german_page(
        &mut c,
        "/cpd",
        &[
            "Ihr CPD-Nachweis",
            "Insgesamt:",
            "Eigenständige Unterstützungskreise",
        ],
        &[
            "Your CPD record",
            "In total:",
            "Support circles on their own",
        ],
    )
    .await;
    german_page(
        &mut c,
        "/certificates",
        &["Ihre Zertifikate"],
        &["Your certificates", "Download PDF"],
    )
    .await;
    german_page(
        &mut c,
        "/interests",
        &["Masterclass-Themen", "Ihre Themen"],
        &["Masterclass topics", "Your topics", "Ask for a topic"],
    )
    .await;
    german_page(
        &mut c,
        "/certificates/verify",
        &["Zertifikat prüfen", "Zertifikatscode"],
        &["Check a certificate", "Certificate code"],
    )
    .await;
}

#[tokio::test]
async fn a_lead_reads_frameworks_and_evaluation_in_german() {
    let app = TestApp::spawn().await;
    let mut c = in_german(&app, ADMIN).await;
    german_page(
        &mut c,
        "/admin/frameworks",
        &["Kompetenzrahmen", "Rahmendatei"],
        &["Professional frameworks", "Add the framework"],
    )
    .await;
    german_page(
        &mut c,
        "/evaluation",
        &["Wählen Sie ein Programm"],
        &["Choose a programme to see its questionnaires"],
    )
    .await;
}
