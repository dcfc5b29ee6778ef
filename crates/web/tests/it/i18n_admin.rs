//! The administration pages in German: a programme lead who chose German reads the programme,
//! people, applications and audit pages in German, with `<html lang="de">`, and none of the
//! English sentences those pages had.

use axum::http::StatusCode;

use crate::helpers::{ADMIN, TestApp};

#[tokio::test]
async fn a_lead_who_chose_german_reads_the_admin_pages_in_german() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    lead.get("/account").await;
    let r = lead
        .post_form("/account/language", &[("locale", "de")])
        .await;
    assert!(
        r.status.is_redirection() || r.status == StatusCode::OK,
        "{}",
        r.body
    );
    let (programme, _) = app.demo_programme().await;

    // (page, German that must be there, the English it replaced)
    let pages: [(String, &[&str], &[&str]); 4] = [
        (
            format!("/admin/programmes/{programme}"),
            &[
                "Nominierungsobergrenzen",
                "Plätze vergeben",
                "Kohorte hinzufügen",
                "Name der Kohorte",
            ],
            &[
                "Nomination caps",
                "Allocate places",
                "Add a cohort",
                "Cohort name",
                "waiting for a decision",
            ],
        ),
        (
            "/admin/people".to_owned(),
            &["Personen in Ihren Organisationen", "Jemanden einladen"],
            &["People in your organisations", "Invite someone"],
        ),
        (
            format!("/admin/programmes/{programme}/applications"),
            &[
                "Bewerbungen nach Status",
                "Diese Bewerbungen herunterladen (CSV)",
            ],
            &[
                "Applications by status",
                "Download these applications (CSV)",
                "Every organisation",
            ],
        ),
        (
            "/admin/audit".to_owned(),
            &["Audit-Protokoll", "Änderungen, neueste zuerst"],
            &[
                "Audit log",
                "Changes, newest first",
                "Entries cannot be edited or removed.",
            ],
        ),
    ];
    for (path, german, english) in pages {
        let r = lead.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        assert!(r.body.contains("<html lang=\"de\""), "{path}: {}", r.body);
        for g in german {
            assert!(r.body.contains(g), "{path} lacks {g:?}: {}", r.body);
        }
        for e in english {
            assert!(!r.body.contains(e), "{path} still says {e:?}: {}", r.body);
        }
    }
}

#[tokio::test]
async fn the_same_pages_stay_english_for_a_lead_who_did_not_choose() {
    let app = TestApp::spawn().await;
    let mut lead = app.signed_in(ADMIN).await;
    let (programme, _) = app.demo_programme().await;
    let r = lead.get(&format!("/admin/programmes/{programme}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Nomination caps"), "{}", r.body);
    assert!(!r.body.contains("Nominierungsobergrenzen"));
}
