//! Keyset pages of the review queue and a sponsor's nominees (issue 13), pages and API:
//! walking "Next" from the first page and "Previous" back from the last yields every row once,
//! in order; the filters apply across pages; a lead of another tenant sees nothing of the
//! queue, and a sponsor of another organisation nothing of the nominees, even with a cursor
//! crafted from an application they may not see.

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use revans_domain::{ApplicationState, EmailAddress, Id, PersonName, Role};
use revans_storage::{applications, people};

use crate::helpers::*;

const PAGE: usize = 3;

/// The `href` of the pagination link with `rel` (`next` or `prev`), if there is one.
fn link(body: &str, rel: &str) -> Option<String> {
    let nav = &body[body.find("class=\"govuk-pagination\"")?..];
    let at = nav.find(&format!("rel=\"{rel}\""))?;
    let start = nav[..at].rfind("href=\"")? + 6;
    let end = start + nav[start..].find('"')?;
    Some(
        nav[start..end]
            .replace("&amp;", "&")
            .replace("&#38;", "&")
            .replace("&#x3D;", "=")
            .replace("&#61;", "="),
    )
}

/// The application ids a page lists, in order.
fn ids_on(body: &str) -> Vec<String> {
    body.split("data-application=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

/// Every page from `first` following `rel` links: the ids of each page, in the order visited.
async fn walk(client: &mut Client, first: &str, rel: &str) -> (Vec<Vec<String>>, String) {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    let mut last = String::new();
    while let Some(path) = next {
        let r = client.get(&path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
        next = link(&r.body, rel);
        pages.push(ids_on(&r.body));
        last = path;
        assert!(pages.len() < 100, "the pages never end");
    }
    (pages, last)
}

/// Every page of an API list from `first` (which already has a query), following
/// `next_cursor`: the ids of every item, in order.
async fn walk_api(
    client: &mut Client,
    first: &str,
    id_of: fn(&serde_json::Value) -> String,
) -> Vec<String> {
    let mut ids = Vec::new();
    let mut path = first.to_owned();
    for _ in 0..100 {
        let r = client.json("GET", &path, None).await;
        assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let items = v["items"].as_array().unwrap();
        assert!(items.len() <= PAGE, "{path}: more than a page");
        ids.extend(items.iter().map(id_of));
        match v["next_cursor"].as_str() {
            Some(c) => {
                assert!(v["has_more"].as_bool().unwrap());
                path = format!("{first}&cursor={c}");
            }
            None => return ids,
        }
    }
    panic!("the API pages never end");
}

/// `n` more sent applications to the programme from the participant's organisation (the
/// sponsor's), every other one with `zqx` in its email; their ids, oldest first.
async fn grow(app: &TestApp, programme: &str, n: usize) -> Vec<String> {
    let programme = Id::parse(programme).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let trust = people::get(&mut tx, &pat)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let mut ids = Vec::new();
    for i in 0..n {
        let tag = if i % 2 == 0 { "zqx" } else { "plain" };
        let person = people::insert(
            &mut tx,
            &trust,
            &EmailAddress::parse(&format!("paged{i}.{tag}@harbour-trust.example")).unwrap(),
            &PersonName::parse(&format!("Paged Applicant {i}")).unwrap(),
        )
        .await
        .unwrap();
        let id = applications::insert(
            &mut tx,
            &applications::NewApplication {
                programme_id: &programme,
                person_id: &person,
                organisation_id: &trust,
                state: ApplicationState::Submitted,
                answers: &["x".into()],
                confirmed_statements: true,
                preferences: &[],
                nominated_by: None,
            },
        )
        .await
        .unwrap();
        ids.push(id.to_string());
    }
    revans_storage::commit(tx).await.unwrap();
    ids
}

/// The ids of the programme's applications in `state`, in id order, straight from the table.
async fn in_state(app: &TestApp, programme: &str, state: ApplicationState) -> Vec<String> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut ids: Vec<String> =
        applications::list_for_programme(&mut conn, &Id::parse(programme).unwrap(), Some(state))
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id.to_string())
            .collect();
    ids.sort();
    ids
}

fn assert_walk(pages: &[Vec<String>], expected: &[String]) {
    assert!(pages.len() > 1, "one page only: {pages:?}");
    assert!(
        pages.iter().all(|p| p.len() <= PAGE && !p.is_empty()),
        "{pages:?}"
    );
    let flat: Vec<String> = pages.concat();
    assert_eq!(flat, expected, "not every row once, in order");
}

#[tokio::test]
async fn the_review_queue_pages_and_filters_in_sql() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    let (programme, _) = app.demo_programme().await;
    let grown = grow(&app, &programme, 10).await;
    let sent = in_state(&app, &programme, ApplicationState::Submitted).await;
    assert!(sent.len() >= 10);
    let mut lead = app.signed_in(ADMIN).await;
    let base = format!("/admin/programmes/{programme}/applications");

    // Next from the first page, then Previous back from the last: every one once, in order.
    let (forward, last) = walk(&mut lead, &base, "next").await;
    assert_walk(&forward, &sent);
    let (backward, _) = walk(&mut lead, &last, "prev").await;
    let mut back: Vec<Vec<String>> = backward;
    back.reverse();
    assert_eq!(back.concat(), sent, "Previous does not retrace Next");

    // A filter holds across pages: only (and every one of) the matching applications.
    let zqx: Vec<String> = grown.iter().step_by(2).cloned().collect();
    let (filtered, _) = walk(&mut lead, &format!("{base}?q=ZQX"), "next").await;
    assert_walk(&filtered, &zqx);
    // The organisation and "not yet placed" filters too, with the search.
    let pat = app.person_id(PARTICIPANT).await;
    let trust = {
        let mut conn = app.state.store.conn().await.unwrap();
        people::get(&mut conn, &Id::parse(&pat).unwrap())
            .await
            .unwrap()
            .unwrap()
            .organisation_id
            .to_string()
    };
    let (narrowed, _) = walk(
        &mut lead,
        &format!("{base}?q=zqx&organisation={trust}&cohort=none"),
        "next",
    )
    .await;
    assert_walk(&narrowed, &zqx);
    let (other_org, _) = walk(
        &mut lead,
        &format!("{base}?q=zqx&organisation={}", revans_storage::new_id()),
        "next",
    )
    .await;
    assert_eq!(other_org.concat(), Vec::<String>::new());

    // The API: the same list, the same order, the same filters.
    let token = app.api_token(ADMIN).await;
    lead.bearer = Some(token);
    let api = format!("/api/v1/programmes/{programme}/applications?limit={PAGE}");
    let id_of = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    assert_eq!(
        walk_api(&mut lead, &format!("{api}&state=submitted"), id_of).await,
        sent
    );
    assert_eq!(
        walk_api(&mut lead, &format!("{api}&q=zqx"), id_of).await,
        zqx
    );

    // A lead of another tenant sees nothing, cursor or not.
    let cursor = URL_SAFE_NO_PAD.encode(&sent[0]);
    let mut other = app.signed_in(OTHER_ADMIN).await;
    for path in [base.clone(), format!("{base}?after={cursor}")] {
        let r = other.get(&path).await;
        assert_eq!(r.status.as_u16(), 404, "{path}");
        assert!(ids_on(&r.body).is_empty());
    }
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let r = other
        .json("GET", &format!("{api}&cursor={cursor}"), None)
        .await;
    assert_eq!(r.status.as_u16(), 404, "{}", r.body);
    assert!(!r.body.contains(&sent[1]));
}

#[tokio::test]
async fn a_sponsors_nominees_page_and_only_their_own() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    let (programme, _) = app.demo_programme().await;
    grow(&app, &programme, 8).await;
    // Everything from the sponsor's tree, straight from the table, in id order.
    let sponsor_id = Id::parse(&app.person_id(SPONSOR).await).unwrap();
    let mine: Vec<String> = {
        let mut conn = app.state.store.conn().await.unwrap();
        let org = people::get(&mut conn, &sponsor_id)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        let mut ids: Vec<String> = applications::list_from_tree(&mut conn, &org)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id.to_string())
            .collect();
        ids.sort();
        ids
    };
    assert!(mine.len() >= 8);
    let mut sponsor = app.signed_in(SPONSOR).await;
    let (forward, last) = walk(&mut sponsor, "/sponsor/applications", "next").await;
    assert_walk(&forward, &mine);
    let (mut backward, _) = walk(&mut sponsor, &last, "prev").await;
    backward.reverse();
    assert_eq!(backward.concat(), mine, "Previous does not retrace Next");

    sponsor.bearer = Some(app.api_token(SPONSOR).await);
    let id_of = |v: &serde_json::Value| v["application"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        walk_api(
            &mut sponsor,
            &format!("/api/v1/sponsor/nominees?limit={PAGE}"),
            id_of
        )
        .await,
        mine
    );

    // A sponsor of another organisation: nothing of these, even from a crafted cursor.
    {
        let other = Id::parse(&app.person_id(OTHER_ADMIN).await).unwrap();
        let mut conn = app.state.store.conn().await.unwrap();
        let org = people::get(&mut conn, &other)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        people::set_roles(&mut conn, &other, &org, &[Role::Admin, Role::Sponsor])
            .await
            .unwrap();
    }
    let mut stranger = app.signed_in(OTHER_ADMIN).await;
    for cursor in [
        String::new(),
        URL_SAFE_NO_PAD.encode(&mine[0]),
        URL_SAFE_NO_PAD.encode(""),
    ] {
        for path in [
            format!("/sponsor/applications?after={cursor}"),
            format!("/sponsor/applications?before={cursor}"),
        ] {
            let r = stranger.get(&path).await;
            assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
            let seen: BTreeSet<String> = ids_on(&r.body).into_iter().collect();
            assert!(
                mine.iter().all(|id| !seen.contains(id)),
                "{path} shows another organisation's"
            );
        }
    }
    stranger.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let r = stranger
        .json(
            "GET",
            &format!(
                "/api/v1/sponsor/nominees?cursor={}",
                URL_SAFE_NO_PAD.encode(&mine[0])
            ),
            None,
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert!(
        mine.iter().all(|id| !r.body.contains(id.as_str())),
        "{}",
        r.body
    );
}

/// The job ids a failed-emails page lists, in order.
fn jobs_on(body: &str) -> Vec<String> {
    body.split("action=\"/admin/jobs/")
        .skip(1)
        .map(|s| s[..s.find('/').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn failed_emails_page_newest_first_and_only_the_leads_people() {
    use revans_storage::jobs::{self, NewJob};
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    // Given up at once (no attempts allowed), most within the same millisecond: the id breaks
    // the tie across page boundaries.
    let mut ours = BTreeSet::new();
    let theirs = {
        let mut conn = app.state.store.conn().await.unwrap();
        let job = || NewJob {
            kind: revans_web::mail::SEND_EMAIL,
            payload: "{}",
            run_at: revans_storage::now_ms(),
            max_attempts: 0,
        };
        for _ in 0..8 {
            ours.insert(
                jobs::enqueue_concerning(&mut conn, job(), PARTICIPANT)
                    .await
                    .unwrap(),
            );
        }
        jobs::enqueue_concerning(&mut conn, job(), OTHER_ADMIN)
            .await
            .unwrap()
    };
    // The expected order, straight from the table: newest first, ties by id.
    let expected: Vec<String> = {
        let mut conn = app.state.store.conn().await.unwrap();
        jobs::given_up(&mut conn, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .filter(|id| ours.contains(id))
            .collect()
    };
    assert_eq!(expected.len(), 8);

    let mut lead = app.signed_in(ADMIN).await;
    let mut pages = Vec::new();
    let mut next = Some("/admin/jobs/failed".to_owned());
    let mut last = String::new();
    while let Some(path) = next {
        let r = lead.get(&path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
        assert!(!r.body.contains(&theirs), "another tenant's job on {path}");
        next = link(&r.body, "next");
        pages.push(jobs_on(&r.body));
        last = path;
        assert!(pages.len() < 100, "the pages never end");
    }
    assert_walk(&pages, &expected);
    let mut back = Vec::new();
    let mut prev = Some(last);
    while let Some(path) = prev {
        let r = lead.get(&path).await;
        prev = link(&r.body, "prev");
        back.push(jobs_on(&r.body));
        assert!(back.len() < 100, "the pages never end");
    }
    back.reverse();
    assert_eq!(back.concat(), expected, "Previous does not retrace Next");

    lead.bearer = Some(app.api_token(ADMIN).await);
    let id_of = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    assert_eq!(
        walk_api(
            &mut lead,
            &format!("/api/v1/jobs/failed?limit={PAGE}"),
            id_of
        )
        .await,
        expected
    );
    // The other tenant's lead: only their own, whatever the cursor.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    let all = walk_api(
        &mut other,
        &format!("/api/v1/jobs/failed?limit={PAGE}"),
        id_of,
    )
    .await;
    assert_eq!(all, vec![theirs.clone()]);
    let r = other.get("/admin/jobs/failed").await;
    assert!(expected.iter().all(|id| !r.body.contains(id.as_str())));
}
