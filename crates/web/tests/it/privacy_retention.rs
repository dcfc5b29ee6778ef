//! Retention (issue 17): with `retention_months` set, the sweep deletes what was written for a
//! cohort that ended longer ago than that (the demo's Winter 2025, about six months ago) and
//! keeps what belongs to one still running (Pat's spring set); its audit entry holds counts
//! only; a second sweep finds nothing more.

use revans_domain::Id;
use revans_storage::testing_privacy::{count_containing, count_where};
use revans_storage::{diaries, sets};

use crate::helpers::*;

#[tokio::test]
async fn the_sweep_deletes_what_an_ended_cohort_wrote_and_keeps_the_rest() {
    let app = TestApp::spawn_with(|s| s.retention_months = Some(3)).await;
    let (winter, _, _) = crate::certificates::matrix_certificate(&app).await;
    let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let winter = Id::parse(&winter).unwrap();
    let (old, current) = {
        let mut tx = app.state.store.begin().await.unwrap();
        let spring_set = sets::list_for_person(&mut tx, &pat)
            .await
            .unwrap()
            .remove(0);
        let winter_set = sets::insert(
            &mut tx,
            &sets::NewSet {
                cohort_id: &winter,
                name: "Winter set",
                position: 99,
                review_every: 1,
                timezone: "Europe/London",
            },
        )
        .await
        .unwrap();
        let entry = |set| diaries::NewEntry {
            author_id: &pat,
            kind: "diary",
            set_id: Some(set),
            meeting_id: None,
            problem_id: None,
            sharing: "private",
            body: "What I learned this month",
        };
        let old = diaries::insert(&mut tx, &entry(&winter_set)).await.unwrap();
        let current = diaries::insert(&mut tx, &entry(&spring_set.id))
            .await
            .unwrap();
        revans_storage::commit(tx).await.unwrap();
        (old, current)
    };
    let summary = revans_app::sweeps::run_once(&app.state, revans_app::now_ms())
        .await
        .unwrap();
    assert!(summary.retention.diary_entries >= 1, "{summary:?}");
    let mut conn = app.state.store.conn().await.unwrap();
    assert_eq!(
        count_where(&mut conn, "diary_entries", "id", old.as_str())
            .await
            .unwrap(),
        0,
        "the ended cohort's entry was kept"
    );
    assert_eq!(
        count_where(&mut conn, "diary_entries", "id", current.as_str())
            .await
            .unwrap(),
        1,
        "the running cohort's entry was deleted"
    );
    // Audited once, as counts: no entry's id, no person's name.
    assert_eq!(
        count_where(&mut conn, "audit_log", "action", "retention.swept")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        count_containing(&mut conn, "audit_log", "detail", old.as_str())
            .await
            .unwrap(),
        0
    );
    drop(conn);
    let again = revans_app::sweeps::run_once(&app.state, revans_app::now_ms())
        .await
        .unwrap();
    assert!(again.retention.is_empty(), "{:?}", again.retention);
}

#[tokio::test]
async fn without_a_retention_period_nothing_is_swept() {
    let app = TestApp::spawn().await;
    let summary =
        revans_app::sweeps::run_once(&app.state, revans_app::now_ms() + 3_650 * 86_400_000)
            .await
            .unwrap();
    assert!(summary.retention.is_empty(), "{:?}", summary.retention);
}
