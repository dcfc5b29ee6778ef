//! `revans generate national` (issue 13): a small nation is generated into an empty database,
//! and every page and API list of its manifest answers 200 to the account named for it.
//! SQLite by default; PostgreSQL when REVANS_TEST_DATABASE_URL is set.

use std::collections::BTreeMap;

use axum::http::StatusCode;

use crate::helpers::{Client, TestApp};

const PEOPLE: u32 = 2_000;

async fn people_in_database(app: &TestApp) -> i64 {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::people::count(&mut conn).await.unwrap()
}

#[tokio::test]
async fn a_generated_nation_answers_every_manifest_url_for_its_role() {
    let app = TestApp::spawn_empty().await;
    let report = revans_app::generate::national(&app.state.store, PEOPLE, 1)
        .await
        .expect("generated");
    let manifest = report.manifest;

    // The figures scale from the people asked for (rows as the database counted them).
    let written: BTreeMap<&str, u64> = report.counts.iter().copied().collect();
    let n = u64::from(PEOPLE);
    assert_eq!(people_in_database(&app).await, i64::from(PEOPLE));
    assert_eq!(written["people"], n);
    assert!(written["organisations"] >= 1 + 42 + 42 * 5);
    // A small nation is a quarter staff (a sponsor per organisation), who do not apply.
    assert!(written["applications"] >= n * 2, "{written:?}");
    assert!(written["audit_log"] >= n * 10, "{written:?}");
    // 5% of N wait in the forming cohort with no set (so no meetings or diary) yet.
    assert!(written["diary_entries"] >= n * 7, "{written:?}");
    assert!(written["meetings"] >= n * 9 / 10, "{written:?}");
    assert!(written["attendance"] > 0 && written["actions"] > 0 && written["problems"] > 0);

    // Every manifest URL answers 200 to its role: pages with a session, the API with a token.
    assert_eq!(manifest.password, revans_app::demo::PASSWORD);
    let forming = manifest
        .forming_cohort
        .as_deref()
        .expect("a cohort to form");
    assert!(manifest.urls["forming_cohort_sets"].path.contains(forming));
    for role in ["lead", "sponsor", "facilitator", "participant", "evaluator"] {
        assert!(manifest.accounts.contains_key(role), "{role}");
    }
    for name in [
        "catalogue",
        "programme",
        "review_queue",
        "cohort_sets",
        "set",
        "meeting",
        "diary",
        "sets_overview",
        "themes_report",
        "sponsor_nominees",
        "audit_log",
        "people",
        "home_lead",
        "home_participant",
        "api_programmes",
        "api_applications",
        "api_sets",
        "api_diary",
        "api_people",
        "api_audit",
        "forming_cohort_sets",
    ] {
        assert!(manifest.urls.contains_key(name), "manifest has {name}");
    }
    let mut pages: BTreeMap<String, Client> = BTreeMap::new();
    let mut tokens: BTreeMap<String, String> = BTreeMap::new();
    for (name, url) in &manifest.urls {
        let email = &manifest.accounts[&url.role];
        let r = if url.path.starts_with("/api/") {
            if !tokens.contains_key(&url.role) {
                tokens.insert(url.role.clone(), app.api_token(email).await);
            }
            let token = tokens[&url.role].clone();
            let mut c = app.client();
            c.json_with_token("GET", &url.path, None, &token).await
        } else {
            if !pages.contains_key(&url.role) {
                pages.insert(url.role.clone(), app.signed_in(email).await);
            }
            let c = pages.get_mut(&url.role).unwrap();
            c.get(&url.path).await
        };
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{name} ({}) as {}: {}",
            url.path,
            url.role,
            &r.body[..r.body.len().min(400)]
        );
    }

    // The diary page of the busiest writer shows their entries; the review queue its people.
    let participant = pages.get_mut("participant").unwrap();
    let diary = participant.get(&manifest.urls["diary"].path).await;
    assert!(diary.body.contains("/diary/"), "entries listed");

    // A second run refuses the database, which now holds data.
    let again = revans_app::generate::national(&app.state.store, PEOPLE, 1).await;
    assert!(
        matches!(again, Err(revans_app::Error::Conflict(_))),
        "{again:?}"
    );
    assert_eq!(people_in_database(&app).await, i64::from(PEOPLE));
}
