//! 360 feedback (C9) end to end: the lead offers an instrument; a participant starts a round,
//! answers about themself and invites their manager, peers and reports, who answer by their
//! emailed links with no account. The report sets self against each rater group and all
//! others: peers and reports only with 3 or more answers, the manager with 1 (and it says
//! so). Only the participant reads their round: every other role, another participant and a
//! rater's link are told it does not exist. Nothing of a round reaches the programme results.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// Two scale questions (1 to 5) and a free-text one, so means can be worked by hand.
const INSTRUMENT: &str = r#"
key = "working_with_others"
version = 1
title = "Working with others"

[[sections]]
key = "how"
title = "How they work"

[[sections.questions]]
key = "listens"
type = "scale"
text = "Listens before deciding."
scale = { min = 1, max = 5, labels = ["Never", "Rarely", "Sometimes", "Often", "Always"] }

[[sections.questions]]
key = "clear"
type = "scale"
text = "Is clear about what they expect."
scale = { min = 1, max = 5, labels = ["Never", "Rarely", "Sometimes", "Often", "Always"] }

[[sections.questions]]
key = "keep_doing"
type = "free_text"
text = "What should they keep doing?"
required = false
"#;

fn body(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

struct Round {
    programme: String,
    lead: Client,
    me: Client,
    round: String,
}

/// The demo programme of the participant's cohort, offering 360 feedback with the test
/// instrument; the participant (over the API) has started a round.
async fn started(app: &TestApp) -> Round {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let cohort = revans_storage::cohorts::get(&mut conn, &set.cohort_id)
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    let programme = cohort.programme_id.to_string();
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/instruments"),
            Some(&json!({"format": "toml", "source": INSTRUMENT}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let instrument = body(&r)["id"].as_str().unwrap().to_owned();
    let r = lead
        .json(
            "PUT",
            &format!("/api/v1/programmes/{programme}/feedback360"),
            Some(&json!({"instrument_id": instrument}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(body(&r)["instrument"], "Working with others");

    let mut me = app.client();
    me.bearer = Some(app.api_token(PARTICIPANT).await);
    let home = body(&me.json("GET", "/api/v1/feedback", None).await);
    assert_eq!(home["offers"][0]["programme_id"], programme.as_str());
    assert_eq!(home["rounds"], json!([]));
    let r = me
        .json(
            "POST",
            "/api/v1/feedback",
            Some(&json!({"programme_id": programme}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let round = body(&r)["id"].as_str().unwrap().to_owned();
    // One open round per programme at a time.
    let again = me
        .json(
            "POST",
            "/api/v1/feedback",
            Some(&json!({"programme_id": programme}).to_string()),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    Round {
        programme,
        lead,
        me,
        round,
    }
}

/// The token of the last email to `to` whose subject contains `subject`.
async fn token_for(app: &TestApp, to: &str, subject: &str) -> (String, String) {
    let email = app
        .queued_emails()
        .await
        .into_iter()
        .rev()
        .find(|e| e.to == to && e.subject.contains(subject))
        .unwrap_or_else(|| panic!("no email to {to} about {subject}"));
    let start = email.text.find("/respond/").expect("a link") + "/respond/".len();
    let token: String = email.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (token, email.text)
}

async fn answer(app: &TestApp, token: &str, listens: u32, clear: u32, text: &str) {
    let mut anyone = app.client();
    let mut answers = json!({"listens": listens, "clear": clear});
    if !text.is_empty() {
        answers["keep_doing"] = json!(text);
    }
    let r = anyone
        .json(
            "PUT",
            &format!("/api/v1/respond/{token}"),
            Some(&json!({"answers": answers, "submit": true}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

fn group<'a>(question: &'a Value, g: &str) -> &'a Value {
    question["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["group"] == g)
        .unwrap()
}

async fn invite(r: &mut Round, raters: Value) -> Response {
    let path = format!("/api/v1/feedback/{}/raters", r.round);
    r.me.json("POST", &path, Some(&raters.to_string())).await
}

#[tokio::test]
async fn the_report_sets_self_against_groups_of_three_and_the_manager_alone() {
    let app = TestApp::spawn().await;
    let mut r = started(&app).await;

    // The participant answers about themself through their own link from the page's twin.
    let path = format!("/api/v1/feedback/{}/self-link", r.round);
    let link = body(&r.me.json("POST", &path, None).await)["link"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = link.trim_start_matches("/respond/").to_owned();
    let q = body(&app.client().get(&format!("/api/v1/respond/{own}")).await);
    assert!(
        q["wave"].as_str().unwrap().contains("Pat Participant"),
        "{q}"
    );
    assert!(
        q["promise"].as_str().unwrap().contains("only you see them"),
        "{q}"
    );
    answer(&app, &own, 2, 4, "").await;
    let again = r.me.json("POST", &path, None).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

    let peers = ["p1@peers.example", "p2@peers.example", "p3@peers.example"];
    let reports = ["r1@reports.example", "r2@reports.example"];
    let sent = invite(
        &mut r,
        json!({"manager": ["boss@harbour-trust.example"], "peers": peers, "reports": reports}),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(body(&sent)["invited"], 6);

    // Each rater is told who asked and what the participant will see.
    let (boss, boss_text) =
        token_for(&app, "boss@harbour-trust.example", "asks for your view").await;
    assert!(boss_text.contains("Pat Participant"), "{boss_text}");
    assert!(boss_text.contains("will see your answers"), "{boss_text}");
    let mut peer_tokens = Vec::new();
    for p in peers {
        let (t, text) = token_for(&app, p, "asks for your view").await;
        assert!(text.contains("Pat Participant"), "{text}");
        assert!(text.contains("at least 2 others"), "{text}");
        assert!(!text.contains("will see your answers"), "{text}");
        peer_tokens.push(t);
    }
    // The answering page tells a peer what the participant will see, and asks no consent
    // for evaluators (a round's free text goes only to its participant).
    let peer_page = app
        .client()
        .get(&format!("/respond/{}", peer_tokens[0]))
        .await;
    assert!(
        peer_page.body.contains("at least 2 others"),
        "{}",
        peer_page.body
    );
    assert!(!peer_page.body.contains("free_text_consent"));
    let q = body(&app.client().get(&format!("/api/v1/respond/{boss}")).await);
    assert!(
        q["promise"]
            .as_str()
            .unwrap()
            .contains("will see your answers"),
        "{q}"
    );
    let mut report_tokens = Vec::new();
    for p in reports {
        report_tokens.push(token_for(&app, p, "asks for your view").await.0);
    }

    answer(&app, &boss, 5, 3, "Direct feedback").await;
    answer(&app, &peer_tokens[0], 4, 4, "Listening").await;
    answer(&app, &peer_tokens[1], 3, 4, "Asking questions").await;
    answer(&app, &report_tokens[0], 1, 2, "Being there").await;
    answer(&app, &report_tokens[1], 2, 2, "Coffee").await;

    // While the round is open nothing of the raters is shown: a mean that moved after one more
    // answer would give that answer away.
    let report_path = format!("/api/v1/feedback/{}/report", r.round);
    let rep = body(&r.me.json("GET", &report_path, None).await);
    assert_eq!(rep["released"], false);
    let listens = &rep["questions"][0];
    assert_eq!(listens["key"], "listens");
    assert_eq!(
        listens["self_score"], 2.0,
        "their own score is theirs at any time"
    );
    for g in listens["groups"].as_array().unwrap() {
        assert_eq!(g["mean"], Value::Null, "{g}");
        assert!(
            g["note"]
                .as_str()
                .unwrap()
                .starts_with("Shown when the round closes"),
            "{g}"
        );
    }
    assert_eq!(listens["others"], Value::Null);
    assert_eq!(rep["free_text"], json!([]));

    // The third peer: peers shown (4+3+2)/3 = 3; others over shown groups (5+4+3+2)/4 = 3.5,
    // reports (2 answers) still hidden and left out of others (with them it would be 2.83).
    answer(&app, &peer_tokens[2], 2, 5, "Being fair").await;
    // The participant closes the round: now the report is shown, and no more answers come.
    let closed =
        r.me.json("POST", &format!("/api/v1/feedback/{}/close", r.round), None)
            .await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT, "{}", closed.body);
    let again =
        r.me.json("POST", &format!("/api/v1/feedback/{}/close", r.round), None)
            .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let rep = body(&r.me.json("GET", &report_path, None).await);
    assert_eq!(rep["released"], true);
    let listens = &rep["questions"][0];
    assert_eq!(group(listens, "manager")["mean"], 5.0);
    assert_eq!(group(listens, "manager")["note"], "Your manager's answer");
    assert_eq!(
        group(listens, "report")["note"],
        "Fewer than 3 answers: not shown, so nobody can be identified"
    );
    assert_eq!(group(listens, "peer")["mean"], 3.0);
    assert_eq!(group(listens, "peer")["note"], "The mean of 3 answers");
    assert_eq!(group(listens, "report")["mean"], Value::Null);
    assert_eq!(listens["others"], 3.5);
    assert_eq!(listens["others_answers"], 4);
    let clear = &rep["questions"][1];
    assert_eq!(clear["self_score"], 4.0);
    assert_eq!(group(clear, "manager")["mean"], 3.0);
    // (4 + 4 + 5) / 3 = 4.33; others (3 + 4 + 4 + 5) / 4 = 4.
    assert_eq!(group(clear, "peer")["mean"], 4.33);
    assert_eq!(clear["others"], 4.0);
    // Free text only from the peers (3), sorted; not the manager's, not the reports'.
    assert_eq!(
        rep["free_text"],
        json!([{"key": "keep_doing", "text": "What should they keep doing?", "group": "peer",
            "label": "Peers", "answers": ["Asking questions", "Being fair", "Listening"]}])
    );
    // Counts per group, never who.
    let view = body(
        &r.me
            .json("GET", &format!("/api/v1/feedback/{}", r.round), None)
            .await,
    );
    assert_eq!(view["self_answered"], true);
    assert_eq!(
        view["groups"],
        json!([
            {"group": "manager", "label": "Your manager", "invited": 1, "answered": 1},
            {"group": "peer", "label": "Peers", "invited": 3, "answered": 3},
            {"group": "report", "label": "People who report to you", "invited": 2, "answered": 2},
        ])
    );
    assert!(!view.to_string().contains("peers.example"), "{view}");

    // The page says the same to a screen.
    let mut page = app.signed_in(PARTICIPANT).await;
    let html = page.get(&format!("/feedback/{}/report", r.round)).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.body.contains("Your manager&#39;s answer")
            || html.body.contains("Your manager's answer"),
        "{}",
        html.body
    );
    assert!(html.body.contains("Fewer than 3 answers: not shown"));
    assert!(html.body.contains("<td>3.50</td>"), "{}", html.body);
    assert!(html.body.contains("<td>4.33</td>"));
    assert!(
        !html.body.contains("Being there"),
        "reports' free text is hidden"
    );

    // Nothing of the round reaches the programme's plan or results.
    let plan = body(
        &r.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation", r.programme),
                None,
            )
            .await,
    );
    assert!(!plan.to_string().contains(&r.round), "{plan}");
    let results = body(
        &r.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation/results", r.programme),
                None,
            )
            .await,
    );
    assert!(!results.to_string().contains(&r.round), "{results}");
    // The lead cannot invite into or remind a round by its wave id either.
    let into = r
        .lead
        .json(
            "POST",
            &format!("/api/v1/waves/{}/invitations", r.round),
            Some(&json!({"emails": ["x@y.example"], "group": "peer"}).to_string()),
        )
        .await;
    assert_eq!(into.status, StatusCode::NOT_FOUND, "{}", into.body);
    // The lead sees only how many rounds exist, after the small-number rule.
    let offer = body(
        &r.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/feedback360", r.programme),
                None,
            )
            .await,
    );
    assert_eq!(
        offer["rounds"],
        Value::Null,
        "1 round is fewer than 8: {offer}"
    );
}

#[tokio::test]
async fn bad_rater_lines_are_named_and_nothing_is_sent() {
    let app = TestApp::spawn().await;
    let r = started(&app).await;
    let mut page = app.signed_in(PARTICIPANT).await;
    let form = page.get(&format!("/feedback/{}/raters", r.round)).await;
    assert_eq!(form.status, StatusCode::OK);
    let before = app.queued_emails().await.len();
    let bad = page
        .post_form(
            &format!("/feedback/{}/raters", r.round),
            &[
                ("manager", "boss@harbour-trust.example"),
                (
                    "peers",
                    "a@peers.example\nnot-an-address\nPARTICIPANT@harbour-trust.example\nboss@harbour-trust.example",
                ),
                ("reports", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    for expected in [
        "Peers, line 2: &#34;not-an-address&#34; is not an email address",
        "Peers, line 3: participant@harbour-trust.example is your own address",
        "Peers, line 4: boss@harbour-trust.example is listed twice (also under your manager)",
    ] {
        let alt = expected.replace("&#34;", "&quot;");
        assert!(
            bad.body.contains(expected) || bad.body.contains(&alt),
            "{expected} in {}",
            bad.body
        );
    }
    // What was typed is kept.
    assert!(bad.body.contains("not-an-address"));
    assert_eq!(app.queued_emails().await.len(), before, "nothing sent");

    // The good lines go; the same address again is refused by name.
    let ok = page
        .post_form(
            &format!("/feedback/{}/raters", r.round),
            &[
                ("manager", "boss@harbour-trust.example"),
                ("peers", ""),
                ("reports", ""),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let mut me = r.me;
    let path = format!("/api/v1/feedback/{}/raters", r.round);
    let dup = me
        .json(
            "POST",
            &path,
            Some(&json!({"peers": ["Boss@harbour-trust.example"]}).to_string()),
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", dup.body);
    assert!(
        dup.body.contains("has already been invited (your manager)"),
        "{}",
        dup.body
    );
    let none = me.json("POST", &path, Some("{}")).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("at least one person"), "{}", none.body);
    let unknown = me
        .json("POST", &path, Some(r#"{"colleagues": ["a@b.example"]}"#))
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_the_participant_reads_their_round() {
    let app = TestApp::spawn().await;
    let mut r = started(&app).await;
    let sent = invite(
        &mut r,
        json!({"peers": ["p1@peers.example", "p2@peers.example", "p3@peers.example"]}),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let (token, _) = token_for(&app, "p1@peers.example", "asks for your view").await;
    answer(&app, &token, 4, 4, "x").await;

    let round = r.round.clone();
    let pages = [
        format!("/feedback/{round}"),
        format!("/feedback/{round}/report"),
        format!("/feedback/{round}/raters"),
    ];
    let apis = [
        format!("/api/v1/feedback/{round}"),
        format!("/api/v1/feedback/{round}/report"),
    ];
    for who in [
        ADMIN,
        EVALUATOR,
        FACILITATOR,
        SPONSOR,
        OTHER_ADMIN,
        "participant@bay-council.example",
    ] {
        let mut page = app.signed_in(who).await;
        for p in &pages {
            let got = page.get(p).await;
            assert_eq!(got.status, StatusCode::NOT_FOUND, "{who} GET {p}");
        }
        let posted = page
            .post_form(
                &format!("/feedback/{round}/raters"),
                &[("peers", "z@z.example")],
            )
            .await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND, "{who} POST raters");
        let posted = page
            .post_form(&format!("/feedback/{round}/self"), &[])
            .await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND, "{who} POST self");
        let mut api = app.client();
        api.bearer = Some(app.api_token(who).await);
        for p in &apis {
            let got = api.json("GET", p, None).await;
            assert_eq!(got.status, StatusCode::NOT_FOUND, "{who} GET {p}");
        }
        let list = body(&api.json("GET", "/api/v1/feedback", None).await);
        // Bo has a demo round of his own; nobody lists this one.
        assert!(
            list["rounds"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["id"] != round.as_str()),
            "{who} lists no one else's rounds: {list}"
        );
    }
    // Signed out, and a rater holding their link: no report.
    let mut anon = app.client();
    let got = anon.get(&format!("/feedback/{round}/report")).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert!(
        got.location
            .as_deref()
            .unwrap_or("")
            .starts_with("/sign-in"),
        "{:?}",
        got.location
    );
    let got = anon
        .json("GET", &format!("/api/v1/feedback/{round}/report"), None)
        .await;
    assert_eq!(got.status, StatusCode::UNAUTHORIZED);
    let q = anon.get(&format!("/api/v1/respond/{token}")).await;
    assert_eq!(q.status, StatusCode::OK);
    assert!(
        !q.body.contains("\"x\""),
        "the rater sees no answers, not even their own sent ones: {}",
        q.body
    );
    let got = anon
        .get(&format!("/feedback/{round}/report?token={token}"))
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);

    // The participant does read it.
    let mine =
        r.me.json("GET", &format!("/api/v1/feedback/{round}/report"), None)
            .await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let mut page = app.signed_in(PARTICIPANT).await;
    assert_eq!(
        page.get(&format!("/feedback/{round}")).await.status,
        StatusCode::OK
    );
    let list = page.get("/feedback").await;
    assert!(
        list.body.contains(&format!("/feedback/{round}")),
        "{}",
        list.body
    );
}

#[tokio::test]
async fn the_lead_offers_360_feedback_on_the_page_and_others_cannot_start_without_it() {
    let app = TestApp::spawn().await;
    let (programme, _) = app.demo_programme().await;
    // No offer yet: a participant cannot start a round.
    let mut me = app.client();
    me.bearer = Some(app.api_token(PARTICIPANT).await);
    let r = me
        .json(
            "POST",
            "/api/v1/feedback",
            Some(&json!({"programme_id": programme}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead
        .get(&format!("/evaluation/programmes/{programme}/feedback360"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let empty = lead
        .post_form(
            &format!("/evaluation/programmes/{programme}/feedback360"),
            &[],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Choose a questionnaire"));
}

#[tokio::test]
async fn two_managers_show_their_mean_and_three_reports_are_shown() {
    let app = TestApp::spawn().await;
    let mut r = started(&app).await;
    let reports = [
        "r1@reports.example",
        "r2@reports.example",
        "r3@reports.example",
    ];
    let sent = invite(
        &mut r,
        json!({"manager": ["m1@harbour-trust.example", "m2@harbour-trust.example"],
            "reports": reports}),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    for (to, listens) in [
        ("m1@harbour-trust.example", 4),
        ("m2@harbour-trust.example", 5),
        ("r1@reports.example", 1),
        ("r2@reports.example", 2),
        ("r3@reports.example", 4),
    ] {
        let (token, _) = token_for(&app, to, "asks for your view").await;
        answer(&app, &token, listens, 3, "").await;
    }
    let closed =
        r.me.json("POST", &format!("/api/v1/feedback/{}/close", r.round), None)
            .await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT);
    let rep = body(
        &r.me
            .json("GET", &format!("/api/v1/feedback/{}/report", r.round), None)
            .await,
    );
    let listens = &rep["questions"][0];
    // No self answer yet: none shown, and the report says so.
    assert_eq!(rep["self_answered"], false);
    assert_eq!(listens["self_score"], Value::Null);
    // Managers (4 + 5) / 2 = 4.5; reports (1 + 2 + 4) / 3 = 2.33; others 16 / 5 = 3.2.
    assert_eq!(group(listens, "manager")["mean"], 4.5);
    assert_eq!(
        group(listens, "manager")["note"],
        "The mean of your 2 managers' answers"
    );
    assert_eq!(group(listens, "report")["mean"], 2.33);
    assert_eq!(group(listens, "peer")["note"], "No answers yet");
    assert_eq!(listens["others"], 3.2);
    assert_eq!(listens["others_answers"], 5);
}
