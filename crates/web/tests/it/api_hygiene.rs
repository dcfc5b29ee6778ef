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
/// The page with the address typed and the form token (masked afresh on every page) blanked.
fn without(body: &str, email: &str) -> String {
    let mut page = body.replace(email, "ADDRESS");
    let marker = "name=\"csrf\" value=\"";
    let mut from = 0;
    while let Some(i) = page[from..].find(marker) {
        let start = from + i + marker.len();
        let end = start + page[start..].find('"').unwrap_or(0);
        page.replace_range(start..end, "TOKEN");
        from = start;
    }
    page
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
async fn a_sponsor_cannot_tell_someone_elses_application_from_none_over_the_api() {
    use revans_storage::applications::{self, NewApplication};
    let app = TestApp::spawn().await;
    other_tenant_sponsor(&app).await;
    let (programme, cohort) = app.demo_programme().await;
    let (programme, cohort) = (Id::parse(&programme).unwrap(), Id::parse(&cohort).unwrap());
    let person = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    let org = revans_storage::people::get(&mut conn, &person)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let pat = applications::insert(
        &mut conn,
        &NewApplication {
            programme_id: &programme,
            person_id: &person,
            organisation_id: &org,
            state: revans_domain::ApplicationState::Submitted,
            answers: &["Because".into()],
            confirmed_statements: true,
            preferences: std::slice::from_ref(&cohort),
            nominated_by: None,
        },
    )
    .await
    .unwrap();
    drop(conn);
    let token = app.api_token(OTHER_ADMIN).await;
    let mut c = app.client();
    let mut answers = Vec::new();
    for id in [
        pat.to_string(),
        "0190a5b2-0000-7000-8000-000000000000".to_owned(),
    ] {
        let path = format!("/api/v1/applications/{id}/sponsor-approval");
        let r = c.json_with_token("POST", &path, None, &token).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        answers.push(error_of(&r.body));
    }
    assert_eq!(answers[0], answers[1]);
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

/// One request straight to the router, for headers the test client does not set.
async fn raw(app: &TestApp, req: axum::http::Request<axum::body::Body>) -> (StatusCode, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let res = revans_web::router(app.state.clone())
        .oneshot(req)
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn post(path: &str, token: &str) -> axum::http::request::Builder {
    axum::http::Request::post(path).header("authorization", format!("Bearer {token}"))
}

#[tokio::test]
async fn every_api_error_is_the_json_envelope_naming_the_field() {
    use axum::body::Body;
    let app = TestApp::spawn().await;
    let token = app.api_token(ADMIN).await;
    let mut c = app.client();
    let people_before = c
        .json_with_token("GET", "/api/v1/people", None, &token)
        .await
        .body;
    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(3 * 1024 * 1024));
    // Too large, announced by Content-Length (refused before reading) and without it (refused
    // while reading).
    let announced = post("/api/v1/people", &token)
        .header("content-type", "application/json")
        .header("content-length", big.len())
        .body(Body::from(big.clone()))
        .unwrap();
    let unannounced = post("/api/v1/people", &token)
        .header("content-type", "application/json")
        .body(Body::from(big))
        .unwrap();
    for req in [announced, unannounced] {
        let (status, body) = raw(&app, req).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        let e = error_of(&body);
        assert_eq!(e["code"], "too_large");
        assert!(e["message"].as_str().unwrap().contains("2 MB"), "{body}");
    }
    // A query parameter that does not fit.
    let r = c
        .json_with_token(
            "GET",
            "/api/v1/audit?limit=99999999999999999999",
            None,
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let e = error_of(&r.body);
    assert_eq!(e["code"], "bad_request");
    assert_eq!(e["fields"][0]["field"], "limit", "{}", r.body);
    assert!(
        e["fields"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("limit")
    );
    // No content type, a wrong one, and broken JSON.
    for content_type in [None, Some("text/plain")] {
        let mut req = post("/api/v1/people", &token);
        if let Some(t) = content_type {
            req = req.header("content-type", t);
        }
        let (status, body) = raw(&app, req.body(Body::from(r#"{"name":"A"}"#)).unwrap()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let e = error_of(&body);
        assert_eq!(e["code"], "bad_request");
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .contains("Content-Type: application/json"),
            "{body}"
        );
    }
    let r = c
        .json_with_token(
            "POST",
            "/api/v1/people",
            Some("{\"name\": \"A\",\n}"),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let message = error_of(&r.body)["message"].as_str().unwrap().to_owned();
    assert!(message.contains("not valid JSON"), "{message}");
    assert!(
        message.contains("line 2, column 1"),
        "says where: {message}"
    );
    // A value of the wrong type, nested: the path names it.
    let r = c
        .json_with_token(
            "POST",
            "/api/v1/people",
            Some(r#"{"name":"A","email":"a@b.example","organisation_id":"x","roles":["admin",5]}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(error_of(&r.body)["fields"][0]["field"], "roles[1]");
    // A method the address does not take.
    let r = c
        .json_with_token("DELETE", "/api/v1/me", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_of(&r.body)["code"], "method_not_allowed");
    assert_eq!(
        c.json_with_token("GET", "/api/v1/people", None, &token)
            .await
            .body,
        people_before,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_null_character_is_refused_in_any_json_body_or_form_naming_the_field() {
    let app = TestApp::spawn().await;
    let token = app.api_token(PARTICIPANT).await;
    let mut c = app.client();
    let diary_before = c
        .json_with_token("GET", "/api/v1/diary", None, &token)
        .await
        .body;
    // The reported case: a diary entry's body.
    let r = c
        .json_with_token(
            "POST",
            "/api/v1/diary",
            Some(r#"{"body":"Before\u0000after"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let e = error_of(&r.body);
    assert_eq!(e["code"], "invalid");
    assert_eq!(e["fields"][0]["field"], "body");
    assert!(
        e["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("null character"),
        "{}",
        r.body
    );
    // Any route, nested values named by their path.
    let admin = app.api_token(ADMIN).await;
    let r = c
        .json_with_token(
            "POST",
            "/api/v1/people",
            Some(r#"{"name":"A","email":"a@b.example","organisation_id":"x","roles":["admin","spon\u0000sor"]}"#),
            &admin,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(error_of(&r.body)["fields"][0]["field"], "roles[1]");
    // The same on a page form.
    let mut page = app.signed_in(PARTICIPANT).await;
    let r = page
        .post_form(
            "/diary",
            &[("body", "Before\0after"), ("sharing", "private")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("body contains a null character"),
        "{}",
        r.body
    );
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead
        .post_form(
            "/admin/people",
            &[("name", "Nul\0Person"), ("email", "nul@b.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("name contains a null character"),
        "{}",
        r.body
    );
    assert_eq!(
        c.json_with_token("GET", "/api/v1/diary", None, &token)
            .await
            .body,
        diary_before,
        "no entry was saved"
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_error_each_operation_can_return() {
    let app = TestApp::spawn().await;
    let r = app.client().get("/api/openapi.json").await;
    let doc: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let mut checked = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let has = |code: &str| responses.contains_key(code);
            let at = format!("{method} {path}");
            let params: Vec<&serde_json::Value> = op["parameters"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            let in_ = |place: &str| params.iter().any(|p| p["in"] == place);
            let open_by_link = revans_web::api::openapi_errors::OPEN_BY_LINK
                .contains(&(method.as_str(), path.as_str()));
            if path.starts_with("/api/v1/") && !open_by_link {
                assert!(
                    op["security"].as_array().is_some_and(|s| !s.is_empty()),
                    "{at}"
                );
                assert!(has("401"), "{at} needs a token: 401");
            }
            if op.get("requestBody").is_some() {
                for code in ["400", "413", "422"] {
                    assert!(has(code), "{at} has a body: {code}");
                }
            }
            if in_("path") {
                assert!(has("404"), "{at} has a path id: 404");
            }
            if in_("query") {
                assert!(has("400"), "{at} has query parameters: 400");
            }
            for code in ["500", "503"] {
                assert!(has(code), "{at}: {code}");
            }
            for (code, response) in responses {
                if code.starts_with('4') || code.starts_with('5') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{at} {code} is the error envelope"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 35, "{checked} operations");
    // Request schemas say what is required and which values are allowed.
    let schemas = &doc["components"]["schemas"];
    let required = |name: &str| -> Vec<String> {
        schemas[name]["required"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} states its required fields: {}", schemas[name]))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    for field in ["name", "email", "organisation_id"] {
        assert!(required("InviteIn").contains(&field.to_owned()), "{field}");
    }
    assert!(required("StatusIn").contains(&"status".to_owned()));
    let statuses = &schemas["StatusIn"]["properties"]["status"]["enum"];
    assert_eq!(
        *statuses,
        serde_json::json!(["draft", "published", "closed"])
    );
    let roles = &schemas["RolesIn"]["properties"]["roles"]["items"]["enum"];
    assert!(
        roles.as_array().unwrap().contains(&"evaluator".into()),
        "{roles}"
    );
    assert!(schemas["ErrorBody"].is_object());
}

#[tokio::test]
async fn a_path_that_is_not_an_id_is_not_found_as_a_page_and_as_json() {
    let app = TestApp::spawn().await;
    let token = app.api_token(ADMIN).await;
    let mut api = app.client();
    let r = api
        .json_with_token("GET", "/api/v1/people/not-an-id", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert!(
        r.content_type.starts_with("application/json"),
        "{}",
        r.content_type
    );
    assert!(r.body.contains("\"not_found\""), "{}", r.body);

    let mut pages = app.signed_in(ADMIN).await;
    let r = pages.get("/admin/people/not-an-id").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.content_type.starts_with("text/html"),
        "{}",
        r.content_type
    );
}
