//! Offers of places after allocation: the minute-by-minute sweep, driven at chosen times
//! (offers expire and free their place for the next in line, offers ending soon get one
//! reminder, the waiting list hears when it moves), and a sponsor's approval over the API.

use revans_domain::{ApplicationState, Id};
use revans_storage::applications::{self, NewApplication};

use crate::helpers::*;

async fn application(app: &TestApp, email: &str, programme: &Id, cohort: &Id) -> Id {
    let mut conn = app.state.store.conn().await.unwrap();
    let person = Id::parse(&app.person_id(email).await).unwrap();
    let org = revans_storage::people::get(&mut conn, &person)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    applications::insert(
        &mut conn,
        &NewApplication {
            programme_id: programme,
            person_id: &person,
            organisation_id: &org,
            state: ApplicationState::Approved,
            answers: &["Because".into()],
            confirmed_statements: true,
            preferences: std::slice::from_ref(cohort),
            nominated_by: None,
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_overdue_offer_expires_and_the_next_in_line_is_offered_the_place() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let (programme, cohort) = (Id::parse(&programme).unwrap(), Id::parse(&cohort).unwrap());
    let pat = application(&app, PARTICIPANT, &programme, &cohort).await;
    let bo = application(&app, "participant@bay-council.example", &programme, &cohort).await;
    let fran = application(&app, FACILITATOR, &programme, &cohort).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let now = revans_storage::now_ms();
    let day = 86_400_000;
    // One place: Pat's offer of it ends tomorrow; Bo, then Fran, wait.
    revans_storage::cohorts::set_capacity(
        &mut conn,
        &cohort,
        revans_domain::Capacity::new(1).unwrap(),
    )
    .await
    .unwrap();
    applications::offer(
        &mut conn,
        &pat,
        ApplicationState::Approved,
        &cohort,
        now + day,
    )
    .await
    .unwrap();
    applications::waitlist(&mut conn, &bo, &cohort)
        .await
        .unwrap();
    applications::waitlist(&mut conn, &fran, &cohort)
        .await
        .unwrap();
    let s = revans_app::sweeps::run_once(&app.state, now).await.unwrap();
    assert_eq!(
        (s.offers_expired, s.offer_reminders),
        (0, 1),
        "one reminder, offer still open"
    );
    let s = revans_app::sweeps::run_once(&app.state, now + day / 2)
        .await
        .unwrap();
    assert_eq!(s.offer_reminders, 0, "reminded once only");
    // A day and a bit later: expired, and Bo is offered the place.
    let s = revans_app::sweeps::run_once(&app.state, now + day + 1)
        .await
        .unwrap();
    assert_eq!(s.offers_expired, 1);
    let state_of = |id: Id| {
        let store = app.state.store.clone();
        async move {
            applications::get(&mut store.conn().await.unwrap(), &id)
                .await
                .unwrap()
                .unwrap()
                .state
        }
    };
    assert_eq!(state_of(pat).await, ApplicationState::Expired);
    assert_eq!(state_of(bo).await, ApplicationState::Offered);
    let emails = app.queued_emails().await;
    assert!(
        emails
            .iter()
            .any(|e| e.to == PARTICIPANT && e.subject.contains("Your offer has expired"))
    );
    assert!(
        emails
            .iter()
            .any(|e| e.to == PARTICIPANT && e.subject.contains("Reminder: your offer"))
    );
    let offer = emails
        .iter()
        .find(|e| {
            e.to == "participant@bay-council.example" && e.subject.contains("offered a place")
        })
        .expect("an offer email");
    // The deadline is in the cohort's time, named (GMT or BST), never UTC (issue 11, item 5).
    assert!(
        offer.text.contains(" GMT (the cohort's time)")
            || offer.text.contains(" BST (the cohort's time)"),
        "{}",
        offer.text
    );
    assert!(!offer.text.contains("UTC"), "{}", offer.text);
    // Fran was second in line and is now first: told so.
    let moved = emails
        .iter()
        .find(|e| e.to == FACILITATOR && e.subject.contains("moved up the waiting list"))
        .expect("a waiting-list move email");
    assert!(
        moved.text.contains("You are now number 1"),
        "{}",
        moved.text
    );
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|a| a == "programme.offers_swept")
    );
}

#[tokio::test]
async fn a_sponsor_approves_their_own_nominee_over_the_api() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let (programme, cohort) = (Id::parse(&programme).unwrap(), Id::parse(&cohort).unwrap());
    let pat = application(&app, PARTICIPANT, &programme, &cohort).await;
    let mut conn = app.state.store.conn().await.unwrap();
    applications::transition(
        &mut conn,
        &pat,
        ApplicationState::Approved,
        ApplicationState::Submitted,
    )
    .await
    .unwrap();
    let path = format!("/api/v1/applications/{pat}/sponsor-approval");
    let mut c = app.client();
    let token = app.api_token(PARTICIPANT).await;
    assert_eq!(
        c.json_with_token("POST", &path, None, &token).await.status,
        axum::http::StatusCode::FORBIDDEN
    );
    let token = app.api_token(SPONSOR).await;
    let r = c.json_with_token("POST", &path, None, &token).await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.body);
    let a = applications::get(&mut conn, &pat).await.unwrap().unwrap();
    assert!(a.sponsor_approved_at.is_some());
    let again = c.json_with_token("POST", &path, None, &token).await;
    assert_eq!(
        again.status,
        axum::http::StatusCode::CONFLICT,
        "{}",
        again.body
    );
}

#[tokio::test]
async fn a_sponsor_nominates_a_colleague_who_completes_the_application_already_approved() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let mut sam = app.signed_in(SPONSOR).await;
    // Bo works for the council, which Sam does not sponsor.
    let r = sam
        .post_form(
            "/sponsor/nominations",
            &[
                ("programme", programme.as_str()),
                ("email", "participant@bay-council.example"),
            ],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("You cannot nominate this email address"),
        "{}",
        r.body
    );
    let r = sam
        .post_form(
            "/sponsor/nominations",
            &[("programme", programme.as_str()), ("email", PARTICIPANT)],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let email = app
        .queued_emails()
        .await
        .into_iter()
        .find(|e| e.to == PARTICIPANT)
        .unwrap();
    assert!(
        email.subject.contains("Sam Sponsor has nominated you"),
        "{}",
        email.subject
    );
    let again = sam
        .post_form(
            "/sponsor/nominations",
            &[("programme", programme.as_str()), ("email", PARTICIPANT)],
        )
        .await;
    assert_eq!(
        again.status,
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "one application each"
    );
    // The nomination is not lost: the sponsor sees it waiting for Pat, and so does the lead
    // (its status only; nothing to decide yet, so no box to tick).
    let nominees = sam.get("/sponsor/applications").await;
    assert!(
        nominees
            .body
            .contains("Nominated: waiting for Pat Participant to complete the application"),
        "{}",
        nominees.body
    );
    let mut lead = app.signed_in(ADMIN).await;
    let queue = lead
        .get(&format!(
            "/admin/programmes/{programme}/applications?status=all"
        ))
        .await;
    let row_start = queue
        .body
        .find(">Pat Participant</a></td>")
        .expect("Pat is listed");
    let row = &queue.body[queue.body[..row_start].rfind("<tr").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("Nominated: not yet completed"), "{row}");
    assert!(!row.contains("type=\"checkbox\""), "{row}");
    // Pat completes it; the sponsor's approval is already there.
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get(&format!("/programmes/{programme}/apply")).await;
    let r = pat
        .post_form(
            &format!("/programmes/{programme}/apply"),
            &[
                ("eligibility", "0"),
                ("eligibility", "1"),
                ("confirmations", "0"),
                ("confirmations", "1"),
                ("answers", "Ten years of circles"),
                ("preferences", cohort.as_str()),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    let person = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let a = applications::find_for_person(&mut conn, &Id::parse(&programme).unwrap(), &person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.state, ApplicationState::Submitted);
    assert!(a.sponsor_approved_at.is_some() && a.nominated_by.is_some());
}

/// One programme whose offers cannot be read (a poison row) fails on its own: the other
/// programme's overdue offer still expires in the same sweep, and the poisoned one is tried
/// again next time rather than stopping every sweep.
#[tokio::test]
async fn one_poisoned_programme_does_not_stop_the_sweep() {
    let app = TestApp::spawn().await;
    let (programme, cohort) = app.demo_programme().await;
    let (programme, cohort) = (Id::parse(&programme).unwrap(), Id::parse(&cohort).unwrap());
    // A second programme with a cohort, in the same tenant.
    let (other, other_cohort) = {
        let mut tx = app.state.store.begin().await.unwrap();
        let tenant = revans_storage::programmes::get(&mut tx, &programme)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        let other = revans_app::demo::seed_catalogue(&mut tx, &tenant)
            .await
            .unwrap();
        let c = revans_storage::cohorts::list_for_programme(&mut tx, &other)
            .await
            .unwrap()
            .remove(0)
            .id;
        revans_storage::commit(tx).await.unwrap();
        (other, c)
    };
    let now = revans_storage::now_ms();
    let good = application(&app, PARTICIPANT, &other, &other_cohort).await;
    let bad = application(&app, "participant@bay-council.example", &programme, &cohort).await;
    let mut conn = app.state.store.conn().await.unwrap();
    for (id, c) in [(&good, &other_cohort), (&bad, &cohort)] {
        applications::offer(&mut conn, id, ApplicationState::Approved, c, now + 1000)
            .await
            .unwrap();
    }
    revans_storage::testing::poison_application(&mut conn, &bad)
        .await
        .unwrap();
    drop(conn);
    // Whichever programme is swept first, the good one's offer expires.
    let s = revans_app::sweeps::run_once(&app.state, now + 2000)
        .await
        .unwrap();
    assert_eq!((s.offers_expired, s.failed), (1, 1), "{s:?}");
    let mut conn = app.state.store.conn().await.unwrap();
    assert_eq!(
        applications::get(&mut conn, &good)
            .await
            .unwrap()
            .unwrap()
            .state,
        ApplicationState::Expired
    );
    drop(conn);
    // It fails again next minute (and is logged each time), never taking the others with it.
    let s = revans_app::sweeps::run_once(&app.state, now + 3000)
        .await
        .unwrap();
    assert_eq!((s.offers_expired, s.failed), (0, 1), "{s:?}");
}
