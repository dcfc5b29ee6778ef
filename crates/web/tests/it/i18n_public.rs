//! The public area's pages in German: once a person chooses German, the home page, the
//! programmes, their applications and the help page are written in it, with no English left
//! of the sentences checked, and the error page follows the same choice.

use crate::helpers::*;

async fn german(app: &TestApp, email: &str) -> Client {
    let mut c = app.signed_in(email).await;
    let r = c.post_form("/account/language", &[("locale", "de")]).await;
    assert!(
        r.status.is_redirection() || r.status.is_success(),
        "{}",
        r.status
    );
    c
}

/// Asserts the page is German: `<html lang="de">`, each German text present, each English gone.
fn assert_german(body: &str, german: &[&str], english: &[&str]) {
    assert!(body.contains("<html lang=\"de\""), "html lang is de");
    for g in german {
        assert!(body.contains(g), "German text {g:?} missing");
    }
    for e in english {
        assert!(!body.contains(e), "English text {e:?} left");
    }
}

#[tokio::test]
async fn a_participant_who_chose_german_reads_home_programmes_and_applications_in_german() {
    let app = TestApp::spawn().await;
    let mut c = german(&app, PARTICIPANT).await;

    let home = c.get("/").await;
    assert_german(
        &home.body,
        &[
            "Willkommen, ",
            "Ihr Action Learning",
            "Ihre Angaben, Ihr Passwort und Ihre API-Tokens",
        ],
        &[
            "Welcome, ",
            "Your action learning",
            "Your details, password and API tokens",
        ],
    );

    let programmes = c.get("/programmes").await;
    assert_german(
        &programmes.body,
        &["<h1 class=\"heading-xl\">Programme</h1>"],
        &["<h1 class=\"heading-xl\">Programmes</h1>"],
    );

    let mine = c.get("/applications").await;
    assert_german(&mine.body, &["Ihre Bewerbungen"], &["Your applications"]);

    let help = c.get("/help").await;
    assert_german(
        &help.body,
        &["Hilfe und die Begriffe, die wir verwenden", "Warteliste"],
        &["Help and the words we use", "Waiting list", "Words we use"],
    );
}

#[tokio::test]
async fn a_sponsor_who_chose_german_reads_their_nominees_and_error_pages_in_german() {
    let app = TestApp::spawn().await;
    let mut c = german(&app, SPONSOR).await;

    let nominees = c.get("/sponsor/applications").await;
    assert_german(
        &nominees.body,
        &["Ihre Nominierten", "Jemanden nominieren"],
        &["Your nominees", "Nominate someone"],
    );

    let missing = c.get("/no-such-page").await;
    assert_eq!(missing.status, axum::http::StatusCode::NOT_FOUND);
    assert_german(
        &missing.body,
        &["Seite nicht gefunden", "Zur Startseite"],
        &["Page not found", "Go to the home page"],
    );
}

#[tokio::test]
async fn english_stays_the_default_for_the_same_pages() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(SPONSOR).await;
    let nominees = c.get("/sponsor/applications").await;
    assert!(nominees.body.contains("Your nominees"));
    assert!(!nominees.body.contains("Ihre Nominierten"));
}
