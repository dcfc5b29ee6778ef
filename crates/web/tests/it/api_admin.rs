//! The lead's, sponsor's and account pages' changes through the API alone (issue 10, parity):
//! supervisors, invitations, capacity, a programme's details, themes, reporting lines as CSV or
//! JSON, nominations and the sponsor's nominees, one's own time zone; and lists a page at a
//! time.

use std::collections::HashSet;

use axum::http::StatusCode;
use revans_domain::Id;
use serde_json::{Value, json};

use crate::helpers::*;

fn parse(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON: {}", r.body))
}

fn fields(r: &Response) -> Vec<String> {
    parse(r)["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("fields in {}", r.body))
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn api(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    c.bearer = Some(app.api_token(email).await);
    c
}

#[tokio::test]
async fn a_lead_names_supervisors_and_reinvites_people_through_the_api() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    let fran = app.person_id(FACILITATOR).await;
    let pat = app.person_id(PARTICIPANT).await;
    let eve = app.person_id(EVALUATOR).await;
    let sue = crate::diaries::make_person(
        &app,
        crate::diaries::SUPERVISOR,
        "Sue Supervisor",
        revans_domain::Role::Facilitator,
    )
    .await;
    let put = |who: &str| format!("/api/v1/people/{who}/supervisor");
    let r = lead
        .json(
            "PUT",
            &put(&pat),
            Some(&json!({ "supervisor": eve }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is not a facilitator"), "{}", r.body);
    let r = lead
        .json(
            "PUT",
            &put(&fran),
            Some(&json!({ "supervisor": eve }).to_string()),
        )
        .await;
    assert!(
        r.body.contains("must be a facilitator themself"),
        "{}",
        r.body
    );
    let r = lead
        .json(
            "PUT",
            &put(&fran),
            Some(&json!({ "supervisor": sue }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    let fran_id = Id::parse(&fran).unwrap();
    assert_eq!(
        revans_storage::diaries::supervisor_of(&mut conn, &fran_id)
            .await
            .unwrap(),
        Some(sue.clone())
    );
    let mut other = api(&app, OTHER_ADMIN).await;
    let r = other
        .json(
            "PUT",
            &put(&fran),
            Some(&json!({ "supervisor": sue }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "another tenant's lead");

    // A new invitation for someone who has not accepted theirs; none for someone who has.
    let cliff = {
        let orgs = parse(&lead.json("GET", "/api/v1/organisations", None).await);
        orgs.as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"].as_str().unwrap().contains("Cliffside"))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let invite = json!({"name": "Kit Carer", "email": "kit@cliffside.example",
        "organisation_id": cliff, "roles": ["participant"]});
    let r = lead
        .json("POST", "/api/v1/people", Some(&invite.to_string()))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let kit = parse(&r)["id"].as_str().unwrap().to_owned();
    let before = app.queued_emails().await.len();
    let r = lead
        .json("POST", &format!("/api/v1/people/{kit}/invitation"), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let emails = app.queued_emails().await;
    assert_eq!(emails.len(), before + 1);
    assert_eq!(emails.last().unwrap().to, "kit@cliffside.example");
    let r = lead
        .json("POST", &format!("/api/v1/people/{pat}/invitation"), None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

#[tokio::test]
async fn a_lead_changes_a_programme_its_capacity_and_the_themes_through_the_api() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    let (_, cohort) = app.demo_programme().await;
    let capacity = format!("/api/v1/cohorts/{cohort}/capacity");
    let r = lead
        .json("PUT", &capacity, Some(r#"{"capacity":"40"}"#))
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a number, not text"
    );
    assert_eq!(fields(&r), ["capacity"]);
    let r = lead.json("PUT", &capacity, Some(r#"{"capacity":0}"#)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = lead
        .json("PUT", &capacity, Some(r#"{"capacity":45}"#))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    let cohort_id = Id::parse(&cohort).unwrap();
    let saved = revans_storage::cohorts::get(&mut conn, &cohort_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.capacity, 45);

    // A programme's details are replaced with the same body as creating it.
    let r = lead
        .json(
            "POST",
            "/api/v1/programmes",
            Some(&crate::api_inputs::programme().to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = parse(&r)["id"].as_str().unwrap().to_owned();
    let mut changed = crate::api_inputs::programme();
    changed["title"] = json!("Typed Sets, second run");
    changed["requires_sponsor_approval"] = json!(false);
    let path = format!("/api/v1/programmes/{id}");
    let r = lead.json("PUT", &path, Some(&changed.to_string())).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let p = revans_storage::programmes::get(&mut conn, &Id::parse(&id).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.fields.title, "Typed Sets, second run");
    assert!(!p.fields.requires_sponsor_approval);
    changed["requires_sponsor_aproval"] = json!(true);
    let r = lead.json("PUT", &path, Some(&changed.to_string())).await;
    assert_eq!(fields(&r), ["requires_sponsor_aproval"]);
    // Another tenant's lead is told it does not exist, even when a line of the body would be
    // refused: access is checked first, as on the page.
    let mut other = api(&app, OTHER_ADMIN).await;
    changed
        .as_object_mut()
        .unwrap()
        .remove("requires_sponsor_aproval");
    let r = other.json("PUT", &path, Some(&changed.to_string())).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    changed["outcomes"] = json!(["two\nlines"]);
    let r = lead.json("PUT", &path, Some(&changed.to_string())).await;
    assert_eq!(fields(&r), ["outcomes[0]"]);
    let r = other.json("PUT", &path, Some(&changed.to_string())).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // The theme list.
    let r = lead
        .json(
            "PUT",
            "/api/v1/reports/themes/vocabulary",
            Some(r#"{"themes":["workforce\nflow"]}"#),
        )
        .await;
    assert_eq!(fields(&r), ["themes[0]"]);
    let r = lead
        .json(
            "PUT",
            "/api/v1/reports/themes/vocabulary",
            Some(r#"{"themes":["workforce","patient flow"]}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let mut pages = app.signed_in(ADMIN).await;
    let page = pages.get("/reports/themes").await;
    assert!(page.body.contains("patient flow"), "{}", page.body);
}

#[tokio::test]
async fn reporting_lines_import_as_csv_or_json_with_the_same_row_errors() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    let (jack_email, kiran_email, lily_email) = (
        "jack.turner@bay-council.example",
        "kiran.shah@cliffside-care.example",
        "lily.price@northcoast-ics.example",
    );
    let jack = Id::parse(&app.person_id(jack_email).await).unwrap();
    let kiran = Id::parse(&app.person_id(kiran_email).await).unwrap();
    let manager_of = |id: Id| {
        let store = app.state.store.clone();
        async move {
            revans_storage::reporting_lines::manager_of(&mut store.conn().await.unwrap(), &id)
                .await
                .unwrap()
        }
    };
    // A cycle, as JSON: refused whole, each problem naming its line.
    let cycle = json!({"lines": [
        {"email": jack_email, "manager_email": kiran_email},
        {"email": kiran_email, "manager_email": lily_email},
        {"email": lily_email, "manager_email": jack_email},
    ]});
    let r = lead
        .json("POST", "/api/v1/reporting-lines", Some(&cycle.to_string()))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("cycle"), "{}", r.body);
    assert!(
        fields(&r).iter().all(|f| f.starts_with("lines[")),
        "{}",
        r.body
    );
    assert_eq!(manager_of(jack.clone()).await, None, "nothing saved");
    let unknown = json!({"lines": [{"email": "nobody@nowhere.example", "manager_email": null}]});
    let r = lead
        .json(
            "POST",
            "/api/v1/reporting-lines",
            Some(&unknown.to_string()),
        )
        .await;
    assert_eq!(fields(&r), ["lines[0].email"]);
    // The same cycle as a CSV names the file's rows, as the page does.
    let csv = format!(
        "email,manager_email\n{jack_email},{kiran_email}\n{kiran_email},{lily_email}\n{lily_email},{jack_email}\n"
    );
    let r = lead
        .send_as("POST", "/api/v1/reporting-lines", "text/csv", &csv)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(fields(&r).iter().all(|f| f == "csv"), "{}", r.body);
    assert!(
        r.body.contains("Row 2") || r.body.contains("rows 2"),
        "{}",
        r.body
    );
    let r = lead
        .send_as(
            "POST",
            "/api/v1/reporting-lines",
            "text/csv",
            "who,boss\na,b\n",
        )
        .await;
    assert!(r.body.contains("Row 1 must be the header"), "{}", r.body);
    // Good rows are saved, from either.
    let good = format!("email,manager_email\n{jack_email},{kiran_email}\n");
    let r = lead
        .send_as(
            "POST",
            "/api/v1/reporting-lines",
            "text/csv; charset=utf-8",
            &good,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(parse(&r)["rows"], 1);
    assert_eq!(manager_of(jack.clone()).await, Some(kiran.clone()));
    let json_rows = json!({"lines": [{"email": kiran_email, "manager_email": lily_email}]});
    let r = lead
        .json(
            "POST",
            "/api/v1/reporting-lines",
            Some(&json_rows.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let lily = Id::parse(&app.person_id(lily_email).await).unwrap();
    assert_eq!(manager_of(kiran.clone()).await, Some(lily.clone()));
    let listed = parse(
        &lead
            .json("GET", "/api/v1/reporting-lines?limit=500", None)
            .await,
    );
    let kiran_line = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["email"] == kiran_email)
        .unwrap_or_else(|| panic!("{listed}"));
    assert_eq!(kiran_line["manager_id"], lily.as_str());
    assert_eq!(kiran_line["manager_email"], lily_email);
    // Neither JSON nor CSV.
    let r = lead
        .send_as("POST", "/api/v1/reporting-lines", "text/plain", &good)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}

#[tokio::test]
async fn a_sponsor_nominates_and_follows_nominees_through_the_api() {
    let app = TestApp::spawn().await;
    let mut lead_pages = app.signed_in(ADMIN).await;
    let (programme, _) =
        crate::programmes::published(&app, &mut lead_pages, "Nominated Module", "", "5").await;
    let mut sam = api(&app, SPONSOR).await;
    let body = json!({ "programme": programme, "email": PARTICIPANT }).to_string();
    let before = app.queued_emails().await.len();
    let r = sam
        .json("POST", "/api/v1/sponsor/nominations", Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(parse(&r)["name"], "Pat Participant");
    let emails = app.queued_emails().await;
    assert_eq!(emails.len(), before + 1);
    assert_eq!(emails.last().unwrap().to, PARTICIPANT);
    let r = sam
        .json("POST", "/api/v1/sponsor/nominations", Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("already has an application"), "{}", r.body);
    // Someone of another organisation gets the one answer for every address.
    let elsewhere = json!({ "programme": programme, "email": OTHER_ADMIN }).to_string();
    let r = sam
        .json("POST", "/api/v1/sponsor/nominations", Some(&elsewhere))
        .await;
    assert_eq!(fields(&r), ["email"]);
    let mut pat = api(&app, PARTICIPANT).await;
    assert_eq!(
        pat.json("POST", "/api/v1/sponsor/nominations", Some(&body))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // The nominees: the new nomination, and Pat's place with how often they came (the demo's
    // spring set has held two meetings; Pat came to both), never what was said.
    let list = parse(
        &sam.json("GET", "/api/v1/sponsor/nominees?limit=500", None)
            .await,
    );
    let items = list["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|n| n["application"]["programme_title"] == "Nominated Module"),
        "{list}"
    );
    let placed = items
        .iter()
        .find(|n| !n["attendance"].is_null())
        .unwrap_or_else(|| panic!("a nominee with a place: {list}"));
    assert_eq!(placed["attendance"]["present"], 2);
    assert_eq!(placed["attendance"]["meetings"], 2);
    assert_eq!(
        pat.json("GET", "/api/v1/sponsor/nominees", None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn ones_own_time_zone_is_set_through_the_api() {
    let app = TestApp::spawn().await;
    let set = crate::sets::spring_set(&app).await;
    let mut pat = api(&app, PARTICIPANT).await;
    let r = pat
        .json(
            "PUT",
            "/api/v1/me/timezone",
            Some(r#"{"timezone":"Mars/Olympus_Mons"}"#),
        )
        .await;
    assert_eq!(fields(&r), ["timezone"]);
    let r = pat
        .json(
            "PUT",
            "/api/v1/me/timezone",
            Some(r#"{"timezone":"America/Toronto"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let view = parse(&pat.json("GET", &format!("/api/v1/sets/{set}"), None).await);
    assert_eq!(view["timezone"], "America/Toronto");
    let r = pat
        .json("PUT", "/api/v1/me/timezone", Some(r#"{"timezone":null}"#))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let view = parse(&pat.json("GET", &format!("/api/v1/sets/{set}"), None).await);
    assert_eq!(view["timezone"], "Europe/London", "back to the set's own");
}

/// Follows `next_cursor` to the end; returns every page's items.
async fn every_page(c: &mut Client, path: &str, limit: usize) -> Vec<Vec<Value>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}?limit={limit}&cursor={c}"),
            None => format!("{path}?limit={limit}"),
        };
        let r = c.json("GET", &url, None).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.body);
        let page = parse(&r);
        let items = page["items"].as_array().unwrap().clone();
        assert!(items.len() <= limit);
        pages.push(items);
        if page["has_more"] == false {
            assert!(page["next_cursor"].is_null());
            return pages;
        }
        cursor = Some(page["next_cursor"].as_str().unwrap().to_owned());
        assert!(pages.len() < 200, "the pages never end");
    }
}

#[tokio::test]
async fn growing_lists_come_a_page_at_a_time_without_repeats_or_gaps() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    for i in 0..6 {
        let themes = json!({ "themes": [format!("theme {i}")] }).to_string();
        let r = lead
            .json("PUT", "/api/v1/reports/themes/vocabulary", Some(&themes))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "audited: {}", r.body);
    }
    for path in ["/api/v1/people", "/api/v1/audit"] {
        let whole = parse(&lead.json("GET", &format!("{path}?limit=500"), None).await);
        let whole: Vec<Value> = whole["items"].as_array().unwrap().clone();
        assert!(whole.len() > 5, "{path}: enough to page through");
        let pages = every_page(&mut lead, path, 3).await;
        assert!(pages.len() >= 2, "{path}: several pages");
        let paged: Vec<Value> = pages.into_iter().flatten().collect();
        let ids = |items: &[Value]| -> Vec<String> {
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(ids(&paged), ids(&whole), "{path}: the same items, in order");
        assert_eq!(
            ids(&paged).into_iter().collect::<HashSet<_>>().len(),
            paged.len(),
            "{path}: no repeats"
        );
    }
    // An item added between pages is not sent twice, and nothing is skipped: the people list
    // runs in the order people were added, so a newcomer comes last.
    let first = parse(&lead.json("GET", "/api/v1/people?limit=2", None).await);
    let cliff = parse(&lead.json("GET", "/api/v1/organisations", None).await)[0]["id"].clone();
    let invite = json!({"name": "Late Comer", "email": "late@cliffside.example",
        "organisation_id": cliff, "roles": ["participant"]});
    let r = lead
        .json("POST", "/api/v1/people", Some(&invite.to_string()))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let rest = format!(
        "/api/v1/people?limit=500&cursor={}",
        first["next_cursor"].as_str().unwrap()
    );
    let rest = parse(&lead.json("GET", &rest, None).await);
    let rest = rest["items"].as_array().unwrap();
    assert_eq!(rest.last().unwrap()["name"], "Late Comer");
    assert!(!rest.iter().any(|p| p["id"] == first["items"][0]["id"]));
    // A participant's own applications, and the catalogue.
    let mut pat = api(&app, PARTICIPANT).await;
    for path in ["/api/v1/applications", "/api/v1/programmes", "/api/v1/sets"] {
        let pages = every_page(&mut pat, path, 1).await;
        let n: usize = pages.iter().map(Vec::len).sum();
        assert!(n >= 1, "{path}");
        assert_eq!(pages.len(), n, "{path}: one per page");
    }
    // The diary: both lists a page at a time, one cursor continuing both.
    let set = crate::sets::spring_set(&app).await;
    for n in 0..5 {
        let entry = json!({"body": format!("Shared note {n}"), "set_id": set, "sharing": "set"});
        let r = pat
            .json("POST", "/api/v1/diary", Some(&entry.to_string()))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let mut fran = api(&app, FACILITATOR).await;
    for (c, list) in [(&mut pat, "mine"), (&mut fran, "shared_with_me")] {
        let mut cursor: Option<String> = None;
        let mut notes = Vec::new();
        loop {
            let url = match &cursor {
                Some(c) => format!("/api/v1/diary?limit=2&cursor={c}"),
                None => "/api/v1/diary?limit=2".to_owned(),
            };
            let page = parse(&c.json("GET", &url, None).await);
            let items = page[list].as_array().unwrap();
            assert!(items.len() <= 2);
            notes.extend(
                items
                    .iter()
                    .filter_map(|e| e["body"].as_str())
                    .filter(|b| b.starts_with("Shared note"))
                    .map(str::to_owned),
            );
            if page["has_more"] == false {
                break;
            }
            cursor = Some(page["next_cursor"].as_str().unwrap().to_owned());
        }
        let expected: Vec<String> = (0..5).rev().map(|n| format!("Shared note {n}")).collect();
        assert_eq!(notes, expected, "{list}: newest first, each once");
    }
    // Bad limits and cursors name the parameter.
    for bad in [
        "/api/v1/people?limit=0",
        "/api/v1/people?limit=501",
        "/api/v1/people?cursor=!!!",
        "/api/v1/audit?cursor=bm90LWEtdGltZQ",
        "/api/v1/diary?cursor=bm90LWEtdGltZQ",
        "/api/v1/audit?offset=100",
    ] {
        let r = lead.json("GET", bad, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        let named = fields(&r);
        assert!(
            named == ["limit"] || named == ["cursor"] || named == ["offset"],
            "{bad}: {named:?}"
        );
    }
}
