//! Erasure (issue 17): driven by the privacy register, so a table added to it is checked
//! without a change here. The fixture gives two people a row in every register entry about a
//! person; after the first is erased, every entry does what its `on_erasure` says (Delete: no
//! row about her remains; FormerMember: the rows stay, naming a former member; Scrub: what she
//! wrote is cleared), no secret of hers survives, nothing in the whole database still holds
//! her name, address or network address, and the other person's rows are exactly as they
//! were. Then the rules around it: who may erase, twice, signing in, directories.

use axum::http::StatusCode;
use revans_domain::Id;
use revans_storage::privacy_register::TableRows;
use revans_storage::privacy_register::{Data, OnErasure, REGISTER};
use revans_storage::testing_privacy::{column_about, count_containing, count_where};

use crate::helpers::*;
use crate::privacy_fixture::{self, ADA_IP, Seeded, entries_about_people};

/// Every register entry's rows about the person, as the export reads them.
async fn tables_about(app: &TestApp, who: &Seeded) -> Vec<TableRows> {
    let mut conn = app.state.store.conn().await.unwrap();
    revans_storage::privacy_register::rows_about(&mut conn, &who.id, &who.email)
        .await
        .unwrap()
}

/// The values of one column in a table's exported rows, as text (nulls and blanks left out).
fn texts(t: &TableRows, column: &str) -> Vec<String> {
    let Some(i) = t.columns.iter().position(|c| *c == column) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .filter_map(|r| match &r[i] {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        })
        // Empty text and JSON's empty list say nothing about anyone.
        .filter(|v| !v.trim().is_empty() && v != "[]")
        .collect()
}

async fn erase_by_api(app: &TestApp, as_email: &str, person: &str, body: &str) -> Response {
    let token = app.api_token(as_email).await;
    let mut c = app.client();
    c.bearer = Some(token);
    c.json(
        "POST",
        &format!("/api/v1/people/{person}/erase"),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn erasure_covers_every_register_entry() {
    let app = TestApp::spawn().await;
    // Ada (erased) and Bea (not) each have a row in every register entry about a person.
    let (ada, bea) = privacy_fixture::seed(&app).await;
    // A real session and API token of Ada's too, to see her ways back in end.
    {
        let hash =
            revans_app::security::hash_password(&revans_domain::Password::parse(PASSWORD).unwrap())
                .await
                .unwrap();
        let mut conn = app.state.store.conn().await.unwrap();
        revans_storage::people::set_password_hash(&mut conn, &ada.id, &hash)
            .await
            .unwrap();
    }
    let mut ada_client = app.signed_in(&ada.email).await;
    let ada_token = app.api_token(&ada.email).await;
    // Secrets are never exported: read them as stored, to see they go.
    let mut secrets_before = Vec::new();
    {
        let mut conn = app.state.store.conn().await.unwrap();
        for e in entries_about_people() {
            for (column, data) in e.columns {
                if *data == Data::Secret {
                    let values = column_about(&mut conn, e, column, ada.id.as_str(), &ada.email)
                        .await
                        .unwrap();
                    secrets_before.push((e, *column, values));
                }
            }
        }
    }
    let before = tables_about(&app, &ada).await;
    let bea_before = tables_about(&app, &bea).await;

    let r = erase_by_api(&app, ADMIN, ada.id.as_str(), r#"{"confirm":true}"#).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);

    let after = tables_about(&app, &ada).await;
    let mut failures = Vec::new();
    let mut conn = app.state.store.conn().await.unwrap();
    for (was, now) in before.iter().zip(&after) {
        let e = was.entry;
        if was.rows.is_empty() {
            failures.push(format!("{}: the fixture holds no row about Ada", e.table));
            continue;
        }
        // Rows tied through a parent: follow the parent ids they held before.
        let mut through_left = 0;
        if e.through.is_some() {
            let subject = e.subject.unwrap();
            for parent in texts(was, subject) {
                through_left += count_where(&mut conn, e.table, subject, &parent)
                    .await
                    .unwrap();
            }
        }
        let (was_n, now_n) = (was.rows.len(), now.rows.len());
        match e.on_erasure {
            OnErasure::Delete => {
                if now_n != 0 || through_left != 0 {
                    failures.push(format!(
                        "{}: declared Delete, {} of {was_n} rows about Ada remain",
                        e.table,
                        now_n.max(through_left as usize)
                    ));
                }
            }
            OnErasure::FormerMember | OnErasure::Scrub => {
                // The rows stay (the audit log gains the erasure's own entry).
                let kept = if e.through.is_some() {
                    through_left as usize
                } else {
                    now_n
                };
                if kept < was_n {
                    failures.push(format!(
                        "{}: declared {:?}, so its rows stay, but {was_n} became {kept}",
                        e.table, e.on_erasure
                    ));
                }
                // What she wrote in them is gone (a Scrub entry's whole point).
                for (column, data) in e.columns {
                    if *data != Data::OwnWords {
                        continue;
                    }
                    let left = texts(now, column);
                    for v in texts(was, column) {
                        if left.contains(&v) {
                            failures.push(format!(
                                "{}.{column}: still holds what Ada wrote: {v:?}",
                                e.table
                            ));
                        }
                    }
                }
            }
            OnErasure::NotAboutAPerson => {}
        }
    }
    // No secret of hers survives, in rows deleted or kept.
    for (e, column, values) in &secrets_before {
        for v in values.iter().flatten() {
            let n = count_where(&mut conn, e.table, column, v).await.unwrap();
            if n > 0 {
                failures.push(format!(
                    "{}.{column}: a secret of Ada's is still held",
                    e.table
                ));
            }
        }
    }
    // Her row is a former member's; nothing anywhere still holds her name, address or the
    // network address she used.
    let p = revans_storage::people::get(&mut conn, &ada.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.name, "Former member");
    for e in REGISTER {
        for (column, _) in e.columns {
            for needle in [ada.email.as_str(), ada.name.as_str(), ADA_IP] {
                let n = count_containing(&mut conn, e.table, column, needle)
                    .await
                    .unwrap();
                if n > 0 {
                    failures.push(format!(
                        "{}.{column}: {n} rows still hold {needle:?}",
                        e.table
                    ));
                }
            }
        }
    }
    drop(conn);
    // Bea's rows are exactly as they were.
    let bea_after = tables_about(&app, &bea).await;
    for (was, now) in bea_before.iter().zip(&bea_after) {
        if was.rows != now.rows {
            failures.push(format!(
                "{}: Bea's rows changed: {:?} became {:?}",
                was.entry.table, was.rows, now.rows
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "erasure is incomplete:\n{}",
        failures.join("\n")
    );
    // Her ways back in have ended.
    assert_eq!(
        ada_client.get("/account").await.status,
        StatusCode::SEE_OTHER
    );
    let mut with_token = app.client();
    with_token.bearer = Some(ada_token);
    assert_eq!(
        with_token.json("GET", "/api/v1/me", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_erased_person_is_a_former_member_who_cannot_come_back() {
    let app = TestApp::spawn().await;
    let pat = app.person_id(PARTICIPANT).await;
    let r = erase_by_api(&app, ADMIN, &pat, r#"{"confirm":true}"#).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    // Never twice.
    let again = erase_by_api(&app, ADMIN, &pat, r#"{"confirm":true}"#).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    // No signing in, no invitation to bring the account back.
    let mut c = app.client();
    let r = c
        .post_form(
            "/sign-in",
            &[("email", PARTICIPANT), ("password", PASSWORD)],
        )
        .await;
    assert_ne!(
        r.status,
        StatusCode::SEE_OTHER,
        "an erased person signed in"
    );
    let mut lead = app.signed_in(ADMIN).await;
    let r = lead
        .post_form(&format!("/admin/people/{pat}/invitation"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // Gone from the directory; the row left says "Former member" and nothing else.
    let list = lead.get("/admin/people").await;
    assert!(!list.body.contains(&pat), "still listed");
    let mut conn = app.state.store.conn().await.unwrap();
    let p = revans_storage::people::get(&mut conn, &Id::parse(&pat).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.name, "Former member");
    assert!(p.email.ends_with("@erased.invalid"));
    assert!(!p.activated);
    // Audited, naming nobody but who did it.
    drop(conn);
    assert!(
        app.audit_actions()
            .await
            .contains(&"person.erased".to_owned())
    );
}

#[tokio::test]
async fn refused_erasures_change_nothing() {
    let app = TestApp::spawn().await;
    let pat = app.person_id(PARTICIPANT).await;
    let lead = app.person_id(ADMIN).await;
    let cases = [
        (SPONSOR, pat.as_str(), StatusCode::FORBIDDEN),
        (FACILITATOR, pat.as_str(), StatusCode::FORBIDDEN),
        (OTHER_ADMIN, pat.as_str(), StatusCode::NOT_FOUND),
        // Self-erasure is off: not even a lead erases themself.
        (ADMIN, lead.as_str(), StatusCode::FORBIDDEN),
        (PARTICIPANT, pat.as_str(), StatusCode::FORBIDDEN),
    ];
    for (who, target, expected) in cases {
        let r = erase_by_api(&app, who, target, r#"{"confirm":true}"#).await;
        assert_eq!(r.status, expected, "{who} erasing {target}: {}", r.body);
    }
    // The lead without the confirmation: the field is named, nothing happens.
    let r = erase_by_api(&app, ADMIN, &pat, "{}").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("confirm"), "{}", r.body);
    let mut conn = app.state.store.conn().await.unwrap();
    for id in [&pat, &lead] {
        let p = revans_storage::people::get(&mut conn, &Id::parse(id).unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_ne!(p.name, "Former member");
        assert!(
            revans_storage::erasure::erased_at(&mut conn, &p.id)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn the_lead_erases_through_the_confirmation_page() {
    let app = TestApp::spawn().await;
    let pat = app.person_id(PARTICIPANT).await;
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get(&format!("/admin/people/{pat}/erase")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("What will be deleted"), "{}", page.body);
    let unticked = lead
        .post_form(&format!("/admin/people/{pat}/erase"), &[])
        .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.body.contains("There is a problem"));
    let done = lead
        .post_form(&format!("/admin/people/{pat}/erase"), &[("confirm", "yes")])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Person erased"));
    let mut conn = app.state.store.conn().await.unwrap();
    assert!(
        revans_storage::erasure::erased_at(&mut conn, &Id::parse(&pat).unwrap())
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn people_erase_themselves_when_the_service_allows_it() {
    let app = TestApp::spawn_with(|s| s.self_erasure = true).await;
    let pat = app.person_id(PARTICIPANT).await;
    let mut c = app.signed_in(PARTICIPANT).await;
    assert!(c.get("/account").await.body.contains("/account/erase"));
    let page = c.get("/account/erase").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let done = c.post_form("/account/erase", &[("confirm", "yes")]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Your account is erased"));
    // Signed out, and the audit entry of their own erasure does not name them.
    assert_eq!(c.get("/account").await.status, StatusCode::SEE_OTHER);
    let mut conn = app.state.store.conn().await.unwrap();
    assert!(
        revans_storage::erasure::erased_at(&mut conn, &Id::parse(&pat).unwrap())
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        count_containing(&mut conn, "audit_log", "actor_name", "Former member")
            .await
            .unwrap()
            > 0
    );
    // Someone else still cannot be erased by a participant.
    drop(conn);
    let lead = app.person_id(ADMIN).await;
    let r = erase_by_api(&app, FACILITATOR, &lead, r#"{"confirm":true}"#).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
