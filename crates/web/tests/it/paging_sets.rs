//! Keyset pages of the diary and of a published cohort's sets (issue 13): walking "Next" from
//! the first page and "Previous" back from the last gives every row once, in order, including
//! rows that share their sort key's first part (entries of the same millisecond, sets of the same
//! position); each list keeps the confidentiality of the whole list: another participant,
//! another set's member or another tenant's lead sees nothing more, including through a cursor
//! taken from someone else's page.

use revans_domain::Id;
use revans_storage::diaries::{self, NewEntry};
use revans_storage::sets::{self, NewSet};

use crate::diaries::{BO, OUTSIDER, SUPERVISOR, id, world};
use crate::helpers::*;

const PAGE: usize = 3;

/// The `href` of the link with `rel` in the pagination called `label`, if there is one.
fn link(body: &str, label: &str, rel: &str) -> Option<String> {
    let nav = &body[body.find(&format!("aria-label=\"{label}\""))?..];
    let nav = &nav[..nav.find("</nav>")?];
    let at = nav.find(&format!("rel=\"{rel}\""))?;
    let start = nav[..at].rfind("href=\"")? + 6;
    let end = start + nav[start..].find('"')?;
    Some(nav[start..end].replace("&amp;", "&").replace("&#x3D;", "="))
}

/// The entry ids in the list marked `marker`, in order.
fn entries_in(body: &str, marker: &str) -> Vec<String> {
    let Some(at) = body.find(marker) else {
        return Vec::new();
    };
    let list = &body[at..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.split("href=\"/diary/")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

/// The names of the set cards on a sets page, in order.
fn sets_on(body: &str) -> Vec<String> {
    body.split("<div class=\"card\" data-set=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

/// Every page from `first` following the `rel` links of the pagination `label`.
async fn walk(client: &mut Client, first: &str, label: &str, rel: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next {
        let r = client.get(&path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
        next = link(&r.body, label, rel);
        pages.push((path, r.body));
        assert!(pages.len() < 100, "the pages never end");
    }
    pages.into_iter().map(|(_, b)| b).collect()
}

/// Walks a list forwards and back, asserting both ways give `expected` once each, in order,
/// with no page longer than `PAGE`; returns the last page's path.
async fn walk_both_ways(client: &mut Client, label: &str, marker: &str, expected: &[String]) {
    let forward = walk(client, "/diary", label, "next").await;
    let mut seen = Vec::new();
    for body in &forward {
        let on = entries_in(body, marker);
        assert!(on.len() <= PAGE, "{label}: a page of {}", on.len());
        seen.extend(on);
    }
    assert_eq!(seen, expected, "{label}: walking Next");
    assert_eq!(
        forward.len(),
        expected.len().div_ceil(PAGE).max(1),
        "{label}: pages"
    );
    // Back from the last page by "Previous".
    let last = forward.last().unwrap();
    let mut back: Vec<String> = Vec::new();
    let mut prev = link(last, label, "prev");
    let mut pages = vec![entries_in(last, marker)];
    while let Some(path) = prev {
        let r = client.get(&path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}");
        pages.push(entries_in(&r.body, marker));
        prev = link(&r.body, label, "prev");
        assert!(pages.len() < 100);
    }
    for page in pages.into_iter().rev() {
        back.extend(page);
    }
    assert_eq!(back, expected, "{label}: walking Previous");
}

async fn insert(app: &TestApp, author: &Id, set: Option<&Id>, sharing: &str, n: usize) -> Vec<Id> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let body = format!("Entry {i} by {author} shared {sharing}");
        ids.push(
            diaries::insert(
                &mut conn,
                &NewEntry {
                    author_id: author,
                    kind: "diary",
                    set_id: set,
                    meeting_id: None,
                    problem_id: None,
                    sharing,
                    body: &body,
                },
            )
            .await
            .unwrap(),
        );
    }
    ids
}

/// Newest first, ties by id: the diary's order.
fn newest_first(app_rows: Vec<diaries::Entry>, only: &[Id]) -> Vec<String> {
    let mut rows: Vec<_> = app_rows
        .into_iter()
        .filter(|e| only.contains(&e.id))
        .collect();
    rows.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then(b.id.as_str().cmp(a.id.as_str()))
    });
    rows.into_iter().map(|e| e.id.to_string()).collect()
}

#[tokio::test]
async fn the_diary_walks_each_list_once_either_way_and_shows_nobody_else_anything() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    let set_a = world(&app).await;
    let pat = id(&app.person_id(PARTICIPANT).await);
    let bo = id(&app.person_id(BO).await);
    let fran = id(&app.person_id(FACILITATOR).await);
    // Many entries in the same millisecond: the id breaks the tie across page boundaries.
    let mut pats = insert(&app, &pat, Some(&set_a), "private", 5).await;
    let pats_shared = insert(&app, &pat, Some(&set_a), "set", 3).await;
    pats.extend(pats_shared.iter().cloned());
    let bos_shared = insert(&app, &bo, Some(&set_a), "set", 7).await;
    let bos_private = insert(&app, &bo, Some(&set_a), "private", 2).await;
    let outsiders = insert(
        &app,
        &id(&app.person_id(OUTSIDER).await),
        None,
        "private",
        4,
    )
    .await;

    let mut conn = app.state.store.conn().await.unwrap();
    let pat_all = diaries::by_author(&mut conn, &pat).await.unwrap();
    let bo_all = diaries::by_author(&mut conn, &bo).await.unwrap();
    drop(conn);

    // Pat: their own 8 (and the demo's, which the portfolio tags), and Bo's 7 shared with the
    // set (never Bo's private ones).
    let mut pat_client = app.signed_in(PARTICIPANT).await;
    let pat_own: Vec<Id> = pat_all.iter().map(|e| e.id.clone()).collect();
    walk_both_ways(
        &mut pat_client,
        "Pages of your entries",
        "data-my-entries",
        &newest_first(pat_all.clone(), &pat_own),
    )
    .await;
    walk_both_ways(
        &mut pat_client,
        "Pages of entries shared with you",
        "data-shared-entries",
        &newest_first(bo_all.clone(), &bos_shared),
    )
    .await;

    // Fran facilitates the set: everything shared with it, Pat's and Bo's, one list.
    let mut fran_client = app.signed_in(FACILITATOR).await;
    let mut all_shared = pat_all.clone();
    all_shared.extend(bo_all.clone());
    let mut shared_ids = pats_shared.clone();
    shared_ids.extend(bos_shared.iter().cloned());
    walk_both_ways(
        &mut fran_client,
        "Pages of entries shared with you",
        "data-shared-entries",
        &newest_first(all_shared, &shared_ids),
    )
    .await;

    // The outsider (in another set) follows Pat's own cursors: they see only their own.
    let first = pat_client.get("/diary").await.body;
    let mine_next = link(&first, "Pages of your entries", "next").unwrap();
    let shared_next = link(&first, "Pages of entries shared with you", "next").unwrap();
    let mut outsider = app.signed_in(OUTSIDER).await;
    for path in [mine_next.as_str(), shared_next.as_str()] {
        let r = outsider.get(path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}");
        for e in pats.iter().chain(&bos_shared).chain(&bos_private) {
            assert!(!r.body.contains(e.as_str()), "{path} shows {e}");
        }
        assert!(entries_in(&r.body, "data-shared-entries").is_empty());
        for e in entries_in(&r.body, "data-my-entries") {
            assert!(outsiders.iter().any(|o| o.as_str() == e), "{e}");
        }
    }

    // A log shared with the supervisor reaches them (through the supervision), nobody else.
    let mut conn = app.state.store.conn().await.unwrap();
    let log = diaries::insert(
        &mut conn,
        &NewEntry {
            author_id: &fran,
            kind: "log",
            set_id: None,
            meeting_id: None,
            problem_id: None,
            sharing: "supervisor",
            body: "A log for supervision",
        },
    )
    .await
    .unwrap();
    drop(conn);
    let sue = app.signed_in(SUPERVISOR).await.get("/diary").await.body;
    assert_eq!(
        entries_in(&sue, "data-shared-entries"),
        vec![log.to_string()]
    );
    let pat_first = pat_client.get("/diary").await.body;
    assert!(!pat_first.contains(log.as_str()));
}

#[tokio::test]
async fn a_published_cohorts_sets_are_walked_once_either_way_and_only_by_its_leads() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    let set_a = world(&app).await;
    let mut tx = app.state.store.begin().await.unwrap();
    let cohort = sets::get(&mut tx, &set_a).await.unwrap().unwrap().cohort_id;
    // Seven more sets, all at set A's position: the id breaks the tie.
    for i in 0..7 {
        let name = format!("Paged set {i}");
        sets::insert(
            &mut tx,
            &NewSet {
                cohort_id: &cohort,
                name: &name,
                position: 100,
                review_every: 7,
                timezone: "Europe/London",
            },
        )
        .await
        .unwrap();
    }
    sets::publish(&mut tx, &cohort).await.unwrap();
    let expected: Vec<String> = sets::list_for_cohort(&mut tx, &cohort)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    revans_storage::commit(tx).await.unwrap();
    assert!(expected.len() > 2 * PAGE, "{} sets", expected.len());

    let first = format!("/admin/cohorts/{cohort}/sets");
    let mut lead = app.signed_in(ADMIN).await;
    let pages = walk(&mut lead, &first, "Pagination", "next").await;
    let seen: Vec<String> = pages.iter().flat_map(|b| sets_on(b)).collect();
    assert_eq!(seen, expected, "walking Next");
    assert!(pages.iter().all(|b| sets_on(b).len() <= PAGE));
    assert!(
        pages[0].contains(&format!("{} sets.", expected.len())),
        "the summary counts every set, not the page"
    );
    // Back from the last page.
    let mut back = vec![sets_on(pages.last().unwrap())];
    let mut prev = link(pages.last().unwrap(), "Pagination", "prev");
    while let Some(path) = prev {
        let r = lead.get(&path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}");
        back.push(sets_on(&r.body));
        prev = link(&r.body, "Pagination", "prev");
        assert!(back.len() < 100);
    }
    let back: Vec<String> = back.into_iter().rev().flatten().collect();
    assert_eq!(back, expected, "walking Previous");

    // Another tenant's lead, with this lead's cursor, is told the cohort does not exist.
    let next = link(&pages[0], "Pagination", "next").unwrap();
    let mut other = app.signed_in(OTHER_ADMIN).await;
    for path in [first.as_str(), next.as_str()] {
        let r = other.get(path).await;
        assert_eq!(r.status.as_u16(), 404, "{path}");
        for name in &expected {
            assert!(!r.body.contains(name.as_str()), "{path} shows {name}");
        }
    }
    // A participant cannot read it either.
    let r = app.signed_in(PARTICIPANT).await.get(&next).await;
    assert!(
        matches!(r.status.as_u16(), 403 | 404),
        "a participant got {}",
        r.status
    );
}
