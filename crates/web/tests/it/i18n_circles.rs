//! The circles pages in German (issue 17): a person who chose German reads the calendar, a
//! circle's page and "My circles" in it, with `<html lang="de">` and none of the English.

use axum::http::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn circles_pages_follow_the_persons_german() {
    let app = TestApp::spawn().await;
    let circle = crate::circles::demo_circle(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get("/account").await;
    let r = pat
        .post_form("/account/language", &[("locale", "de")])
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);

    let r = pat.get("/circles").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"de\""));
    assert!(r.body.contains("Unterstützungskreise"));
    assert!(r.body.contains("Kreise filtern"));
    assert!(r.body.contains("Plätzen frei") || r.body.contains("Warteliste"));
    assert!(!r.body.contains("Support circles"));
    assert!(!r.body.contains("Filter circles"));
    assert!(!r.body.contains("places left"));
    assert!(!r.body.contains("Circles are short sessions on a topic"));

    let r = pat.get(&format!("/circles/{circle}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"de\""));
    assert!(r.body.contains("Veranstaltet von"));
    assert!(r.body.contains("Alle Kreise"));
    assert!(!r.body.contains("Run by"));
    assert!(!r.body.contains("All circles"));
    assert!(!r.body.contains("Facilitators"));

    let r = pat.get("/circles/mine").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Meine Kreise"));
    assert!(r.body.contains("Alle Kreise ansehen"));
    assert!(!r.body.contains("My circles"));
    assert!(!r.body.contains("See every circle"));

    // The same pages stay English for someone who made no choice.
    let mut anon = app.client();
    let r = anon.get(&format!("/circles/{circle}")).await;
    assert!(r.body.contains("Run by"));
    assert!(!r.body.contains("Veranstaltet von"));
}
