//! The API's bodies are typed: numbers, booleans, enums and RFC 3339 times arrive as such and
//! reach the same actions as the pages' forms; a typo is refused, naming the field.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

fn day(offset: i64) -> String {
    jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * offset))
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

pub(crate) fn programme() -> Value {
    json!({
        "title": "Typed Sets",
        "summary": "Sets created over the typed API",
        "kind": "action_learning",
        "fee": 450.5,
        "cpd_hours": 7.5,
        "delivery_mode": "virtual",
        "delivery_detail": "https://meet.example/typed",
        "eligibility": ["I lead a team", "My manager agrees"],
        "requires_sponsor_approval": true,
        "allocation_rule": "lottery",
        "offer_valid_days": 5,
    })
}

fn fields(body: &str) -> Vec<String> {
    let e: Value = serde_json::from_str(body).unwrap();
    e["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("fields in {body}"))
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_programme_and_cohort_sent_as_typed_json_are_published_as_sent() {
    let app = TestApp::spawn().await;
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let r = lead
        .json("POST", "/api/v1/programmes", Some(&programme().to_string()))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = serde_json::from_str::<Value>(&r.body).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cohort = json!({
        "name": "Typed cohort",
        "capacity": 12,
        "opens_on": day(-1),
        "closes_on": day(10),
        "timezone": "UTC",
        "sessions": [
            {"starts_at": format!("{}T09:30:00Z", day(30)), "ends_at": format!("{}T12:30:00Z", day(30))},
            {"starts_at": format!("{}T09:30:00+00:00", day(44)), "ends_at": format!("{}T12:30:00Z", day(44))},
        ],
        "completion_rule": "at_least",
        "completion_minimum": 1,
    });
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{id}/cohorts"),
            Some(&cohort.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/programmes/{id}/status"),
            Some(r#"{"status":"published"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let out: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(out["requires_sponsor_approval"], true);
    assert_eq!(out["kind"], "action_learning");
    assert_eq!(
        out["eligibility"],
        json!(["I lead a team", "My manager agrees"])
    );
    let c = &out["cohorts"][0];
    assert_eq!(c["capacity"], 12);
    assert_eq!(
        c["sessions"][1],
        json!({"starts_at": format!("{}T09:30:00Z", day(44)), "ends_at": format!("{}T12:30:00Z", day(44))})
    );
    let mut conn = app.state.store.conn().await.unwrap();
    let stored =
        revans_storage::programmes::get(&mut conn, &revans_domain::Id::parse(&id).unwrap())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        (stored.fields.fee_pence, stored.fields.cpd_minutes),
        (45_050, 450)
    );
}

/// The example programme with one change, sent by the lead.
async fn create_changed(lead: &mut Client, change: impl Fn(&mut Value)) -> Response {
    let mut body = programme();
    change(&mut body);
    lead.json("POST", "/api/v1/programmes", Some(&body.to_string()))
        .await
}

#[tokio::test]
async fn mistyped_fields_are_refused_naming_them_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let typo = create_changed(&mut lead, |b| {
        b.as_object_mut()
            .unwrap()
            .remove("requires_sponsor_approval");
        b["requires_sponsor_aproval"] = json!(true);
    })
    .await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&typo.body), ["requires_sponsor_aproval"]);
    let old_form =
        create_changed(&mut lead, |b| b["requires_sponsor_approval"] = json!("yes")).await;
    assert_eq!(old_form.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&old_form.body), ["requires_sponsor_approval"]);
    let fraction = create_changed(&mut lead, |b| b["fee"] = json!(450.555)).await;
    assert_eq!(fraction.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&fraction.body), ["fee"]);
    let kind = create_changed(&mut lead, |b| b["kind"] = json!("webinar")).await;
    assert_eq!(kind.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&kind.body), ["kind"]);
    let line = create_changed(&mut lead, |b| b["eligibility"] = json!(["one\ntwo"])).await;
    assert_eq!(line.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&line.body), ["eligibility[0]"]);
    // The action still names what it requires.
    let missing = lead.json("POST", "/api/v1/programmes", Some("{}")).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        fields(&missing.body).contains(&"title".to_owned()),
        "{}",
        missing.body
    );
    let audit = app.audit_actions().await;
    assert!(!audit.iter().any(|a| a == "programme.created"), "{audit:?}");
}

#[tokio::test]
async fn a_session_names_its_own_mistakes() {
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let path = format!("/api/v1/programmes/{programme}/cohorts");
    let with_sessions = |sessions: Value| {
        json!({
            "name": "Nested", "capacity": 5, "opens_on": day(-1), "closes_on": day(10),
            "timezone": "UTC", "sessions": sessions,
        })
        .to_string()
    };
    let start = format!("{}T09:30:00Z", day(30));
    let cases = [
        (
            json!([{"starts_at": start, "ends_at": start, "no_such_field": 1}]),
            "sessions[0].no_such_field",
        ),
        (
            json!([{"starts_at": "09:30", "ends_at": start}]),
            "sessions[0].starts_at",
        ),
        (
            json!([{"starts_at": start, "ends_at": format!("{}T01:00:00Z", day(31))}]),
            "sessions[0].ends_at",
        ),
    ];
    for (sessions, field) in cases {
        let r = lead
            .json("POST", &path, Some(&with_sessions(sessions)))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(fields(&r.body), [field], "{}", r.body);
    }
}
