//! The catalogue a page at a time (issue 13): a national catalogue holds hundreds of
//! programmes, so the page and the API read one page of programmes and only their cohorts.

use axum::http::StatusCode;
use revans_storage::programmes;

use crate::helpers::*;

/// The titles of the programmes on a catalogue page, in order.
fn titles(body: &str) -> Vec<String> {
    body.split("<h2 class=\"heading-m\"><a href=\"/programmes/")
        .skip(1)
        .map(|h| {
            let start = h.find('>').unwrap() + 1;
            let end = h.find("</a>").unwrap();
            h[start..end].replace("&#x27;", "'").replace("&amp;", "&")
        })
        .collect()
}

/// The page's link marked `rel` ("next" or "prev"), if any.
fn link(body: &str, rel: &str) -> Option<String> {
    body.split("href=\"").skip(1).find_map(|h| {
        let end = h.find('"').unwrap();
        h[end..]
            .split('>')
            .next()
            .unwrap()
            .contains(&format!("rel=\"{rel}\""))
            .then(|| h[..end].replace("&amp;", "&"))
    })
}

/// Publishes every programme (the fixture publishes one; the others are closed or drafts), so
/// the catalogue has several pages; returns one of them.
async fn publish_every_programme(conn: &mut revans_storage::Conn) -> revans_domain::Id {
    let one = programmes::list_published(conn).await.unwrap();
    let ids: Vec<String> = programmes::list_in_tree(conn, &one[0].organisation_id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    for id in &ids {
        let id = revans_domain::Id::parse(id).unwrap();
        programmes::set_status(conn, &id, revans_domain::ProgrammeStatus::Published)
            .await
            .unwrap();
    }
    revans_domain::Id::parse(&ids[0]).unwrap()
}

#[tokio::test]
async fn the_catalogue_pages_hold_every_published_programme_once_either_way() {
    let app = TestApp::spawn_with(|s| s.page_size = Some(1)).await;
    let published: Vec<String> = {
        let mut conn = app.state.store.conn().await.unwrap();
        publish_every_programme(&mut conn).await;
        programmes::list_published(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.fields.title)
            .collect()
    };
    assert!(published.len() >= 2, "{published:?}");
    // Signed out: the catalogue is public.
    let mut visitor = app.client();
    let mut page = visitor.get("/programmes").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        link(&page.body, "prev").is_none(),
        "no Previous on the first page"
    );
    let mut forward = titles(&page.body);
    while let Some(next) = link(&page.body, "next") {
        page = visitor.get(&next).await;
        assert_eq!(page.status, StatusCode::OK, "{next}");
        let here = titles(&page.body);
        assert_eq!(here.len(), 1, "one programme a page: {here:?}");
        forward.extend(here);
    }
    assert_eq!(
        forward, published,
        "every published programme once, by title"
    );
    // And back from the last page.
    let mut backward = titles(&page.body);
    while let Some(prev) = link(&page.body, "prev") {
        page = visitor.get(&prev).await;
        backward.splice(0..0, titles(&page.body));
    }
    assert_eq!(backward, published);
}

#[tokio::test]
async fn the_programmes_api_pages_by_id_and_never_shows_a_draft() {
    let app = TestApp::spawn().await;
    let expected: Vec<String> = {
        let mut conn = app.state.store.conn().await.unwrap();
        publish_every_programme(&mut conn).await;
        let mut ids: Vec<String> = programmes::list_published(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id.to_string())
            .collect();
        ids.sort();
        ids
    };
    let mut api = app.client();
    api.bearer = Some(app.api_token(PARTICIPANT).await);
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let r = api
            .json("GET", &format!("/api/v1/programmes?limit=1{cursor}"), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let items = v["items"].as_array().unwrap();
        assert!(items.len() <= 1);
        for item in items {
            assert_eq!(item["status"], "published", "{item}");
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match v["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, expected, "every published programme once, by id");
    // A programme back to draft is gone from the API.
    let draft = revans_domain::Id::parse(&expected[0]).unwrap();
    {
        let mut conn = app.state.store.conn().await.unwrap();
        programmes::set_status(&mut conn, &draft, revans_domain::ProgrammeStatus::Draft)
            .await
            .unwrap();
    }
    let r = api.json("GET", "/api/v1/programmes", None).await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let ids: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        expected[1..].iter().map(String::as_str).collect::<Vec<_>>()
    );
}
