//! Issue 11, meetings: a member's meeting page (when, where, calendar file, apologies), the
//! facilitator's "everyone was present", cancelling and "has left" behind confirmation pages
//! that name who will be told (and the emails go to exactly them), and their undo.

use axum::http::StatusCode;
use revans_domain::{Id, Role};
use revans_storage::{meetings, sets};

use crate::diaries::make_person;
use crate::helpers::*;

pub(crate) struct Demo {
    cohort: Id,
    set: Id,
    /// The next meeting that has not happened.
    pub next: meetings::Meeting,
    members: Vec<sets::Member>,
}

pub(crate) async fn demo(app: &TestApp) -> Demo {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let now = revans_storage::now_ms();
    let next = meetings::list_for_set(&mut conn, &set.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.starts_at > now && !m.held && !m.cancelled)
        .unwrap();
    let members = sets::members(&mut conn, &set.id).await.unwrap();
    Demo {
        cohort: set.cohort_id.clone(),
        set: set.id,
        next,
        members,
    }
}

async fn attendance_of(app: &TestApp, meeting: &Id) -> Vec<(String, String)> {
    let mut conn = app.state.store.conn().await.unwrap();
    let set = meetings::get(&mut conn, meeting)
        .await
        .unwrap()
        .unwrap()
        .set_id;
    let mut rows: Vec<(String, String)> = meetings::attendance_for_set(&mut conn, &set)
        .await
        .unwrap()
        .into_iter()
        .filter(|(m, _, _)| m == meeting)
        .map(|(_, p, s)| (p.to_string(), s))
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn a_member_sees_when_and_where_and_gets_the_meeting_as_a_calendar_file() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let mut fran = app.signed_in(FACILITATOR).await;
    let r = fran
        .post_form(
            &format!("/sets/{}/settings", d.set),
            &[
                ("review_every", "7"),
                ("timezone", "Europe/London"),
                ("delivery_mode", "virtual"),
                ("delivery_detail", "https://meet.example/set-one"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut pat = app.signed_in(PARTICIPANT).await;
    let page = pat.get(&format!("/meetings/{}", d.next.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("(London time)"),
        "plain time with its zone"
    );
    assert!(page.body.contains("href=\"https://meet.example/set-one\""));
    assert!(page.body.contains("Send apologies"));
    assert!(
        page.body
            .contains(&format!("/meetings/{}/calendar.ics", d.next.id))
    );
    let set_page = pat.get(&format!("/sets/{}", d.set)).await;
    assert!(
        set_page.body.contains("data-next"),
        "the next meeting is marked"
    );

    let ics = pat
        .get(&format!("/meetings/{}/calendar.ics", d.next.id))
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.content_type.starts_with("text/calendar"));
    assert!(ics.body.contains("BEGIN:VEVENT"));
    assert!(ics.body.contains(&format!("UID:{}@revans", d.next.id)));
    assert!(ics.body.contains("LOCATION:https://meet.example/set-one"));
    // The lead, who is not in the set, gets neither the page nor the file (nor the link).
    let mut lead = app.signed_in(ADMIN).await;
    for path in [
        format!("/meetings/{}", d.next.id),
        format!("/meetings/{}/calendar.ics", d.next.id),
    ] {
        let r = lead.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!r.body.contains("meet.example"));
    }
}

#[tokio::test]
async fn apologies_are_sent_seen_by_the_facilitator_recorded_and_can_be_withdrawn() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let pat_id = app.person_id(PARTICIPANT).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let url = format!("/meetings/{}", d.next.id);
    let r = pat
        .post_form(
            &format!("{url}/apologies"),
            &[("note", "On call in clinic")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = pat.get(&url).await;
    assert!(page.body.contains("Apologies sent"));
    assert!(page.body.contains("Withdraw your apologies"));

    // The facilitator sees them, and the attendance form starts from "Sent apologies".
    let mut fran = app.signed_in(FACILITATOR).await;
    let page = fran.get(&url).await;
    assert!(page.body.contains("On call in clinic"));
    let radio = format!("id=\"attendance-{pat_id}-apologies\" value=\"apologies\" checked");
    assert!(page.body.contains(&radio), "pre-marked as apologies");
    // Only the member sends apologies: the facilitator is refused.
    let r = fran.post_form(&format!("{url}/apologies"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Withdrawn, then sent again without a note.
    let r = pat
        .post_form(&format!("{url}/apologies/withdraw"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!fran.get(&url).await.body.contains("On call in clinic"));
    let r = pat
        .post_form(&format!("{url}/apologies/withdraw"), &[])
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing to withdraw"
    );
    // Over the API: sent, then recorded as apologies by "everyone was present".
    let token = app.api_token(PARTICIPANT).await;
    let mut api = app.client();
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1{url}/apologies"),
            Some(r#"{"note":"Sorry"}"#),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = fran
        .post_form(
            &format!("{url}/attendance/everyone"),
            &[("confirm", "everyone")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rows = attendance_of(&app, &d.next.id).await;
    assert_eq!(rows.len(), d.members.len());
    for (person, status) in rows {
        let expected = if person == pat_id {
            "apologies"
        } else {
            "present"
        };
        assert_eq!(status, expected, "{person}");
    }
    // The meeting has been held: apologies can no longer change.
    let r = api
        .json_with_token("DELETE", &format!("/api/v1{url}/apologies"), None, &token)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn everyone_present_is_one_action_with_exceptions_and_the_rota_still_holds() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let url = format!("/meetings/{}", d.next.id);
    let mut fran = app.signed_in(FACILITATOR).await;
    let page = fran.get(&url).await;
    assert!(page.body.contains("Everyone was present"));
    // Without the button's confirmation nothing is recorded.
    let r = fran
        .post_form(&format!("{url}/attendance/everyone"), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(attendance_of(&app, &d.next.id).await.is_empty());

    // Over the API, the presenter is named absent: they keep the turn at the next meeting.
    let token = app.api_token(FACILITATOR).await;
    let mut api = app.client();
    let before: serde_json::Value = serde_json::from_str(
        &api.json_with_token("GET", &format!("/api/v1{url}"), None, &token)
            .await
            .body,
    )
    .unwrap();
    let presenter_unit = before["meeting"]["presenter_unit"]
        .as_str()
        .unwrap()
        .to_owned();
    let presenter = d
        .members
        .iter()
        .find(|m| m.unit_key == presenter_unit)
        .unwrap();
    let body = format!(r#"{{"exceptions":{{"{}":"absent"}}}}"#, presenter.person_id);
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1{url}/attendance/everyone-present"),
            Some(&body),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let rows = attendance_of(&app, &d.next.id).await;
    assert_eq!(rows.len(), d.members.len());
    assert!(
        rows.iter()
            .all(|(p, s)| (p == presenter.person_id.as_str()) == (s == "absent"))
    );
    let set: serde_json::Value = serde_json::from_str(
        &api.json_with_token("GET", &format!("/api/v1/sets/{}", d.set), None, &token)
            .await
            .body,
    )
    .unwrap();
    let i = set["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["id"] == d.next.id.as_str())
        .unwrap();
    assert_eq!(
        set["meetings"][i + 1]["presenter_unit"].as_str(),
        Some(presenter_unit.as_str()),
        "an absent presenter keeps the turn"
    );
    // The page now shows a summary with Change links, and the change path is the full form.
    let page = fran.get(&url).await;
    assert!(page.body.contains("data-attendance-summary"));
    assert!(page.body.contains("?change=attendance"));
    let change = fran.get(&format!("{url}?change=attendance")).await;
    assert!(change.body.contains("Save attendance"));
    // A stranger to the set named as an exception is refused.
    let stranger = app.person_id(SPONSOR).await;
    let body = format!(r#"{{"exceptions":{{"{stranger}":"absent"}}}}"#);
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1{url}/attendance/everyone-present"),
            Some(&body),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn cancelling_says_who_will_be_told_tells_exactly_them_and_can_be_undone() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let url = format!("/meetings/{}", d.next.id);
    let mut fran = app.signed_in(FACILITATOR).await;
    let confirm = fran.get(&format!("{url}/cancel")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("Yes, cancel the meeting"));
    let mut told: Vec<String> = d.members.iter().map(|m| m.name.clone()).collect();
    told.push("Fran Facilitator".into());
    for name in &told {
        assert!(confirm.body.contains(&format!("<li>{name}</li>")), "{name}");
    }
    // A member cannot cancel, nor see the confirmation.
    let mut pat = app.signed_in(PARTICIPANT).await;
    assert_eq!(
        pat.get(&format!("{url}/cancel")).await.status,
        StatusCode::FORBIDDEN
    );

    let before = app.queued_emails().await.len();
    let r = fran
        .post_form(&format!("{url}/change"), &[("change", "cancel")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let emails = app.queued_emails().await;
    let sent: Vec<_> = emails[before..].iter().collect();
    assert_eq!(sent.len(), told.len(), "one email to each person named");
    let mut to: Vec<String> = sent.iter().map(|e| e.to.clone()).collect();
    to.sort();
    let mut expected: Vec<String> = d.members.iter().map(|m| m.email.clone()).collect();
    expected.push(FACILITATOR.into());
    expected.sort();
    assert_eq!(to, expected);
    assert!(sent.iter().all(|e| e.subject.contains("is cancelled")));
    let page = fran.get(&url).await;
    assert!(page.body.contains("Undo: the meeting goes ahead"));
    // The member cannot undo it; the facilitator can, and everyone is told it is back on.
    let r = pat.post_form(&format!("{url}/restore"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = fran.post_form(&format!("{url}/restore"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    let m = meetings::get(&mut conn, &d.next.id).await.unwrap().unwrap();
    assert!(!m.cancelled);
    assert!(m.sequence > d.next.sequence, "calendars see the change");
    let after = app.queued_emails().await;
    assert_eq!(after.len(), emails.len() + told.len());
    assert!(
        after[emails.len()..]
            .iter()
            .all(|e| e.subject.contains("going ahead"))
    );
    // Not cancelled any more: nothing to undo.
    let r = fran.post_form(&format!("{url}/restore"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A meeting that has already started cannot be put back: a later one, moved to an hour
    // ago and cancelled.
    let later = meetings::list_for_set(&mut conn, &d.set)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.starts_at > d.next.starts_at)
        .unwrap();
    let hour = 3_600_000;
    let now = revans_storage::now_ms();
    let session = revans_domain::Session {
        starts_at: now - hour,
        ends_at: now + hour,
    };
    assert!(
        meetings::reschedule(&mut conn, &later.id, &session)
            .await
            .unwrap()
    );
    assert!(meetings::cancel(&mut conn, &later.id).await.unwrap());
    drop(conn);
    let r = fran
        .post_form(&format!("/meetings/{}/restore", later.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

fn confirmed_places(body: &str) -> usize {
    let end = body
        .find(" people have a confirmed place")
        .expect("the count");
    let start = body[..end].rfind('>').unwrap() + 1;
    body[start..end].trim().parse().unwrap()
}

#[tokio::test]
async fn a_leaver_is_confirmed_counted_out_told_and_can_be_put_back() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let leaver = d.members.iter().find(|m| m.email != PARTICIPANT).unwrap();
    let mut lead = app.signed_in(ADMIN).await;
    let sets_page = format!("/admin/cohorts/{}/sets", d.cohort);
    let places = confirmed_places(&lead.get(&sets_page).await.body);
    assert_eq!(places, d.members.len());

    let confirm = lead
        .get(&format!("{sets_page}/leave?member={}", leaver.id))
        .await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    assert!(
        confirm
            .body
            .contains(&format!("Yes, {} has left", leaver.name))
    );
    assert!(
        confirm
            .body
            .contains(&format!("<li>{} (the person who left)</li>", leaver.name))
    );
    assert!(
        confirm
            .body
            .contains("<li>Fran Facilitator (facilitator)</li>")
    );
    // Nothing changed yet.
    assert_eq!(confirmed_places(&lead.get(&sets_page).await.body), places);

    let before = app.queued_emails().await.len();
    let r = lead
        .post_form(
            &format!("{sets_page}/leavers"),
            &[("member", leaver.id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = lead.get(r.location.as_deref().unwrap()).await;
    assert!(after.body.contains(&format!("{} has left", leaver.name)));
    assert!(
        after
            .body
            .contains(&format!("now has {} members", d.members.len() - 1))
    );
    // The counts that included them drop.
    assert_eq!(
        confirmed_places(&lead.get(&sets_page).await.body),
        places - 1
    );
    let mut fran = app.signed_in(FACILITATOR).await;
    let set_page = fran.get(&format!("/sets/{}", d.set)).await;
    assert_eq!(
        set_page.body.matches("data-member=").count(),
        d.members.len() - 1
    );
    // The emails went to the people the confirmation named.
    let emails = app.queued_emails().await;
    let mut to: Vec<&str> = emails[before..].iter().map(|e| e.to.as_str()).collect();
    to.sort();
    let mut expected = vec![leaver.email.as_str(), FACILITATOR];
    expected.sort();
    assert_eq!(to, expected);

    // Undo: back in the set, with their place; the same people are told.
    let r = lead
        .post_form(
            &format!("{sets_page}/restore"),
            &[("member", leaver.id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let back = lead.get(r.location.as_deref().unwrap()).await;
    assert!(back.body.contains(&format!("{} is back in", leaver.name)));
    assert_eq!(confirmed_places(&lead.get(&sets_page).await.body), places);
    let set_page = fran.get(&format!("/sets/{}", d.set)).await;
    assert_eq!(
        set_page.body.matches("data-member=").count(),
        d.members.len()
    );
    assert_eq!(app.queued_emails().await.len(), emails.len() + 2);
    // Nothing left to undo now.
    let r = lead
        .post_form(
            &format!("{sets_page}/restore"),
            &[("member", leaver.id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The API undoes too, for the lead only.
    let token = app.api_token(ADMIN).await;
    let mut api = app.client();
    let body = format!(r#"{{"member":"{}"}}"#, leaver.id);
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1/cohorts/{}/sets/leavers", d.cohort),
            Some(&body),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api
        .json_with_token(
            "POST",
            &format!("/api/v1/cohorts/{}/sets/leavers/undo", d.cohort),
            Some(&body),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(confirmed_places(&lead.get(&sets_page).await.body), places);
}

#[tokio::test]
async fn people_outside_the_set_or_cohort_are_refused_every_new_route() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    // Another published set in the same cohort, with its own member and facilitator.
    let other_member = make_person(
        &app,
        "other.member@harbour-trust.example",
        "Olga Other",
        Role::Participant,
    )
    .await;
    let other_facilitator = make_person(
        &app,
        "other.facilitator@harbour-trust.example",
        "Otis Other",
        Role::Facilitator,
    )
    .await;
    let mut tx = app.state.store.begin().await.unwrap();
    let other = sets::insert(
        &mut tx,
        &sets::NewSet {
            cohort_id: &d.cohort,
            name: "Set 2",
            position: 1,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    sets::add_member(
        &mut tx,
        &sets::NewMember {
            set_id: &other,
            person_id: &other_member,
            unit_key: other_member.as_str(),
            rota_position: 0,
            locked: false,
            joined_at: 0,
        },
    )
    .await
    .unwrap();
    sets::replace_facilitators(&mut tx, &other, std::slice::from_ref(&other_facilitator))
        .await
        .unwrap();
    sets::publish(&mut tx, &d.cohort).await.unwrap();
    revans_storage::commit(tx).await.unwrap();

    let m = d.next.id.as_str();
    let leaver = d.members[1].id.as_str();
    let cohort = d.cohort.as_str();
    // (who, method, path, form) -> expected status.
    let meeting_routes: Vec<(&str, String)> = vec![
        ("GET", format!("/meetings/{m}")),
        ("GET", format!("/meetings/{m}/calendar.ics")),
        ("GET", format!("/meetings/{m}/cancel")),
        ("POST", format!("/meetings/{m}/apologies")),
        ("POST", format!("/meetings/{m}/apologies/withdraw")),
        ("POST", format!("/meetings/{m}/attendance/everyone")),
        ("POST", format!("/meetings/{m}/restore")),
    ];
    let api_routes: Vec<(&str, String, Option<&str>)> = vec![
        (
            "POST",
            format!("/api/v1/meetings/{m}/apologies"),
            Some("{}"),
        ),
        ("DELETE", format!("/api/v1/meetings/{m}/apologies"), None),
        (
            "POST",
            format!("/api/v1/meetings/{m}/attendance/everyone-present"),
            Some(r#"{"exceptions":{}}"#),
        ),
        ("POST", format!("/api/v1/meetings/{m}/restore"), None),
    ];
    let mut failures = Vec::new();
    for who in [
        "other.member@harbour-trust.example",
        "other.facilitator@harbour-trust.example",
        OTHER_ADMIN,
        ADMIN,
    ] {
        let mut c = app.signed_in(who).await;
        let token = app.api_token(who).await;
        for (method, path) in &meeting_routes {
            let r = if *method == "GET" {
                c.get(path).await
            } else {
                c.post_form(path, &[("confirm", "everyone")]).await
            };
            if r.status != StatusCode::NOT_FOUND || r.body.contains("Fran Facilitator") {
                failures.push(format!("{who}: {method} {path} gave {}", r.status));
            }
        }
        for (method, path, body) in &api_routes {
            let r = c.json_with_token(method, path, *body, &token).await;
            if r.status != StatusCode::NOT_FOUND {
                failures.push(format!("{who}: {method} {path} gave {}", r.status));
            }
        }
        // The leaver routes: another tenant's lead is told "not found", the rest refused.
        let expected = match who {
            ADMIN => None,
            OTHER_ADMIN => Some(StatusCode::NOT_FOUND),
            _ => Some(StatusCode::FORBIDDEN),
        };
        if let Some(expected) = expected {
            let pages = [
                c.get(&format!(
                    "/admin/cohorts/{cohort}/sets/leave?member={leaver}"
                ))
                .await,
                c.get(&format!(
                    "/admin/cohorts/{cohort}/sets/leavers?member={leaver}"
                ))
                .await,
                c.post_form(
                    &format!("/admin/cohorts/{cohort}/sets/leavers"),
                    &[("member", leaver)],
                )
                .await,
                c.post_form(
                    &format!("/admin/cohorts/{cohort}/sets/restore"),
                    &[("member", leaver)],
                )
                .await,
            ];
            let body = format!(r#"{{"member":"{leaver}"}}"#);
            let api = c
                .json_with_token(
                    "POST",
                    &format!("/api/v1/cohorts/{cohort}/sets/leavers/undo"),
                    Some(&body),
                    &token,
                )
                .await;
            for (i, r) in pages.iter().chain(std::iter::once(&api)).enumerate() {
                if r.status != expected {
                    failures.push(format!("{who}: leaver route {i} gave {}", r.status));
                }
            }
        }
    }
    // Apologies are the member's own: the facilitator of this set is refused (403).
    let mut fran = app.signed_in(FACILITATOR).await;
    let r = fran
        .post_form(&format!("/meetings/{m}/apologies"), &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Nobody's attempt changed anything.
    assert!(attendance_of(&app, &d.next.id).await.is_empty());
    let mut conn = app.state.store.conn().await.unwrap();
    assert!(
        revans_storage::apologies::for_meeting(&mut conn, &d.next.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
