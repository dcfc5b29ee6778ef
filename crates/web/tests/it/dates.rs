//! Dates and times as people type and read them (issue 11, item 5): the GOV.UK date input,
//! UK day-first dates, the plain repeat builder, a last day to apply that lasts until midnight
//! in the cohort's zone, and times shown in the reader's own zone, never in UTC.

use axum::http::StatusCode;
use jiff::civil::{Date, Weekday};

use crate::helpers::*;

/// A new draft programme; returns its page.
async fn draft_programme(lead: &mut Client) -> String {
    lead.get("/admin/programmes/new").await;
    let r = lead
        .post_form(
            "/admin/programmes",
            &[
                ("title", "Dates done right"),
                ("summary", "Six half days"),
                ("kind", "train_the_trainer"),
                ("delivery_mode", "virtual"),
                ("delivery_detail", "https://meet.example/x"),
                ("eligibility", "Two years in post"),
                ("questions", "Why now?"),
                ("nomination_cap", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.location.unwrap();
    location.split('?').next().unwrap().to_owned()
}

/// The next Thursday in March of a year well ahead, so the test does not age.
fn first_thursday_of_march(year: i16) -> Date {
    let mut d = Date::new(year, 3, 1).unwrap();
    while d.weekday() != Weekday::Thursday {
        d = d.tomorrow().unwrap();
    }
    d
}

fn boxes(name: &str, d: Date) -> Vec<(String, String)> {
    vec![
        (format!("{name}_day"), d.day().to_string()),
        (format!("{name}_month"), d.month().to_string()),
        (format!("{name}_year"), d.year().to_string()),
    ]
}

fn year_ahead() -> i16 {
    jiff::Zoned::now().year() + 2
}

fn repeating_cohort(closes_on: Date, first: Date) -> Vec<(String, String)> {
    let today = jiff::Zoned::now().date();
    let mut form: Vec<(String, String)> = [
        ("name", "Spring"),
        ("capacity", "12"),
        ("timezone", "Europe/London"),
        ("schedule_kind", "recurrence"),
        ("start_time", "09:30"),
        ("duration_minutes", "180"),
        ("every_weeks", "2"),
        ("session_count", "9"),
        ("completion_rule", "all"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    form.extend(boxes("opens_on", today));
    form.extend(boxes("closes_on", closes_on));
    form.extend(boxes("start_date", first));
    form
}

#[tokio::test]
async fn every_other_thursday_nine_times_from_the_date_boxes() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in("lead@northcoast-ics.example").await;
    let page = draft_programme(&mut lead).await;
    let year = year_ahead();
    let first = first_thursday_of_march(year);
    let last_day = Date::new(year - 1, 12, 31).unwrap();
    lead.get(&page).await;
    let r = lead
        .post_form_owned(
            &format!("{page}/cohorts"),
            &repeating_cohort(last_day, first),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let mut conn = app.state.store.conn().await.unwrap();
    let programme =
        revans_domain::Id::parse(page.trim_start_matches("/admin/programmes/")).unwrap();
    let cohort = revans_storage::cohorts::list_for_programme(&mut conn, &programme)
        .await
        .unwrap()
        .remove(0);
    let sessions = revans_storage::cohorts::sessions(&mut conn, &cohort.id)
        .await
        .unwrap();
    let london = jiff::tz::TimeZone::get("Europe/London").unwrap();
    let days: Vec<Date> = sessions
        .iter()
        .map(|s| {
            jiff::Timestamp::from_millisecond(s.starts_at)
                .unwrap()
                .to_zoned(london.clone())
                .date()
        })
        .collect();
    assert_eq!(days.len(), 9, "nine sessions");
    assert_eq!(days[0], first);
    for pair in days.windows(2) {
        assert_eq!(
            pair[0].until(pair[1]).unwrap().get_days(),
            14,
            "every other week"
        );
        assert_eq!(pair[1].weekday(), Weekday::Thursday);
    }
    // Open until midnight at the end of 31 December, London time (GMT then).
    let midnight = Date::new(year, 1, 1)
        .unwrap()
        .to_zoned(london.clone())
        .unwrap()
        .timestamp()
        .as_millisecond();
    assert_eq!(cohort.closes_at, midnight);

    // What a lead and a visitor read: the day itself, not "1 Jan 00:00 UTC".
    let shown = lead.get(&page).await;
    let want = format!("The last day to apply is 31 December {}", year - 1);
    assert!(shown.body.contains(&want), "{}", shown.body);
    assert!(!shown.body.contains("UTC"), "no UTC on the lead's page");
    let edit = lead
        .get(&format!("/admin/cohorts/{}/edit", cohort.id))
        .await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.body);
    assert!(
        edit.body
            .contains(r#"name="closes_on_day" type="text" inputmode="numeric" value="31""#),
        "the edit form fills the date boxes again"
    );
}

#[tokio::test]
async fn impossible_and_half_typed_dates_are_named_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in("lead@northcoast-ics.example").await;
    let page = draft_programme(&mut lead).await;
    let year = year_ahead();
    let mut form = repeating_cohort(
        Date::new(year - 1, 12, 31).unwrap(),
        first_thursday_of_march(year),
    );
    for (k, v) in form.iter_mut() {
        match k.as_str() {
            "closes_on_month" => *v = "2".into(),
            "closes_on_day" => *v = "31".into(),
            "start_date_month" => v.clear(),
            "session_count" => *v = "many".into(),
            _ => {}
        }
    }
    lead.get(&page).await;
    let r = lead
        .post_form_owned(&format!("{page}/cohorts"), &form)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for (anchor, message) in [
        ("#closes_on", "The last day to apply must be a real date"),
        (
            "#start_date",
            "The date of the first session must include a month",
        ),
        (
            "#session_count",
            "Enter how many sessions there are, like 9",
        ),
    ] {
        assert!(
            r.body
                .contains(&format!(r##"<a href="{anchor}">{message}</a>"##)),
            "error summary links {anchor} with {message:?}:\n{}",
            r.body
        );
    }
    // The summary lists the errors in the order the form asks.
    let at = |anchor: &str| r.body.find(&format!(r#"<a href="{anchor}">"#)).unwrap();
    assert!(at("#closes_on") < at("#start_date"));
    assert!(at("#start_date") < at("#session_count"));
    let mut conn = app.state.store.conn().await.unwrap();
    let programme =
        revans_domain::Id::parse(page.trim_start_matches("/admin/programmes/")).unwrap();
    let cohorts = revans_storage::cohorts::list_for_programme(&mut conn, &programme)
        .await
        .unwrap();
    assert!(cohorts.is_empty(), "nothing saved");
}

#[tokio::test]
async fn session_lists_take_uk_dates() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in("lead@northcoast-ics.example").await;
    let page = draft_programme(&mut lead).await;
    let year = year_ahead();
    let today = jiff::Zoned::now().date();
    let mut form: Vec<(String, String)> = [
        ("name", "Listed"),
        ("capacity", "12"),
        ("timezone", "Europe/London"),
        ("schedule_kind", "explicit"),
        ("completion_rule", "all"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    form.push((
        "sessions".into(),
        format!("5/3/{year} 09:30-13:00\n19/3/{year} 09:30-13:00"),
    ));
    form.push(("opens_on".into(), today.strftime("%-d/%-m/%Y").to_string()));
    form.push(("closes_on".into(), format!("31 January {year}")));
    lead.get(&page).await;
    let r = lead
        .post_form_owned(&format!("{page}/cohorts"), &form)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = lead.get(&page).await;
    assert!(
        shown
            .body
            .contains(&format!("The last day to apply is 31 January {year}")),
        "{}",
        shown.body
    );
}

#[tokio::test]
async fn times_are_shown_in_the_readers_zone() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in("lead@northcoast-ics.example").await;
    let r = lead
        .post_form("/account/tokens", &[("name", "laptop"), ("days", "30")])
        .await;
    assert!(
        r.status.is_redirection() || r.status == StatusCode::OK,
        "{}",
        r.body
    );
    let page = lead.get("/account/tokens").await;
    assert!(
        page.body.contains(" GMT") || page.body.contains(" BST"),
        "London time by default: {}",
        page.body
    );
    assert!(!page.body.contains("UTC"));

    lead.get("/account").await;
    let r = lead
        .post_form("/account/timezone", &[("timezone", "Europe/Berlin")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = lead.get("/account/tokens").await;
    assert!(
        page.body.contains(" CET") || page.body.contains(" CEST"),
        "Berlin time once chosen: {}",
        page.body
    );
    let audit = lead.get("/admin/audit").await;
    assert!(audit.body.contains(" CET") || audit.body.contains(" CEST"));
    assert!(!audit.body.contains("UTC"));
}

#[tokio::test]
async fn a_meeting_moves_by_the_date_boxes_and_a_missing_year_is_named() {
    let app = TestApp::spawn().await;
    let demo = crate::meeting_pages::demo(&app).await;
    let meeting = demo.next.id.to_string();
    let london = jiff::tz::TimeZone::get("Europe/London").unwrap();
    let then = jiff::Timestamp::from_millisecond(demo.next.starts_at)
        .unwrap()
        .to_zoned(london.clone());
    let new_day = then.date().tomorrow().unwrap();
    let mut fran = app.signed_in(FACILITATOR).await;
    fran.get(&format!("/meetings/{meeting}")).await;
    let post = |year: String| {
        vec![
            ("change".to_owned(), "move".to_owned()),
            ("date_day".to_owned(), new_day.day().to_string()),
            ("date_month".to_owned(), new_day.month().to_string()),
            ("date_year".to_owned(), year),
            ("start_time".to_owned(), "10:00".to_owned()),
            ("duration_minutes".to_owned(), "120".to_owned()),
        ]
    };
    let r = fran
        .post_form_owned(&format!("/meetings/{meeting}/change"), &post(String::new()))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains(r##"<a href="#date">The date must include a year</a>"##),
        "{}",
        r.body
    );
    let r = fran
        .post_form_owned(
            &format!("/meetings/{meeting}/change"),
            &post(new_day.year().to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    let moved = revans_storage::meetings::get(&mut conn, &demo.next.id)
        .await
        .unwrap()
        .unwrap();
    let at = jiff::Timestamp::from_millisecond(moved.starts_at)
        .unwrap()
        .to_zoned(london);
    assert_eq!((at.date(), at.hour(), at.minute()), (new_day, 10, 0));
}
