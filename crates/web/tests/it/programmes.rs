//! Programmes, cohorts, applications and places through the pages: the whole journey from
//! publishing to the next person in line being offered a freed place, and every kind of bad
//! input the issue lists, each with a specific error and nothing saved.

use axum::http::StatusCode;

use crate::helpers::*;

const BO: &str = "participant@bay-council.example";

fn day(offset: i64) -> String {
    jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * offset))
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

fn id_after<'a>(location: &'a str, prefix: &str) -> &'a str {
    location
        .trim_start_matches(prefix)
        .split(['?', '/'])
        .next()
        .unwrap()
}

/// Creates and publishes a programme with one cohort; returns (programme id, cohort id).
pub(crate) async fn published(
    app: &TestApp,
    lead: &mut Client,
    title: &str,
    cap: &str,
    capacity: &str,
) -> (String, String) {
    published_asking(app, lead, title, cap, capacity, "Why now?").await
}

/// `published`, with the programme's own questions (one per line).
async fn published_asking(
    app: &TestApp,
    lead: &mut Client,
    title: &str,
    cap: &str,
    capacity: &str,
    questions: &str,
) -> (String, String) {
    lead.get("/admin/programmes/new").await;
    let r = lead
        .post_form(
            "/admin/programmes",
            &[
                ("title", title),
                ("summary", "Two half days of training"),
                ("kind", "train_the_trainer"),
                ("delivery_mode", "virtual"),
                ("delivery_detail", "https://meet.example/x"),
                ("eligibility", "Two years of facilitation\nConfident online"),
                ("confirmations", "I discussed this with my OD lead"),
                ("questions", questions),
                ("nomination_cap", cap),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let programme = id_after(r.location.as_deref().unwrap(), "/admin/programmes/").to_owned();
    let page = format!("/admin/programmes/{programme}");
    lead.get(&page).await;
    let form = cohort_form(capacity, &sessions());
    let r = lead
        .post_form(&format!("{page}/cohorts"), &pairs(&form))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = lead
        .post_form(&format!("{page}/status"), &[("status", "published")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cohort = cohort_of(app, &programme).await;
    (programme, cohort)
}

fn sessions() -> String {
    format!("{} 09:30-13:00\n{} 09:30-13:00", day(40), day(41))
}

fn cohort_form<'a>(capacity: &'a str, sessions: &'a str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Cohort 1".into()),
        ("capacity", capacity.into()),
        ("opens_on", day(-1)),
        ("closes_on", day(20)),
        ("timezone", "Europe/London".into()),
        ("schedule_kind", "explicit".into()),
        ("sessions", sessions.into()),
        ("completion_rule", "all".into()),
    ]
}

async fn cohort_of(app: &TestApp, programme: &str) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    let id = revans_domain::Id::parse(programme).unwrap();
    revans_storage::cohorts::list_for_programme(&mut conn, &id)
        .await
        .unwrap()
        .remove(0)
        .id
        .to_string()
}

async fn apply(c: &mut Client, programme: &str, cohort: &str, answer: &str) -> Response {
    c.get(&format!("/programmes/{programme}/apply")).await;
    c.post_form(
        &format!("/programmes/{programme}/apply"),
        &[
            ("eligibility", "0"),
            ("eligibility", "1"),
            ("confirmations", "0"),
            ("answers", answer),
            ("preferences", cohort),
            ("action", "submit"),
        ],
    )
    .await
}

/// The organisation a demo person belongs to.
async fn org_of(app: &TestApp, email: &str) -> revans_domain::Id {
    let mut conn = app.state.store.conn().await.unwrap();
    let id = revans_domain::Id::parse(&app.person_id(email).await).unwrap();
    revans_storage::people::get(&mut conn, &id)
        .await
        .unwrap()
        .unwrap()
        .organisation_id
}

async fn application_id(app: &TestApp, programme: &str, email: &str) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    let person = revans_domain::Id::parse(&app.person_id(email).await).unwrap();
    let p = revans_domain::Id::parse(programme).unwrap();
    revans_storage::applications::find_for_person(&mut conn, &p, &person)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let mut conn = app.state.store.conn().await.unwrap();
    sqlx_count(&mut conn, table).await
}

/// Rows of `table` (programmes, cohorts or applications) across every tenant.
async fn sqlx_count(conn: &mut revans_storage::Conn, table: &str) -> i64 {
    use revans_storage::{applications, programmes};
    let mut n = 0;
    for p in revans_storage::organisations::list_all(conn).await.unwrap() {
        if p.parent_id.is_none() {
            let list = programmes::list_in_tree(conn, &p.id).await.unwrap();
            n += match table {
                "programmes" => list.len() as i64,
                "cohorts" => {
                    let mut c = 0;
                    for prog in &list {
                        c += revans_storage::cohorts::list_for_programme(conn, &prog.id)
                            .await
                            .unwrap()
                            .len() as i64;
                    }
                    c
                }
                _ => {
                    let mut c = 0;
                    for prog in &list {
                        c += applications::list_for_programme(conn, &prog.id, None)
                            .await
                            .unwrap()
                            .len() as i64;
                    }
                    c
                }
            };
        }
    }
    n
}

#[tokio::test]
async fn the_whole_journey_from_publishing_to_the_next_in_line() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) =
        published(&app, &mut lead, "Circles Train the Trainer", "", "1").await;

    // Editing keeps what was there and saves the change.
    let edit = lead
        .get(&format!("/admin/programmes/{programme}/edit"))
        .await;
    assert!(
        edit.body.contains("Two years of facilitation"),
        "{}",
        edit.body
    );
    let r = lead
        .post_form(
            &format!("/admin/programmes/{programme}/edit"),
            &[
                ("title", "Circles Train the Trainer"),
                ("summary", "Now with a clearer summary"),
                ("kind", "train_the_trainer"),
                ("delivery_mode", "virtual"),
                ("eligibility", "Two years of facilitation\nConfident online"),
                ("confirmations", "I discussed this with my OD lead"),
                ("questions", "Why now?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The public catalogue shows it with its places, without signing in.
    let mut anon = app.client();
    let list = anon.get("/programmes").await;
    assert!(
        list.body.contains("Circles Train the Trainer") && list.body.contains("1 of 1 places left"),
        "{}",
        list.body
    );
    let ics = anon.get(&format!("/cohorts/{cohort}/sessions.ics")).await;
    assert!(
        ics.content_type.starts_with("text/calendar")
            && ics.body.matches("BEGIN:VEVENT").count() == 2,
        "{}",
        ics.body
    );

    // Two people apply; a draft is saved first.
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get(&format!("/programmes/{programme}/apply")).await;
    let r = pat
        .post_form(
            &format!("/programmes/{programme}/apply"),
            &[("answers", "Half-written"), ("action", "save")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/applications?notice=saved"),
        "{}",
        r.body
    );
    let form = pat.get(&format!("/programmes/{programme}/apply")).await;
    assert!(form.body.contains("Half-written"));
    let r = apply(&mut pat, &programme, &cohort, "=1+1 because").await;
    let sent = r.location.clone().unwrap_or_default();
    assert!(
        sent.starts_with("/applications/") && sent.ends_with("/sent"),
        "{}",
        r.body
    );
    assert!(pat.get(&sent).await.body.contains("Application sent"));
    let mut bo = app.signed_in(BO).await;
    let r = apply(&mut bo, &programme, &cohort, "Ready").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let received = app.queued_emails().await;
    assert!(
        received
            .iter()
            .any(|e| e.to == PARTICIPANT && e.subject.contains("received your application"))
    );

    // The lead approves both at once, then allocates: one place, so one offer and one wait.
    let pat_app = application_id(&app, &programme, PARTICIPANT).await;
    let bo_app = application_id(&app, &programme, BO).await;
    let page = format!("/admin/programmes/{programme}");
    let queue = lead.get(&format!("{page}/applications")).await;
    assert!(queue.body.contains("Pat Participant") && queue.body.contains("Bo Participant"));
    let r = lead
        .post_form(
            &format!("{page}/decisions"),
            &[
                ("applications", &pat_app),
                ("applications", &bo_app),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = lead.post_form(&format!("{page}/allocate"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mine = pat.get("/applications").await;
    assert!(mine.body.contains("Offered a place"), "{}", mine.body);
    let bos = bo.get("/applications").await;
    assert!(
        bos.body.contains("number 1 on the waiting list"),
        "{}",
        bos.body
    );

    // Pat accepts: the confirmation carries the sessions as an .ics attachment.
    let r = pat
        .post_form(
            &format!("/applications/{pat_app}/respond"),
            &[("response", "accept")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/applications?notice=accepted"),
        "{}",
        r.body
    );
    let confirmed = app
        .queued_emails()
        .await
        .into_iter()
        .rev()
        .find(|e| e.to == PARTICIPANT)
        .unwrap();
    assert!(confirmed.subject.contains("is confirmed"));
    let attachment = confirmed.attachment.expect("an .ics attachment");
    assert!(
        attachment.content.contains("BEGIN:VCALENDAR")
            && attachment.content.matches("BEGIN:VEVENT").count() == 2
    );

    // Capacity cannot fall below the one confirmed place... (capacity is 1 already; 0 is refused)
    let r = lead
        .post_form(
            &format!("/admin/cohorts/{cohort}/capacity"),
            &[("capacity", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Capacity must be at least 1 place"));

    // Pat withdraws: the place goes to Bo automatically, with an email.
    let r = pat
        .post_form(
            &format!("/applications/{pat_app}/respond"),
            &[("response", "withdraw")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/applications?notice=withdrawn"),
        "{}",
        r.body
    );
    let bos = bo.get("/applications").await;
    assert!(bos.body.contains("Offered a place"), "{}", bos.body);
    assert!(
        app.queued_emails()
            .await
            .iter()
            .any(|e| e.to == BO && e.subject.contains("offered a place"))
    );
    let r = bo
        .post_form(
            &format!("/applications/{bo_app}/respond"),
            &[("response", "accept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Lowering capacity below confirmed places is refused.
    let r = lead
        .post_form(
            &format!("/admin/cohorts/{cohort}/capacity"),
            &[("capacity", "2")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The CSV opens in Excel: BOM, and a formula-looking answer neutralised.
    let csv = lead.get(&format!("{page}/applications.csv")).await;
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.body.starts_with('\u{feff}'));
    assert!(csv.body.contains("\"'=1+1 because\""), "{}", csv.body);

    // Bo's private calendar feed lists the confirmed sessions; revoking ends it.
    let made = bo
        .post_form("/account/calendar", &[("action", "create")])
        .await;
    let start = made.body.find("http://revans.test/calendar/").unwrap();
    let url = made.body[start..]
        .split('<')
        .next()
        .unwrap()
        .trim_start_matches("http://revans.test")
        .to_owned();
    let feed = app.client().get(&url).await;
    assert_eq!(
        feed.body
            .matches("SUMMARY:Circles Train the Trainer")
            .count(),
        2,
        "{}",
        feed.body
    );
    bo.post_form("/account/calendar", &[("action", "revoke")])
        .await;
    assert_eq!(app.client().get(&url).await.status, StatusCode::NOT_FOUND);

    let actions = app.audit_actions().await;
    for a in [
        "programme.created",
        "cohort.created",
        "application.submitted",
        "application.approved",
        "programme.allocated",
        "application.accepted",
        "application.withdrawn",
    ] {
        assert!(actions.contains(&a.to_owned()), "missing audit entry {a}");
    }
}

#[tokio::test]
async fn bad_applications_get_specific_errors_and_save_nothing() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead, "Capped programme", "1", "5").await;
    let (_, other_cohort) = published(&app, &mut lead, "Another programme", "", "5").await;
    let before = count(&app, "applications").await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get(&format!("/programmes/{programme}/apply")).await;
    // Unconfirmed eligibility.
    let r = pat
        .post_form(
            &format!("/programmes/{programme}/apply"),
            &[
                ("confirmations", "0"),
                ("answers", "x"),
                ("preferences", &cohort),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("href=\"#eligibility\"")
            && r.body
                .contains("Confirm that you meet every eligibility statement")
    );
    // A preference for another programme's cohort.
    let r = apply(&mut pat, &programme, &other_cohort, "x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Choose only cohorts of this programme"));
    assert_eq!(count(&app, "applications").await, before);
    // A good one, then a duplicate.
    assert_eq!(
        apply(&mut pat, &programme, &cohort, "x").await.status,
        StatusCode::SEE_OTHER
    );
    let r = apply(&mut pat, &programme, &cohort, "x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("You have already applied"));
    // The region's cap of 1 is taken by Pat: Bo (another member organisation) is told who holds it.
    let mut bo = app.signed_in(BO).await;
    let r = apply(&mut bo, &programme, &cohort, "x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("North Coast ICS can nominate up to 1 person")
            && r.body.contains("Pat Participant"),
        "{}",
        r.body
    );
    assert_eq!(count(&app, "applications").await, before + 1);
    // A closed programme takes no applications.
    lead.get(&format!("/admin/programmes/{programme}")).await;
    lead.post_form(
        &format!("/admin/programmes/{programme}/status"),
        &[("status", "closed")],
    )
    .await;
    let r = apply(&mut bo, &programme, &cohort, "x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("closed"));
}

#[tokio::test]
async fn bad_cohorts_get_specific_errors_and_save_nothing() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, _) = published(&app, &mut lead, "Cohort checks", "", "5").await;
    let page = format!("/admin/programmes/{programme}");
    lead.get(&page).await;
    let before = count(&app, "cohorts").await;
    let past = format!("{} 09:30-13:00", day(-3));
    let cases: Vec<(Vec<(&'static str, String)>, &str)> = vec![
        (
            cohort_form("0", &sessions()),
            "Capacity must be at least 1 place",
        ),
        (
            cohort_form("-4", &sessions()),
            "Capacity must be at least 1 place",
        ),
        (
            cohort_form("5", &past),
            "The first session must be in the future",
        ),
        (
            {
                let mut f = cohort_form("5", "");
                f.retain(|(k, _)| *k != "schedule_kind");
                f.extend([
                    ("schedule_kind", "recurrence".to_owned()),
                    ("start_date", day(40)),
                    ("start_time", "09:30".into()),
                    ("duration_minutes", "180".into()),
                    ("rule", "FREQ=DAILY;COUNT=5000".into()),
                ]);
                f
            },
            "more than 200 sessions",
        ),
        (
            {
                let mut f = cohort_form("5", "");
                f.retain(|(k, _)| *k != "schedule_kind");
                f.extend([
                    ("schedule_kind", "recurrence".to_owned()),
                    ("start_date", day(40)),
                    ("start_time", "09:30".into()),
                    ("duration_minutes", "180".into()),
                    ("rule", "FREQ=WEEKLY;COUNT=1".into()),
                    ("exceptions", day(40)),
                ]);
                f
            },
            "The rule gives no sessions",
        ),
    ];
    for (form, message) in cases {
        let r = lead
            .post_form(&format!("{page}/cohorts"), &pairs(&form))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(r.body.contains(message), "expected {message}: {}", r.body);
    }
    assert_eq!(count(&app, "cohorts").await, before);
    // A programme form with nothing in it names each missing field.
    lead.get("/admin/programmes/new").await;
    let r = lead.post_form("/admin/programmes", &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#title\"") && r.body.contains("Select a kind of programme"));
}

#[tokio::test]
async fn sponsors_approve_only_their_own_staff() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    assert_eq!(
        apply_demo(&mut pat, &programme, &cohort).await.status,
        StatusCode::SEE_OTHER
    );
    let mut bo = app.signed_in(BO).await;
    // The demo programme has one confirmation more than `apply` gives.
    bo.get(&format!("/programmes/{programme}/apply")).await;
    let r = bo
        .post_form(
            &format!("/programmes/{programme}/apply"),
            &[
                ("eligibility", "0"),
                ("eligibility", "1"),
                ("confirmations", "0"),
                ("confirmations", "1"),
                ("answers", "x"),
                ("preferences", &cohort),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let pat_app = application_id(&app, &programme, PARTICIPANT).await;
    let bo_app = application_id(&app, &programme, BO).await;
    let mut sam = app.signed_in(SPONSOR).await;
    let list = sam.get("/sponsor/applications").await;
    assert!(
        list.body.contains("Pat Participant") && !list.body.contains("Bo Participant"),
        "{}",
        list.body
    );
    let r = sam
        .post_form(&format!("/sponsor/applications/{bo_app}/approve"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The lead cannot approve before the sponsor has.
    let mut lead = app.signed_in(ADMIN).await;
    let page = format!("/admin/programmes/{programme}");
    lead.get(&page).await;
    let r = lead
        .post_form(
            &format!("{page}/decisions"),
            &[("applications", &pat_app), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = sam
        .post_form(&format!("/sponsor/applications/{pat_app}/approve"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = lead
        .post_form(
            &format!("{page}/decisions"),
            &[("applications", &pat_app), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Rejecting needs a reason, which is emailed.
    let r = lead
        .post_form(
            &format!("{page}/decisions"),
            &[("applications", &bo_app), ("decision", "reject")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Enter the reason"));
}

/// The demo programme asks for two confirmations.
async fn apply_demo(c: &mut Client, programme: &str, cohort: &str) -> Response {
    c.get(&format!("/programmes/{programme}/apply")).await;
    c.post_form(
        &format!("/programmes/{programme}/apply"),
        &[
            ("eligibility", "0"),
            ("eligibility", "1"),
            ("confirmations", "0"),
            ("confirmations", "1"),
            ("answers", "x"),
            ("preferences", cohort),
        ],
    )
    .await
}

/// The same steps through the JSON API, and the OpenAPI document lists them.
#[tokio::test]
async fn the_api_applies_decides_allocates_and_accepts() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let mut pat = app.client();
    pat.bearer = Some(app.api_token(PARTICIPANT).await);
    let body = format!(
        r#"{{"eligibility":[0,1],"confirmations":[0,1],"answers":["Ten years"],"preferences":["{cohort}"]}}"#
    );
    let r = pat
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/applications"),
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.contains(r#""state":"submitted""#));
    let again = pat
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/applications"),
            Some(&body),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.body.contains(r#""field":"programme""#),
        "{}",
        again.body
    );
    let pat_app = application_id(&app, &programme, PARTICIPANT).await;
    // The sponsor approves on the page; the lead decides and allocates by API.
    let mut sam = app.signed_in(SPONSOR).await;
    sam.get("/sponsor/applications").await;
    sam.post_form(&format!("/sponsor/applications/{pat_app}/approve"), &[])
        .await;
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/decisions"),
            Some(&format!(
                r#"{{"applications":["{pat_app}"],"decision":"approve"}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/allocate"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains(r#""offered":1"#), "{}", r.body);
    let r = pat
        .json(
            "POST",
            &format!("/api/v1/applications/{pat_app}/respond"),
            Some(r#"{"response":"accept"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains(r#""state":"accepted""#));
    let list = pat.json("GET", "/api/v1/programmes", None).await;
    assert!(list.body.contains(r#""confirmed":1"#), "{}", list.body);
    let doc = app.client().get("/api/openapi.json").await;
    assert!(doc.body.contains("/api/v1/programmes/{id}/allocate"));
}

#[tokio::test]
async fn a_choice_question_takes_one_of_its_answers() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    // A choice needs at least two answers.
    let r = lead
        .post_form(
            "/admin/programmes",
            &[
                ("title", "Choices"),
                ("kind", "leadership_module"),
                ("questions", "Which region? | North"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("at least two answers"), "{}", r.body);
    let (programme, cohort) = published_asking(
        &app,
        &mut lead,
        "Regional Circles",
        "",
        "10",
        "Why now?\nWhich region? | North | South",
    )
    .await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let form = pat.get(&format!("/programmes/{programme}/apply")).await;
    assert!(
        form.body.contains("<option value=\"South\">South</option>"),
        "{}",
        form.body
    );
    let send = |answer: &str| {
        vec![
            ("eligibility".to_string(), "0".to_string()),
            ("eligibility".to_string(), "1".to_string()),
            ("confirmations".to_string(), "0".to_string()),
            ("answers".to_string(), "Growing teams".to_string()),
            ("answers".to_string(), answer.to_string()),
            ("preferences".to_string(), cohort.clone()),
            ("action".to_string(), "submit".to_string()),
        ]
    };
    let r = pat
        .post_form_owned(&format!("/programmes/{programme}/apply"), &send("East"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Choose one of the answers to: Which region?"),
        "{}",
        r.body
    );
    let r = pat
        .post_form_owned(&format!("/programmes/{programme}/apply"), &send("South"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn a_lead_closes_one_cohorts_applications() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead, "Closing Circles", "", "10").await;
    let r = lead
        .post_form(&format!("/admin/cohorts/{cohort}/close"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = apply(&mut pat, &programme, &cohort, "Because").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Applications for this programme are closed"),
        "{}",
        r.body
    );
    let again = lead
        .post_form(&format!("/admin/cohorts/{cohort}/close"), &[])
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "already closed"
    );
}

#[tokio::test]
async fn a_lead_changes_a_cohort_and_people_with_places_get_the_new_dates() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead, "Moving Circles", "", "2").await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = apply(&mut pat, &programme, &cohort, "Ready").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let pat_app = application_id(&app, &programme, PARTICIPANT).await;
    let page = format!("/admin/programmes/{programme}");
    let r = lead
        .post_form(
            &format!("{page}/decisions"),
            &[("applications", &pat_app), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    lead.post_form(&format!("{page}/allocate"), &[]).await;
    let r = pat
        .post_form(
            &format!("/applications/{pat_app}/respond"),
            &[("response", "accept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The edit page shows what the lead typed when adding the cohort.
    let edit = format!("/admin/cohorts/{cohort}/edit");
    let form = lead.get(&edit).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&day(40)) && form.body.contains("1 people have a confirmed place"));

    // A bad change (no places) is refused whole: the new name is not saved either.
    let mut changed = cohort_form("0", &format!("{} 10:00-12:00", day(50)));
    changed[0].1 = "Cohort One".into();
    let r = lead.post_form(&edit, &pairs(&changed)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Capacity must be at least 1 place"),
        "{}",
        r.body
    );
    let still = lead.get(&page).await;
    assert!(still.body.contains("Cohort 1") && !still.body.contains("Cohort One"));

    // A valid change saves the new name, places and session, and emails Pat the new dates.
    let before = app.queued_emails().await.len();
    changed[1].1 = "3".into();
    let r = lead.post_form(&edit, &pairs(&changed)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = lead.get(&page).await;
    assert!(
        shown.body.contains("Cohort One") && shown.body.contains("1 of 3 places confirmed"),
        "{}",
        shown.body
    );
    let sent: Vec<_> = app.queued_emails().await.into_iter().skip(before).collect();
    assert_eq!(sent.len(), 1, "only Pat has a place");
    assert_eq!(sent[0].to, PARTICIPANT);
    assert!(
        sent[0]
            .subject
            .contains("The dates of Cohort One have changed")
    );
    let ics = &sent[0]
        .attachment
        .as_ref()
        .expect("a calendar file")
        .content;
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    assert!(
        app.audit_actions()
            .await
            .contains(&"cohort.updated".to_owned())
    );

    // Saving without moving the sessions emails nobody.
    let before = app.queued_emails().await.len();
    changed[1].1 = "4".into();
    let r = lead.post_form(&edit, &pairs(&changed)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.queued_emails().await.len(), before);
}

#[tokio::test]
async fn the_api_changes_and_closes_a_cohort() {
    let app = TestApp::spawn().await;
    let mut lead_pages = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead_pages, "API Circles", "", "5").await;
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let path = format!("/api/v1/cohorts/{cohort}");
    let body = |capacity: &str| {
        format!(
            r#"{{"name":"Cohort A","capacity":{capacity},"opens_on":"{}","closes_on":"{}","timezone":"Europe/London","schedule_kind":"explicit","sessions":[{{"starts_at":"{}T09:30:00Z","ends_at":"{}T12:30:00Z"}}],"completion_rule":"all"}}"#,
            day(-1),
            day(10),
            day(30),
            day(30)
        )
    };
    let r = lead.json("PUT", &path, Some(&body(r#""many""#))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#""field":"capacity""#), "{}", r.body);
    let r = lead.json("PUT", &path, Some(&body("8"))).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let list = lead.json("GET", "/api/v1/programmes", None).await;
    assert!(
        list.body.contains(r#""name":"Cohort A""#) && list.body.contains(r#""capacity":8"#),
        "{}",
        list.body
    );
    let r = lead.json("POST", &format!("{path}/close"), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = apply(&mut pat, &programme, &cohort, "Because").await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "closed by the API"
    );
}

#[tokio::test]
async fn a_module_names_the_programme_people_go_on_to() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (sets, _) = published(&app, &mut lead, "Monthly Sets After", "", "10").await;
    let (module, _) = published(&app, &mut lead, "Leadership Module", "", "10").await;
    let edit = format!("/admin/programmes/{module}/edit");
    let form = lead.get(&edit).await;
    assert!(
        form.body
            .contains(&format!(r#"<option value="{sets}">Monthly Sets After"#))
    );
    assert!(
        !form.body.contains(&format!(r#"<option value="{module}">"#)),
        "not itself"
    );
    let fields = |follow_on: &str| {
        vec![
            ("title", "Leadership Module".to_owned()),
            ("summary", "Two days".to_owned()),
            ("kind", "leadership_module".to_owned()),
            ("delivery_mode", "virtual".to_owned()),
            ("follow_on", follow_on.to_owned()),
        ]
    };
    // Itself, or a programme that is not the lead's: refused, nothing changed.
    for bad in [module.clone(), revans_storage::new_id().to_string()] {
        let r = lead.post_form(&edit, &pairs(&fields(&bad))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("Choose one of your other programmes"),
            "{}",
            r.body
        );
    }
    let mut anon = app.client();
    let page = anon.get(&format!("/programmes/{module}")).await;
    assert!(!page.body.contains("data-follow-on"));
    let r = lead.post_form(&edit, &pairs(&fields(&sets))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = anon.get(&format!("/programmes/{module}")).await;
    assert!(
        page.body.contains(&format!(
            r#"<a href="/programmes/{sets}">Monthly Sets After</a>"#
        )),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_review_queue_filters_by_organisation_cohort_and_name() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead, "Filtered Circles", "", "1").await;
    for who in [PARTICIPANT, BO] {
        let mut c = app.signed_in(who).await;
        let r = apply(&mut c, &programme, &cohort, "Ready").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let pat_app = application_id(&app, &programme, PARTICIPANT).await;
    let bo_app = application_id(&app, &programme, BO).await;
    let page = format!("/admin/programmes/{programme}");
    let rows = |body: &str| {
        [(&pat_app, "Pat"), (&bo_app, "Bo")]
            .iter()
            .filter(|(id, _)| body.contains(&format!(r#"data-application="{id}""#)))
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
    };
    let queue = format!("{page}/applications?status=all");
    assert_eq!(rows(&lead.get(&queue).await.body), vec!["Pat", "Bo"]);
    let pat_org = org_of(&app, PARTICIPANT).await;
    let by_org = lead.get(&format!("{queue}&organisation={pat_org}")).await;
    assert_eq!(rows(&by_org.body), vec!["Pat"]);
    assert!(by_org.body.contains("1 application matching the filters"));
    assert_eq!(
        rows(&lead.get(&format!("{queue}&q=bay-council")).await.body),
        vec!["Bo"]
    );
    // One place: after allocation Pat or Bo is placed in the cohort, the other waits there.
    lead.post_form(
        &format!("{page}/decisions"),
        &[
            ("applications", &pat_app),
            ("applications", &bo_app),
            ("decision", "approve"),
        ],
    )
    .await;
    assert_eq!(
        rows(&lead.get(&format!("{queue}&cohort=none")).await.body).len(),
        2
    );
    lead.post_form(&format!("{page}/allocate"), &[]).await;
    assert!(rows(&lead.get(&format!("{queue}&cohort=none")).await.body).is_empty());
    assert_eq!(
        rows(&lead.get(&format!("{queue}&cohort={cohort}")).await.body).len(),
        2
    );
    // The download holds what the filtered queue shows.
    let filtered = lead.get(&format!("{queue}&organisation={pat_org}")).await;
    let link = format!("/admin/programmes/{programme}/applications.csv?organisation={pat_org}");
    assert!(filtered.body.contains(&link), "{}", filtered.body);
    let csv = lead.get(&link).await;
    assert!(csv.body.contains("Pat Participant") && !csv.body.contains("Bo Participant"));
}

#[tokio::test]
async fn a_lead_caps_one_member_organisation() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead, "Capped Circles", "", "10").await;
    let (pat_org, sponsor_org) = (org_of(&app, PARTICIPANT).await, org_of(&app, SPONSOR).await);
    assert_eq!(pat_org, sponsor_org, "both at Harbour Trust");
    let page = format!("/admin/programmes/{programme}");
    // A bad cap names the field and saves nothing.
    let r = lead
        .post_form(
            &format!("{page}/caps"),
            &[("organisation_id", pat_org.as_str()), ("cap", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("a whole number from 1 to 1000"),
        "{}",
        r.body
    );
    assert!(lead.get(&page).await.body.contains("No caps"));
    // Harbour Trust may hold one application; the rest of the region has no cap.
    let r = lead
        .post_form(
            &format!("{page}/caps"),
            &[("organisation_id", pat_org.as_str()), ("cap", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = apply(&mut pat, &programme, &cohort, "Ready").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut sam = app.signed_in(SPONSOR).await;
    let r = apply(&mut sam, &programme, &cohort, "Me too").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("can nominate up to 1 person") && r.body.contains("Pat Participant"),
        "{}",
        r.body
    );
    let mut bo = app.signed_in(BO).await;
    let r = apply(&mut bo, &programme, &cohort, "Elsewhere").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "Bay Council has no cap");
    // The API lifts the cap; Sam may then apply.
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let r = api
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/caps"),
            Some(&format!(r#"{{"organisation_id":"{pat_org}","cap":null}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = apply(&mut sam, &programme, &cohort, "Me too").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn the_api_queue_takes_the_same_filters() {
    let app = TestApp::spawn().await;
    let mut lead_pages = app.signed_in(ADMIN).await;
    let (programme, cohort) = published(&app, &mut lead_pages, "API Queue", "", "5").await;
    for who in [PARTICIPANT, BO] {
        let mut c = app.signed_in(who).await;
        apply(&mut c, &programme, &cohort, "Ready").await;
    }
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let path = format!("/api/v1/programmes/{programme}/applications");
    let all = lead.json("GET", &path, None).await;
    assert!(
        all.body.contains("Pat Participant") && all.body.contains("Bo Participant"),
        "{}",
        all.body
    );
    let bay = lead
        .json("GET", &format!("{path}?q=bay-council"), None)
        .await;
    assert!(
        !bay.body.contains("Pat Participant") && bay.body.contains("Bo Participant"),
        "{}",
        bay.body
    );
    let none = lead
        .json("GET", &format!("{path}?state=accepted"), None)
        .await;
    assert_eq!(
        none.body.trim(),
        r#"{"items":[],"has_more":false,"next_cursor":null}"#
    );
    let bad = lead.json("GET", &format!("{path}?state=maybe"), None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains(r#""field":"state""#), "{}", bad.body);
}

#[tokio::test]
async fn new_cohort_dates_may_not_strand_a_sets_meeting() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (_, cohort) = published(&app, &mut lead, "Stranding Circles", "", "5").await;
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let cid = revans_domain::Id::parse(&cohort).unwrap();
        let set = revans_storage::sets::insert(
            &mut conn,
            &revans_storage::sets::NewSet {
                cohort_id: &cid,
                name: "Set A",
                position: 0,
                review_every: 7,
                timezone: "Europe/London",
            },
        )
        .await
        .unwrap();
        revans_storage::sets::publish(&mut conn, &cid)
            .await
            .unwrap();
        let day = 86_400_000;
        let start = revans_storage::now_ms() + 41 * day - day / 2;
        revans_storage::meetings::insert_many(
            &mut conn,
            &set,
            &[revans_domain::Session {
                starts_at: start,
                ends_at: start + 3_600_000,
            }],
        )
        .await
        .unwrap();
    }
    let earlier = format!("{} 09:30-13:00\n{} 09:30-13:00", day(30), day(35));
    let mut changed = cohort_form("5", &earlier);
    changed[0].1 = "Moved cohort".into();
    let r = lead
        .post_form(&format!("/admin/cohorts/{cohort}/edit"), &pairs(&changed))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Set A&#39;s meeting on") && r.body.contains("Move or cancel it first"),
        "{}",
        r.body
    );
    let mut conn = app.state.store.conn().await.unwrap();
    let stored =
        revans_storage::cohorts::get(&mut conn, &revans_domain::Id::parse(&cohort).unwrap())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(stored.name, "Cohort 1", "nothing saved");
}

/// A cohort whose stored schedule no longer reads is reported (500 with a request id, the cause
/// logged), not shown as an empty form that would save over the schedule.
#[tokio::test]
async fn an_unreadable_stored_schedule_is_reported_not_offered_as_an_empty_form() {
    let app = TestApp::spawn().await;
    let (_, cohort) = app.demo_programme().await;
    let id = revans_domain::Id::parse(&cohort).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::testing::poison_cohort_schedule(&mut conn, &id)
        .await
        .unwrap();
    drop(conn);
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get(&format!("/admin/cohorts/{cohort}/edit")).await;
    assert_eq!(page.status, axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        !page.body.contains("not json"),
        "the cause stays in the log"
    );
    let r = lead
        .post_form(
            &format!("/admin/cohorts/{cohort}/edit"),
            &[("name", "Renamed"), ("capacity", "9")],
        )
        .await;
    assert_ne!(
        r.status,
        axum::http::StatusCode::SEE_OTHER,
        "nothing is saved over it"
    );
}

/// A virtual programme's meeting link is for people with a place: the public page and the
/// public calendar file leave it out (they say it is sent to people with a place); someone
/// whose place is confirmed sees it.
#[tokio::test]
async fn a_meeting_link_is_shown_only_to_people_with_a_place() {
    use revans_domain::{ApplicationState, Id};
    use revans_storage::applications;
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let link = "https://meet.example/circles";
    let mut anon = app.client();
    let page = anon.get(&format!("/programmes/{programme}")).await;
    assert!(!page.body.contains(link), "public page shows the link");
    assert!(
        page.body
            .contains("the link is sent to people with a place")
    );
    let ics = anon.get(&format!("/cohorts/{cohort}/sessions.ics")).await;
    assert_eq!(ics.status, axum::http::StatusCode::OK);
    assert!(!ics.body.contains("meet.example"), "{}", ics.body);
    let mut pat = app.signed_in(PARTICIPANT).await;
    assert!(
        !pat.get(&format!("/programmes/{programme}"))
            .await
            .body
            .contains(link)
    );
    // Pat's place is confirmed: now the page gives the link.
    {
        let (p, c) = (Id::parse(&programme).unwrap(), Id::parse(&cohort).unwrap());
        let person = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
        let mut tx = app.state.store.begin().await.unwrap();
        let org = revans_storage::people::get(&mut tx, &person)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        let a = applications::insert(
            &mut tx,
            &applications::NewApplication {
                programme_id: &p,
                person_id: &person,
                organisation_id: &org,
                state: ApplicationState::Approved,
                answers: &["x".into()],
                confirmed_statements: true,
                preferences: std::slice::from_ref(&c),
                nominated_by: None,
            },
        )
        .await
        .unwrap();
        let far = revans_storage::now_ms() + 86_400_000;
        applications::offer(&mut tx, &a, ApplicationState::Approved, &c, far)
            .await
            .unwrap();
        applications::accept(&mut tx, &a).await.unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    assert!(
        pat.get(&format!("/programmes/{programme}"))
            .await
            .body
            .contains(link)
    );
}
