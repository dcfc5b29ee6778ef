//! Issue 9: answers that must not tell one tenant about another's people, and errors under
//! `/api/` that are always the JSON envelope, naming the field.

use axum::http::StatusCode;
use revans_domain::{Id, Role};

use crate::helpers::*;

const NOMINATE_REFUSED: &str = "You cannot nominate this email address.";
const EMAIL_REFUSED: &str = "This email address cannot be used for a new account here.";

/// Gives the other tenant's programme lead a sponsor role too.
async fn other_tenant_sponsor(app: &TestApp) {
    let id = Id::parse(&app.person_id(OTHER_ADMIN).await).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let org = revans_storage::people::get(&mut tx, &id)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    revans_storage::people::set_roles(&mut tx, &id, &org, &[Role::Admin, Role::Sponsor])
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();
}

/// The page with the submitted address taken out, so two answers can be compared whole.
fn without(body: &str, email: &str) -> String {
    body.replace(email, "ADDRESS")
}

fn error_of(body: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("{body}"));
    let mut e = v["error"].clone();
    assert!(e["request_id"].is_string(), "{body}");
    e["request_id"] = serde_json::Value::Null;
    e
}

#[tokio::test]
async fn a_sponsor_gets_one_answer_for_an_unknown_address_and_for_someone_elses_account() {
    let app = TestApp::spawn().await;
    other_tenant_sponsor(&app).await;
    let (programme, _) = app.demo_programme().await;
    let before = app.queued_emails().await.len();
    // Another tenant's sponsor, and the demo's own sponsor asking about the council's Bo.
    for (who, held, name) in [
        (OTHER_ADMIN, PARTICIPANT, "Pat Participant"),
        (SPONSOR, "participant@bay-council.example", "Bo Participant"),
    ] {
        let mut c = app.signed_in(who).await;
        let mut pages = Vec::new();
        for email in [
            held.to_owned(),
            held.to_uppercase(),
            "nobody-at-all@nowhere.example".to_owned(),
        ] {
            let r = c
                .post_form(
                    "/sponsor/nominations",
                    &[("programme", programme.as_str()), ("email", email.as_str())],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
            assert!(r.body.contains(NOMINATE_REFUSED), "{}", r.body);
            assert!(!r.body.contains(name), "no name: {}", r.body);
            pages.push(without(&r.body, &email));
        }
        assert_eq!(pages[0], pages[1], "{who}: letter case changes nothing");
        assert_eq!(
            pages[0], pages[2],
            "{who}: an account looks like no account"
        );
    }
    assert_eq!(
        app.queued_emails().await.len(),
        before,
        "nobody was emailed"
    );
}

#[tokio::test]
async fn another_tenants_admin_cannot_tell_whose_address_it_is() {
    let app = TestApp::spawn().await;
    let token = app.api_token(OTHER_ADMIN).await;
    let mut c = app.client();
    let me: serde_json::Value = serde_json::from_str(
        &c.json_with_token("GET", "/api/v1/me", None, &token)
            .await
            .body,
    )
    .unwrap();
    let org = me["organisation_id"].as_str().unwrap().to_owned();
    let before = app.queued_emails().await.len();
    let mut answers = Vec::new();
    for email in [
        PARTICIPANT.to_owned(),
        PARTICIPANT.to_uppercase(),
        ADMIN.to_owned(),
        SPONSOR.to_uppercase(),
    ] {
        let body = serde_json::json!({"name": "Copy Cat", "email": email, "organisation_id": org});
        let r = c
            .json_with_token("POST", "/api/v1/people", Some(&body.to_string()), &token)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let e = error_of(&r.body);
        assert_eq!(e["fields"][0]["field"], "email", "{}", r.body);
        let message = e["fields"][0]["message"].as_str().unwrap();
        assert!(message.starts_with(EMAIL_REFUSED), "{message}");
        for name in ["Pat Participant", "Sam Sponsor", "Harbour", "Northcoast"] {
            assert!(!r.body.contains(name), "no names: {}", r.body);
        }
        answers.push(e);
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    // The page form says the same.
    let mut page = app.signed_in(OTHER_ADMIN).await;
    for email in [PARTICIPANT.to_owned(), SPONSOR.to_uppercase()] {
        let r = page
            .post_form(
                "/admin/people",
                &[
                    ("name", "Copy Cat"),
                    ("email", email.as_str()),
                    ("organisation_id", org.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(EMAIL_REFUSED), "{}", r.body);
        for name in ["Pat Participant", "Sam Sponsor"] {
            assert!(!r.body.contains(name), "no name: {}", r.body);
        }
    }
    assert_eq!(
        app.queued_emails().await.len(),
        before,
        "nobody was invited"
    );
}

#[tokio::test]
async fn an_admin_is_told_plainly_about_a_duplicate_in_their_own_organisations() {
    let app = TestApp::spawn().await;
    let token = app.api_token(ADMIN).await;
    let mut c = app.client();
    let id = Id::parse(&app.person_id(SPONSOR).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    let org = revans_storage::people::get(&mut conn, &id)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    drop(conn);
    let body = serde_json::json!({"name": "Copy Cat", "email": SPONSOR.to_uppercase(), "organisation_id": org.to_string()});
    let r = c
        .json_with_token("POST", "/api/v1/people", Some(&body.to_string()), &token)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let e = error_of(&r.body);
    assert_eq!(e["fields"][0]["field"], "email");
    assert!(
        e["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("in an organisation you administer"),
        "{}",
        r.body
    );
}
