//! The circles' minimum-size sweep (issue 15, C7): at the decision time a circle that reached
//! its minimum is confirmed, one below it is cancelled or (when a circle on the same topic has
//! room) its lead is offered a merge, to accept or decline; an offer left alone is cancelled
//! when the circle was to start. The sweep runs twice and from two app instances at once, and
//! every email goes out once.

use axum::http::StatusCode;
use revans_domain::Id;

use crate::circle_admin::{DAY, book_people, region_with_pool, stored_circle};
use crate::helpers::*;

const HOUR: i64 = 3_600_000;

/// Runs the sweep at `now` from this instance and a second one at the same time, then again.
async fn sweep_twice_from_two_instances(app: &TestApp, now: i64) {
    let second = app.second_instance().await;
    let (a, b) = tokio::join!(
        revans_app::sweeps::run_once(&app.state, now),
        revans_app::sweeps::run_once(&second, now),
    );
    assert_eq!(a.unwrap().failed + b.unwrap().failed, 0);
    let again = revans_app::sweeps::run_once(&app.state, now).await.unwrap();
    assert_eq!(
        again.circles,
        Default::default(),
        "the second sweep decided again"
    );
}

async fn status(app: &TestApp, id: &Id) -> (String, i64, Option<Id>) {
    let mut conn = app.state.store.conn().await.unwrap();
    let c = revans_storage::circles::get(&mut conn, id)
        .await
        .unwrap()
        .unwrap();
    (c.status, c.booked, c.merged_into)
}

/// How many queued emails went to `to` with a subject containing `subject`.
fn sent(emails: &[revans_web::mail::OutgoingEmail], to: &str, subject: &str) -> usize {
    emails
        .iter()
        .filter(|e| e.to == to && e.subject.contains(subject))
        .count()
}

#[tokio::test]
async fn a_circle_at_its_minimum_is_confirmed_once() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let start = revans_app::now_ms() + 10 * DAY;
    let circle = stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (3, 25),
        start,
        None,
        &fran,
    )
    .await;
    let booked = book_people(&app, &circle, &region, "ok", 3, "booked").await;
    let decide_at = start - 48 * HOUR;
    let early = revans_app::sweeps::run_once(&app.state, decide_at - 1)
        .await
        .unwrap();
    assert_eq!(early.circles.confirmed, 0, "decided before its time");

    sweep_twice_from_two_instances(&app, decide_at).await;
    assert_eq!(status(&app, &circle).await.0, "confirmed");
    let emails = app.queued_emails().await;
    for to in booked.iter().map(String::as_str).chain([FACILITATOR]) {
        assert_eq!(sent(&emails, to, "is going ahead"), 1, "{to}");
    }
    let one = emails
        .iter()
        .find(|e| e.to == booked[0] && e.subject.contains("is going ahead"))
        .unwrap();
    assert!(
        one.text.contains("Support circle: Circle on resilience"),
        "{}",
        one.text
    );
    assert!(
        one.text.contains(&format!("/circles/{circle}")),
        "{}",
        one.text
    );
    assert!(
        one.text.contains("(Europe/London)"),
        "the zone is named: {}",
        one.text
    );
}

#[tokio::test]
async fn a_circle_below_its_minimum_with_nothing_to_merge_into_is_cancelled_once() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let start = revans_app::now_ms() + 10 * DAY;
    let circle = stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (6, 25),
        start,
        None,
        &fran,
    )
    .await;
    // A circle on another topic does not count.
    stored_circle(
        &app,
        &region,
        &region,
        &["agile-working"],
        "published",
        (6, 25),
        start + DAY,
        None,
        &fran,
    )
    .await;
    let booked = book_people(&app, &circle, &region, "few", 2, "booked").await;
    let waiting = book_people(&app, &circle, &region, "wait", 1, "waiting").await;
    sweep_twice_from_two_instances(&app, start - 48 * HOUR).await;
    assert_eq!(status(&app, &circle).await.0, "cancelled");
    let emails = app.queued_emails().await;
    for to in booked.iter().chain(&waiting) {
        assert_eq!(sent(&emails, to, "Cancelled: the circle"), 1, "{to}");
    }
}

#[tokio::test]
async fn a_lead_offered_a_merge_accepts_and_the_bookings_move_within_places() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let start = revans_app::now_ms() + 10 * DAY;
    let small = stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (6, 25),
        start,
        Some(&lead),
        &fran,
    )
    .await;
    // Too few places for the two booked: never offered.
    let full = stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (1, 1),
        start + DAY,
        None,
        &fran,
    )
    .await;
    book_people(&app, &full, &region, "full", 1, "booked").await;
    let roomy = stored_circle(
        &app,
        &region,
        &region,
        &["resilience", "wellbeing"],
        "published",
        (2, 10),
        start + 3 * DAY,
        None,
        &fran,
    )
    .await;
    book_people(&app, &roomy, &region, "there", 1, "booked").await;
    let moving = book_people(&app, &small, &region, "move", 2, "booked").await;

    sweep_twice_from_two_instances(&app, start - 48 * HOUR).await;
    assert_eq!(
        status(&app, &small).await.0,
        "published",
        "cancelled, not offered"
    );
    let emails = app.queued_emails().await;
    assert_eq!(
        sent(
            &emails,
            ADMIN,
            "Merge \"Circle on resilience\" with another circle?"
        ),
        1
    );
    assert_eq!(sent(&emails, &moving[0], "Cancelled"), 0);

    let mut page = app.signed_in(ADMIN).await;
    let shown = page.get(&format!("/admin/circles/{small}")).await;
    assert!(shown.body.contains("data-merge-offered"), "no merge banner");
    assert!(shown.body.contains(&format!("/admin/circles/{roomy}")));
    let list = page.get("/admin/circles").await;
    assert!(list.body.contains("Merge offered"));

    let merged = page
        .post_form(&format!("/admin/circles/{small}/merge"), &[])
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
    assert_eq!(
        status(&app, &small).await,
        ("merged".into(), 0, Some(roomy.clone()))
    );
    assert_eq!(status(&app, &roomy).await.1, 3);
    let emails = app.queued_emails().await;
    for to in &moving {
        assert_eq!(sent(&emails, to, "Your circle has moved to"), 1, "{to}");
    }
    let again = page
        .post_form(&format!("/admin/circles/{small}/merge"), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // Later sweeps leave it alone.
    revans_app::sweeps::run_once(&app.state, start)
        .await
        .unwrap();
    assert_eq!(status(&app, &small).await.0, "merged");
    let emails = app.queued_emails().await;
    assert_eq!(sent(&emails, &moving[0], "Cancelled"), 0);
}

#[tokio::test]
async fn a_merge_declined_or_left_alone_cancels_the_circle_once() {
    let app = TestApp::spawn().await;
    let (region, fran) = region_with_pool(&app).await;
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let start = revans_app::now_ms() + 10 * DAY;
    let declined = stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (6, 25),
        start,
        Some(&lead),
        &fran,
    )
    .await;
    let ignored = stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (6, 25),
        start + HOUR,
        Some(&lead),
        &fran,
    )
    .await;
    stored_circle(
        &app,
        &region,
        &region,
        &["resilience"],
        "published",
        (2, 25),
        start + 2 * DAY,
        None,
        &fran,
    )
    .await;
    let a = book_people(&app, &declined, &region, "dec", 1, "booked").await;
    let b = book_people(&app, &ignored, &region, "ign", 1, "booked").await;
    sweep_twice_from_two_instances(&app, start - 47 * HOUR).await;
    assert_eq!(
        sent(
            &app.queued_emails().await,
            ADMIN,
            "Merge \"Circle on resilience\" with another circle?"
        ),
        2
    );

    let mut lead_api = app.signed_in(ADMIN).await;
    lead_api.bearer = Some(app.api_token(ADMIN).await);
    let r = lead_api
        .json(
            "POST",
            &format!("/api/v1/admin/circles/{declined}/decline-merge"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(status(&app, &declined).await.0, "cancelled");

    // Left alone: still offered until the first session starts, then cancelled once.
    revans_app::sweeps::run_once(&app.state, start + HOUR - 1)
        .await
        .unwrap();
    assert_eq!(status(&app, &ignored).await.0, "published");
    sweep_twice_from_two_instances(&app, start + HOUR).await;
    assert_eq!(status(&app, &ignored).await.0, "cancelled");
    let emails = app.queued_emails().await;
    assert_eq!(sent(&emails, &a[0], "Cancelled: the circle"), 1);
    assert_eq!(sent(&emails, &b[0], "Cancelled: the circle"), 1);
}
