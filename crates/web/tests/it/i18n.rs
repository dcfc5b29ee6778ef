//! The language a page is written in: the person's own choice, else the tenant's default,
//! else the browser's; `<html lang>` and `Content-Language` follow it, and so do field errors
//! from the domain and the API's error messages.

use axum::http::StatusCode;

use crate::helpers::*;

fn lang_of(r: &Response) -> &str {
    let at = r.body.find("<html lang=\"").expect("an html element") + 12;
    &r.body[at..at + r.body[at..].find('"').expect("a closing quote")]
}

#[tokio::test]
async fn the_browser_language_is_used_for_visitors() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.get("/sign-in").await;
    assert_eq!(lang_of(&r), "en-GB");
    assert!(r.body.contains("Privacy notice"));
    c.accept_language = Some("fr-CH, de;q=0.8, en;q=0.5".into());
    let r = c.get("/sign-in").await;
    assert_eq!(lang_of(&r), "de");
    assert_eq!(r.headers["content-language"], "de");
    assert!(
        r.body.contains("Datenschutzhinweis"),
        "the footer is German"
    );
    assert!(!r.body.contains("Privacy notice"));
}

#[tokio::test]
async fn a_persons_choice_beats_the_browser_and_follows_them_to_the_api() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(PARTICIPANT).await;
    c.accept_language = Some("en-GB".into());
    c.get("/account").await;
    let r = c.post_form("/account/language", &[("locale", "de")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = c.get("/account?notice=language").await;
    assert_eq!(lang_of(&r), "de");
    assert!(
        r.body.contains("Ihre Sprache ist gespeichert."),
        "{}",
        r.body
    );
    assert!(r.body.contains("<h1 class=\"heading-xl\">Ihr Konto</h1>"));
    // Dates and field errors from the domain are German too.
    let r = c
        .post_form(
            "/account/password",
            &[("current", ""), ("password", "x"), ("confirm", "y")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Es gibt ein Problem"), "{}", r.body);

    // The same person's API token answers in German.
    let mut api = app.client();
    api.bearer = Some(app.api_token(PARTICIPANT).await);
    let r = api
        .json(
            "PUT",
            "/api/v1/me/timezone",
            Some(r#"{"timezone":"Mars/Olympus_Mons"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers["content-language"], "de");

    // Back to the default: the browser decides again.
    let r = api
        .json("PUT", "/api/v1/me/locale", Some(r#"{"locale":null}"#))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = c.get("/account").await;
    assert_eq!(lang_of(&r), "en-GB");
}

#[tokio::test]
async fn an_unknown_language_is_refused_by_name() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(PARTICIPANT).await;
    c.get("/account").await;
    let r = c.post_form("/account/language", &[("locale", "fr")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Choose English or Deutsch"));
    let mut api = app.client();
    api.bearer = Some(app.api_token(PARTICIPANT).await);
    let r = api
        .json("PUT", "/api/v1/me/locale", Some(r#"{"locale":"fr"}"#))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("locale"), "{}", r.body);
}

#[tokio::test]
async fn the_tenant_default_beats_the_browser() {
    let app = TestApp::spawn_with(|s| s.default_locale = Some(revans_domain::Locale::De)).await;
    let mut c = app.client();
    c.accept_language = Some("en-GB".into());
    let r = c.get("/sign-in").await;
    assert_eq!(lang_of(&r), "de");
}

#[tokio::test]
async fn the_api_document_describes_its_enums_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let english = c.get("/api/openapi.json").await;
    assert!(english.body.contains("Where a circle stands."));
    c.accept_language = Some("de".into());
    let german = c.get("/api/openapi.json").await;
    assert!(
        german.body.contains("Wo ein Kreis steht."),
        "an enum's description is German"
    );
    assert!(!german.body.contains("Where a circle stands."));
    assert_eq!(german.headers["content-language"], "de");
}
