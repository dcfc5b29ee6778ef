//! Support circles (issue 15, C7) through the pages and the API: the public calendar and its
//! filters, the embeddable calendar's framing headers, booking until full then the waiting
//! list, cancelling that offers the place to the first in line, an offer lapsing to the next,
//! reminders sent once, attendance by the circle's own facilitators only, and the feeds.

use axum::http::StatusCode;
use revans_domain::{Id, Role};
use revans_storage::circles::{self, CircleFields, CircleSession};

use crate::helpers::*;

const HOUR: i64 = 3_600_000;

/// The demo's burnout circle (the access matrix's {circle}).
pub(crate) async fn demo_circle(app: &TestApp) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    let region = region(app).await;
    let rows = revans_storage::circle_calendar::upcoming(
        &mut conn,
        &region,
        &revans_storage::circle_calendar::Filter::default(),
    )
    .await
    .unwrap();
    rows.into_iter()
        .find(|r| r.title == "Burnout: noticing it early")
        .expect("the demo's burnout circle")
        .id
}

/// The demo region (the lead's organisation).
async fn region(app: &TestApp) -> Id {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::people::get(&mut conn, &Id::parse(&app.person_id(ADMIN).await).unwrap())
        .await
        .unwrap()
        .unwrap()
        .organisation_id
}

/// A published circle of the demo region with `places`, starting `starts_in` from now,
/// facilitated by `facilitator`.
pub(crate) async fn circle_with(
    app: &TestApp,
    places: i64,
    starts_in: i64,
    facilitator: &str,
) -> String {
    let region = region(app).await;
    let start = revans_storage::now_ms() + starts_in;
    let fields = CircleFields {
        organisation_id: region.clone(),
        cohort_id: None,
        title: "Small circle".into(),
        description: "For the test.".into(),
        topics: vec!["test-topic".into()],
        // One booking reaches the minimum, so the minimum-size sweep confirms these circles.
        min_places: 1,
        max_places: places,
        delivery_mode: "virtual".into(),
        delivery_detail: "https://meet.example/small".into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: vec![CircleSession {
            starts_at: start,
            ends_at: start + HOUR,
        }],
        facilitators: vec![Id::parse(facilitator).unwrap()],
    };
    let mut tx = app.state.store.begin().await.unwrap();
    let id = circles::insert(&mut tx, &region, &fields, "published", None)
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();
    id.to_string()
}

async fn booked(app: &TestApp, circle: &str) -> i64 {
    let mut conn = app.state.store.conn().await.unwrap();
    circles::get(&mut conn, &Id::parse(circle).unwrap())
        .await
        .unwrap()
        .unwrap()
        .booked
}

#[tokio::test]
async fn the_calendar_is_public_filtered_and_embeddable() {
    let app = TestApp::spawn().await;
    let region = region(&app).await;
    let mut anon = app.client();
    // Two regions (the demo's and another tenant's): a visitor picks one.
    let r = anon.get("/circles").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Which region do you work in?"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("Burnout: noticing it early"));

    let r = anon.get(&format!("/circles?region={region}")).await;
    assert_eq!(r.status, StatusCode::OK);
    for title in [
        "Burnout: noticing it early",
        "Hybrid working: keeping a team together",
        "Agile working in health and care",
    ] {
        assert!(r.body.contains(title), "{title} missing");
    }
    assert!(r.body.contains("12 of 12 places left"));
    // A virtual circle's link is only for people with a place.
    assert!(!r.body.contains("meet.example"));

    let r = anon
        .get(&format!(
            "/circles?region={region}&topic=hybrid-working&view=list"
        ))
        .await;
    assert!(r.body.contains("Hybrid working: keeping a team together"));
    assert!(!r.body.contains("Burnout: noticing it early"));
    assert!(r.body.contains("id=\"circle-list\""));
    let r = anon
        .get(&format!("/circles?region={region}&mode=in_person"))
        .await;
    assert!(r.body.contains("Hybrid working"));
    assert!(!r.body.contains("Agile working in health"));
    let r = anon
        .get(&format!("/circles?region={region}&from=31/2/2027"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("There is a problem"));

    // Signed in, the person's own region without asking; another tenant sees none of these.
    let mut pat = app.signed_in(PARTICIPANT).await;
    assert!(
        pat.get("/circles")
            .await
            .body
            .contains("Burnout: noticing it early")
    );
    let mut other = app.signed_in(OTHER_ADMIN).await;
    assert!(
        !other
            .get("/circles")
            .await
            .body
            .contains("Burnout: noticing it early")
    );

    // The embeddable calendar: no site header, framable by anyone; the rest is not.
    let r = anon.get(&format!("/circles/embed?region={region}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Burnout: noticing it early"));
    assert!(!r.body.contains("Skip to main content"));
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(!r.headers.contains_key("x-frame-options"));
    let r = anon.get(&format!("/circles?region={region}")).await;
    assert_eq!(r.headers["x-frame-options"], "DENY");
    assert!(
        r.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );

    // The API twin: the caller's region, filtered.
    let token = app.api_token(PARTICIPANT).await;
    let r = anon
        .json_with_token("GET", "/api/v1/circles?topic=burnout", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let titles: Vec<&str> = v["circles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    // Soonest first: the demo's circle below its minimum shares the burnout tag.
    assert_eq!(
        titles,
        [
            "Burnout and hybrid working: a quick reset",
            "Burnout: noticing it early"
        ]
    );
    assert_eq!(v["circles"][1]["places_left"], 12);
    assert_eq!(v["circles"][1]["sessions"].as_array().unwrap().len(), 2);
    let r = anon
        .json_with_token("GET", "/api/v1/circles?colour=red", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}

#[tokio::test]
async fn booking_fills_the_circle_then_the_waiting_list_and_a_freed_place_goes_to_the_first_in_line()
 {
    let app = TestApp::spawn().await;
    let fran = app.person_id(FACILITATOR).await;
    let circle = circle_with(&app, 2, 10 * 24 * HOUR, &fran).await;
    let path = format!("/circles/{circle}");

    // Signed out: the page asks them to sign in and come back.
    let r = app.client().get(&path).await;
    assert!(r.body.contains(&format!("/sign-in?next=/circles/{circle}")));

    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = pat.post_form(&format!("{path}/book"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = pat.get(r.location.as_deref().unwrap()).await;
    assert!(r.body.contains("You have a place on this circle"));
    // With a place, the meeting link shows.
    assert!(r.body.contains("https://meet.example/small"));
    // Twice is refused.
    let r = pat.post_form(&format!("{path}/book"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let mut sam = app.signed_in(SPONSOR).await;
    sam.post_form(&format!("{path}/book"), &[]).await;
    assert_eq!(booked(&app, &circle).await, 2);

    // Full: the next two wait, in order, through the API.
    let eve_token = app.api_token(EVALUATOR).await;
    let lead_token = app.api_token(ADMIN).await;
    let mut api = app.client();
    let r = api
        .json_with_token("POST", &format!("/api/v1{path}/booking"), None, &eve_token)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.contains(r#""status":"waiting""#) && r.body.contains(r#""position":1"#));
    let r = api
        .json_with_token("POST", &format!("/api/v1{path}/booking"), None, &lead_token)
        .await;
    assert!(r.body.contains(r#""position":2"#), "{}", r.body);
    assert_eq!(booked(&app, &circle).await, 2);

    // Someone of another tenant cannot book, and is told why.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let r = other.get(&path).await;
    assert!(r.body.contains("yours is not one of them"), "{}", r.body);
    assert!(!r.body.contains("Book a place"));
    let r = other.post_form(&format!("{path}/book"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let other_token = app.api_token(OTHER_ADMIN).await;
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1{path}/booking"),
            None,
            &other_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("yours is not one of them"), "{}", r.body);

    // Pat cancels: the place is held for Eve (first in line) and she is emailed.
    let r = pat.post_form(&format!("{path}/cancel"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(booked(&app, &circle).await, 2);
    let emails = app.queued_emails().await;
    let offer = emails
        .iter()
        .find(|e| e.to == EVALUATOR && e.subject.contains("Small circle"))
        .expect("an offer email to the first in line");
    assert!(offer.text.contains("/circles/mine"));
    let r = api
        .json_with_token("GET", "/api/v1/circles/mine", None, &lead_token)
        .await;
    assert!(r.body.contains(r#""position":1"#), "{}", r.body);

    // Nobody else can take the held place.
    let mut pat_again = app.signed_in(PARTICIPANT).await;
    let r = pat_again.post_form(&format!("{path}/book"), &[]).await;
    let r = pat_again.get(r.location.as_deref().unwrap()).await;
    assert!(r.body.contains("number 2 in line"), "{}", r.body);

    // Eve lets the offer lapse: the sweep passes it to the lead.
    let later = revans_storage::now_ms() + 25 * HOUR;
    let swept = revans_app::sweeps::run_once(&app.state, later)
        .await
        .unwrap();
    assert_eq!(swept.circle_offers_lapsed, 1);
    let again = revans_app::sweeps::run_once(&app.state, later)
        .await
        .unwrap();
    assert_eq!(again.circle_offers_lapsed, 0);
    let r = api
        .json_with_token("GET", &format!("/api/v1{path}"), None, &eve_token)
        .await;
    assert!(r.body.contains(r#""booking":null"#), "{}", r.body);
    // The lead's offer expires at the sweep's time + a day, so accept it now.
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1{path}/booking/accept"),
            None,
            &lead_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api
        .json_with_token("GET", &format!("/api/v1{path}"), None, &lead_token)
        .await;
    assert!(r.body.contains(r#""booking":"booked""#), "{}", r.body);
    assert_eq!(booked(&app, &circle).await, 2);

    // My circles lists the booking with a cancel button; cancelling through the API frees the
    // place for Pat, now first in line.
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead.get("/circles/mine").await;
    assert!(r.body.contains("Small circle") && r.body.contains("You have a place"));
    let r = api
        .json_with_token(
            "DELETE",
            &format!("/api/v1{path}/booking"),
            None,
            &lead_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = pat_again.get("/circles/mine").await;
    assert!(r.body.contains("A place is held for you"), "{}", r.body);
    let actions = app.audit_actions().await;
    for a in [
        "circle.booked",
        "circle.waiting",
        "circle.cancelled",
        "circle.offer_lapsed",
        "circle.offer_accepted",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} not audited");
    }
}

#[tokio::test]
async fn a_place_cannot_be_cancelled_after_the_deadline() {
    let app = TestApp::spawn().await;
    let fran = app.person_id(FACILITATOR).await;
    // Starts in 12 hours; places can be cancelled until 24 hours before.
    let circle = circle_with(&app, 6, 12 * HOUR, &fran).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.post_form(&format!("/circles/{circle}/book"), &[]).await;
    let r = pat.get(&format!("/circles/{circle}")).await;
    assert!(r.body.contains("too late to cancel online"));
    let r = pat
        .post_form(&format!("/circles/{circle}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(booked(&app, &circle).await, 1);
}

#[tokio::test]
async fn reminders_go_once_a_day_before_and_attendance_is_for_the_circles_own_facilitators() {
    let app = TestApp::spawn().await;
    let fran = app.person_id(FACILITATOR).await;
    let circle = circle_with(&app, 6, 3 * 24 * HOUR, &fran).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.post_form(&format!("/circles/{circle}/book"), &[]).await;

    // A day before: one reminder each to Pat and Fran, once, even from a second instance.
    let start = revans_storage::now_ms() + 3 * 24 * HOUR;
    let swept = revans_app::sweeps::run_once(&app.state, start - 30 * HOUR)
        .await
        .unwrap();
    assert_eq!(swept.circle_reminders, 0);
    let second = app.second_instance().await;
    let swept = revans_app::sweeps::run_once(&second, start - 20 * HOUR)
        .await
        .unwrap();
    assert!(swept.circle_reminders >= 1);
    let swept = revans_app::sweeps::run_once(&app.state, start - 19 * HOUR)
        .await
        .unwrap();
    assert_eq!(swept.circle_reminders, 0);
    let reminders: Vec<_> = app
        .queued_emails()
        .await
        .into_iter()
        .filter(|e| e.subject.contains("Reminder: Small circle"))
        .collect();
    let mut to: Vec<&str> = reminders.iter().map(|e| e.to.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, [FACILITATOR, PARTICIPANT]);

    // Another circle's facilitator may not see or record this one's attendance.
    let mut other_fac = person_beside(
        &app,
        FACILITATOR,
        "fac2@northcoast-ics.example",
        Role::Facilitator,
    )
    .await;
    let theirs = circle_with(
        &app,
        6,
        3 * 24 * HOUR,
        &app.person_id("fac2@northcoast-ics.example").await,
    )
    .await;
    assert_eq!(
        other_fac
            .get(&format!("/circles/{theirs}/attendance"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        other_fac
            .get(&format!("/circles/{circle}/attendance"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let pat_id = app.person_id(PARTICIPANT).await;
    let r = other_fac
        .json(
            "PUT",
            &format!("/api/v1/circles/{circle}/attendance"),
            Some(&format!(r#"{{"session":1,"present":["{pat_id}"]}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Fran records Pat present, then corrects it; a stranger is refused by name.
    let mut fran_c = app.signed_in(FACILITATOR).await;
    let r = fran_c
        .post_form(
            &format!("/circles/{circle}/attendance"),
            &[("session", "1"), ("present", &pat_id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = fran_c.get(&format!("/circles/{circle}/attendance")).await;
    assert!(r.body.contains("Present"), "{}", r.body);
    let fran_token = app.api_token(FACILITATOR).await;
    let r = fran_c
        .json_with_token(
            "PUT",
            &format!("/api/v1/circles/{circle}/attendance"),
            Some(r#"{"session":1,"present":[]}"#),
            &fran_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["people"][0]["present"][0], false);
    let r = fran_c
        .json_with_token(
            "PUT",
            &format!("/api/v1/circles/{circle}/attendance"),
            Some(&format!(r#"{{"session":1,"present":["{fran}"]}}"#)),
            &fran_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = fran_c
        .json_with_token(
            "PUT",
            &format!("/api/v1/circles/{circle}/attendance"),
            Some(r#"{"session":9,"present":[]}"#),
            &fran_token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

/// Parses with python's icalendar and prints "uid summary" per event.
const PARSE: &str = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    assert ev.get('DTSTAMP') and ev.get('DTSTART') and ev.get('DTEND')
    print(ev.get('UID'), int(ev.decoded('DTSTART').timestamp()), ev.get('SUMMARY'))
"#;

async fn parse(body: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, body).unwrap();
    let out = tokio::process::Command::new("python3")
        .arg("-c")
        .arg(PARSE)
        .arg(&path)
        .output()
        .await
        .expect("python3 with icalendar");
    assert!(
        out.status.success(),
        "python icalendar refused the file: {}\n{body}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
#[ignore = "needs python3 with icalendar (pip install icalendar)"]
async fn circle_feeds_parse_with_python_icalendar() {
    let app = TestApp::spawn().await;
    let region = region(&app).await;
    let mut anon = app.client();
    let r = anon.get(&format!("/circles.ics?region={region}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type.starts_with("text/calendar"));
    let events = parse(&r.body).await;
    // Two sessions of the burnout circle, one each of the other three published ones (the
    // draft is not in it).
    assert_eq!(events.len(), 5, "{events:?}");
    let r = anon
        .get(&format!("/circles/topics/burnout.ics?region={region}"))
        .await;
    let events = parse(&r.body).await;
    // The burnout circle's two sessions and the one tagged burnout and hybrid working.
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(events.iter().all(|e| e.contains("Burnout")));

    // Pat books the burnout circle: their private feed gains both its sessions.
    let circle = demo_circle(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.post_form(&format!("/circles/{circle}/book"), &[]).await;
    let r = pat.post_form("/account/calendar", &[]).await;
    let start = r.body.find("/calendar/").unwrap();
    let end = start + r.body[start..].find(".ics").unwrap() + 4;
    let feed = app.client().get(&r.body[start..end]).await;
    let events = parse(&feed.body).await;
    let circle_events: Vec<&String> = events
        .iter()
        .filter(|e| e.starts_with(&format!("circle-{circle}-")))
        .collect();
    assert_eq!(circle_events.len(), 2, "{events:?}");
}
