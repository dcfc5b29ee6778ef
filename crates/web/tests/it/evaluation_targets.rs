//! Evaluation targets (issue 14, C9): a programme's lead adds, changes, measures and deletes
//! targets on the pages and over the API; every validation error is named; the tenant's
//! evaluator reads them; a lead of an organisation below the programme's, and anyone of
//! another tenant, is told "not found".

use axum::http::StatusCode;
use revans_domain::{Id, Role};
use revans_storage::evaluation_targets::{self as store, TargetFields};
use serde_json::Value;

use crate::helpers::*;

/// Two targets of the demo programme (for the access matrix's `{target}` and `{target2}`).
pub(crate) async fn demo_targets(app: &TestApp, programme: &str) -> [String; 2] {
    let mut conn = app.state.store.conn().await.unwrap();
    let programme = Id::parse(programme).unwrap();
    let org = revans_storage::programmes::get(&mut conn, &programme)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let mut out = Vec::new();
    for measure in ["Staff retention", "Sickness absence"] {
        let fields = TargetFields {
            measure: measure.into(),
            unit: Some("%".into()),
            baseline: 850_000,
            target_value: 900_000,
            target_date: jiff::civil::date(2028, 3, 31),
        };
        out.push(
            store::insert(&mut conn, &org, &programme, &fields)
                .await
                .unwrap()
                .to_string(),
        );
    }
    [out[0].clone(), out[1].clone()]
}

async fn lead(app: &TestApp) -> Client {
    let mut c = app.signed_in(ADMIN).await;
    c.bearer = Some(app.api_token(ADMIN).await);
    c
}

async fn targets_of(app: &TestApp, programme: &str) -> Vec<store::Target> {
    let mut conn = app.state.store.conn().await.unwrap();
    store::list_for_programme(&mut conn, &Id::parse(programme).unwrap())
        .await
        .unwrap()
}

/// Today and the days around it, as the lead's zone (Europe/London) sees them whatever the
/// machine's: UTC yesterday is never after London's today, UTC's day after tomorrow always is.
fn days() -> (jiff::civil::Date, jiff::civil::Date) {
    let utc = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    (
        utc.yesterday().unwrap(),
        utc.tomorrow().unwrap().tomorrow().unwrap(),
    )
}

fn field_errors(body: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    v["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no fields: {body}"))
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_lead_adds_changes_measures_and_deletes_a_target_on_the_pages() {
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    let mut c = lead(&app).await;
    let page = c.get(&format!("/admin/programmes/{programme}")).await;
    assert!(
        page.body
            .contains(&format!("/admin/programmes/{programme}/targets\"")),
        "the programme's page links to its targets"
    );
    let list = format!("/admin/programmes/{programme}/targets");
    let r = c.get(&list).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("data-no-targets"));

    // Added with the GOV.UK date boxes.
    let r = c.get(&format!("{list}/new")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("name=\"target_date_day\""));
    let r = c
        .post_form(
            &list,
            &[
                ("measure", "Staff retention at 12 months"),
                ("unit", "%"),
                ("baseline", "85.5"),
                ("target_value", "90"),
                ("target_date_day", "31"),
                ("target_date_month", "3"),
                ("target_date_year", "2028"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(&*format!("{list}?notice=added"))
    );
    let r = c.get(&format!("{list}?notice=added")).await;
    assert!(r.body.contains("Target added."));
    assert!(r.body.contains("Staff retention at 12 months"));
    assert!(r.body.contains("85.5%"));
    assert!(r.body.contains("Increase to 90%"));
    assert!(r.body.contains("31 March 2028"));
    assert!(r.body.contains("data-status=\"Not measured yet\""));
    let saved = targets_of(&app, &programme).await;
    assert_eq!(saved.len(), 1);
    let t = saved[0].id.to_string();
    assert_eq!(saved[0].fields.baseline, 855_000);
    assert!(r.body.contains(&format!("/admin/targets/{t}/edit")));

    // Changed: the form starts with what was saved; lower is now better.
    let r = c.get(&format!("/admin/targets/{t}/edit")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("value=\"85.5\""));
    assert!(r.body.contains("value=\"31\""));
    let r = c
        .post_form(
            &format!("/admin/targets/{t}/edit"),
            &[
                ("measure", "Sickness absence"),
                ("unit", "days"),
                ("baseline", "12"),
                ("target_value", "9.25"),
                ("target_date_day", "30"),
                ("target_date_month", "June"),
                ("target_date_year", "2028"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = c.get(&format!("{list}?notice=changed")).await;
    assert!(r.body.contains("Target changed."));
    assert!(r.body.contains("Decrease to 9.25 days"));
    assert!(r.body.contains("30 June 2028"));

    // Measured: 9 days is at or below 9.25, so met; 10 is not.
    let (yesterday, _) = days();
    let measure = async |c: &mut Client, value: &str| {
        c.post_form(
            &format!("/admin/targets/{t}/measurement"),
            &[
                ("measured_value", value),
                ("measured_on_day", &yesterday.day().to_string()),
                ("measured_on_month", &yesterday.month().to_string()),
                ("measured_on_year", &yesterday.year().to_string()),
                ("note", "From the workforce return"),
            ],
        )
        .await
    };
    let r = c.get(&format!("/admin/targets/{t}/measurement")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Record the measured value"));
    let r = measure(&mut c, "9").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = c.get(&format!("{list}?notice=measured")).await;
    assert!(r.body.contains("Measured value recorded."));
    assert!(r.body.contains("data-status=\"Met\""));
    assert!(r.body.contains("9 days on"));
    assert!(r.body.contains("From the workforce return"));
    measure(&mut c, "10").await;
    let r = c.get(&list).await;
    assert!(r.body.contains("data-status=\"Not met\""));

    // Deleted after a confirmation page.
    let r = c.get(&format!("/admin/targets/{t}/delete")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("<h1 class=\"heading-xl\">Delete the target")
    );
    assert!(r.body.contains("Yes, delete the target"));
    assert!(
        targets_of(&app, &programme).await.len() == 1,
        "not deleted by looking"
    );
    let r = c
        .post_form(&format!("/admin/targets/{t}/delete"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = c.get(&format!("{list}?notice=removed")).await;
    assert!(r.body.contains("Target deleted."));
    assert!(r.body.contains("data-no-targets"));
    assert!(targets_of(&app, &programme).await.is_empty());
    let r = c.get(&format!("/admin/targets/{t}/edit")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let audit = app.audit_actions().await;
    for action in [
        "target.added",
        "target.changed",
        "target.measured",
        "target.removed",
    ] {
        assert!(audit.iter().any(|a| a == action), "{action} audited");
    }
}

#[tokio::test]
async fn the_api_adds_lists_changes_measures_and_deletes_with_numbers_as_numbers() {
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    let mut c = lead(&app).await;
    let base = format!("/api/v1/programmes/{programme}/targets");
    let r = c
        .json(
            "POST",
            &base,
            Some(
                r#"{"measure":"Vacancy rate","unit":"%","baseline":12.5,"target_value":8,"target_date":"2028-03-31"}"#,
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let made: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(made["baseline"], 12.5);
    assert_eq!(made["target_value"], 8.0);
    assert_eq!(made["target_date"], "2028-03-31");
    assert_eq!(made["direction"], "decrease");
    assert_eq!(made["status"], "not_measured");
    assert_eq!(made["measured_value"], Value::Null);
    let id = made["id"].as_str().unwrap().to_owned();

    let r = c
        .json(
            "PUT",
            &format!("/api/v1/targets/{id}"),
            Some(
                r#"{"measure":"Vacancy rate","unit":"%","baseline":12.5,"target_value":7.75,"target_date":"2028-06-30"}"#,
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let (yesterday, _) = days();
    let measure = async |c: &mut Client, v: &str| {
        c.json(
            "POST",
            &format!("/api/v1/targets/{id}/measurement"),
            Some(&format!(
                r#"{{"measured_value":{v},"measured_on":"{yesterday}","note":"Board report"}}"#
            )),
        )
        .await
    };
    let r = measure(&mut c, "7.75").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = c.json("GET", &base, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let list: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(list["can_change"], true);
    let t = &list["targets"][0];
    assert_eq!(t["target_value"], 7.75);
    assert_eq!(t["target_date"], "2028-06-30");
    assert_eq!(t["measured_value"], 7.75);
    assert_eq!(t["measured_on"], yesterday.to_string());
    assert_eq!(t["note"], "Board report");
    assert_eq!(t["status"], "met", "exactly at the target is met");
    measure(&mut c, "7.7501").await;
    let list: Value = serde_json::from_str(&c.json("GET", &base, None).await.body).unwrap();
    assert_eq!(list["targets"][0]["status"], "not_met");

    let r = c
        .json("DELETE", &format!("/api/v1/targets/{id}"), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = c
        .json("DELETE", &format!("/api/v1/targets/{id}"), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let list: Value = serde_json::from_str(&c.json("GET", &base, None).await.body).unwrap();
    assert_eq!(list["targets"].as_array().unwrap().len(), 0);
}

/// (field, body, the message's words): every way the target form can be wrong, over the API.
const BAD_TARGETS: &[(&str, &str, &str)] = &[
    (
        "measure",
        r#"{"baseline":1,"target_value":2,"target_date":"2028-01-01"}"#,
        "Enter the measure",
    ),
    (
        "unit",
        r#"{"measure":"M","unit":"0123456789012345678901234567890","baseline":1,"target_value":2,"target_date":"2028-01-01"}"#,
        "Unit must be 30 characters or fewer (you entered 31)",
    ),
    (
        "baseline",
        r#"{"measure":"M","target_value":2,"target_date":"2028-01-01"}"#,
        "Enter the baseline",
    ),
    (
        "baseline",
        r#"{"measure":"M","baseline":1.23456,"target_value":2,"target_date":"2028-01-01"}"#,
        "no more than 4 decimal places",
    ),
    (
        "baseline",
        r#"{"measure":"M","baseline":1e15,"target_value":2,"target_date":"2028-01-01"}"#,
        "Enter the baseline between",
    ),
    (
        "target_value",
        r#"{"measure":"M","baseline":1,"target_date":"2028-01-01"}"#,
        "Enter the target value",
    ),
    (
        "target_value",
        r#"{"measure":"M","baseline":4.5,"target_value":4.5,"target_date":"2028-01-01"}"#,
        "different from the baseline",
    ),
    (
        "target_date",
        r#"{"measure":"M","baseline":1,"target_value":2}"#,
        "Enter the date the target should be met by",
    ),
    (
        "target_date",
        r#"{"measure":"M","baseline":1,"target_value":2,"target_date":"2028-02-30"}"#,
        "",
    ),
    (
        "baseline",
        r#"{"measure":"M","baseline":"12","target_value":2,"target_date":"2028-01-01"}"#,
        "",
    ),
    (
        "colour",
        r#"{"measure":"M","baseline":1,"target_value":2,"target_date":"2028-01-01","colour":"red"}"#,
        "unknown field",
    ),
];

#[tokio::test]
async fn every_validation_error_is_named_on_the_pages_and_in_the_api() {
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    let [target, _] = demo_targets(&app, &programme).await;
    let mut c = lead(&app).await;
    let base = format!("/api/v1/programmes/{programme}/targets");
    let long = "x".repeat(201);
    let too_long = format!(
        r#"{{"measure":"{long}","baseline":1,"target_value":2,"target_date":"2028-01-01"}}"#
    );
    let mut cases: Vec<(&str, String, &str)> = BAD_TARGETS
        .iter()
        .map(|(f, b, m)| (*f, (*b).to_owned(), *m))
        .collect();
    cases.push((
        "measure",
        too_long,
        "Measure must be 200 characters or fewer (you entered 201)",
    ));
    for (field, body, words) in &cases {
        for (method, path) in [
            ("POST", base.clone()),
            ("PUT", format!("/api/v1/targets/{target}")),
        ] {
            let r = c.json(method, &path, Some(body)).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{method} {body}: {}",
                r.body
            );
            let errors = field_errors(&r.body);
            assert!(
                errors.iter().any(|(f, m)| f == field && m.contains(words)),
                "{method} {body}: expected {field} saying {words:?}, got {errors:?}"
            );
        }
    }
    assert_eq!(targets_of(&app, &programme).await.len(), 2, "nothing saved");

    // The page: the error summary first, then each message by its field; what was typed stays.
    let list = format!("/admin/programmes/{programme}/targets");
    c.get(&format!("{list}/new")).await;
    let r = c
        .post_form(
            &list,
            &[
                ("measure", ""),
                ("baseline", "twelve"),
                ("target_value", ""),
                ("target_date_day", "31"),
                ("target_date_month", ""),
                ("target_date_year", "2028"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = r
        .body
        .find("class=\"error-summary\"")
        .expect("an error summary");
    let form = r.body.find(&format!("action=\"{list}\"")).unwrap();
    assert!(summary < form, "the summary comes before the form");
    assert!(
        r.body.contains("<title>Error:"),
        "the title says there is an error"
    );
    for (field, words) in [
        ("measure", "Enter the measure"),
        (
            "baseline",
            "Enter the baseline as a number, like 12 or 12.5",
        ),
        ("target_value", "Enter the target value"),
        ("target_date", "month"),
    ] {
        assert!(
            r.body.contains(&format!("href=\"#{field}\"")),
            "{field} in the summary"
        );
        let at = r
            .body
            .find(&format!("id=\"{field}-error\""))
            .unwrap_or_else(|| panic!("{field} message"));
        assert!(
            r.body[at..].split("</p>").next().unwrap().contains(words),
            "{field}: {words}"
        );
    }
    assert!(r.body.contains("value=\"twelve\""), "what was typed stays");

    // The measured value: each field, on the page and over the API.
    let (_, future) = days();
    let measure_page = format!("/admin/targets/{target}/measurement");
    c.get(&measure_page).await;
    let long_note = "n".repeat(1001);
    let r = c
        .post_form(
            &measure_page,
            &[
                ("measured_value", "about ten"),
                ("measured_on_day", &future.day().to_string()),
                ("measured_on_month", &future.month().to_string()),
                ("measured_on_year", &future.year().to_string()),
                ("note", &long_note),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, words) in [
        ("measured_value", "Enter the measured value as a number"),
        (
            "measured_on",
            "The date it was measured must be today or in the past",
        ),
        ("note", "The note must be 1000 characters or fewer"),
    ] {
        let at = r
            .body
            .find(&format!("id=\"{field}-error\""))
            .unwrap_or_else(|| panic!("{field} message"));
        assert!(
            r.body[at..].split("</p>").next().unwrap().contains(words),
            "{field}: {words}"
        );
    }
    let api = format!("/api/v1/targets/{target}/measurement");
    for (field, body, words) in [
        (
            "measured_value",
            "{\"measured_on\":\"2027-01-01\"}".to_owned(),
            "Enter the measured value",
        ),
        (
            "measured_on",
            "{\"measured_value\":3}".to_owned(),
            "Enter the date it was measured",
        ),
        (
            "measured_on",
            format!("{{\"measured_value\":3,\"measured_on\":\"{future}\"}}"),
            "today or in the past",
        ),
        (
            "measured_on",
            "{\"measured_value\":3,\"measured_on\":\"yesterday\"}".to_owned(),
            "is not a date",
        ),
        (
            "note",
            format!(
                "{{\"measured_value\":3,\"measured_on\":\"2027-01-01\",\"note\":\"{long_note}\"}}"
            ),
            "1000 characters or fewer",
        ),
    ] {
        let r = c.json("POST", &api, Some(&body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let errors = field_errors(&r.body);
        assert!(
            errors.iter().any(|(f, m)| f == field && m.contains(words)),
            "{body}: expected {field} saying {words:?}, got {errors:?}"
        );
    }
    let mut conn = app.state.store.conn().await.unwrap();
    let kept = store::get(&mut conn, &Id::parse(&target).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(kept.measurement.is_none(), "nothing measured");
}

#[tokio::test]
async fn evaluators_read_leads_change_and_nobody_else_sees_them() {
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    let [target, _] = demo_targets(&app, &programme).await;
    let list = format!("/admin/programmes/{programme}/targets");
    let api = format!("/api/v1/programmes/{programme}/targets");
    let change =
        r#"{"measure":"Taken over","baseline":1,"target_value":2,"target_date":"2028-01-01"}"#;

    // The tenant's evaluator reads, with no way to change.
    let mut eve = app.signed_in(EVALUATOR).await;
    eve.bearer = Some(app.api_token(EVALUATOR).await);
    let r = eve.get(&list).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Staff retention"));
    assert!(
        !r.body.contains("/edit\""),
        "no Change links for an evaluator"
    );
    assert!(!r.body.contains("targets/new"), "no Add for an evaluator");
    assert!(!r.body.contains("/delete\""));
    let v: Value = serde_json::from_str(&eve.json("GET", &api, None).await.body).unwrap();
    assert_eq!(v["can_change"], false);
    assert_eq!(v["targets"].as_array().unwrap().len(), 2);
    let r = eve
        .json("PUT", &format!("/api/v1/targets/{target}"), Some(change))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The lead reads with Change links.
    let mut lead = lead(&app).await;
    let r = lead.get(&list).await;
    assert!(r.body.contains(&format!("/admin/targets/{target}/edit\"")));
    let v: Value = serde_json::from_str(&lead.json("GET", &api, None).await.body).unwrap();
    assert_eq!(v["can_change"], true);

    // Sponsors, facilitators and participants are refused, as on the programme's pages.
    for who in [SPONSOR, FACILITATOR, PARTICIPANT] {
        let mut c = app.signed_in(who).await;
        c.bearer = Some(app.api_token(who).await);
        assert_eq!(c.get(&list).await.status, StatusCode::FORBIDDEN, "{who}");
        assert_eq!(
            c.json("GET", &api, None).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }

    // A lead of an organisation below the programme's (a trust in the ICS), another tenant's
    // lead and another tenant's evaluator: "not found", on every route, and nothing changes.
    let trust_lead =
        person_beside(&app, PARTICIPANT, "lead@harbour-trust.example", Role::Admin).await;
    let other_evaluator = person_beside(
        &app,
        OTHER_ADMIN,
        "evaluator@elsewhere.example",
        Role::Evaluator,
    )
    .await;
    let mut other_lead = app.signed_in(OTHER_ADMIN).await;
    other_lead.bearer = Some(app.api_token(OTHER_ADMIN).await);
    for (who, mut c) in [
        ("trust lead", trust_lead),
        ("other tenant's lead", other_lead),
        ("other tenant's evaluator", other_evaluator),
    ] {
        assert_eq!(c.get(&list).await.status, StatusCode::NOT_FOUND, "{who}");
        assert_eq!(
            c.json("GET", &api, None).await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
        if who.contains("lead") {
            for path in [
                format!("/admin/targets/{target}/edit"),
                format!("/admin/targets/{target}/measurement"),
                format!("/admin/targets/{target}/delete"),
            ] {
                assert_eq!(
                    c.get(&path).await.status,
                    StatusCode::NOT_FOUND,
                    "{who} {path}"
                );
            }
            let r = c
                .json("PUT", &format!("/api/v1/targets/{target}"), Some(change))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
            let r = c
                .json("DELETE", &format!("/api/v1/targets/{target}"), None)
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
            let r = c.json("POST", &api, Some(change)).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
        }
    }
    let kept = targets_of(&app, &programme).await;
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|t| t.fields.measure != "Taken over"));
}
