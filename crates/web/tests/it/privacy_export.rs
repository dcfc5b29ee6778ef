//! Subject access (issue 17): a person downloads everything Revans holds about them. Driven by
//! the privacy register: the fixture gives two people a row in every entry about a person, and
//! each one's export holds their rows in every entry and nothing of the other's. Then the two faces: the API and the
//! account page serve the caller's own ZIP (data.json and a readable index.html), audited, and
//! an entry someone else shared with the caller is not in it.

use std::io::Read;

use axum::http::StatusCode;
use revans_app::privacy::export::subject_access;
use revans_domain::Id;
use revans_storage::privacy_register::{Data, REGISTER};
use serde_json::Value;

use crate::diaries::{BO, world, write};
use crate::helpers::*;
use crate::privacy_fixture::{self, Seeded, entries_about_people};

/// data.json and index.html from an export ZIP.
fn unzip(bytes: &[u8]) -> (Value, String) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut read = |name: &str| {
        let mut s = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the ZIP"))
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let json = read("data.json");
    let html = read("index.html");
    (
        serde_json::from_str(&json).expect("data.json is JSON"),
        html,
    )
}

/// What the export use case gives this person (data.json, parsed).
async fn export_of(app: &TestApp, person: &Id) -> Value {
    let mut conn = app.state.store.conn().await.unwrap();
    let person = revans_storage::people::get(&mut conn, person)
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    let viewer = revans_app::Viewer {
        person,
        roles: Vec::new(),
    };
    let actor = revans_app::Actor {
        viewer: &viewer,
        ip: "192.0.2.1",
    };
    let export = subject_access(&app.state, &actor).await.unwrap();
    serde_json::from_slice(&export.data_json().unwrap()).unwrap()
}

/// Whether an exported row of `table` is about `who`: by id (the subject or an also-about
/// column), by address, or through its parent row, which must be in the same export.
fn is_about(data: &Value, table: &str, row: &Value, who: &Seeded) -> bool {
    let e = revans_storage::privacy_register::entry(table).unwrap();
    let subject = e.subject.unwrap();
    if let Some(parent) = e.through {
        return data[parent]
            .as_array()
            .is_some_and(|rows| rows.iter().any(|r| r["id"] == row[subject]));
    }
    let by_email = e
        .columns
        .iter()
        .any(|(c, d)| *c == subject && *d == Data::Contact);
    if by_email {
        return row[subject]
            .as_str()
            .is_some_and(|v| v.eq_ignore_ascii_case(&who.email));
    }
    std::iter::once(subject)
        .chain(e.also_about.iter().copied())
        .any(|c| row[c] == who.id.as_str())
}

#[tokio::test]
async fn every_register_entry_about_a_person_is_exported_and_only_theirs() {
    let app = TestApp::spawn().await;
    // Two people with a row in every register entry about a person, sharing none.
    let (ada, bea) = privacy_fixture::seed(&app).await;
    let mut failures = Vec::new();
    for (me, other) in [(&ada, &bea), (&bea, &ada)] {
        let data = export_of(&app, &me.id).await;
        // Every table about a person has its key, and no table about nobody.
        let keys = data.as_object().unwrap();
        for e in REGISTER {
            if keys.contains_key(e.table) != e.subject.is_some() {
                failures.push(format!(
                    "{}: key in {}'s data.json is wrong",
                    e.table, me.name
                ));
            }
        }
        for entry in entries_about_people() {
            let Some(rows) = data[entry.table].as_array() else {
                failures.push(format!("{}: no key in data.json", entry.table));
                continue;
            };
            if rows.is_empty() {
                failures.push(format!(
                    "{}: {}'s row is not exported",
                    entry.table, me.name
                ));
            }
            for row in rows {
                if !is_about(&data, entry.table, row, me) {
                    failures.push(format!(
                        "{}: a row not about {}: {row}",
                        entry.table, me.name
                    ));
                }
                if entry.through.is_none() && is_about(&data, entry.table, row, other) {
                    failures.push(format!(
                        "{}: {}'s row is in {}'s export: {row}",
                        entry.table, other.name, me.name
                    ));
                }
                for (column, data) in entry.columns {
                    if *data == Data::Secret && row.get(*column).is_some() {
                        failures.push(format!("{}.{column}: a secret is exported", entry.table));
                    }
                }
            }
        }
        // Nothing in it names the other person.
        let text = data.to_string();
        for needle in [other.name.as_str(), other.email.as_str(), other.id.as_str()] {
            if text.contains(needle) {
                failures.push(format!("{}'s export holds {needle:?}", me.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_api_and_the_account_page_serve_the_callers_own_zip() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let pat = app.person_id(PARTICIPANT).await;
    let mine = "Pat writes these own words for the export";
    write(&app, PARTICIPANT, &[("body", mine), ("sharing", "private")]).await;
    let shared = "Bo shared this with the set, Pat included";
    write(
        &app,
        BO,
        &[
            ("body", shared),
            ("set_id", set.as_str()),
            ("sharing", "set"),
        ],
    )
    .await;
    // Pat can read Bo's entry, so its absence below is the rule, not a lack of access.
    let mut page = app.signed_in(PARTICIPANT).await;
    assert!(page.get("/diary").await.body.contains(shared));

    let token = app.api_token(PARTICIPANT).await;
    let r = app
        .client()
        .json_with_token("GET", "/api/v1/me/export", None, &token)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.content_type, "application/zip");
    let disposition = r.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"revans-data-"),
        "{disposition}"
    );
    let (data, html) = unzip(&r.bytes);
    let people = data["people"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["id"], Value::from(pat.as_str()));
    assert_eq!(people[0]["email"], Value::from(PARTICIPANT));
    assert!(people[0].get("password_hash").is_none());
    let diary = data["diary_entries"].to_string();
    assert!(diary.contains(mine), "{diary}");
    assert!(
        !diary.contains(shared),
        "another person's shared entry was exported"
    );
    assert!(
        !r.bytes
            .windows(shared.len())
            .any(|w| w == shared.as_bytes())
    );
    assert!(html.contains("<html lang=\"en-GB\">"), "{html}");
    assert!(html.contains("Diary entries"));
    assert!(html.contains(mine) && !html.contains(shared));
    assert!(
        app.audit_actions()
            .await
            .contains(&"privacy.exported".to_owned())
    );

    // The page: a button on the account page, and the same ZIP behind it.
    let account = page.get("/account").await;
    assert!(account.body.contains("href=\"/account/export\""));
    assert!(account.body.contains("Download your data"));
    let r = page.get("/account/export").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type, "application/zip");
    let (data, html) = unzip(&r.bytes);
    assert_eq!(data["people"][0]["id"], Value::from(pat.as_str()));
    assert!(data["diary_entries"].to_string().contains(mine));
    assert!(!html.contains(shared));

    // Bo's own export holds Bo's entry and not Pat's.
    let token = app.api_token(BO).await;
    let r = app
        .client()
        .json_with_token("GET", "/api/v1/me/export", None, &token)
        .await;
    let (data, _) = unzip(&r.bytes);
    let diary = data["diary_entries"].to_string();
    assert!(diary.contains(shared) && !diary.contains(mine));
}
