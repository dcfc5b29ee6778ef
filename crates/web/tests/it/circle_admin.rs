//! Leads create and run support circles (issue 15, C7): the form names every problem, a draft
//! is checked and published, a lead of another organisation in the region reads but cannot
//! change, another tenant's lead sees nothing, the API does the same, and the report hides
//! small numbers.

use axum::http::StatusCode;
use revans_domain::{Id, Role};
use revans_storage::circle_admin::fixtures;
use revans_storage::circles::{self, CircleFields, CircleSession};

use crate::helpers::*;

pub const DAY: i64 = 86_400_000;

/// The demo's region (the ICS) and Fran the facilitator, put in its pool.
pub async fn region_with_pool(app: &TestApp) -> (Id, Id) {
    let fran = Id::parse(&app.person_id(FACILITATOR).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    let person = revans_storage::people::get(&mut conn, &fran)
        .await
        .unwrap()
        .unwrap();
    let region = revans_storage::circle_admin::region_of(&mut conn, &person.organisation_id)
        .await
        .unwrap()
        .unwrap();
    fixtures::join_pool(&mut conn, &fran, &region)
        .await
        .unwrap();
    (region, fran)
}

/// A circle stored directly (for fixtures): the region's, run by `org`, on `topics`.
// Each argument is a fact a sweep test varies; a struct would only rename them at each call.
#[allow(clippy::too_many_arguments)]
pub async fn stored_circle(
    app: &TestApp,
    region: &Id,
    org: &Id,
    topics: &[&str],
    status: &str,
    (min, max): (i64, i64),
    starts_at: i64,
    lead: Option<&Id>,
    facilitator: &Id,
) -> Id {
    let mut conn = app.state.store.conn().await.unwrap();
    let f = CircleFields {
        organisation_id: org.clone(),
        cohort_id: None,
        title: format!("Circle on {}", topics.join(" and ")),
        description: "A circle for anyone who leads a team.".into(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        min_places: min,
        max_places: max,
        delivery_mode: "virtual".into(),
        delivery_detail: "https://meet.example/circle".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![CircleSession {
            starts_at,
            ends_at: starts_at + 5_400_000,
        }],
        facilitators: vec![facilitator.clone()],
    };
    circles::insert(&mut conn, region, &f, status, lead)
        .await
        .unwrap()
}

/// Books `n` new people in `org` onto a circle (or puts them on its waiting list), as the
/// booking capability would; their email addresses start with `prefix`.
pub async fn book_people(
    app: &TestApp,
    circle: &Id,
    org: &Id,
    prefix: &str,
    n: usize,
    status: &str,
) -> Vec<String> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut emails = Vec::new();
    for i in 0..n {
        let email = format!("{prefix}{i}@harbour-trust.example");
        let person = revans_storage::people::insert(
            &mut conn,
            org,
            &revans_domain::EmailAddress::parse(&email).unwrap(),
            &revans_domain::PersonName::parse(&format!("Person {prefix}{i}")).unwrap(),
        )
        .await
        .unwrap();
        fixtures::book(&mut conn, circle, &person, status)
            .await
            .unwrap();
        emails.push(email);
    }
    emails
}

/// A circle of the ICS for the access matrix: `confirmed` (so publishing and merging are
/// refused as conflicts), and a draft to cancel.
pub async fn matrix_circles(app: &TestApp) -> (String, String) {
    let (region, fran) = region_with_pool(app).await;
    let start = revans_app::now_ms() + 30 * DAY;
    let confirmed = stored_circle(
        app,
        &region,
        &region,
        &["burnout"],
        "confirmed",
        (6, 25),
        start,
        None,
        &fran,
    )
    .await;
    let draft = stored_circle(
        app,
        &region,
        &region,
        &["burnout"],
        "draft",
        (6, 25),
        start,
        None,
        &fran,
    )
    .await;
    (confirmed.to_string(), draft.to_string())
}

/// The circle form, filled in well, for a session `days` from now.
fn good_form(org: &str, fran: &str, days: i64) -> Vec<(String, String)> {
    let day = jiff::Timestamp::from_millisecond(revans_app::now_ms() + days * DAY)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("Europe/London").unwrap())
        .date();
    [
        ("organisation_id", org.to_owned()),
        ("title", "Burnout: noticing it early".into()),
        ("description", "For anyone who leads a team.".into()),
        ("topics", "Burnout, hybrid working".into()),
        ("min_places", "6".into()),
        ("max_places", "25".into()),
        ("date_day", day.day().to_string()),
        ("date_month", day.month().to_string()),
        ("date_year", day.year().to_string()),
        ("start_time", "09:30".into()),
        ("end_time", "11:00".into()),
        ("more_sessions", String::new()),
        ("timezone", "Europe/London".into()),
        ("delivery_mode", "virtual".into()),
        ("delivery_detail", "https://meet.example/burnout".into()),
        ("facilitators", fran.to_owned()),
        ("cohort_id", String::new()),
        ("confirm_hours", "48".into()),
        ("cancel_hours", "24".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn with(form: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    form.iter()
        .map(|(k, v)| {
            if k == key {
                (k.clone(), value.to_owned())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

#[tokio::test]
async fn a_lead_creates_checks_and_publishes_a_circle() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead.get("/admin/circles/new").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Fran Facilitator"), "the pool is offered");

    let empty = lead.post_form("/admin/circles", &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Enter a title",
        "Enter at least one topic",
        "Select one or two facilitators",
    ] {
        assert!(empty.body.contains(message), "{message} missing");
    }

    let form = good_form(region.as_str(), fran.as_str(), 20);
    let upside_down = lead
        .post_form_owned("/admin/circles", &with(&form, "min_places", "30"))
        .await;
    assert_eq!(upside_down.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(upside_down.body.contains("The fewest places must be"));
    let outsider = app.person_id(PARTICIPANT).await;
    let not_pool = lead
        .post_form_owned("/admin/circles", &with(&form, "facilitators", &outsider))
        .await;
    assert_eq!(not_pool.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        not_pool.body.contains("region&#x27;s pool")
            || not_pool.body.contains("region&#39;s pool")
            || not_pool.body.contains("region's pool")
    );

    let made = lead.post_form_owned("/admin/circles", &form).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let page = made.location.unwrap();
    let check = lead.get(&page).await;
    assert!(check.body.contains("Check the circle before publishing it"));
    assert!(check.body.contains("burnout, hybrid working"));
    assert!(check.body.contains("Fran Facilitator"));
    let id = page.trim_start_matches("/admin/circles/").to_owned();

    let published = lead.post_form(&format!("{page}/publish"), &[]).await;
    assert_eq!(
        published.location.as_deref(),
        Some(format!("{page}/published").as_str())
    );
    let done = lead.get(&format!("{page}/published")).await;
    assert!(done.body.contains("Circle published"));
    let again = lead.post_form(&format!("{page}/publish"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let list = lead.get("/admin/circles").await;
    assert!(list.body.contains(&format!("data-circle=\"{id}\"")));
    assert!(list.body.contains("Open for booking"));
    let actions = app.audit_actions().await;
    assert!(actions.iter().any(|a| a == "circle.created"));
    assert!(actions.iter().any(|a| a == "circle.published"));
}

#[tokio::test]
async fn a_sibling_organisations_lead_reads_but_cannot_change_and_another_tenant_sees_nothing() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let start = revans_app::now_ms() + 20 * DAY;
    let ics_circle = stored_circle(
        &app,
        &region,
        &region,
        &["burnout"],
        "published",
        (6, 25),
        start,
        None,
        &fran,
    )
    .await;
    let mut trust_lead = person_beside(
        &app,
        SPONSOR,
        "trust-lead@harbour-trust.example",
        Role::Admin,
    )
    .await;
    let list = trust_lead.get("/admin/circles").await;
    assert!(list.body.contains(&format!("data-circle=\"{ics_circle}\"")));
    let page = trust_lead
        .get(&format!("/admin/circles/{ics_circle}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/edit#title"), "Change links shown");
    for form in ["edit", "cancel"] {
        let r = trust_lead
            .get(&format!("/admin/circles/{ics_circle}/{form}"))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "the {form} form was shown");
    }
    let change = trust_lead
        .post_form_owned(
            &format!("/admin/circles/{ics_circle}/edit"),
            &good_form(region.as_str(), fran.as_str(), 20),
        )
        .await;
    assert_eq!(change.status, StatusCode::FORBIDDEN);
    let cancel = trust_lead
        .json(
            "POST",
            &format!("/api/v1/admin/circles/{ics_circle}/cancel"),
            None,
        )
        .await;
    assert_eq!(cancel.status, StatusCode::FORBIDDEN);
    // Their own organisation's circle they may create; the ICS's they may not.
    let trust = {
        let mut conn = app.state.store.conn().await.unwrap();
        let p = Id::parse(&app.person_id("trust-lead@harbour-trust.example").await).unwrap();
        revans_storage::people::get(&mut conn, &p)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    let for_ics = trust_lead
        .post_form_owned(
            "/admin/circles",
            &good_form(region.as_str(), fran.as_str(), 20),
        )
        .await;
    assert_eq!(for_ics.status, StatusCode::UNPROCESSABLE_ENTITY);
    let own = trust_lead
        .post_form_owned(
            "/admin/circles",
            &good_form(trust.as_str(), fran.as_str(), 20),
        )
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "{}", own.body);

    let mut other = app.signed_in(OTHER_ADMIN).await;
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let theirs = other.get("/admin/circles").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(
        !theirs.body.contains("data-circle="),
        "another tenant's circles listed"
    );
    assert_eq!(
        other
            .get(&format!("/admin/circles/{ics_circle}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other
            .json("GET", &format!("/api/v1/admin/circles/{ics_circle}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_api_creates_changes_publishes_and_cancels_and_everyone_booked_is_told() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    let day = |days: i64| {
        jiff::Timestamp::from_millisecond(revans_app::now_ms() + days * DAY)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::get("Europe/London").unwrap())
            .date()
            .to_string()
    };
    let body = |first: String| {
        format!(
            r#"{{"organisation_id":"{region}","title":"Hybrid working","description":"Teams split across places.","topics":["hybrid working"],"delivery_mode":"in_person","delivery_detail":"Room 4, Harbour House","sessions":[{{"date":"{first}","start_time":"14:00","end_time":"15:30"}},{{"date":"{}","start_time":"14:00","end_time":"15:30"}}],"facilitators":["{fran}"]}}"#,
            day(27)
        )
    };
    let typo = lead
        .json("POST", "/api/v1/admin/circles", Some(r#"{"titel":"x"}"#))
        .await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    let made = lead
        .json("POST", "/api/v1/admin/circles", Some(&body(day(20))))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let out: serde_json::Value = serde_json::from_str(&made.body).unwrap();
    assert_eq!(out["min_places"], 6);
    assert_eq!(out["max_places"], 25);
    assert_eq!(out["status"], "draft");
    assert_eq!(out["topics"][0], "hybrid-working");
    assert_eq!(out["sessions"].as_array().unwrap().len(), 2);
    let id = out["id"].as_str().unwrap().to_owned();

    let publish = lead
        .json("POST", &format!("/api/v1/admin/circles/{id}/publish"), None)
        .await;
    assert_eq!(publish.status, StatusCode::NO_CONTENT);
    let booked = book_people(
        &app,
        &Id::parse(&id).unwrap(),
        &region,
        "api-booked",
        2,
        "booked",
    )
    .await;
    let before = app.queued_emails().await.len();
    let moved = lead
        .json(
            "PUT",
            &format!("/api/v1/admin/circles/{id}"),
            Some(&body(day(21))),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let out: serde_json::Value = serde_json::from_str(&moved.body).unwrap();
    assert_eq!(
        out["sequence"], 1,
        "changed sessions bump the calendar's sequence"
    );
    let emails = app.queued_emails().await;
    let told: Vec<&str> = emails[before..]
        .iter()
        .filter(|e| e.subject.contains("times of your circle have changed"))
        .map(|e| e.to.as_str())
        .collect();
    for b in &booked {
        assert!(told.contains(&b.as_str()), "{b} not told of the new times");
    }
    assert!(told.contains(&FACILITATOR), "the facilitator not told");

    let cancel = lead
        .json("POST", &format!("/api/v1/admin/circles/{id}/cancel"), None)
        .await;
    assert_eq!(cancel.status, StatusCode::NO_CONTENT);
    let emails = app.queued_emails().await;
    let cancelled = emails
        .iter()
        .filter(|e| e.subject.contains("Cancelled: the circle"))
        .count();
    assert_eq!(
        cancelled,
        3,
        "two booked and the facilitator, once each: {:?}",
        emails.iter().map(|e| &e.subject).collect::<Vec<_>>()
    );
    let again = lead
        .json("POST", &format!("/api/v1/admin/circles/{id}/cancel"), None)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_report_counts_by_topic_and_organisation_and_hides_small_numbers() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let start = revans_app::now_ms() + 20 * DAY;
    let big = stored_circle(
        &app,
        &region,
        &region,
        &["burnout"],
        "confirmed",
        (6, 25),
        start,
        None,
        &fran,
    )
    .await;
    let trust = {
        let mut conn = app.state.store.conn().await.unwrap();
        let p = Id::parse(&app.person_id(SPONSOR).await).unwrap();
        revans_storage::people::get(&mut conn, &p)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    let small = stored_circle(
        &app,
        &region,
        &trust,
        &["agile-working"],
        "cancelled",
        (6, 25),
        start,
        None,
        &fran,
    )
    .await;
    let many = book_people(&app, &big, &region, "many", 12, "booked").await;
    book_people(&app, &small, &region, "few", 3, "booked").await;
    {
        let mut conn = app.state.store.conn().await.unwrap();
        for (i, email) in many.iter().enumerate() {
            let p = Id::parse(&app.person_id(email).await).unwrap();
            fixtures::attended(&mut conn, &big, &p, i < 9)
                .await
                .unwrap();
        }
    }
    let mut evaluator = app.signed_in(EVALUATOR).await;
    evaluator.bearer = Some(app.api_token(EVALUATOR).await);
    let page = evaluator.get("/admin/circles/report").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Fewer than 8"), "3 bookings shown");
    assert!(page.body.contains("75%"), "9 of 12 present");
    let api = evaluator
        .json("GET", "/api/v1/admin/circles/report", None)
        .await;
    let out: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let topic = |name: &str| {
        out["by_topic"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(topic("burnout")["bookings"], 10, "12 rounds to 10");
    assert_eq!(topic("agile working")["bookings"], serde_json::Value::Null);
    assert_eq!(topic("agile working")["circles_not_run"], 1);
    assert_eq!(
        out["total"]["bookings"], 10,
        "the hidden 3 are not in the total"
    );
    let csv = evaluator.get("/admin/circles/report.csv").await;
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(
        csv.body
            .contains(r#""topic","agile working","0","1","*","*""#),
        "{}",
        csv.body
    );

    let mut participant = app.signed_in(PARTICIPANT).await;
    assert_eq!(
        participant.get("/admin/circles/report").await.status,
        StatusCode::FORBIDDEN
    );
}
