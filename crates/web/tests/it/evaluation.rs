//! Evaluation (C9) end to end: a lead loads instruments, plans waves and invites; people
//! answer by their emailed links (no account); leads and evaluators read aggregates only,
//! with before/after paired by pseudonym and never by name, and small groups hidden.

use axum::http::StatusCode;
use revans_domain::evaluation::{Format, Instrument, QuestionKind};
use serde_json::{Value, json};

use crate::helpers::*;

const LEADERSHIP: &str = include_str!("../../../../instruments/leadership-v1.toml");
const CULTURE: &str = include_str!("../../../../instruments/culture-profile-v1.toml");

/// Answers to every question, each scored question scoring exactly `level` (reverse items are
/// answered the other way round so their score is `level` too).
fn answers_at(instrument: &Instrument, level: u32) -> Value {
    let mut out = serde_json::Map::new();
    for q in instrument.questions() {
        let point = |min: u8, max: u8, reverse: bool| {
            if reverse {
                u32::from(min) + u32::from(max) - level
            } else {
                level
            }
        };
        let v = match &q.kind {
            QuestionKind::Scale { scale, reverse } => json!(point(scale.min, scale.max, *reverse)),
            QuestionKind::Single { options } => json!(options[0].key),
            QuestionKind::Multiple { options, .. } => json!([options[0].key]),
            QuestionKind::FreeText { .. } => json!(format!("Answer at level {level}")),
            QuestionKind::ConstantSum { options, total } => {
                let mut m = serde_json::Map::new();
                for (i, o) in options.iter().enumerate() {
                    m.insert(o.key.clone(), json!(if i == 0 { *total } else { 0 }));
                }
                Value::Object(m)
            }
            QuestionKind::Matrix { scale, items } => {
                let mut m = serde_json::Map::new();
                for item in items {
                    m.insert(
                        item.key.clone(),
                        json!(point(scale.min, scale.max, item.reverse)),
                    );
                }
                Value::Object(m)
            }
        };
        out.insert(q.key.clone(), v);
    }
    Value::Object(out)
}

/// CVF answers: every dimension now `now`, preferred `pref` (points for a, b, c, d).
fn cvf_answers(now: [u32; 4], pref: [u32; 4]) -> Value {
    let mut out = serde_json::Map::new();
    for d in 1..=6 {
        for (which, p) in [("now", now), ("pref", pref)] {
            out.insert(
                format!("d{d}_{which}"),
                json!({"a": p[0], "b": p[1], "c": p[2], "d": p[3]}),
            );
        }
    }
    Value::Object(out)
}

/// The wave of that name in a results or plan body (the demo has waves of its own).
fn named<'a>(waves: &'a Value, name: &str) -> &'a Value {
    waves["waves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == name)
        .unwrap_or_else(|| panic!("no wave {name} in {waves}"))
}

fn body(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

/// (recipient, token) of each questionnaire email whose subject names `wave`.
async fn links(app: &TestApp, wave: &str) -> Vec<(String, String)> {
    app.queued_emails()
        .await
        .into_iter()
        .filter(|e| e.subject.ends_with(wave))
        .map(|e| {
            let start = e.text.find("/respond/").expect("a link") + "/respond/".len();
            let token: String = e.text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            (e.to, token)
        })
        .collect()
}

struct Plan {
    programme: String,
    lead: Client,
}

/// Adds an instrument as a new version (the demo has loaded version 1 of both already).
async fn add_instrument(lead: &mut Client, programme: &str, source: &str) -> String {
    let source = source.replacen("version = 1", "version = 50", 1);
    let source = source.as_str();
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/instruments"),
            Some(&json!({"format": "toml", "source": source}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    body(&r)["id"].as_str().unwrap().to_owned()
}

async fn plan_wave(
    lead: &mut Client,
    programme: &str,
    instrument: &str,
    cohort: &str,
    name: &str,
    anonymity: &str,
) -> String {
    let today = jiff::Zoned::now().date();
    let wave = json!({
        "instrument_id": instrument, "cohort_id": cohort, "name": name, "timing": "on_dates",
        "opens_on": today.to_string(), "closes_on": today.checked_add(jiff::Span::new().days(30)).unwrap().to_string(),
        "anonymity": anonymity,
    });
    let r = lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{programme}/waves"),
            Some(&wave.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    body(&r)["id"].as_str().unwrap().to_owned()
}

/// The demo's action learning programme and its spring cohort, whose participants have
/// places and sets (the participant is one of them).
async fn setup(app: &TestApp) -> (Plan, String) {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let spring = revans_storage::cohorts::get(&mut conn, &set.cohort_id)
        .await
        .unwrap()
        .unwrap();
    let programme = spring.programme_id.to_string();
    let best = (0, spring.id.to_string());
    drop(conn);
    let mut lead = app.client();
    lead.bearer = Some(app.api_token(ADMIN).await);
    (Plan { programme, lead }, best.1)
}

/// Gives `n` new people accepted places in the cohort, as allocation would, so the cohort has
/// enough participants for figures to be shown.
async fn place_more(app: &TestApp, programme: &str, cohort: &str, n: usize) {
    use revans_storage::applications::{self, NewApplication};
    let mut conn = app.state.store.conn().await.unwrap();
    let programme = revans_domain::Id::parse(programme).unwrap();
    let cohort = revans_domain::Id::parse(cohort).unwrap();
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let org = revans_storage::people::get(&mut conn, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    for i in 0..n {
        let email =
            revans_domain::EmailAddress::parse(&format!("extra{i}@harbour-trust.example")).unwrap();
        let name = revans_domain::PersonName::parse(&format!("Extra Person {i}")).unwrap();
        let person = revans_storage::people::insert(&mut conn, &org, &email, &name)
            .await
            .unwrap();
        let id = applications::insert(
            &mut conn,
            &NewApplication {
                programme_id: &programme,
                person_id: &person,
                organisation_id: &org,
                state: revans_domain::ApplicationState::Approved,
                answers: &[],
                confirmed_statements: true,
                preferences: std::slice::from_ref(&cohort),
                nominated_by: None,
            },
        )
        .await
        .unwrap();
        applications::offer(
            &mut conn,
            &id,
            revans_domain::ApplicationState::Approved,
            &cohort,
            revans_app::now_ms() + 86_400_000,
        )
        .await
        .unwrap();
        applications::accept(&mut conn, &id).await.unwrap();
    }
}

async fn answer(app: &TestApp, token: &str, answers: Value, consent: bool) -> Response {
    let mut anyone = app.client();
    anyone
        .json(
            "PUT",
            &format!("/api/v1/respond/{token}"),
            Some(
                &json!({"answers": answers, "free_text_consent": consent, "submit": true})
                    .to_string(),
            ),
        )
        .await
}

#[tokio::test]
async fn before_and_after_are_paired_by_pseudonym_and_only_aggregates_are_shown() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    place_more(&app, &p.programme, &cohort, 3).await;
    let instrument = add_instrument(&mut p.lead, &p.programme, LEADERSHIP).await;
    let parsed = Instrument::parse(LEADERSHIP, Format::Toml).unwrap();
    let before = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "Before",
        "pseudonymous",
    )
    .await;
    let after = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "After",
        "pseudonymous",
    )
    .await;
    let comparison: Vec<String> = (0..9)
        .map(|i| format!("colleague{i}@comparison.example"))
        .collect();
    for wave in [&before, &after] {
        let r = p
            .lead
            .json(
                "POST",
                &format!("/api/v1/waves/{wave}/invitations"),
                Some(
                    &json!({"participants": true, "emails": comparison, "group": "comparison"})
                        .to_string(),
                ),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(body(&r)["invited"].as_u64().unwrap() >= 17, "{}", r.body);
    }
    let before_links = links(&app, "Before").await;
    let after_links = links(&app, "After").await;
    let participants: Vec<&(String, String)> = before_links
        .iter()
        .filter(|(to, _)| !to.ends_with("@comparison.example"))
        .collect();
    let n = participants.len();
    assert_eq!(n, 10, "the 7 of the demo's spring cohort and 3 more");
    // Participant i scores 2 before; after, 3 if i is even, 2 if odd: the mean change is the
    // share of even i (5 of 10 = 0.5), by hand.
    for (i, (to, token)) in participants.iter().enumerate() {
        assert_eq!(
            answer(&app, token, answers_at(&parsed, 2), false)
                .await
                .status,
            StatusCode::OK
        );
        let after_level = if i % 2 == 0 { 3 } else { 2 };
        let (_, later) = after_links
            .iter()
            .find(|(t, _)| t == to)
            .expect("invited to both");
        assert_eq!(
            answer(&app, later, answers_at(&parsed, after_level), false)
                .await
                .status,
            StatusCode::OK
        );
    }
    // The comparison group answers 4 in both waves, but only 7 of its 9 answer the second.
    for (to, token) in before_links
        .iter()
        .filter(|(to, _)| to.ends_with("@comparison.example"))
    {
        assert_eq!(
            answer(&app, token, answers_at(&parsed, 4), false)
                .await
                .status,
            StatusCode::OK,
            "{to}"
        );
    }
    for (to, token) in after_links
        .iter()
        .filter(|(to, _)| to.ends_with("@comparison.example"))
        .take(7)
    {
        assert_eq!(
            answer(&app, token, answers_at(&parsed, 4), false)
                .await
                .status,
            StatusCode::OK,
            "{to}"
        );
    }
    let mut evaluator = app.client();
    evaluator.bearer = Some(app.api_token(EVALUATOR).await);
    let r = evaluator
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let results = body(&r);
    let changes = results["changes"].as_array().unwrap();
    let change = changes
        .iter()
        .find(|c| c["group"] == "participants" && c["after"] == "After")
        .expect("participants paired");
    assert_eq!(change["before"], "Before");
    assert_eq!(change["after"], "After");
    for q in change["questions"].as_array().unwrap() {
        assert_eq!(q["pairs"], 10, "{q}");
        assert_eq!(q["mean_change"].as_f64(), Some(0.5), "{q}");
        // sd of five 1s and five 0s is 0.527; t(0.975, 9) = 2.262; 0.5 +- 2.262 x 0.527 / sqrt 10.
        assert_eq!(q["ci95"], json!([0.12, 0.88]), "{q}");
        // d_z = 0.5 / 0.527.
        assert_eq!(q["effect_size"].as_f64(), Some(0.95), "{q}");
    }
    // Only 7 of the comparison group answered both waves: their change is not shown.
    let control = changes
        .iter()
        .find(|c| c["group"] == "comparison" && c["after"] == "After")
        .expect("comparison paired");
    for q in control["questions"].as_array().unwrap() {
        assert_eq!(q["pairs"], Value::Null, "{q}");
        assert_eq!(q["mean_change"], Value::Null, "{q}");
    }
    // Participants (2) against the comparison group (4) in the first wave: -2 on every question.
    let first = named(&results, "Before");
    let comparisons = first["comparison"].as_array().unwrap();
    assert_eq!(comparisons.len(), parsed.scored_questions().len());
    for c in comparisons {
        assert_eq!(c["difference"].as_f64(), Some(-2.0), "{c}");
    }
    // Nothing identifies anyone: no address, no name, no pseudonym, no invitation.
    for (to, _) in &before_links {
        assert!(!r.body.contains(to.as_str()), "{to} appears in the results");
    }
    assert!(
        !r.body.contains("\"pseudonym\"") && !r.body.contains("invitation"),
        "{}",
        r.body
    );
    // Free text: nobody agreed to share it, so none is shown.
    assert_eq!(first["free_text"].as_array().unwrap().len(), 0);

    // The lead reads rates and the same aggregates; nobody else does.
    let r = p
        .lead
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation", p.programme),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let plan = body(&r);
    let rates = &named(&plan, "Before")["rates"];
    let participants_rate = rates
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "participants")
        .unwrap();
    assert_eq!(participants_rate["percent"], 100);
    let mut other = app.client();
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let r = other
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut participant = app.client();
    participant.bearer = Some(app.api_token(PARTICIPANT).await);
    let r = participant
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A link answers once.
    let (_, token) = participants[0];
    let again = answer(&app, token, answers_at(&parsed, 5), false).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
}

#[tokio::test]
async fn small_groups_and_unshared_free_text_are_hidden() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    let instrument = add_instrument(&mut p.lead, &p.programme, LEADERSHIP).await;
    let parsed = Instrument::parse(LEADERSHIP, Format::Toml).unwrap();
    let wave = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "Small",
        "anonymous",
    )
    .await;
    let emails: Vec<String> = (0..8).map(|i| format!("board{i}@board.example")).collect();
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/waves/{wave}/invitations"),
            Some(&json!({"emails": emails, "group": "board"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let tokens = links(&app, "Small").await;
    assert_eq!(tokens.len(), 8);
    // Seven answer, all sharing their free text: below 8, so nothing is shown.
    for (_, token) in tokens.iter().take(7) {
        assert_eq!(
            answer(&app, token, answers_at(&parsed, 3), true)
                .await
                .status,
            StatusCode::OK
        );
    }
    let results = body(
        &p.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
                None,
            )
            .await,
    );
    let w = named(&results, "Small");
    assert_eq!(
        w["responses"],
        Value::Null,
        "7 responses are not counted out loud"
    );
    for q in w["scores"].as_array().unwrap() {
        assert_eq!(q["groups"][0]["mean"], Value::Null, "{q}");
        assert_eq!(q["groups"][0]["n"], Value::Null, "{q}");
    }
    assert!(w["free_text"].as_array().unwrap().is_empty());
    let plan = body(
        &p.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation", p.programme),
                None,
            )
            .await,
    );
    let rate = &named(&plan, "Small")["rates"][0];
    assert_eq!(rate["invited"], 10, "8 invited, rounded to the nearest 5");
    assert_eq!(rate["responded"], Value::Null);
    assert_eq!(rate["percent"], 87, "7 of 8 over 8 people invited");
    // The eighth makes 8: means appear, and the 8 shared free-text answers, sorted.
    assert_eq!(
        answer(&app, &tokens[7].1, answers_at(&parsed, 3), true)
            .await
            .status,
        StatusCode::OK
    );
    let results = body(
        &p.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
                None,
            )
            .await,
    );
    let w = named(&results, "Small");
    assert_eq!(w["responses"], 10);
    assert_eq!(w["scores"][0]["groups"][0]["mean"].as_f64(), Some(3.0));
    let texts = w["free_text"][0]["answers"].as_array().unwrap();
    assert_eq!(texts.len(), 8);
    // An anonymous wave keeps no link to anyone.
    let mut conn = app.state.store.conn().await.unwrap();
    let rows = revans_storage::evaluation::responses_of(
        &mut conn,
        &revans_domain::Id::parse(&p.programme).unwrap(),
    )
    .await
    .unwrap();
    let rows: Vec<_> = rows.into_iter().filter(|r| r.wave_id == wave).collect();
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.pseudonym.is_none()));
}

#[tokio::test]
async fn culture_profiles_compare_the_board_and_managers() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    let instrument = add_instrument(&mut p.lead, &p.programme, CULTURE).await;
    let wave = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "Culture",
        "anonymous",
    )
    .await;
    for (group, domain) in [("board", "board.example"), ("managers", "managers.example")] {
        let emails: Vec<String> = (0..8).map(|i| format!("{group}{i}@{domain}")).collect();
        let r = p
            .lead
            .json(
                "POST",
                &format!("/api/v1/waves/{wave}/invitations"),
                Some(&json!({"emails": emails, "group": group}).to_string()),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    for (to, token) in links(&app, "Culture").await {
        // The board sees a clan culture (40/20/20/20) and prefers more adhocracy; managers see
        // hierarchy (10/10/30/50) and prefer clan. Half the board says 30/30/20/20 now.
        let odd = to
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u32>()
            .unwrap()
            % 2
            == 1;
        let answers = if to.ends_with("board.example") {
            cvf_answers(
                if odd {
                    [30, 30, 20, 20]
                } else {
                    [40, 20, 20, 20]
                },
                [30, 40, 15, 15],
            )
        } else {
            cvf_answers([10, 10, 30, 50], [40, 20, 20, 20])
        };
        assert_eq!(
            answer(&app, &token, answers, false).await.status,
            StatusCode::OK,
            "{to}"
        );
    }
    let results = body(
        &p.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
                None,
            )
            .await,
    );
    let profiles = named(&results, "Culture")["profiles"]
        .as_array()
        .unwrap_or_else(|| panic!("{results}"));
    let find = |v: &str| {
        profiles
            .iter()
            .find(|g| g["value"] == v)
            .unwrap_or_else(|| panic!("{v} in {profiles:?}"))
    };
    let board = find("board");
    // By hand: clan now = (4 x 40 + 4 x 30) / 8 = 35; adhocracy now = (4 x 20 + 4 x 30) / 8 = 25.
    assert_eq!(board["now"]["clan"].as_f64(), Some(35.0));
    assert_eq!(board["now"]["adhocracy"].as_f64(), Some(25.0));
    assert_eq!(board["preferred"]["adhocracy"].as_f64(), Some(40.0));
    assert_eq!(board["change"]["adhocracy"].as_f64(), Some(15.0));
    let managers = find("managers");
    assert_eq!(managers["now"]["hierarchy"].as_f64(), Some(50.0));
    assert_eq!(managers["change"]["clan"].as_f64(), Some(30.0));
    // Everyone: clan now = (8 x 35 + 8 x 10) / 16 = 22.5.
    let all = find("Everyone");
    assert_eq!(all["now"]["clan"].as_f64(), Some(22.5));
    assert_eq!(all["n"], 15, "16 rounded to the nearest 5");
    // Respondents with no organisation on record form one group of 16.
    assert!(profiles.iter().any(|g| g["attribute"] == "organisation"));

    // The same figures in the PDF a funder reads: a real PDF, its text read back out.
    let r = p
        .lead
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation/report.pdf", p.programme),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type, "application/pdf");
    let mut evaluator = app.signed_in(EVALUATOR).await;
    let page_pdf = evaluator
        .get(&format!(
            "/evaluation/programmes/{}/report.pdf",
            p.programme
        ))
        .await
        .bytes;
    assert!(page_pdf.starts_with(b"%PDF"));
    let text = pdf_extract::extract_text_from_mem(&page_pdf).unwrap();
    for expected in [
        "Evaluation report",
        "Response rates",
        "the culture now, by group",
        "board",
        "managers",
        "Clan 22.5 35 10 22.5",
        "Page 1 of",
    ] {
        assert!(
            text.contains(expected),
            "{expected} is not in the PDF:\n{text}"
        );
    }
    let csv = evaluator
        .get(&format!(
            "/evaluation/programmes/{}/results.csv",
            p.programme
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body
            .contains("Culture,cvf_now_clan,Clan (now),board,10,35.00"),
        "{}",
        csv.body
    );
    // The results page draws the profiles with their numbers beside them.
    let page = evaluator
        .get(&format!("/evaluation/programmes/{}/results", p.programme))
        .await;
    assert!(page.body.contains("<svg") && page.body.contains("The numbers in this chart"));
}

#[tokio::test]
async fn answering_on_the_page_saves_a_draft_and_checks_the_sums() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    let instrument = add_instrument(&mut p.lead, &p.programme, CULTURE).await;
    let wave = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "Page",
        "pseudonymous",
    )
    .await;
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/waves/{wave}/invitations"),
            Some(&json!({"emails": ["someone@elsewhere.example"], "group": "board"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (_, token) = links(&app, "Page").await.remove(0);
    let path = format!("/respond/{token}");
    let mut anyone = app.client();
    let page = anyone.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-constant-sum") && page.body.contains("name=\"d1_now.a\""));
    // A draft: one dimension half done is fine.
    let r = anyone
        .post_form(
            &path,
            &[("d1_now.a", "60"), ("d1_now.b", "15"), ("action", "save")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = anyone.get(&path).await;
    assert!(
        page.body.contains("value=\"60\""),
        "the saved draft is shown again"
    );
    // Sending with a sum of 90 names the question and changes nothing.
    let mut fields: Vec<(String, String)> = Vec::new();
    for d in 1..=6 {
        for w in ["now", "pref"] {
            for (k, v) in [("a", "25"), ("b", "25"), ("c", "25"), ("d", "25")] {
                fields.push((format!("d{d}_{w}.{k}"), v.into()));
            }
        }
    }
    fields[0].1 = "15".into();
    fields.push(("action".into(), "submit".into()));
    let r = anyone.post_form_owned(&path, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("There is a problem") && r.body.contains("href=\"#d1_now"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("value=\"15\""),
        "what was typed is kept on the page"
    );
    let page = anyone.get(&path).await;
    assert!(
        page.body.contains("value=\"60\""),
        "a refused send leaves the draft as it was"
    );
    // Sending the right sums thanks them; the link then answers no more.
    fields[0].1 = "25".into();
    let r = anyone.post_form_owned(&path, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = anyone.get(&path).await;
    assert!(page.body.contains("your answers are sent"), "{}", page.body);
    assert!(
        !page.body.contains("value=\"60\""),
        "the draft is forgotten once sent"
    );
    let r = anyone.post_form_owned(&path, &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn bad_instruments_waves_and_invitations_name_the_problem_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    let bad = "key = \"x\"\nversion = 1\ntitle = \"X\"\n\n[[sections]]\nkey = \"s\"\ntitle = \"S\"\n\n[[sections.questions]]\nkey = \"q\"\ntype = \"scale\"\ntext = \"Q\"\nscale = { min = 5, max = 1, labels = [] }\n";
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{}/instruments", p.programme),
            Some(&json!({"format": "toml", "source": bad}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 13"), "{}", r.body);
    let plan = body(
        &p.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation", p.programme),
                None,
            )
            .await,
    );
    assert!(
        plan["instruments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["key"] != "x"),
        "nothing was added: {plan}"
    );
    let instrument = add_instrument(&mut p.lead, &p.programme, LEADERSHIP).await;
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{}/instruments", p.programme),
            Some(&json!({"format": "toml", "source": LEADERSHIP}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("raise the version number"), "{}", r.body);
    let r = p.lead.json("POST", &format!("/api/v1/programmes/{}/waves", p.programme), Some(&json!({"instrument_id": instrument, "timing": "months_after", "anonymity": "named"}).to_string())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("\"months\"") && r.body.contains("\"cohort\""),
        "{}",
        r.body
    );
    let r = p.lead.json("POST", &format!("/api/v1/programmes/{}/waves", p.programme), Some(&json!({"instrument_id": instrument, "timing": "on_dates", "anonymity": "named", "opens_on": "2027-03-10", "closes_on": "2027-03-01"}).to_string())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"closes\""), "{}", r.body);
    let r = p.lead.json("POST", &format!("/api/v1/programmes/{}/waves", p.programme), Some(&json!({"instrument_id": instrument, "timing": "on_dates", "anonymity": "named", "opens_on": "9999-12-30", "closes_on": "9999-12-31"}).to_string())).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the calendar's edge is a typing slip, not a fault: {}",
        r.body
    );
    assert!(
        r.body.contains("between the years 2000 and 2100"),
        "{}",
        r.body
    );
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{}/waves", p.programme),
            Some(
                &json!({"instrument_id": instrument, "timing": "soon", "anonymity": "named"})
                    .to_string(),
            ),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an unknown timing is refused by the contract"
    );
    let wave = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "Checked",
        "named",
    )
    .await;
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/waves/{wave}/invitations"),
            Some(
                &json!({"emails": ["fine@example.org", "not an address"], "group": "comparison"})
                    .to_string(),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 2"), "{}", r.body);
    assert!(
        links(&app, "Checked").await.is_empty(),
        "nobody was invited"
    );
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/waves/{wave}/invitations"),
            Some(&json!({"emails": ["a@example.org"], "group": "participants"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // A wrong answer names its question; an unknown question too.
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/waves/{wave}/invitations"),
            Some(&json!({"emails": ["a@example.org"], "group": "comparison"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let (_, token) = links(&app, "Checked").await.remove(0);
    let mut anyone = app.client();
    let r = anyone
        .json(
            "PUT",
            &format!("/api/v1/respond/{token}"),
            Some(&json!({"answers": {"ask_before_telling": 9, "nonsense": 1}}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("ask_before_telling") && r.body.contains("nonsense"),
        "{}",
        r.body
    );
    let r = anyone
        .json(
            "PUT",
            &format!("/api/v1/respond/{token}"),
            Some(&json!({"answers": {}, "extra": true}).to_string()),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields are refused"
    );
}

#[tokio::test]
async fn the_demo_shows_before_and_after_and_the_board_against_the_managers() {
    let app = TestApp::spawn().await;
    let (p, _) = setup(&app).await;
    let mut evaluator = app.client();
    evaluator.bearer = Some(app.api_token(EVALUATOR).await);
    let r = evaluator
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation/results", p.programme),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let results = body(&r);
    let change = results["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["group"] == "participants")
        .expect("the demo pairs its participants");
    assert_eq!(change["before"], "Before the first session");
    for q in change["questions"].as_array().unwrap() {
        assert!(q["mean_change"].as_f64().unwrap() > 0.0, "{q}");
    }
    let culture = named(&results, "Culture profile: board and managers");
    let shown: Vec<&str> = culture["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["now"].is_object())
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    assert!(
        shown.contains(&"board") && shown.contains(&"managers"),
        "{shown:?}"
    );
    let targets = evaluator
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/targets", p.programme),
            None,
        )
        .await;
    assert_eq!(targets.status, StatusCode::OK);
    assert!(targets.body.contains("a year later"), "{}", targets.body);
    // The report states each target with what was measured.
    let pdf = evaluator
        .json(
            "GET",
            &format!("/api/v1/programmes/{}/evaluation/report.pdf", p.programme),
            None,
        )
        .await;
    let text = pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap();
    for expected in [
        "Targets",
        "a year later",
        "88% on 2026-11-28",
        "Met",
        "Not measured yet",
        "After the last session",
    ] {
        assert!(
            text.contains(expected),
            "{expected} is not in the PDF:\n{text}"
        );
    }

    // Bo's 360 round: the manager alone is shown, three peers are, two reports are not.
    let mut pat = app.client();
    pat.bearer = Some(app.api_token("participant@bay-council.example").await);
    let home = body(&pat.json("GET", "/api/v1/feedback", None).await);
    let round = home["rounds"][0]["id"]
        .as_str()
        .expect("Bo has a round")
        .to_owned();
    let r = pat
        .json("GET", &format!("/api/v1/feedback/{round}/report"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let report = body(&r);
    let groups = &report["questions"][0]["groups"];
    let group = |name: &str| {
        groups
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == name)
            .cloned()
            .unwrap()
    };
    assert!(group("manager")["mean"].is_number());
    assert!(group("peer")["mean"].is_number());
    assert!(group("report")["mean"].is_null());
    assert!(report["questions"][0]["self_score"].is_number());
    // Nobody else reads it.
    let r = evaluator
        .json("GET", &format!("/api/v1/feedback/{round}/report"), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

fn ms(rfc3339: &Value) -> i64 {
    rfc3339
        .as_str()
        .unwrap()
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_millisecond()
}

#[tokio::test]
async fn session_feedback_goes_out_as_each_session_ends_and_reminds_once() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    let instrument = add_instrument(&mut p.lead, &p.programme, LEADERSHIP).await;
    // Sent automatically needs a cohort to send to.
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{}/waves", p.programme),
            Some(&json!({"instrument_id": instrument, "timing": "on_dates", "opens_on": "2027-01-04", "closes_on": "2027-01-20", "anonymity": "anonymous", "send_automatically": true}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"cohort\""), "{}", r.body);
    let r = p
        .lead
        .json(
            "POST",
            &format!("/api/v1/programmes/{}/waves", p.programme),
            Some(&json!({"instrument_id": instrument, "cohort_id": cohort, "timing": "after_each_session", "anonymity": "anonymous"}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let plan = body(
        &p.lead
            .json(
                "GET",
                &format!("/api/v1/programmes/{}/evaluation", p.programme),
                None,
            )
            .await,
    );
    let mut conn = app.state.store.conn().await.unwrap();
    let sessions =
        revans_storage::cohorts::sessions(&mut conn, &revans_domain::Id::parse(&cohort).unwrap())
            .await
            .unwrap();
    drop(conn);
    let feedback: Vec<&Value> = plan["waves"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["timing"] == "after_each_session")
        .collect();
    assert_eq!(feedback.len(), sessions.len(), "one wave per session");
    let second = named(&plan, "Session feedback: session 2");
    let (opens, closes) = (ms(&second["opens_at"]), ms(&second["closes_at"]));
    assert_eq!(opens, sessions[1].ends_at, "it opens as the session ends");
    assert_eq!(closes - opens, 7 * 86_400_000, "and stays open a week");

    // An hour after the second session: that wave (and no other) goes to the 7 participants.
    let now = opens + 3_600_000;
    let swept = revans_app::sweeps::run_once(&app.state, now).await.unwrap();
    assert_eq!(swept.waves_sent, 1);
    let sent = links(&app, "Session feedback: session 2").await;
    assert_eq!(sent.len(), 7);
    assert!(links(&app, "Session feedback: session 3").await.is_empty());
    // Another instance sweeping at the same moment sends nothing more.
    let again = revans_app::sweeps::run_once(&app.state, now).await.unwrap();
    assert_eq!(again.waves_sent, 0);

    // Three days before it closes, those who have not answered are reminded, once.
    let reminded = revans_app::sweeps::run_once(&app.state, closes - 2 * 86_400_000)
        .await
        .unwrap();
    assert_eq!(reminded.waves_reminded, 1);
    let reminders = links(&app, "Reminder: Session feedback: session 2").await;
    assert_eq!(reminders.len(), 7);
    let later = revans_app::sweeps::run_once(&app.state, closes - 86_400_000)
        .await
        .unwrap();
    assert_eq!(later.waves_reminded, 0);
}

#[tokio::test]
async fn nobody_outside_the_programme_reads_or_changes_its_evaluation() {
    let app = TestApp::spawn().await;
    let (mut p, cohort) = setup(&app).await;
    let instrument = add_instrument(&mut p.lead, &p.programme, LEADERSHIP).await;
    let wave = plan_wave(
        &mut p.lead,
        &p.programme,
        &instrument,
        &cohort,
        "Guarded",
        "anonymous",
    )
    .await;
    // A lead of a trust inside the programme's ICS, another tenant's evaluator and lead: the
    // programme and its waves do not exist for them, by page and by API.
    let trust_lead = person_beside(
        &app,
        PARTICIPANT,
        "lead@harbour-trust.example",
        revans_domain::Role::Admin,
    )
    .await;
    let other_evaluator = person_beside(
        &app,
        OTHER_ADMIN,
        "evaluator@elsewhere.example",
        revans_domain::Role::Evaluator,
    )
    .await;
    let mut other_lead = app.signed_in(OTHER_ADMIN).await;
    other_lead.bearer = Some(app.api_token(OTHER_ADMIN).await);
    for (who, mut c) in [
        ("trust lead", trust_lead),
        ("other evaluator", other_evaluator),
        ("other lead", other_lead),
    ] {
        for path in ["", "/results", "/report.pdf", "/results.csv"] {
            let r = c
                .get(&format!("/evaluation/programmes/{}{path}", p.programme))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} GET {path}");
        }
        for path in ["evaluation", "evaluation/results", "evaluation/report.pdf"] {
            let r = c
                .json(
                    "GET",
                    &format!("/api/v1/programmes/{}/{path}", p.programme),
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} API {path}");
        }
        let r = c
            .json(
                "POST",
                &format!("/api/v1/waves/{wave}/invitations"),
                Some(&json!({"emails": ["x@example.org"], "group": "board"}).to_string()),
            )
            .await;
        let expected = if who == "other evaluator" {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(r.status, expected, "{who} invite");
    }
    assert!(
        links(&app, "Guarded").await.is_empty(),
        "nobody was invited"
    );
}
