//! Issue 17 for the sets area: a person who chose German reads their sets, a set's page and
//! their diary in German, with none of the English sentences left.

use axum::http::StatusCode;

use crate::diaries::world;
use crate::helpers::*;

#[tokio::test]
async fn a_participant_who_chose_german_reads_sets_a_set_and_the_diary_in_german() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get("/account").await;
    let r = pat
        .post_form("/account/language", &[("locale", "de")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let pages: [(String, &[&str], &[&str]); 3] = [
        (
            "/sets".to_owned(),
            &["Ihre Action-Learning-Sets"],
            &["Your action learning sets"],
        ),
        (
            format!("/sets/{set}"),
            &[
                "Action-Learning-Set · nur seine Mitglieder und Moderator:innen sehen diese Seite",
                "Ein Anliegen einbringen",
                "Mit dem Set teilen",
            ],
            &[
                "only its members and facilitators can see this page",
                "Bring a problem",
                "Share with the set",
                "Problems brought to the set",
            ],
        ),
        (
            "/diary".to_owned(),
            &[
                "Ihr Lerntagebuch",
                "Eintrag schreiben",
                "Wer darf diesen Eintrag lesen?",
                "Nur ich",
            ],
            &[
                "Your learning diary",
                "Write an entry",
                "Who can read this entry?",
                "Only me",
            ],
        ),
    ];
    for (path, german, english) in pages {
        let r = pat.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        assert!(
            r.body.contains("<html lang=\"de\""),
            "{path} is not marked German"
        );
        for g in german {
            assert!(r.body.contains(g), "{path} lacks {g:?}");
        }
        for e in english {
            assert!(!r.body.contains(e), "{path} still says {e:?}");
        }
    }
}

#[tokio::test]
async fn english_stays_as_it_was_without_a_choice() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = pat.get(&format!("/sets/{set}")).await;
    assert!(
        r.body.contains("<html lang=\"en-GB\""),
        "{}",
        &r.body[..200]
    );
    assert!(r.body.contains("Bring a problem"));
    assert!(r.body.contains("Facilitated by "));
    assert!(!r.body.contains("Ein Anliegen einbringen"));
}
