//! Masterclasses from interests (issue 16, C10): a member records and withdraws their own
//! topics; nobody records for a set or circle they are not in; the lead sees counts under the
//! small-number rule and never who asked; making a masterclass emails exactly the askers once,
//! and nothing the lead receives (pages, API, audit log) names them.

use axum::http::StatusCode;
use revans_domain::{EmailAddress, Id, PersonName, Role};
use revans_storage::masterclass_interests::{self as store, NewInterest};
use revans_storage::{people, sets};
use serde_json::Value;

use crate::helpers::*;

/// The demo participant's set (Spring's Set 1) and the organisation running it.
async fn demo_set(app: &TestApp) -> (Id, Id) {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let source = store::sources_for(&mut conn, &pat)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.id == set.id.as_str())
        .unwrap();
    (set.id, Id::from_trusted(source.organisation_id))
}

/// `n` new members of the demo set, each asking for `topic` there; their (id, name, email).
async fn askers(app: &TestApp, tag: &str, n: usize, topic: &str) -> Vec<(String, String, String)> {
    let (set, org) = demo_set(app).await;
    let mut tx = app.state.store.begin().await.unwrap();
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("asker.{tag}{i}@harbour-trust.example");
        let name = format!("Asker {tag} Number{i}");
        let p = people::insert(
            &mut tx,
            &org,
            &EmailAddress::parse(&email).unwrap(),
            &PersonName::parse(&name).unwrap(),
        )
        .await
        .unwrap();
        sets::add_member(
            &mut tx,
            &sets::NewMember {
                set_id: &set,
                person_id: &p,
                unit_key: p.as_str(),
                rota_position: 50 + i as i64,
                locked: false,
                joined_at: 1,
            },
        )
        .await
        .unwrap();
        store::insert(
            &mut tx,
            &NewInterest {
                person_id: &p,
                set_id: Some(&set),
                circle_id: None,
                organisation_id: &org,
                topic,
            },
        )
        .await
        .unwrap()
        .unwrap();
        out.push((p.to_string(), name, email));
    }
    revans_storage::commit(tx).await.unwrap();
    out
}

fn json(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON: {}", r.body))
}

fn assert_names_nobody(body: &str, askers: &[(String, String, String)], what: &str) {
    for (id, name, email) in askers {
        assert!(
            !body.contains(id.as_str())
                && !body.contains(name.as_str())
                && !body.contains(email.as_str()),
            "{what} names an asker ({name})"
        );
    }
}

#[tokio::test]
async fn a_member_records_sees_and_withdraws_their_own_interest() {
    let app = TestApp::spawn().await;
    let (set, _) = demo_set(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.bearer = Some(app.api_token(PARTICIPANT).await);
    let page = pat.get("/interests").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Set 1"), "{}", page.body);
    let source = format!("set:{set}");

    let r = pat
        .post_form(
            "/interests",
            &[
                ("source", &source),
                ("topic", ""),
                ("own_words", "  Difficult   CONVERSATIONS "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = pat.get("/interests?notice=recorded").await;
    assert!(page.body.contains("Difficult conversations"));

    // The same topic in other letters is the same topic: refused, naming the field.
    let again = pat
        .post_form(
            "/interests",
            &[
                ("source", &source),
                ("own_words", "difficult conversations"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already asked"), "{}", again.body);
    let both = pat
        .post_form(
            "/interests",
            &[
                ("source", &source),
                ("topic", "workforce"),
                ("own_words", "coaching"),
            ],
        )
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("href=\"#own_words\""));
    let none = pat.post_form("/interests", &[("source", &source)]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("href=\"#topic\""));
    let long = "x".repeat(81);
    let too_long = pat
        .json(
            "POST",
            "/api/v1/interests",
            Some(&format!(
                r#"{{"source_kind":"set","source_id":"{set}","topic":"{long}"}}"#
            )),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.body.contains("topic"));

    // Through the API: the suggested topics include the tenant's themes; the list shows both.
    let made = pat
        .json(
            "POST",
            "/api/v1/interests",
            Some(&format!(
                r#"{{"source_kind":"set","source_id":"{set}","topic":"Workforce"}}"#
            )),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = json(&made)["id"].as_str().unwrap().to_owned();
    let mine = json(&pat.json("GET", "/api/v1/interests", None).await);
    assert!(
        mine["suggested_topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "workforce")
    );
    let topics: Vec<&str> = mine["interests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["topic"].as_str().unwrap())
        .collect();
    assert!(topics.contains(&"difficult conversations") && topics.contains(&"workforce"));

    // Someone else cannot withdraw it; its owner can, once.
    let mut bo = app.signed_in(SPONSOR).await;
    bo.bearer = Some(app.api_token(SPONSOR).await);
    let theirs = bo
        .json("DELETE", &format!("/api/v1/interests/{id}"), None)
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let r = bo
        .post_form(&format!("/interests/{id}/withdraw"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let gone = pat
        .json("DELETE", &format!("/api/v1/interests/{id}"), None)
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let again = pat
        .json("DELETE", &format!("/api/v1/interests/{id}"), None)
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let mine = json(&pat.json("GET", "/api/v1/interests", None).await);
    assert!(
        !mine["interests"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["topic"] == "workforce")
    );
}

#[tokio::test]
async fn nobody_records_an_interest_for_a_set_or_circle_they_are_not_in() {
    let app = TestApp::spawn().await;
    let (set, _) = demo_set(&app).await;
    // Another set of the same cohort, which Pat is not in.
    let mut tx = app.state.store.begin().await.unwrap();
    let spring = sets::get(&mut tx, &set).await.unwrap().unwrap().cohort_id;
    let other = sets::insert(
        &mut tx,
        &sets::NewSet {
            cohort_id: &spring,
            name: "Another set",
            position: 9,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    sets::set_status(&mut tx, &other, "published")
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();
    let circle = crate::circles::demo_circle(&app).await;
    // Whether anyone anywhere has an interest in "coaching" (the topic every attempt names).
    let coaching_anywhere = async || {
        let mut conn = app.state.store.conn().await.unwrap();
        let mut found = false;
        for org in revans_storage::organisations::list_all(&mut conn)
            .await
            .unwrap()
        {
            found |= store::counts_in_tree(&mut conn, &org.id)
                .await
                .unwrap()
                .iter()
                .any(|c| c.topic == "coaching");
        }
        found
    };
    assert!(!coaching_anywhere().await);
    // The set's member in another set; its facilitator (not a member); the lead; a sponsor;
    // another tenant's lead; and someone not booked on the circle.
    for (who, kind, id) in [
        (PARTICIPANT, "set", other.to_string()),
        (FACILITATOR, "set", set.to_string()),
        (ADMIN, "set", set.to_string()),
        (SPONSOR, "set", set.to_string()),
        (OTHER_ADMIN, "set", set.to_string()),
        (SPONSOR, "circle", circle.clone()),
        (PARTICIPANT, "set", "not-an-id".to_owned()),
    ] {
        let mut c = app.signed_in(who).await;
        c.bearer = Some(app.api_token(who).await);
        let r = c
            .json(
                "POST",
                "/api/v1/interests",
                Some(&format!(
                    r#"{{"source_kind":"{kind}","source_id":"{id}","topic":"coaching"}}"#
                )),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{who} {kind} {id}: {}",
            r.body
        );
        let page = c
            .post_form(
                "/interests",
                &[("source", &format!("{kind}:{id}")), ("topic", "coaching")],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{who} page");
    }
    assert!(!coaching_anywhere().await, "nothing was recorded");
    // Booked on the circle, the same person may.
    let mut c = app.signed_in(SPONSOR).await;
    c.bearer = Some(app.api_token(SPONSOR).await);
    assert_eq!(
        c.json("POST", &format!("/api/v1/circles/{circle}/booking"), None)
            .await
            .status,
        StatusCode::CREATED
    );
    let r = c
        .json(
            "POST",
            "/api/v1/interests",
            Some(&format!(
                r#"{{"source_kind":"circle","source_id":"{circle}","topic":"Burnout"}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let unknown = c
        .json(
            "POST",
            "/api/v1/interests",
            Some(r#"{"source_kind":"team","source_id":"x","topic":"a"}"#),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("source_kind"));
}

#[tokio::test]
async fn the_lead_sees_counts_under_the_small_number_rule_and_never_who() {
    let app = TestApp::spawn().await;
    let nine = askers(&app, "n", 9, "quality improvement").await;
    let three = askers(&app, "t", 3, "negotiation").await;
    let all: Vec<_> = nine.iter().chain(three.iter()).cloned().collect();
    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    let r = lead.json("GET", "/api/v1/admin/interests", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_names_nobody(&r.body, &all, "the API figures");
    let figures = json(&r);
    let line = |topic: &str| {
        figures["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["topic"] == topic)
            .cloned()
            .unwrap()
    };
    assert_eq!(line("quality improvement")["people"], 10, "9 shown as 10");
    assert_eq!(line("quality improvement")["can_make_masterclass"], true);
    assert_eq!(line("negotiation")["people"], Value::Null, "3 hidden");
    assert_eq!(line("negotiation")["can_make_masterclass"], false);
    let shown: u64 = figures["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["people"].as_u64())
        .sum();
    assert_eq!(
        figures["total"].as_u64().unwrap(),
        shown,
        "the total adds only what is shown"
    );
    let page = lead.get("/admin/interests").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_names_nobody(&page.body, &all, "the figures page");
    assert!(page.body.contains("Quality improvement") && page.body.contains("Fewer than 8"));
    assert!(!page.body.contains("Set 1"), "never which set");

    // Another tenant's lead, a sponsor, an evaluator and a participant see nothing of it.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let theirs = other.json("GET", "/api/v1/admin/interests", None).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_eq!(json(&theirs)["topics"].as_array().unwrap().len(), 0);
    assert!(
        !other
            .get("/admin/interests")
            .await
            .body
            .contains("Quality improvement")
    );
    let take = other
        .json(
            "POST",
            "/api/v1/admin/interests/masterclasses",
            Some(r#"{"topic":"quality improvement"}"#),
        )
        .await;
    assert_eq!(take.status, StatusCode::NOT_FOUND);
    for who in [SPONSOR, EVALUATOR, PARTICIPANT] {
        let mut c = app.signed_in(who).await;
        c.bearer = Some(app.api_token(who).await);
        assert_eq!(
            c.json("GET", "/api/v1/admin/interests", None).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            c.get("/admin/interests").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn making_a_masterclass_emails_exactly_the_askers_once_and_tells_the_lead_nobody() {
    let app = TestApp::spawn().await;
    let nine = askers(&app, "q", 9, "quality improvement").await;
    let three = askers(&app, "g", 3, "negotiation").await;
    let all: Vec<_> = nine.iter().chain(three.iter()).cloned().collect();
    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);

    // A hidden topic cannot be used (that would tell the lead 1-7 asked); nor one nobody asked.
    let hidden = lead
        .get("/admin/interests/masterclass?topic=negotiation")
        .await;
    assert_eq!(hidden.status, StatusCode::CONFLICT);
    let hidden = lead
        .json(
            "POST",
            "/api/v1/admin/interests/masterclasses",
            Some(r#"{"topic":"negotiation"}"#),
        )
        .await;
    assert_eq!(hidden.status, StatusCode::CONFLICT);
    let nobody = lead
        .json(
            "POST",
            "/api/v1/admin/interests/masterclasses",
            Some(r#"{"topic":"astronomy"}"#),
        )
        .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);
    let emails_before = app.queued_emails().await.len();

    // Check your answers, then make it.
    let check = lead
        .get("/admin/interests/masterclass?topic=Quality++IMPROVEMENT")
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("Check your answers") && check.body.contains("data-people>10<"));
    assert_names_nobody(&check.body, &all, "the check page");
    let made = lead
        .post_form(
            "/admin/interests/masterclass",
            &[("topic", "quality improvement")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let to = made.location.clone().unwrap();
    assert_eq!(
        to,
        "/admin/interests/masterclass/made?topic=quality+improvement"
    );
    let panel = lead.get(&to).await;
    assert_eq!(panel.status, StatusCode::OK);
    assert!(panel.body.contains("data-panel") && panel.body.contains("Quality improvement"));
    assert_names_nobody(&panel.body, &all, "the confirmation");

    // Revans emailed exactly the nine askers, each once, with the programme's page.
    let emails = app.queued_emails().await;
    let invitations: Vec<_> = emails[emails_before..]
        .iter()
        .filter(|e| e.subject == "A masterclass you asked for: Quality improvement")
        .collect();
    let mut to: Vec<&str> = invitations.iter().map(|e| e.to.as_str()).collect();
    to.sort();
    let mut expected: Vec<&str> = nine.iter().map(|(_, _, e)| e.as_str()).collect();
    expected.sort();
    assert_eq!(to, expected);
    let figures = json(&lead.json("GET", "/api/v1/admin/interests", None).await);
    let line = figures["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == "quality improvement")
        .cloned()
        .unwrap();
    let programme = line["masterclass_programme_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(line["can_make_masterclass"], false);
    assert!(
        invitations[0]
            .text
            .contains(&format!("/programmes/{programme}"))
    );
    assert!(
        !invitations[0].text.contains("Priya"),
        "the invitation names no lead"
    );

    // A draft programme of kind masterclass, titled with the topic.
    let mut conn = app.state.store.conn().await.unwrap();
    let p = revans_storage::programmes::get(&mut conn, &Id::parse(&programme).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.fields.title, "Quality improvement");
    assert_eq!(p.fields.kind, revans_domain::ProgrammeKind::Masterclass);
    assert_eq!(p.status, revans_domain::ProgrammeStatus::Draft);

    // The audit log holds the topic and the published count, never who asked.
    let lead_org = Id::parse(&app.person_id(ADMIN).await).unwrap();
    let org = people::get(&mut conn, &lead_org)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let entries = revans_storage::audit::list_in_tree(&mut conn, &org, 50, 0)
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.action == "masterclass.made_from_interests")
        .unwrap();
    assert!(entry.detail.contains("quality improvement") && entry.detail.contains("10 people"));
    for e in &entries {
        assert_names_nobody(
            &format!("{} {} {}", e.detail, e.subject_id, e.actor_name),
            &all,
            "the audit log",
        );
    }
    let audit_page = lead.get("/admin/audit").await;
    assert_names_nobody(&audit_page.body, &all, "the audit page");
    drop(conn);

    // Once only: a second try is refused and sends nothing.
    let count = app.queued_emails().await.len();
    let again = lead
        .json(
            "POST",
            "/api/v1/admin/interests/masterclasses",
            Some(r#"{"topic":"quality improvement"}"#),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(app.queued_emails().await.len(), count);

    // Through the API, once the topic is shown: the answer carries no asker either.
    let more = askers(&app, "m", 5, "negotiation").await;
    let everyone: Vec<_> = all.iter().chain(more.iter()).cloned().collect();
    let r = lead
        .json(
            "POST",
            "/api/v1/admin/interests/masterclasses",
            Some(r#"{"topic":"Negotiation"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_names_nobody(&r.body, &everyone, "the API answer");
    let body = json(&r);
    assert_eq!(
        (body["title"].as_str(), body["people"].as_u64()),
        (Some("Negotiation"), Some(10))
    );
    let sent = app.queued_emails().await;
    assert_eq!(
        sent[count..]
            .iter()
            .filter(|e| e.subject == "A masterclass you asked for: Negotiation")
            .count(),
        8
    );
    let _ = Role::Admin;
}
