//! The regional facilitator pool (issue 15, C6), through the pages and the API: opting in with
//! check your answers; the pool leads of the region read (and a lead of another tenant does
//! not); a facilitator marking themself unavailable, the set's lead seeing "needs a
//! replacement" with ranked proposals, asking by email, and the newcomer accepting by the link
//! signed out: they replace the old facilitator, the meetings stay, members are told, the
//! audit log names both.

use axum::http::StatusCode;
use revans_domain::{Id, Role};

use crate::helpers::*;

const NEWCOMER: &str = "newcomer@northcoast-ics.example";
const FAR_AWAY: &str = "far-facilitator@elsewhere.example";
const EVERY_DAY: &str = r#"[{"weekday":1,"from":"00:00","to":"24:00"},{"weekday":2,"from":"00:00","to":"24:00"},{"weekday":3,"from":"00:00","to":"24:00"},{"weekday":4,"from":"00:00","to":"24:00"},{"weekday":5,"from":"00:00","to":"24:00"},{"weekday":6,"from":"00:00","to":"24:00"},{"weekday":7,"from":"00:00","to":"24:00"}]"#;

fn join_body(capacity: i64) -> String {
    format!(
        r#"{{"capacity":{capacity},"outside_own_org":true,"timezone":"Europe/London","availability":{EVERY_DAY}}}"#
    )
}

/// The demo participant's set (the demo facilitator runs it) and its meetings.
async fn the_set(app: &TestApp) -> (Id, Vec<revans_storage::meetings::Meeting>) {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let meetings = revans_storage::meetings::list_for_set(&mut conn, &set.id)
        .await
        .unwrap();
    (set.id, meetings)
}

async fn set_org(app: &TestApp) -> Id {
    let mut conn = app.state.store.conn().await.unwrap();
    let lead = Id::parse(&app.person_id(ADMIN).await).unwrap();
    revans_storage::people::get(&mut conn, &lead)
        .await
        .unwrap()
        .unwrap()
        .organisation_id
}

async fn facilitators_of(app: &TestApp, set: &Id) -> Vec<String> {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::sets::facilitators(&mut conn, set)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.email)
        .collect()
}

/// Empties the demo's pool, so a test starts from a region where nobody has opted in yet.
async fn empty_pool(app: &TestApp) {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::testing::empty_pools(&mut conn)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_facilitator_opts_in_checking_their_answers_first() {
    let app = TestApp::spawn().await;
    empty_pool(&app).await;
    let mut c = app.signed_in(FACILITATOR).await;
    c.bearer = Some(app.api_token(FACILITATOR).await);
    let r = c.get("/facilitators/pool").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Join the pool"), "{}", r.body);
    c.get("/facilitators/pool/change").await;

    // Mistakes are named, field by field.
    let r = c
        .post_form(
            "/facilitators/pool/check",
            &[
                ("capacity", "0"),
                ("timezone", "Mars/Base"),
                ("d2_from", "10:00"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in [
        "from 1 to 20",
        "Select whether you will facilitate outside your own organisation",
        "Enter a time zone such as Europe/London",
        "Enter a weekday and two times",
    ] {
        assert!(r.body.contains(msg), "missing {msg:?}");
    }

    let answers = [
        ("capacity", "2"),
        ("outside_own_org", "yes"),
        ("timezone", "Europe/London"),
        ("d2_from", "09:00"),
        ("d2_to", "12:30"),
    ];
    let r = c.post_form("/facilitators/pool/check", &answers).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Check your answers"));
    assert!(r.body.contains("Tuesday 09:00 to 12:30"));
    // Nothing is saved until confirmed.
    let mine = c.json("GET", "/api/v1/facilitators/pool", None).await;
    assert!(mine.body.contains(r#""in_pool":false"#), "{}", mine.body);

    let mut confirm: Vec<(&str, &str)> = answers.to_vec();
    confirm.push(("action", "save"));
    let r = c.post_form("/facilitators/pool", &confirm).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some("/facilitators/pool/confirmed"));
    let r = c.get("/facilitators/pool/confirmed").await;
    assert!(r.body.contains("You are in the pool"));
    let r = c.get("/facilitators/pool").await;
    assert!(r.body.contains("Tuesday 09:00 to 12:30"));
    assert!(r.body.contains("Leave the pool"));
    assert!(app.audit_actions().await.contains(&"pool.join".to_owned()));

    // The region's lead sees them with capacity left; a lead of another tenant does not.
    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    let pool = lead.json("GET", "/api/v1/admin/pool", None).await;
    assert_eq!(pool.status, StatusCode::OK);
    assert!(pool.body.contains(r#""capacity":2"#), "{}", pool.body);
    let page = lead.get("/admin/pool").await;
    assert!(page.body.contains("Tuesday 09:00 to 12:30"));
    let mut other = app.signed_in(OTHER_ADMIN).await;
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let theirs = other.json("GET", "/api/v1/admin/pool", None).await;
    assert_eq!(theirs.status, StatusCode::OK);
    let name = app.person_id(FACILITATOR).await;
    assert!(!theirs.body.contains(&name));
    assert!(
        !other
            .get("/admin/pool")
            .await
            .body
            .contains("Tuesday 09:00")
    );

    // Leaving takes them out of what leads read.
    assert_eq!(
        c.post_form("/facilitators/pool/leave", &[]).await.status,
        StatusCode::OK
    );
    let pool = lead.json("GET", "/api/v1/admin/pool", None).await;
    assert!(!pool.body.contains(&name));
}

#[tokio::test]
async fn an_unavailable_facilitator_is_replaced_by_one_who_accepts_by_email() {
    let app = TestApp::spawn().await;
    empty_pool(&app).await;
    let (set, meetings_before) = the_set(&app).await;
    assert_eq!(
        facilitators_of(&app, &set).await,
        vec![FACILITATOR.to_owned()]
    );

    // Two facilitators in the region's pool, one in another region's.
    let mut old = app.signed_in(FACILITATOR).await;
    old.bearer = Some(app.api_token(FACILITATOR).await);
    let r = old
        .json("PUT", "/api/v1/facilitators/pool", Some(&join_body(3)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut newcomer = person_beside(&app, FACILITATOR, NEWCOMER, Role::Facilitator).await;
    let r = newcomer
        .json("PUT", "/api/v1/facilitators/pool", Some(&join_body(1)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut far = person_beside(&app, OTHER_ADMIN, FAR_AWAY, Role::Facilitator).await;
    let r = far
        .json("PUT", "/api/v1/facilitators/pool", Some(&join_body(5)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    let path = format!("/api/v1/sets/{set}/facilitator-proposals");
    let before = lead.json("GET", &path, None).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(
        before.body.contains(r#""needs_replacement":[]"#),
        "{}",
        before.body
    );

    // The facilitator says they are unavailable from today, with no last day.
    let today = jiff::Zoned::now().date().to_string();
    let r = old
        .json(
            "POST",
            "/api/v1/facilitators/pool/absences",
            Some(&format!(r#"{{"first_day":"{today}"}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let proposals = lead.json("GET", &path, None).await;
    let body: serde_json::Value = serde_json::from_str(&proposals.body).unwrap();
    let old_id = app.person_id(FACILITATOR).await;
    let new_id = app.person_id(NEWCOMER).await;
    let far_id = app.person_id(FAR_AWAY).await;
    assert_eq!(body["needs_replacement"][0]["person_id"], old_id.as_str());
    let proposed: Vec<&str> = body["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person_id"].as_str().unwrap())
        .collect();
    assert_eq!(proposed, vec![new_id.as_str()], "{}", proposals.body);
    assert!(
        !proposals.body.contains(&far_id),
        "another region's facilitator proposed"
    );
    assert!(
        body["proposals"][0]["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("Available for")
    );
    let page = lead
        .get(&format!("/admin/sets/{set}/facilitator-proposals"))
        .await;
    assert!(page.body.contains("needs a replacement"), "{}", page.body);

    // Someone not proposable cannot be asked.
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/sets/{set}/facilitator-requests"),
            Some(&format!(
                r#"{{"person_ids":["{far_id}"],"replaces":"{old_id}"}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    let r = lead
        .json(
            "POST",
            &format!("/api/v1/sets/{set}/facilitator-requests"),
            Some(&format!(
                r#"{{"person_ids":["{new_id}"],"replaces":"{old_id}"}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let asked = app
        .queued_emails()
        .await
        .into_iter()
        .find(|e| e.to == NEWCOMER && e.subject.contains("Will you facilitate"))
        .expect("the newcomer is asked by email");
    let start =
        asked.text.find("/facilitator-requests/").expect("a link") + "/facilitator-requests/".len();
    let token: String = asked.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    // Only the hash is stored.
    let mut conn = app.state.store.conn().await.unwrap();
    use revans_storage::facilitator_requests::by_token_hash;
    assert!(by_token_hash(&mut conn, &token).await.unwrap().is_none());
    let hashed = revans_app::security::hash_token(&token);
    assert!(by_token_hash(&mut conn, &hashed).await.unwrap().is_some());
    drop(conn);
    assert_eq!(
        facilitators_of(&app, &set).await,
        vec![FACILITATOR.to_owned()]
    );

    // Signed out, the link shows the request and takes the answer once.
    let mut anon = app.client();
    let r = anon.get(&format!("/facilitator-requests/{token}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Will you facilitate"));
    let r = anon
        .post_form(
            &format!("/facilitator-requests/{token}"),
            &[("answer", "accept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(facilitators_of(&app, &set).await, vec![NEWCOMER.to_owned()]);
    let again = anon
        .json(
            "POST",
            &format!("/api/v1/facilitator-requests/{token}"),
            Some(r#"{"answer":"decline"}"#),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(facilitators_of(&app, &set).await, vec![NEWCOMER.to_owned()]);

    // The lead's proposals list the request as answered, naming whom it replaced.
    let after: serde_json::Value =
        serde_json::from_str(&lead.json("GET", &path, None).await.body).unwrap();
    assert_eq!(after["asked"][0]["status"], "accepted", "{after}");
    assert_eq!(after["asked"][0]["replaces"], "Fran Facilitator", "{after}");
    assert_eq!(
        after["facilitators"][0]["person_id"],
        new_id.as_str(),
        "{after}"
    );

    // Meetings and their rota untouched; members, newcomer and lead told; audit names both.
    let (_, meetings_after) = the_set(&app).await;
    assert_eq!(meetings_after, meetings_before);
    let emails = app.queued_emails().await;
    assert!(
        emails
            .iter()
            .any(|e| e.to == PARTICIPANT && e.subject.contains("in place of")),
        "members not told"
    );
    assert!(
        emails
            .iter()
            .any(|e| e.to == NEWCOMER && e.subject.contains("You now facilitate"))
    );
    assert!(
        emails
            .iter()
            .any(|e| e.to == ADMIN && e.subject.contains("accepted"))
    );
    let actions = app.audit_actions().await;
    for a in ["facilitator.asked", "facilitator.accepted", "pool.absence"] {
        assert!(actions.contains(&a.to_owned()), "no {a} in the audit log");
    }
    let mut conn = app.state.store.conn().await.unwrap();
    let region = revans_storage::pool::region_of(&mut conn, &set_org(&app).await)
        .await
        .unwrap()
        .unwrap();
    let entries = revans_storage::audit::list_in_tree(&mut conn, &region, 1000, 0)
        .await
        .unwrap();
    let accepted = entries
        .iter()
        .find(|e| e.action == "facilitator.accepted")
        .unwrap();
    assert!(accepted.detail.contains("replaced"), "{}", accepted.detail);
    assert_eq!(accepted.actor_name, "Someone Else");
}

#[tokio::test]
async fn leads_elsewhere_cannot_change_a_set_and_a_lead_cannot_join_as_facilitator() {
    let app = TestApp::spawn().await;
    let (set, _) = the_set(&app).await;
    let mut newcomer = person_beside(&app, FACILITATOR, NEWCOMER, Role::Facilitator).await;
    assert_eq!(
        newcomer
            .json("PUT", "/api/v1/facilitators/pool", Some(&join_body(2)))
            .await
            .status,
        StatusCode::OK
    );
    let new_id = app.person_id(NEWCOMER).await;

    // A lead of another organisation in the region (the participant's trust) reads the pool but
    // cannot see or change the proposals of a set their organisation does not run.
    let mut sibling =
        person_beside(&app, PARTICIPANT, "lead@harbour-trust.example", Role::Admin).await;
    let pool = sibling.json("GET", "/api/v1/admin/pool", None).await;
    assert_eq!(pool.status, StatusCode::OK);
    assert!(pool.body.contains(&new_id), "{}", pool.body);
    let r = sibling
        .json(
            "GET",
            &format!("/api/v1/sets/{set}/facilitator-proposals"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = sibling
        .json(
            "POST",
            &format!("/api/v1/sets/{set}/facilitator-requests"),
            Some(&format!(r#"{{"person_ids":["{new_id}"]}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Nor mark its facilitator unavailable; the set's own lead can, and the set then needs a
    // replacement, with the audit log naming who was marked.
    let fran = app.person_id(FACILITATOR).await;
    let today = jiff::Zoned::now().date();
    let mark = format!(r#"{{"person_id":"{fran}","from":"{today}"}}"#);
    let unavailable = format!("/api/v1/sets/{set}/facilitator-unavailable");
    assert_eq!(
        sibling.json("POST", &unavailable, Some(&mark)).await.status,
        StatusCode::NOT_FOUND
    );
    let mut set_lead = app.signed_in(ADMIN).await;
    set_lead.bearer = Some(app.api_token(ADMIN).await);
    let r = set_lead.json("POST", &unavailable, Some(&mark)).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert!(
        app.audit_actions()
            .await
            .contains(&"facilitator.unavailable".to_owned())
    );
    let r = set_lead
        .json(
            "GET",
            &format!("/api/v1/sets/{set}/facilitator-proposals"),
            None,
        )
        .await;
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        body["needs_replacement"][0]["person_id"],
        fran.as_str(),
        "{body}"
    );

    // A facilitator of another region neither reads this pool nor appears in it.
    let mut far = person_beside(&app, OTHER_ADMIN, FAR_AWAY, Role::Facilitator).await;
    assert_eq!(
        far.json("GET", "/api/v1/admin/pool", None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        far.json(
            "GET",
            &format!("/api/v1/sets/{set}/facilitator-proposals"),
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // A lead is not a facilitator: joining the pool is refused, and granting themself the role
    // is refused too (nobody changes their own roles), so they never appear in it.
    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    assert_eq!(
        lead.json("PUT", "/api/v1/facilitators/pool", Some(&join_body(2)))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let me = app.person_id(ADMIN).await;
    let org = {
        let mut conn = app.state.store.conn().await.unwrap();
        revans_storage::people::get(&mut conn, &Id::parse(&me).unwrap())
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/people/{me}/roles"),
            Some(&format!(
                r#"{{"organisation_id":"{org}","roles":["admin","facilitator"]}}"#
            )),
        )
        .await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    assert_eq!(
        lead.json("PUT", "/api/v1/facilitators/pool", Some(&join_body(2)))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_demo_pool_shows_a_replacement_proposal() {
    let app = TestApp::spawn().await;
    let (set, _) = the_set(&app).await;
    let fran = Id::parse(&app.person_id(FACILITATOR).await).unwrap();
    // `revans demo` seeds the pool (crates/app/src/demo/pool.rs); the test app is that demo.

    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    let pool: serde_json::Value =
        serde_json::from_str(&lead.json("GET", "/api/v1/admin/pool", None).await.body).unwrap();
    assert_eq!(pool[0]["members"].as_array().unwrap().len(), 5, "{pool}");
    let r = lead
        .json(
            "GET",
            &format!("/api/v1/sets/{set}/facilitator-proposals"),
            None,
        )
        .await;
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        body["needs_replacement"][0]["person_id"],
        fran.as_str(),
        "{body}"
    );
    assert!(!body["proposals"].as_array().unwrap().is_empty(), "{body}");
    assert!(
        body["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Ash Patel"
                && e["reason"] == "Facilitates only in their own organisation"),
        "{body}"
    );
    let page = lead
        .get(&format!("/admin/sets/{set}/facilitator-proposals"))
        .await;
    assert!(
        page.body.contains("Fran Facilitator is unavailable from"),
        "{}",
        page.body
    );
}
