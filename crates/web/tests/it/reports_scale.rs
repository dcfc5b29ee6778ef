//! Reports and lists computed with aggregate SQL (issue 13): the counts they publish match a
//! hand-made fixture, follow the small-number rule, and stay inside the viewer's tenant; the
//! people API gives each person on a page the same roles as the person's own endpoint.

use axum::http::StatusCode;
use revans_domain::{Id, publish_count};
use revans_storage::set_content;

use crate::diaries::{id, world};
use crate::helpers::*;

/// Problems written straight into storage in `set`, each with `themes` (as typed: duplicates
/// and all).
async fn problems(app: &TestApp, set: &Id, n: usize, themes: &[&str]) {
    let pat = id(&app.person_id(PARTICIPANT).await);
    let themes: Vec<String> = themes.iter().map(|t| (*t).to_owned()).collect();
    let mut tx = app.state.store.begin().await.unwrap();
    for i in 0..n {
        let title = format!("Secret title {} {i}", themes.join("+"));
        set_content::insert_problem(
            &mut tx,
            &set_content::NewProblem {
                set_id: set,
                unit_key: pat.as_str(),
                author_id: &pat,
                title: &title,
                description: "confidential",
                themes: &themes,
            },
        )
        .await
        .unwrap();
    }
    revans_storage::commit(tx).await.unwrap();
}

async fn api_get(app: &TestApp, email: &str, path: &str) -> serde_json::Value {
    let mut api = app.client();
    api.bearer = Some(app.api_token(email).await);
    let r = api.json("GET", path, None).await;
    assert_eq!(r.status, StatusCode::OK, "{email} {path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn theme_count(v: &serde_json::Value, theme: &str) -> Option<serde_json::Value> {
    v["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["theme"] == theme)
        .map(|t| t["count"].clone())
}

/// Themes are counted per problem from the distinct tag lists (`GROUP BY`): a list shared by
/// nine problems counts nine times, a tag repeated inside one problem counts once.
#[tokio::test]
async fn the_themes_report_counts_every_problem_of_each_tag_list() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    problems(&app, &set, 9, &["Workforce", "Flow"]).await;
    problems(&app, &set, 9, &["Workforce"]).await;
    problems(&app, &set, 2, &["Flow", "Flow"]).await;
    problems(&app, &set, 3, &["Finance"]).await;
    for email in [ADMIN, EVALUATOR] {
        let v = api_get(&app, email, "/api/v1/reports/themes").await;
        // 18 problems -> 20; 11 (the doubled tag once each) -> 10; 3 -> hidden.
        assert_eq!(theme_count(&v, "Workforce"), Some(20.into()), "{v}");
        assert_eq!(theme_count(&v, "Flow"), Some(10.into()), "{v}");
        assert_eq!(
            theme_count(&v, "Finance"),
            Some(serde_json::Value::Null),
            "{v}"
        );
        assert_eq!(v["total"], 30, "{v}");
        let page = app.signed_in(email).await.get("/reports/themes").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<td>Workforce</td>"), "{}", page.body);
        assert!(!page.body.contains("Secret title"));
    }
    // Another tenant's lead sees none of it.
    let v = api_get(&app, OTHER_ADMIN, "/api/v1/reports/themes").await;
    for theme in ["Workforce", "Flow", "Finance"] {
        assert_eq!(theme_count(&v, theme), None, "{v}");
    }
    let page = app
        .signed_in(OTHER_ADMIN)
        .await
        .get("/reports/themes")
        .await;
    assert!(!page.body.contains("Workforce"));
}

/// The sets overview's counts for a cohort match the rows put in, after the small-number rule;
/// another tenant's lead gets no row for it.
#[tokio::test]
async fn the_sets_overview_counts_match_the_fixture() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let (_, cohort) = app.demo_programme().await;
    let cohort = id(&cohort);
    let name = {
        let mut conn = app.state.store.conn().await.unwrap();
        revans_storage::cohorts::get(&mut conn, &cohort)
            .await
            .unwrap()
            .unwrap()
            .name
    };
    let row = |v: &serde_json::Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["cohort"] == name.as_str())
            .cloned()
            .unwrap_or_else(|| panic!("no row for the cohort: {v}"))
    };
    let before = row(&api_get(&app, EVALUATOR, "/api/v1/reports/sets").await);
    // The demo cohort's own sets, counted here set by set through other storage reads.
    let (sets, members, problems_before) = {
        let mut conn = app.state.store.conn().await.unwrap();
        let published: Vec<_> = revans_storage::sets::list_for_cohort(&mut conn, &cohort)
            .await
            .unwrap()
            .into_iter()
            .filter(|s| s.status == "published")
            .collect();
        let (mut members, mut problems) = (0usize, 0usize);
        for s in &published {
            members += revans_storage::sets::members(&mut conn, &s.id)
                .await
                .unwrap()
                .iter()
                .filter(|m| m.left_at.is_none())
                .count();
            problems += set_content::problems(&mut conn, &s.id).await.unwrap().len();
        }
        (published.len(), members, problems)
    };
    assert_eq!(before["sets"], sets, "{before}");
    assert_eq!(
        before["members"],
        serde_json::json!(publish_count(members)),
        "{before}"
    );
    assert_eq!(
        before["problems"],
        serde_json::json!(publish_count(problems_before)),
        "{before}"
    );
    // Twelve more problems in one set: the count moves by exactly twelve before rounding.
    problems(&app, &set, 12, &["Workforce"]).await;
    for email in [ADMIN, EVALUATOR] {
        let after = row(&api_get(&app, email, "/api/v1/reports/sets").await);
        assert_eq!(
            after["problems"],
            serde_json::json!(publish_count(problems_before + 12)),
            "{after}"
        );
        assert!(
            after["problems"]
                .as_u64()
                .is_some_and(|n| n % 5 == 0 && n >= 10),
            "{after}"
        );
        let csv = app.signed_in(email).await.get("/reports/sets.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains(&name), "{}", csv.body);
    }
    let other = api_get(&app, OTHER_ADMIN, "/api/v1/reports/sets").await;
    assert!(
        other["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["cohort"] != name.as_str()),
        "{other}"
    );
    let page = app.signed_in(OTHER_ADMIN).await.get("/reports/sets").await;
    assert!(!page.body.contains(&name));
}

/// Each person on a page of `/api/v1/people` has exactly the roles their own endpoint shows
/// (the roles are read for the page's people only).
#[tokio::test]
async fn the_people_api_pages_carry_each_persons_roles() {
    let app = TestApp::spawn().await;
    let mut seen = 0;
    let mut cursor = String::new();
    loop {
        let v = api_get(&app, ADMIN, &format!("/api/v1/people?limit=3{cursor}")).await;
        let people = v["items"].as_array().unwrap().clone();
        assert!(people.len() <= 3);
        for p in &people {
            let one = api_get(
                &app,
                ADMIN,
                &format!("/api/v1/people/{}", p["id"].as_str().unwrap()),
            )
            .await;
            assert_eq!(p["roles"], one["roles"], "{p} vs {one}");
            if !p["roles"].as_array().unwrap().is_empty() {
                seen += 1;
            }
        }
        match v["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert!(seen >= 5, "the demo's people hold roles: {seen}");
}

/// A published set in the first cohort of every programme of the lead's region, so the sets overview
/// has a row for each programme; returns the programme titles.
async fn a_set_in_every_programme(app: &TestApp) -> Vec<String> {
    use revans_storage::sets::{self, NewSet};
    let mut tx = app.state.store.begin().await.unwrap();
    let mut titles = Vec::new();
    let lead = id(&app.person_id(ADMIN).await);
    let region = revans_storage::people::get(&mut tx, &lead)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    for p in revans_storage::programmes::list_in_tree(&mut tx, &region)
        .await
        .unwrap()
    {
        let Some(c) = revans_storage::cohorts::list_for_programme(&mut tx, &p.id)
            .await
            .unwrap()
            .into_iter()
            .next()
        else {
            continue;
        };
        let new = NewSet {
            cohort_id: &c.id,
            name: "Overview paging set",
            position: 900,
            review_every: 7,
            timezone: "Europe/London",
        };
        sets::insert(&mut tx, &new).await.unwrap();
        sets::publish(&mut tx, &c.id).await.unwrap();
        titles.push(p.fields.title.clone());
    }
    revans_storage::commit(tx).await.unwrap();
    titles.sort();
    titles.dedup();
    titles
}

/// The overview is read a page of programmes at a time (API `limit` counts programmes, the
/// page follows the `page_size` setting): each programme's cohorts come on exactly one page,
/// in title order, and the pages together hold what the whole CSV export holds.
#[tokio::test]
async fn the_sets_overview_is_paged_by_programme() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(1)).await;
    let titles = a_set_in_every_programme(&app).await;
    assert!(titles.len() >= 2, "the demo has two programmes: {titles:?}");
    let mut seen: Vec<String> = Vec::new();
    let mut rows = 0;
    let mut cursor = String::new();
    loop {
        let v = api_get(
            &app,
            EVALUATOR,
            &format!("/api/v1/reports/sets?limit=1{cursor}"),
        )
        .await;
        let items = v["items"].as_array().unwrap();
        let mut here: Vec<String> = items
            .iter()
            .map(|r| r["programme"].as_str().unwrap().to_owned())
            .collect();
        here.dedup();
        assert_eq!(here.len(), 1, "one programme a page: {v}");
        assert!(!seen.contains(&here[0]), "no programme twice: {v}");
        seen.push(here[0].clone());
        rows += items.len();
        match v["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(v["has_more"], true);
                cursor = format!("&cursor={c}");
            }
            None => {
                assert_eq!(v["has_more"], false);
                break;
            }
        }
    }
    assert_eq!(seen, titles, "every programme, in title order");
    let mut eve = app.signed_in(EVALUATOR).await;
    let csv = eve.get("/reports/sets.csv").await;
    assert_eq!(csv.body.lines().count() - 1, rows, "{}", csv.body);
    // The page: the first programme only, and a Next link to the second.
    let first = eve.get("/reports/sets").await;
    assert!(first.body.contains(&titles[0]), "{}", first.body);
    assert!(!first.body.contains(&titles[1]), "{}", first.body);
    let next = first
        .body
        .split("href=\"")
        .skip(1)
        .find_map(|h| {
            let link = &h[..h.find('"').unwrap()];
            h.contains("rel=\"next\"")
                .then(|| link.replace("&amp;", "&"))
        })
        .expect("a Next link");
    let second = eve.get(&next).await;
    assert!(second.body.contains(&titles[1]), "{}", second.body);
    assert!(second.body.contains("rel=\"prev\""));
    // A cursor that is not one this list gave is refused by the API.
    let mut api = app.client();
    api.bearer = Some(app.api_token(EVALUATOR).await);
    let r = api
        .json("GET", "/api/v1/reports/sets?cursor=bm90LWEta2V5", None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}
