//! Keyset pages of the people page and the audit log (issue 13): with more rows than a page,
//! walking "Next" from the first page and "Previous" back from the last yields every row once,
//! in order, including rows that share their sort key's first part (people of the same name,
//! audit entries of the same millisecond); a tampered cursor gives the first page; and a
//! cursor from one tenant shows another tenant nothing of the first.

use std::collections::BTreeSet;

use revans_storage::bulk::{self, Table, Value};

use crate::helpers::*;

const PAGE: usize = 7;

/// The `href` of the pagination link with `rel` (`next` or `prev`), if there is one.
fn link(body: &str, rel: &str) -> Option<String> {
    let nav = &body[body.find("class=\"govuk-pagination\"")?..];
    let at = nav.find(&format!("rel=\"{rel}\""))?;
    let start = nav[..at].rfind("href=\"")? + 6;
    let end = start + nav[start..].find('"')?;
    Some(nav[start..end].replace("&amp;", "&").replace("&#x3D;", "="))
}

/// The people ids a people page lists, in order.
fn people_on(body: &str) -> Vec<String> {
    let table = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    table
        .split("href=\"/admin/people/")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

/// The audit rows a page lists (one `<tr>` each), in order.
fn rows_on(body: &str) -> Vec<String> {
    let table = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    table
        .split("<tr>")
        .skip(1)
        .map(|s| s[..s.find("</tr>").unwrap()].to_owned())
        .collect()
}

/// Every page from `first` following `rel` links: the pages' bodies in the order visited.
async fn walk(client: &mut Client, first: &str, rel: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next {
        let r = client.get(&path).await;
        assert_eq!(r.status.as_u16(), 200, "{path}: {}", r.body);
        next = link(&r.body, rel);
        pages.push(r.body);
        assert!(pages.len() < 100, "the pages never end");
    }
    pages
}

/// The lead's own organisation, where the test adds people and audit entries.
async fn lead_org(app: &TestApp) -> String {
    let id = revans_domain::Id::parse(&app.person_id(ADMIN).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::people::get(&mut conn, &id)
        .await
        .unwrap()
        .unwrap()
        .organisation_id
        .to_string()
}

#[tokio::test]
async fn the_people_page_walks_every_person_once_either_way() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    let org = lead_org(&app).await;
    // Ten people of the same name: the id breaks the tie, across page boundaries.
    let rows: Vec<Vec<Value>> = (0..10)
        .map(|n| {
            vec![
                Value::Text(revans_storage::new_id().to_string()),
                Value::Text(org.clone()),
                Value::Text(format!("same{n}@northcoast-ics.example")),
                Value::Text("Sam Same".into()),
                Value::OptText(None),
                Value::Int(0),
                Value::Int(0),
            ]
        })
        .collect();
    let mut conn = app.state.store.conn().await.unwrap();
    bulk::insert(&mut conn, Table::People, &rows).await.unwrap();
    drop(conn);

    let token = app.api_token(ADMIN).await;
    let mut lead = app.signed_in(ADMIN).await;
    // Everyone, from the API's list (read by id, a different query).
    let mut everyone = BTreeSet::new();
    let mut cursor = String::new();
    loop {
        let r = lead
            .json_with_token(
                "GET",
                &format!("/api/v1/people?limit=500{cursor}"),
                None,
                &token,
            )
            .await;
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert!(v["items"].is_array(), "{}", r.body);
        for p in v["items"].as_array().unwrap() {
            everyone.insert(p["id"].as_str().unwrap().to_owned());
        }
        match v["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert!(everyone.len() > 3 * PAGE, "{} people", everyone.len());

    let pages = walk(&mut lead, "/admin/people", "next").await;
    assert_eq!(people_on(&pages[0]).len(), PAGE);
    assert!(
        !pages[0].contains("rel=\"prev\""),
        "the first page has no Previous"
    );
    assert!(pages[0].contains("aria-label=\"Pagination\""));
    let forward: Vec<String> = pages.iter().flat_map(|p| people_on(p)).collect();
    let unique: BTreeSet<String> = forward.iter().cloned().collect();
    assert_eq!(unique.len(), forward.len(), "someone listed twice");
    assert_eq!(unique, everyone, "the pages are not everyone");
    for p in &pages[..pages.len() - 1] {
        assert_eq!(people_on(p).len(), PAGE);
    }

    // Back from the last page to the first: the same people in the same order.
    let last = pages.len() - 1;
    let first_back = link(&pages[last], "prev").expect("the last page has Previous");
    let mut back = walk(&mut lead, &first_back, "prev").await;
    back.reverse();
    let mut backward: Vec<String> = back.iter().flat_map(|p| people_on(p)).collect();
    backward.extend(people_on(&pages[last]));
    assert_eq!(backward, forward);

    // A tampered cursor gives the first page.
    for bad in ["!!!", "bm90IGEga2V5", "%00"] {
        let r = lead.get(&format!("/admin/people?after={bad}")).await;
        assert_eq!(r.status.as_u16(), 200, "{bad}");
        assert_eq!(people_on(&r.body), people_on(&pages[0]), "{bad}");
    }

    // Another tenant's lead with our cursor sees none of our people.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let ours_next = link(&pages[1], "next").unwrap();
    for path in ["/admin/people".to_owned(), ours_next, first_back] {
        let r = other.get(&path).await;
        assert_eq!(r.status.as_u16(), 200);
        for id in people_on(&r.body) {
            assert!(!everyone.contains(&id), "{path} showed one of ours");
        }
    }
}

#[tokio::test]
async fn the_audit_log_walks_every_entry_once_newest_first() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(PAGE)).await;
    let org = lead_org(&app).await;
    // Twenty entries in the same millisecond, newer than the demo's.
    let at = revans_storage::now_ms() + 60_000;
    let rows: Vec<Vec<Value>> = (0..20)
        .map(|n| {
            vec![
                Value::Text(revans_storage::new_id().to_string()),
                Value::Int(at),
                Value::OptText(None),
                Value::Text("Test".into()),
                Value::Text("test.recorded".into()),
                Value::Text("person".into()),
                Value::Text("x".into()),
                Value::Text(format!("tied entry {n:02}")),
                Value::Text(String::new()),
                Value::OptText(Some(org.clone())),
            ]
        })
        .collect();
    let mut conn = app.state.store.conn().await.unwrap();
    bulk::insert(&mut conn, Table::AuditLog, &rows)
        .await
        .unwrap();
    drop(conn);

    let token = app.api_token(ADMIN).await;
    let mut lead = app.signed_in(ADMIN).await;
    // The whole log from the API, newest first.
    let r = lead
        .json_with_token("GET", "/api/v1/audit?limit=500", None, &token)
        .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(v["items"].is_array(), "{}", r.body);
    assert!(v["next_cursor"].is_null(), "the test log fits one API page");
    let details: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].as_str().unwrap().to_owned())
        .collect();
    assert!(details.len() > 3 * PAGE);

    let pages = walk(&mut lead, "/admin/audit", "next").await;
    assert_eq!(rows_on(&pages[0]).len(), PAGE);
    let forward: Vec<String> = pages.iter().flat_map(|p| rows_on(p)).collect();
    assert_eq!(forward.len(), details.len(), "rows missing or repeated");
    for (row, detail) in forward.iter().zip(&details) {
        let escaped = detail
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&#34;")
            .replace('\'', "&#39;");
        assert!(row.contains(&escaped), "{row} is not {detail}");
    }
    let tied: BTreeSet<&String> = forward
        .iter()
        .filter(|r| r.contains("tied entry"))
        .collect();
    assert_eq!(
        tied.len(),
        20,
        "entries of the same millisecond lost or repeated"
    );

    let last = pages.len() - 1;
    let mut back = walk(&mut lead, &link(&pages[last], "prev").unwrap(), "prev").await;
    back.reverse();
    let mut backward: Vec<String> = back.iter().flat_map(|p| rows_on(p)).collect();
    backward.extend(rows_on(&pages[last]));
    assert_eq!(backward, forward);

    let r = lead.get("/admin/audit?after=bm90OmFuLWlk").await;
    assert_eq!(r.status.as_u16(), 200);
    assert_eq!(rows_on(&r.body), rows_on(&pages[0]));

    let mut other = app.signed_in(OTHER_ADMIN).await;
    let r = other.get(&link(&pages[0], "next").unwrap()).await;
    assert_eq!(r.status.as_u16(), 200);
    assert!(!r.body.contains("tied entry"), "another tenant saw our log");
}
