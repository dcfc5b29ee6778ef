//! The CPD portfolio (issue 16, C10) through the pages and the API: a participant tags their
//! own entry (form, check your answers, saved), sees it by dimension, and exports a PDF that
//! holds the chosen entry's text and not an untagged one; nobody else can tag, read or remove
//! anything of theirs, and someone else's entry, a session not attended and no item at all get
//! one answer; a tenant's frameworks are added (problems by line), used, kept while in use,
//! removed, and never seen by another tenant.

use axum::http::StatusCode;
use revans_domain::Id;

use crate::helpers::*;

const BO: &str = "participant@bay-council.example";
const HLM: &str = "healthcare-leadership-model";

async fn api_client(app: &TestApp, email: &str) -> Client {
    let mut c = app.signed_in(email).await;
    c.bearer = Some(app.api_token(email).await);
    c
}

/// Writes a private diary entry through the API; its id.
async fn write_entry(c: &mut Client, body: &str) -> String {
    let r = c
        .json(
            "POST",
            "/api/v1/diary",
            Some(&serde_json::json!({ "body": body }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    v["id"].as_str().unwrap().to_owned()
}

async fn tag(
    c: &mut Client,
    kind: &str,
    id: &str,
    session: Option<i64>,
    framework: &str,
    dims: &[&str],
) -> crate::helpers::Response {
    let body = serde_json::json!({
        "kind": kind,
        "id": id,
        "session": session,
        "framework": framework,
        "dimensions": dims,
        "note": "Shows how I listen",
    });
    c.json(
        "POST",
        "/api/v1/portfolio/evidence",
        Some(&body.to_string()),
    )
    .await
}

fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_participant_tags_their_own_entry_and_exports_only_what_they_chose() {
    let app = TestApp::spawn().await;
    let mut pat = api_client(&app, PARTICIPANT).await;
    let chosen = write_entry(&mut pat, "Marmalade handover reflection").await;
    let _untagged = write_entry(&mut pat, "Zeppelin untagged confidence").await;

    // The form lists Pat's own entries; choosing nothing names each missing answer.
    let form = pat.get("/portfolio/evidence/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Marmalade handover reflection"));
    assert!(form.body.contains("Leading with care"));
    let r = pat
        .post_form("/portfolio/evidence", &[("action", "check")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("There is a problem"));
    assert!(
        r.body
            .contains("Choose the entry, action or session this is evidence of")
    );
    assert!(r.body.contains("Choose at least one dimension"));

    // Check your answers, then save.
    let item = format!("diary_entry:{chosen}");
    let dims = [
        format!("{HLM}/leading-with-care"),
        format!("{HLM}/evaluating-information"),
    ];
    let fields = |action: &'static str| {
        vec![
            ("item", item.as_str()),
            ("dimensions", dims[0].as_str()),
            ("dimensions", dims[1].as_str()),
            ("note", "Listening before fixing"),
            ("action", action),
        ]
    };
    let check = pat.post_form("/portfolio/evidence", &fields("check")).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("Check your answers"));
    assert!(check.body.contains("NHS Healthcare Leadership Model"));
    assert!(check.body.contains("Evaluating information"));
    assert!(check.body.contains("Listening before fixing"));
    let change = pat
        .post_form("/portfolio/evidence", &fields("change"))
        .await;
    assert_eq!(change.status, StatusCode::OK);
    assert!(change.body.contains(&format!("value=\"{item}\" checked")));
    let saved = pat.post_form("/portfolio/evidence", &fields("save")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(saved.location.as_deref(), Some("/portfolio?notice=added"));
    let page = pat.get("/portfolio?notice=added").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Evidence added to your portfolio"));
    assert!(page.body.contains("Marmalade handover reflection"));
    assert!(
        !page.body.contains("Zeppelin"),
        "an untagged entry is not in the portfolio"
    );

    // The API twin reads the same, grouped by dimension.
    let r = pat.json("GET", "/api/v1/portfolio", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let mine: Vec<&serde_json::Value> = v["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["item"]["id"] == chosen.as_str())
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["dimensions"].as_array().unwrap().len(), 2);
    let hlm = v["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == HLM)
        .unwrap();
    let care = hlm["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == "leading-with-care")
        .unwrap();
    assert!(
        care["evidence"]
            .as_array()
            .unwrap()
            .contains(&mine[0]["id"])
    );
    assert!(!r.body.contains("Zeppelin"));

    // The PDF: the chosen entry's text, never the untagged one's; the same through the API.
    for path in ["/portfolio.pdf", "/api/v1/portfolio.pdf"] {
        let r = if path.starts_with("/api/") {
            pat.json("GET", path, None).await
        } else {
            pat.get(path).await
        };
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.bytes.starts_with(b"%PDF"));
        let text = pdf_text(&r.bytes);
        assert!(
            text.contains("Marmalade handover reflection"),
            "{path}: {text}"
        );
        assert!(text.contains("Leading with care"), "{path}");
        assert!(text.contains("CPD hours"), "{path}");
        assert!(
            !text.contains("Zeppelin"),
            "{path}: an untagged entry leaked"
        );
    }

    // Removing it: gone from the portfolio, the entry itself kept.
    let id = mine[0]["id"].as_str().unwrap();
    let r = pat
        .post_form(&format!("/portfolio/evidence/{id}/remove"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = pat.get("/portfolio").await;
    assert!(!page.body.contains("Marmalade handover reflection"));
    let r = pat
        .json("GET", &format!("/api/v1/diary/{chosen}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn nobody_else_can_tag_read_or_remove_a_participants_evidence() {
    let app = TestApp::spawn().await;
    let mut pat = api_client(&app, PARTICIPANT).await;
    let secret = write_entry(&mut pat, "Quagmire private worry").await;
    let r = tag(
        &mut pat,
        "diary_entry",
        &secret,
        None,
        HLM,
        &["leading-with-care"],
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let evidence: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let evidence = evidence["id"].as_str().unwrap().to_owned();
    let nobody = "00000000-0000-0000-0000-000000000000";

    // Everyone else: the lead, the set's facilitator, a sponsor, an evaluator, another member
    // of the same set, and another tenant's lead.
    for who in [ADMIN, FACILITATOR, SPONSOR, EVALUATOR, BO, OTHER_ADMIN] {
        let mut c = api_client(&app, who).await;
        let theirs = tag(
            &mut c,
            "diary_entry",
            &secret,
            None,
            HLM,
            &["leading-with-care"],
        )
        .await;
        let missing = tag(
            &mut c,
            "diary_entry",
            nobody,
            None,
            HLM,
            &["leading-with-care"],
        )
        .await;
        assert_eq!(theirs.status, StatusCode::UNPROCESSABLE_ENTITY, "{who}");
        let message = |r: &crate::helpers::Response| {
            let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            v["error"]["fields"].clone()
        };
        assert_eq!(
            message(&theirs),
            message(&missing),
            "{who}: the same answer"
        );
        for path in [
            "/portfolio",
            "/portfolio/evidence/new",
            "/api/v1/portfolio",
            "/api/v1/portfolio/items",
        ] {
            let r = if path.starts_with("/api/") {
                c.json("GET", path, None).await
            } else {
                c.get(path).await
            };
            assert_eq!(r.status, StatusCode::OK, "{who} {path}");
            assert!(!r.body.contains("Quagmire"), "{who} {path}");
            assert!(!r.body.contains(&evidence), "{who} {path}");
            assert!(!r.body.contains(&secret), "{who} {path}");
        }
        let pdf = c.get("/portfolio.pdf").await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(!pdf_text(&pdf.bytes).contains("Quagmire"), "{who} pdf");
        let r = c
            .json(
                "DELETE",
                &format!("/api/v1/portfolio/evidence/{evidence}"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
        let r = c
            .post_form(&format!("/portfolio/evidence/{evidence}/remove"), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
    }
    let r = pat.json("GET", "/api/v1/portfolio", None).await;
    assert!(r.body.contains(&evidence), "Pat's evidence is still there");

    // A set meeting Pat did not attend (one not yet held) and an action that is not theirs:
    // the same answer as no item at all.
    let mut conn = app.state.store.conn().await.unwrap();
    let pat_id = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = revans_storage::sets::list_for_person(&mut conn, &pat_id)
        .await
        .unwrap()
        .remove(0);
    let upcoming = revans_storage::meetings::list_for_set(&mut conn, &set.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| !m.held)
        .unwrap();
    drop(conn);
    let missing = tag(
        &mut pat,
        "diary_entry",
        nobody,
        None,
        HLM,
        &["leading-with-care"],
    )
    .await;
    let unattended = tag(
        &mut pat,
        "set_meeting",
        upcoming.id.as_str(),
        None,
        HLM,
        &["leading-with-care"],
    )
    .await;
    assert_eq!(unattended.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&unattended.body).unwrap()["error"]["fields"],
        serde_json::from_str::<serde_json::Value>(&missing.body).unwrap()["error"]["fields"]
    );
    // A session number is needed for a cohort session; an unknown dimension is named.
    let r = tag(
        &mut pat,
        "cohort_session",
        nobody,
        None,
        HLM,
        &["leading-with-care"],
    )
    .await;
    assert!(r.body.contains("session"), "{}", r.body);
    let r = tag(
        &mut pat,
        "diary_entry",
        &secret,
        None,
        HLM,
        &["no-such-dimension"],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("dimensions"), "{}", r.body);
}

#[tokio::test]
async fn a_tenants_own_framework_is_added_used_kept_while_in_use_and_hidden_from_others() {
    let app = TestApp::spawn().await;
    let mut lead = api_client(&app, ADMIN).await;
    let good = "id = \"hcpc-standards\"\nname = \"HCPC standards of proficiency\"\n\
                source = \"Health and Care Professions Council\"\n\n\
                [[dimensions]]\nkey = \"reflect\"\nname = \"Reflective practice\"\n\
                description = \"Learning from experience\"\n";

    // A broken file: each problem with its line; nothing saved.
    let bad = good.replace("key = \"reflect\"", "key = \"Reflect Now\"");
    let r = lead
        .post_form("/admin/frameworks", &[("source", bad.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 6, dimensions[1].key"), "{}", r.body);
    assert!(r.body.contains(&html_escape("Reflect Now")) || r.body.contains("Reflect Now"));
    let r = lead
        .json(
            "POST",
            "/api/v1/frameworks",
            Some(&serde_json::json!({ "source": "name = 1" }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 1, name"), "{}", r.body);

    // Added on the page; listed for the lead and the tenant's participants.
    let r = lead
        .post_form("/admin/frameworks", &[("source", good)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        app.audit_actions()
            .await
            .contains(&"framework.added".into())
    );
    let r = lead.json("GET", "/api/v1/frameworks", None).await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let hcpc = v["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "HCPC standards of proficiency")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let again = lead
        .post_form("/admin/frameworks", &[("source", good)])
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already a framework here"));

    let mut pat = api_client(&app, PARTICIPANT).await;
    let r = pat.json("GET", "/api/v1/frameworks", None).await;
    assert!(r.body.contains("HCPC standards of proficiency"));
    let entry = write_entry(&mut pat, "Reflecting on a hard shift").await;
    let r = tag(&mut pat, "diary_entry", &entry, None, &hcpc, &["reflect"]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let evidence: serde_json::Value = serde_json::from_str(&r.body).unwrap();

    // Another tenant neither sees nor removes it, nor tags against it.
    let mut other = api_client(&app, OTHER_ADMIN).await;
    let r = other.json("GET", "/api/v1/frameworks", None).await;
    assert!(!r.body.contains("HCPC"));
    let r = other.get("/admin/frameworks").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("HCPC"));
    let r = other
        .json("DELETE", &format!("/api/v1/frameworks/{hcpc}"), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let own = write_entry(&mut other, "Elsewhere entry").await;
    let r = tag(&mut other, "diary_entry", &own, None, &hcpc, &["reflect"]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("framework"));

    // Only leads add or remove; in use, it stays; unused, it goes.
    let r = pat
        .json(
            "POST",
            "/api/v1/frameworks",
            Some(&serde_json::json!({ "source": good }).to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = lead
        .json("DELETE", &format!("/api/v1/frameworks/{hcpc}"), None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = pat
        .json(
            "DELETE",
            &format!(
                "/api/v1/portfolio/evidence/{}",
                evidence["id"].as_str().unwrap()
            ),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = lead
        .post_form(&format!("/admin/frameworks/{hcpc}/remove"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = pat.json("GET", "/api/v1/frameworks", None).await;
    assert!(!r.body.contains("HCPC"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"framework.removed".into())
    );
}

#[tokio::test]
async fn the_demo_participant_has_a_portfolio() {
    let app = TestApp::spawn().await;
    let mut pat = api_client(&app, PARTICIPANT).await;
    let r = pat.get("/portfolio").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Leading with care"));
    assert!(r.body.contains("Holding to account"));
    assert!(r.body.contains("Run a ten-minute huddle"));
    let r = pat.json("GET", "/api/v1/portfolio", None).await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["evidence"].as_array().unwrap().len(), 3);
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&#34;")
}
