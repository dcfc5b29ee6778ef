//! Sets through the API alone (issue 10, parity): a lead forms, moves, staffs and publishes a
//! cohort's sets, repairs them after people leave, and opens them for choosing; a facilitator
//! runs meetings; members record and review actions. The same rules as the pages.

use axum::http::StatusCode;
use revans_domain::Id;
use revans_storage::{meetings, sets};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::sets::{JACK, PAIRS, cohorts, spring_set, with_password};

fn parse(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON: {}", r.body))
}

async fn api(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    c.bearer = Some(app.api_token(email).await);
    c
}

/// Forms the demo's autumn cohort through the API: (cohort, the cohort's sets as the API
/// lists them).
async fn formed_autumn(app: &TestApp, lead: &mut Client) -> (Id, Vec<Value>) {
    let (_, autumn) = cohorts(app).await;
    let pairs: Vec<[&str; 2]> = PAIRS.iter().map(|(a, b)| [*a, *b]).collect();
    let body = json!({"size_min": 5, "size_max": 7, "max_per_organisation": 3,
        "pairs": pairs, "review_every": 7});
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/sets"),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let listed = lead
        .json("GET", &format!("/api/v1/cohorts/{autumn}/sets"), None)
        .await;
    let sets = parse(&listed).as_array().unwrap().clone();
    (autumn, sets)
}

fn membership<'a>(sets: &'a [Value], name: &str) -> (usize, &'a Value) {
    sets.iter()
        .enumerate()
        .find_map(|(i, s)| {
            s["memberships"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["name"] == name)
                .map(|m| (i, m))
        })
        .unwrap_or_else(|| panic!("{name} is in no set"))
}

#[tokio::test]
async fn a_lead_moves_staffs_and_publishes_sets_through_the_api() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    let (autumn, formed) = formed_autumn(&app, &mut lead).await;
    assert_eq!(formed.len(), 4);
    let (femi_set, femi) = membership(&formed, "Femi Adeyemi");
    let (grace_set, _) = membership(&formed, "Grace Lee");
    // Femi manages Grace: moving him into her set is refused, with the reason, as on the page.
    let moves = format!("/api/v1/cohorts/{autumn}/sets/moves");
    let r = lead
        .json(
            "POST",
            &moves,
            Some(&json!({"member": femi["id"], "to_set": formed[grace_set]["id"]}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Femi Adeyemi cannot move to"), "{}", r.body);
    let r = lead
        .json("POST", &moves, Some(r#"{"member":"","to_set":" "}"#))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(r#""field":"member""#) && r.body.contains(r#""field":"to_set""#),
        "{}",
        r.body
    );
    // A move that keeps every rule is made, and the member is locked where they were put.
    assert_eq!(femi["locked"], false);
    let r = lead
        .json(
            "POST",
            &moves,
            Some(&json!({"member": femi["id"], "to_set": formed[femi_set]["id"]}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let listed = lead
        .json("GET", &format!("/api/v1/cohorts/{autumn}/sets"), None)
        .await;
    let after = parse(&listed).as_array().unwrap().clone();
    assert_eq!(membership(&after, "Femi Adeyemi").1["locked"], true);

    // Publishing needs a facilitator in every set.
    let publish = format!("/api/v1/cohorts/{autumn}/sets/publish");
    let r = lead.json("POST", &publish, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("has no facilitator yet"), "{}", r.body);
    let fran = app.person_id(FACILITATOR).await;
    for s in &formed {
        let r = lead
            .json(
                "PUT",
                &format!("/api/v1/sets/{}/facilitators", s["id"].as_str().unwrap()),
                Some(&json!({ "facilitators": [fran] }).to_string()),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    let before = app.queued_emails().await.len();
    let r = lead.json("POST", &publish, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(parse(&r)["count"], 4);
    assert_eq!(
        app.queued_emails().await.len() - before,
        24 + 4,
        "every member and the facilitator of each set"
    );
    let listed = lead
        .json("GET", &format!("/api/v1/cohorts/{autumn}/sets"), None)
        .await;
    assert!(
        parse(&listed)
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "published"),
        "{}",
        listed.body
    );
    // A member of another set (Jack, now in an autumn set) is told the spring set and its
    // meetings do not exist, as the pages tell him.
    with_password(&app, JACK).await;
    let mut jack = api(&app, JACK).await;
    let mine = parse(&jack.json("GET", "/api/v1/sets", None).await);
    assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
    // Which programme and cohort the set belongs to, as stored: sets share names across cohorts.
    {
        let set_id = Id::parse(mine["items"][0]["id"].as_str().unwrap()).unwrap();
        let mut conn = app.state.store.conn().await.unwrap();
        let set = revans_storage::sets::get(&mut conn, &set_id)
            .await
            .unwrap()
            .unwrap();
        let cohort = revans_storage::cohorts::get(&mut conn, &set.cohort_id)
            .await
            .unwrap()
            .unwrap();
        let programme = revans_storage::programmes::get(&mut conn, &cohort.programme_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(mine["items"][0]["cohort"], cohort.name.as_str(), "{mine}");
        assert_eq!(
            mine["items"][0]["programme"],
            programme.fields.title.as_str(),
            "{mine}"
        );
        let page = jack_page(&app).await;
        assert!(
            page.contains(&format!("{}, {}", programme.fields.title, cohort.name)),
            "the sets page says where each set belongs: {page}"
        );
    }
    let spring = spring_set(&app).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let m3 = &meetings::list_for_set(&mut conn, &Id::parse(&spring).unwrap())
        .await
        .unwrap()[2]
        .id;
    let action = r#"{"description":"Read up","due_on":"2031-01-01"}"#;
    for (method, path, body) in [
        ("GET", format!("/api/v1/sets/{spring}"), None),
        ("GET", format!("/api/v1/meetings/{m3}"), None),
        (
            "POST",
            format!("/api/v1/meetings/{m3}/actions"),
            Some(action),
        ),
        (
            "PUT",
            format!("/api/v1/meetings/{m3}/attendance"),
            Some(r#"{"attendance":{}}"#),
        ),
        ("POST", format!("/api/v1/meetings/{m3}/cancel"), None),
        ("PUT", format!("/api/v1/sets/{spring}/settings"), Some("{}")),
    ] {
        let r = jack.json(method, &path, body).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            r.body
        );
    }
    // Another tenant's lead learns nothing, whatever the body says.
    let mut other = api(&app, OTHER_ADMIN).await;
    let r = other
        .json("POST", &moves, Some(r#"{"member":"nobody","to_set":"x"}"#))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

#[tokio::test]
async fn a_lead_repairs_published_sets_through_the_api_after_people_leave() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    let (autumn, formed) = formed_autumn(&app, &mut lead).await;
    let fran = app.person_id(FACILITATOR).await;
    for s in &formed {
        lead.json(
            "PUT",
            &format!("/api/v1/sets/{}/facilitators", s["id"].as_str().unwrap()),
            Some(&json!({ "facilitators": [fran] }).to_string()),
        )
        .await;
    }
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/sets/publish"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let repair = format!("/api/v1/cohorts/{autumn}/sets/repair");
    let proposal = parse(&lead.json("GET", &repair, None).await);
    assert_eq!(proposal["moves"], json!([]), "nothing to repair yet");
    // Two unpaired members of the first set leave: it falls below the smallest size (5).
    let first = formed[0]["memberships"].as_array().unwrap();
    let single = |m: &&Value| first.iter().filter(|x| x["unit"] == m["unit"]).count() == 1;
    let leavers: Vec<&Value> = first.iter().filter(single).take(2).collect();
    assert_eq!(leavers.len(), 2, "two unpaired members in {first:?}");
    for m in &leavers {
        let r = lead
            .json(
                "POST",
                &format!("/api/v1/cohorts/{autumn}/sets/leavers"),
                Some(&json!({ "member": m["id"] }).to_string()),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    let proposal = parse(&lead.json("GET", &repair, None).await);
    let moves = proposal["moves"].as_array().unwrap();
    assert!(
        !moves.is_empty() && moves.len() <= 2,
        "few moves: {proposal}"
    );
    assert!(!proposal["reasons"].as_array().unwrap().is_empty());
    let accepted: Vec<Value> = moves
        .iter()
        .map(|m| json!({"person_id": m["person_id"], "to_set": m["to_set"]}))
        .collect();
    let r = lead
        .json(
            "POST",
            &repair,
            Some(&json!({ "moves": accepted }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    let mut total = 0;
    for s in sets::list_for_cohort(&mut conn, &autumn).await.unwrap() {
        let current = sets::members(&mut conn, &s.id)
            .await
            .unwrap()
            .iter()
            .filter(|m| m.left_at.is_none())
            .count();
        assert!((5..=7).contains(&current), "{} has {current}", s.name);
        total += current;
    }
    assert_eq!(total, 22);
    let proposal = parse(&lead.json("GET", &repair, None).await);
    assert_eq!(proposal["moves"], json!([]), "valid again");
}

#[tokio::test]
async fn people_choose_their_own_set_through_the_api_under_the_same_rules() {
    let app = TestApp::spawn().await;
    let mut lead = api(&app, ADMIN).await;
    let (_, autumn) = cohorts(&app).await;
    let body = json!({"size_min": 5, "size_max": 7, "max_per_organisation": 3, "review_every": 7});
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/sets/open"),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(parse(&r)["count"], 4);
    with_password(&app, "femi.adeyemi@bay-council.example").await;
    with_password(&app, "grace.lee@cliffside-care.example").await;
    let mut femi = api(&app, "femi.adeyemi@bay-council.example").await;
    let mut grace = api(&app, "grace.lee@cliffside-care.example").await;
    let choices = format!("/api/v1/cohorts/{autumn}/choices");
    let open = parse(&femi.json("GET", &choices, None).await);
    let open = open.as_array().unwrap();
    assert_eq!(open.len(), 4);
    let choose = format!("/api/v1/cohorts/{autumn}/choice");
    let r = femi
        .json(
            "POST",
            &choose,
            Some(&json!({ "set": open[1]["set"] }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Grace reports to Femi: that set is closed to her, and says why.
    let seen = parse(&grace.json("GET", &choices, None).await);
    assert!(seen[1]["closed"].is_string(), "{seen}");
    let r = grace
        .json(
            "POST",
            &choose,
            Some(&json!({ "set": open[1]["set"] }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Femi Adeyemi"), "{}", r.body);
    let r = grace
        .json(
            "POST",
            &choose,
            Some(&json!({ "set": open[2]["set"] }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        parse(&femi.json("GET", &choices, None).await)[1]["mine"],
        true
    );
    // Someone without a place in the cohort learns nothing, whatever they send.
    let mut pat = api(&app, PARTICIPANT).await;
    assert_eq!(
        pat.json("GET", &choices, None).await.status,
        StatusCode::NOT_FOUND
    );
    let r = pat
        .json("POST", &choose, Some(r#"{"set":"nonsense"}"#))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

async fn set_view(c: &mut Client, set: &str) -> Value {
    parse(&c.json("GET", &format!("/api/v1/sets/{set}"), None).await)
}

#[tokio::test]
async fn a_facilitator_runs_meetings_and_members_record_actions_through_the_api() {
    let app = TestApp::spawn().await;
    let set = spring_set(&app).await;
    let set_id = Id::parse(&set).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    let ms = meetings::list_for_set(&mut conn, &set_id).await.unwrap();
    let members = sets::members(&mut conn, &set_id).await.unwrap();
    let mut fran = api(&app, FACILITATOR).await;
    let mut pat = api(&app, PARTICIPANT).await;
    // Attendance: one record for every current member, or every missing one is named.
    let attendance = format!("/api/v1/meetings/{}/attendance", ms[2].id);
    let missing = &members[0].person_id;
    let r = fran
        .json("PUT", &attendance, Some(r#"{"attendance":{}}"#))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains(&format!(r#""field":"attendance.{missing}""#)),
        "{}",
        r.body
    );
    let records: serde_json::Map<String, Value> = members
        .iter()
        .map(|m| {
            let status = if m.name == members[2].name {
                "absent"
            } else {
                "present"
            };
            (m.person_id.to_string(), json!(status))
        })
        .collect();
    let body = json!({ "attendance": records }).to_string();
    assert_eq!(
        pat.json("PUT", &attendance, Some(&body)).await.status,
        StatusCode::FORBIDDEN,
        "members do not take attendance"
    );
    let r = fran.json("PUT", &attendance, Some(&body)).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let v = set_view(&mut fran, &set).await;
    assert_eq!(
        v["meetings"][3]["presenter"], members[2].name,
        "an absent presenter keeps the turn"
    );
    let m3 = parse(
        &pat.json("GET", &format!("/api/v1/meetings/{}", ms[2].id), None)
            .await,
    );
    assert_eq!(m3["runner"], false);
    let absent: Vec<&Value> = m3["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "absent")
        .collect();
    assert_eq!(absent.len(), 1, "{m3}");
    assert_eq!(absent[0]["name"], members[2].name);

    // A series outside the cohort's dates is refused, as on the page.
    let series = json!({"cadence": "monthly", "start_date": "2031-01-01", "start_time": "09:30",
        "duration_minutes": 180, "count": 1, "timezone": "Europe/London"});
    let r = fran
        .json(
            "POST",
            &format!("/api/v1/sets/{set}/meetings"),
            Some(&series.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("outside the cohort"), "{}", r.body);
    let r = fran
        .json(
            "POST",
            &format!("/api/v1/sets/{set}/meetings"),
            Some(r#"{"cadence":"hourly"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#""field":"cadence""#), "{}", r.body);

    // Moving meeting 5 to the same day an hour later.
    let m5 = &ms[4];
    let day = jiff::Timestamp::from_millisecond(m5.starts_at)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("Europe/London").unwrap());
    let later = day.clone() + jiff::Span::new().hours(1);
    let moved = json!({"date": day.strftime("%Y-%m-%d").to_string(),
        "start_time": later.strftime("%H:%M").to_string(), "duration_minutes": 60});
    let r = fran
        .json(
            "POST",
            &format!("/api/v1/meetings/{}/move", m5.id),
            Some(&moved.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let now = meetings::list_for_set(&mut conn, &set_id).await.unwrap();
    let m5_now = now.iter().find(|m| m.id == m5.id).unwrap();
    // The new time is to the minute.
    assert_eq!(
        m5_now.starts_at,
        (m5.starts_at + 3_600_000) / 60_000 * 60_000
    );
    assert_eq!(m5_now.ends_at - m5_now.starts_at, 3_600_000);

    // Giving the floor at meeting 6 to the first unit, then cancelling it.
    let m6 = &ms[5];
    let r = fran
        .json(
            "PUT",
            &format!("/api/v1/meetings/{}/presenter", m6.id),
            Some(&json!({ "unit": members[0].unit_key }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        set_view(&mut fran, &set).await["meetings"][5]["presenter"],
        members[0].name
    );
    let r = fran
        .json(
            "PUT",
            &format!("/api/v1/meetings/{}/presenter", m6.id),
            Some(r#"{"unit":"not-a-member"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#""field":"unit""#), "{}", r.body);
    let cancel = format!("/api/v1/meetings/{}/cancel", m6.id);
    assert_eq!(
        pat.json("POST", &cancel, None).await.status,
        StatusCode::FORBIDDEN
    );
    let r = fran.json("POST", &cancel, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        set_view(&mut fran, &set).await["meetings"][5]["kind"],
        "cancelled"
    );
    let r = fran.json("POST", &cancel, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "once only");

    // Pat records an action at meeting 3 and reviews it at meeting 4.
    let r = pat
        .json(
            "POST",
            &format!("/api/v1/meetings/{}/actions", ms[2].id),
            Some(r#"{"description":"Talk to the discharge team","due_on":"2026-06-01"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let action = parse(&r)["id"].as_str().unwrap().to_owned();
    // The next meeting lists it for review.
    let m4 = parse(
        &pat.json("GET", &format!("/api/v1/meetings/{}", ms[3].id), None)
            .await,
    );
    // (The demo's portfolio gave Pat an earlier action too; this one is listed with it.)
    let listed = m4["to_review"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == action.as_str())
        .unwrap_or_else(|| panic!("the new action is listed for review: {m4}"));
    assert_eq!(listed["description"], "Talk to the discharge team");
    let reviews = format!("/api/v1/meetings/{}/reviews", ms[3].id);
    let r = pat
        .json(
            "POST",
            &reviews,
            Some(&json!({"action": action, "outcome": "changed"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#""field":"note""#), "{}", r.body);
    let r = pat
        .json(
            "POST",
            &reviews,
            Some(&json!({"action": action, "outcome": "done"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let reviewed = revans_storage::set_content::actions(&mut conn, &set_id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.id.as_str() == action)
        .unwrap();
    assert_eq!(reviewed.outcome.as_deref(), Some("done"));
    let m4 = parse(
        &pat.json("GET", &format!("/api/v1/meetings/{}", ms[3].id), None)
            .await,
    );
    assert!(
        !m4["to_review"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == action.as_str()),
        "reviewed once: {m4}"
    );

    // The set's settings: it goes on self-facilitated, meeting in person.
    let settings = json!({"review_every": 7, "timezone": "Europe/London",
        "delivery_mode": "in_person", "delivery_detail": "Room 4, Harbour House",
        "self_facilitated": true});
    let r = fran
        .json(
            "PUT",
            &format!("/api/v1/sets/{set}/settings"),
            Some(&settings.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let saved = sets::get(&mut conn, &set_id).await.unwrap().unwrap();
    assert!(saved.self_facilitated);
    assert_eq!(saved.delivery_detail, "Room 4, Harbour House");
    // Someone of another set, or none, is told the set does not exist.
    let mut sam = api(&app, SPONSOR).await;
    let r = sam
        .json(
            "PUT",
            &format!("/api/v1/sets/{set}/settings"),
            Some(&settings.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Jack's "Your action learning sets" page.
async fn jack_page(app: &TestApp) -> String {
    let mut c = app.signed_in(JACK).await;
    c.get("/sets").await.body
}
