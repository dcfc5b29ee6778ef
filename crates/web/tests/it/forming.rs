//! Forming sets as a lead reads it (issue 11, item 8): each set in plain words, a refused move
//! that suggests a swap, swaps checked against the rules, pairs added by name, facilitators for
//! every set saved together or not at all, and sets renamed (names unique within the cohort).

use axum::http::StatusCode;
use revans_domain::Id;
use revans_storage::sets;
use serde_json::json;

use crate::helpers::*;
use crate::sets::{PAIRS, cohorts};

const FEMI: &str = "femi.adeyemi@bay-council.example";
const GRACE: &str = "grace.lee@cliffside-care.example";

/// Forms the demo's autumn cohort on the page with the six test pairs: its draft sets.
async fn formed(app: &TestApp, admin: &mut Client) -> (Id, Vec<sets::ActionSet>) {
    formed_sized(app, admin, "5", "7").await
}

/// The same with set sizes from `min` to `max`.
async fn formed_sized(
    app: &TestApp,
    admin: &mut Client,
    min: &str,
    max: &str,
) -> (Id, Vec<sets::ActionSet>) {
    let (_, autumn) = cohorts(app).await;
    let pairs: Vec<String> = PAIRS.iter().map(|(a, b)| format!("{a}, {b}")).collect();
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets"),
            &[
                ("size_min", min),
                ("size_max", max),
                ("max_per_organisation", "3"),
                ("pairs", &pairs.join("\n")),
                ("review_every", "7"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.finish_forming(&r).await.as_deref(), Some("done"));
    let mut conn = app.state.store.conn().await.unwrap();
    let drafts = sets::list_for_cohort(&mut conn, &autumn).await.unwrap();
    (autumn, drafts)
}

/// (membership, set) of the person with this email in the cohort's sets.
async fn member_of(app: &TestApp, cohort: &Id, email: &str) -> sets::Member {
    let mut conn = app.state.store.conn().await.unwrap();
    sets::members_of_cohort(&mut conn, cohort)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email == email && m.left_at.is_none())
        .unwrap_or_else(|| panic!("{email} is in no set"))
}

#[tokio::test]
async fn each_set_is_described_in_plain_words_without_the_engines() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (autumn, _) = formed(&app, &mut admin).await;
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("6 people from"), "{}", page.body);
    assert!(page.body.contains("No one with their manager"));
    assert!(
        page.body
            .contains("No more than 3 from one organisation, as you asked")
    );
    for engine in [
        "Diversity score",
        "size 5..7",
        "isolate",
        "Breaks:",
        "Meets:",
    ] {
        assert!(!page.body.contains(engine), "{engine} shown");
    }
    assert!(page.body.contains("(now 5 to 7 people)"));
}

#[tokio::test]
async fn a_refused_move_says_why_and_offers_a_swap_that_keeps_every_rule() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    // Sets of exactly 6: any move breaks a size, so only swaps can change them.
    let (autumn, drafts) = formed_sized(&app, &mut admin, "6", "6").await;
    let femi = member_of(&app, &autumn, FEMI).await;
    let grace = member_of(&app, &autumn, GRACE).await;
    let move_to = |to: &Id| {
        vec![
            ("member".to_owned(), femi.id.to_string()),
            ("to_set".to_owned(), to.to_string()),
        ]
    };
    let path = format!("/admin/cohorts/{autumn}/sets/move");
    // Femi manages Grace: he cannot move into her set.
    let r = admin.post_form_owned(&path, &move_to(&grace.set_id)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Femi Adeyemi cannot move to"), "{}", r.body);
    assert!(r.body.contains("one manages the other"), "{}", r.body);
    assert!(
        r.body
            .contains("would have 7 people, more than the 6 a set may have"),
        "{}",
        r.body
    );
    assert!(r.body.contains("What you could do instead"), "{}", r.body);
    // Into another set: refused for its size, with the people he could swap with there.
    let marker = "name=\"member_b\" value=\"";
    let mut offer = None;
    for s in drafts.iter().filter(|s| s.id != femi.set_id) {
        let r = admin.post_form_owned(&path, &move_to(&s.id)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        if let Some(at) = r.body.find(marker) {
            let at = at + marker.len();
            let end = at + r.body[at..].find('"').unwrap();
            offer = Some((s.id.clone(), r.body[at..end].to_owned()));
            assert!(r.body.contains("Swap Femi Adeyemi with"), "{}", r.body);
            break;
        }
    }
    let (other, partner) = offer.expect("a swap is offered in some set");
    let mut conn = app.state.store.conn().await.unwrap();
    let partner_before = sets::members_of_cohort(&mut conn, &autumn)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.id.as_str() == partner)
        .unwrap();
    drop(conn);
    assert_eq!(partner_before.set_id, other, "offered from the set tried");
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets/swap"),
            &[
                ("member_a", femi.id.as_str()),
                ("member_b", partner.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    assert_eq!(member_of(&app, &autumn, FEMI).await.set_id, other);
    assert_eq!(
        member_of(&app, &autumn, &partner_before.email).await.set_id,
        femi.set_id
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"sets.swapped".to_string())
    );
}

#[tokio::test]
async fn a_swap_that_breaks_a_rule_changes_nothing() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (autumn, _) = formed(&app, &mut admin).await;
    let femi = member_of(&app, &autumn, FEMI).await;
    let grace = member_of(&app, &autumn, GRACE).await;
    // Someone unpaired in Femi's set swapped with Grace would put Grace with her manager.
    let mut conn = app.state.store.conn().await.unwrap();
    let mate = sets::members(&mut conn, &femi.set_id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email != FEMI && !PAIRS.iter().any(|(a, b)| *a == m.email || *b == m.email))
        .expect("someone unpaired besides Femi");
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets/swap"),
            &[
                ("member_a", mate.id.as_str()),
                ("member_b", grace.id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("cannot swap"), "{}", r.body);
    assert!(
        r.body
            .contains("Femi Adeyemi and Grace Lee would be in one set")
            || r.body
                .contains("Grace Lee and Femi Adeyemi would be in one set"),
        "{}",
        r.body
    );
    assert_eq!(member_of(&app, &autumn, GRACE).await.set_id, grace.set_id);
    // Two people of one set cannot swap.
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets/swap"),
            &[
                ("member_a", femi.id.as_str()),
                ("member_b", mate.id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("are in the same set"), "{}", r.body);
}

#[tokio::test]
async fn pairs_are_added_by_name_and_errors_name_the_line_and_person() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (_, autumn) = cohorts(&app).await;
    let jack = app.person_id(PAIRS[0].0).await;
    let kiran = app.person_id(PAIRS[0].1).await;
    let path = format!("/admin/cohorts/{autumn}/sets");
    let base = [("size_min", "5"), ("size_max", "7"), ("review_every", "7")];
    let with = |extra: &[(&'static str, String)]| {
        let mut v: Vec<(String, String)> = base
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        v.extend(extra.iter().map(|(k, x)| ((*k).to_owned(), x.clone())));
        v
    };
    let r = admin
        .post_form_owned(
            &path,
            &with(&[
                ("add_pair", "yes".into()),
                ("pair_a", jack.clone()),
                ("pair_b", kiran.clone()),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let line = format!("{}, {}", PAIRS[0].0, PAIRS[0].1);
    assert!(r.body.contains(&line), "the pair is in the list");
    assert!(r.body.contains("Pairs so far"));
    assert!(
        r.body
            .contains("Jack Turner (Bay Council Adult Social Care)"),
        "{}",
        r.body
    );
    let mut conn = app.state.store.conn().await.unwrap();
    assert!(
        sets::list_for_cohort(&mut conn, &autumn)
            .await
            .unwrap()
            .is_empty(),
        "nothing formed"
    );
    // Jack again: the error names him and the line.
    let r = admin
        .post_form_owned(
            &path,
            &with(&[
                ("pairs", line.clone()),
                ("add_pair", "yes".into()),
                ("pair_a", jack.clone()),
                ("pair_b", app.person_id(PAIRS[1].0).await),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Jack Turner is already in the pair on line 1"),
        "{}",
        r.body
    );
    // Removing line 1 empties the list.
    let r = admin
        .post_form_owned(
            &path,
            &with(&[("pairs", line.clone()), ("remove_pair", "1".into())]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains(&line));
    // A pair in one management chain is refused by line and name when forming.
    let r = admin
        .post_form_owned(
            &path,
            &with(&[("pairs", format!("{line}\n{FEMI}, {GRACE}"))]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Line 2: Femi Adeyemi and Grace Lee cannot come as a pair"),
        "{}",
        r.body
    );
    let r = admin
        .post_form_owned(
            &path,
            &with(&[("pairs", format!("{line}\n{}, {}", PAIRS[0].0, PAIRS[1].1))]),
        )
        .await;
    assert!(
        r.body.contains(
            "Line 2: Jack Turner (jack.turner@bay-council.example) is already in the pair on line 1"
        ),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn facilitators_for_every_set_are_saved_together_or_not_at_all() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (autumn, drafts) = formed(&app, &mut admin).await;
    let page = admin
        .get(&format!("/admin/cohorts/{autumn}/sets/facilitators"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for s in &drafts {
        assert!(
            page.body
                .contains(&format!("data-set-facilitators=\"{}\"", s.name))
        );
    }
    let fran = app.person_id(FACILITATOR).await;
    let path = format!("/admin/cohorts/{autumn}/sets/facilitators");
    let form = |skip: Option<usize>| -> Vec<(String, String)> {
        drafts
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let first = if Some(i) == skip {
                    String::new()
                } else {
                    fran.clone()
                };
                [
                    ("set".to_owned(), s.id.to_string()),
                    ("first".to_owned(), first),
                    ("second".to_owned(), String::new()),
                ]
            })
            .collect()
    };
    // Set 3 without a facilitator: nothing is saved, and the error names the set.
    let r = admin.post_form_owned(&path, &form(Some(2))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains(&format!("Choose a facilitator for {}", drafts[2].name))
    );
    assert!(
        r.body.contains("href=\"#set-3\""),
        "the summary links to the set"
    );
    let mut conn = app.state.store.conn().await.unwrap();
    for s in &drafts {
        assert!(
            sets::facilitators(&mut conn, &s.id)
                .await
                .unwrap()
                .is_empty(),
            "{} changed",
            s.name
        );
    }
    drop(conn);
    let r = admin.post_form_owned(&path, &form(None)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut conn = app.state.store.conn().await.unwrap();
    for s in &drafts {
        let f = sets::facilitators(&mut conn, &s.id).await.unwrap();
        assert_eq!(f.len(), 1, "{}", s.name);
        assert_eq!(f[0].id.as_str(), fran);
    }
    // Through the API: a facilitator in a member's reporting line is refused for that set,
    // and the others keep what they had.
    let femi = member_of(&app, &autumn, FEMI).await;
    revans_storage::reporting_lines::set_manager(
        &mut conn,
        &femi.person_id,
        Some(&Id::parse(&fran).unwrap()),
    )
    .await
    .unwrap();
    drop(conn);
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let body = json!({"sets": drafts.iter().map(|s| json!({"set": s.id.as_str(), "facilitators": [fran]})).collect::<Vec<_>>()});
    let r = api
        .json(
            "PUT",
            &format!("/api/v1/cohorts/{autumn}/sets/facilitators"),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let n = drafts.iter().position(|s| s.id == femi.set_id).unwrap() + 1;
    assert!(
        r.body.contains(&format!("\"field\":\"set-{n}\"")),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Femi Adeyemi's reporting line"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_lead_renames_a_set_and_names_stay_unique_within_the_cohort() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (autumn, drafts) = formed(&app, &mut admin).await;
    let path = format!("/admin/sets/{}/name", drafts[0].id);
    let page = admin.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Change the name of Set 1"));
    let r = admin
        .post_form(&path, &[("name", "  Harbour Thursday set ")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut conn = app.state.store.conn().await.unwrap();
    assert_eq!(
        sets::get(&mut conn, &drafts[0].id)
            .await
            .unwrap()
            .unwrap()
            .name,
        "Harbour Thursday set"
    );
    drop(conn);
    let list = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(list.body.contains("Harbour Thursday set"));
    // Another set cannot take the name (in any case), and a long name is refused by field.
    let r = admin
        .post_form(
            &format!("/admin/sets/{}/name", drafts[1].id),
            &[("name", "harbour thursday SET")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Another set of this cohort is called harbour thursday SET"),
        "{}",
        r.body
    );
    let long = "s".repeat(61);
    let r = admin
        .post_form(
            &format!("/admin/sets/{}/name", drafts[1].id),
            &[("name", &long)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#name\""));
    assert!(r.body.contains("60 characters or fewer"));
    // The API does the same.
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let r = api
        .json(
            "PUT",
            &format!("/api/v1/sets/{}/name", drafts[1].id),
            Some(r#"{"name":"Cliffside set"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api
        .json(
            "PUT",
            &format!("/api/v1/sets/{}/name", drafts[2].id),
            Some(r#"{"name":"Cliffside set"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.audit_actions()
            .await
            .contains(&"sets.renamed".to_string())
    );
}

#[tokio::test]
async fn swaps_through_the_api_keep_the_rules() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (autumn, _) = formed(&app, &mut admin).await;
    let femi = member_of(&app, &autumn, FEMI).await;
    let grace = member_of(&app, &autumn, GRACE).await;
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let path = format!("/api/v1/cohorts/{autumn}/sets/swaps");
    // Someone of Femi's set changing places with Grace would put Grace with her manager.
    let mut conn = app.state.store.conn().await.unwrap();
    let mate = sets::members(&mut conn, &femi.set_id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email != FEMI && !PAIRS.iter().any(|(a, b)| *a == m.email || *b == m.email))
        .expect("someone unpaired besides Femi");
    drop(conn);
    let r = api
        .json(
            "POST",
            &path,
            Some(&json!({"member_a": mate.id.as_str(), "member_b": grace.id.as_str()}).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("one manages the other"), "{}", r.body);
    assert_eq!(member_of(&app, &autumn, GRACE).await.set_id, grace.set_id);
    let r = api
        .json("POST", &path, Some(r#"{"member_a":"","member_b":" "}"#))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(r#""field":"member_a""#) && r.body.contains(r#""field":"member_b""#),
        "{}",
        r.body
    );
}
