//! Forming sets as a background job (issue 13): progress written while the engine runs, cancel
//! leaving the previous formation intact, a dead worker's job retried afresh, one run per
//! cohort at a time, and only the cohort's leads can see or cancel a run.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use revans_domain::Id;
use revans_storage::{formation_runs, jobs, sets};

use crate::helpers::*;
use crate::sets::cohorts;

const RULES: &[(&str, &str)] = &[
    ("size_min", "5"),
    ("size_max", "7"),
    ("max_per_organisation", "3"),
    ("review_every", "7"),
];

/// Starts a run on the autumn cohort from the forming page; the run's id.
async fn start(admin: &mut Client, autumn: &Id) -> String {
    let r = admin
        .post_form(&format!("/admin/cohorts/{autumn}/sets"), RULES)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.location.expect("redirect");
    location
        .strip_prefix("/admin/formation-runs/")
        .and_then(|x| x.split('?').next())
        .unwrap_or_else(|| panic!("redirected to {location}"))
        .to_owned()
}

async fn run_row(app: &TestApp, id: &str) -> formation_runs::Run {
    let mut conn = app.state.store.conn().await.unwrap();
    formation_runs::get(&mut conn, id)
        .await
        .unwrap()
        .expect("run")
}

/// (set name, sorted member person ids) of the cohort's sets.
async fn formation_of(app: &TestApp, cohort: &Id) -> Vec<(String, Vec<String>)> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut out = Vec::new();
    for s in sets::list_for_cohort(&mut conn, cohort).await.unwrap() {
        let mut members: Vec<String> = sets::members(&mut conn, &s.id)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.person_id.to_string())
            .collect();
        members.sort();
        out.push((s.id.to_string(), members));
    }
    out
}

/// Polls the run's row until `until` holds (the worker runs meanwhile), at most 30 s.
async fn wait_for(app: &TestApp, id: &str, until: impl Fn(&formation_runs::Run) -> bool) {
    let begun = Instant::now();
    loop {
        let run = run_row(app, id).await;
        if until(&run) {
            return;
        }
        assert!(
            begun.elapsed() < Duration::from_secs(30),
            "stuck at {run:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_is_written_while_the_engine_runs_and_the_page_follows_it() {
    let app = TestApp::spawn_with(|s| s.formation_seconds = 1.5).await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let run = start(&mut admin, &autumn).await;
    let queued = run_row(&app, &run).await;
    assert_eq!(queued.status, "queued");
    assert_eq!(queued.budget_ms, 1500);
    let page = admin.get(&format!("/admin/formation-runs/{run}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Waiting to start"), "{}", page.body);
    assert!(page.body.contains("Cancel forming"));
    let sets_page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(
        sets_page
            .body
            .contains(&format!("/admin/formation-runs/{run}")),
        "the forming page links to the running run"
    );

    let state = app.state.clone();
    let worker =
        tokio::spawn(async move { revans_web::mail::run_pending_jobs(&state, "w1").await });
    // Sample the row as the page's script would: it moves while the search runs.
    let mut seen: Vec<(i64, Option<f64>)> = Vec::new();
    let begun = Instant::now();
    loop {
        let r = run_row(&app, &run).await;
        if r.status == "running" && !seen.iter().any(|(e, _)| *e == r.elapsed_ms) {
            seen.push((r.elapsed_ms, r.best));
        }
        if r.status == "done" {
            break;
        }
        assert!(begun.elapsed() < Duration::from_secs(30), "stuck at {r:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(worker.await.unwrap(), 1);
    let written: Vec<&(i64, Option<f64>)> = seen.iter().filter(|(e, _)| *e > 0).collect();
    assert!(
        written.len() >= 3,
        "progress written at least three times in 1.5 s: {seen:?}"
    );
    assert!(written.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(
        written.iter().any(|(_, best)| best.is_some()),
        "a best score reported while running: {seen:?}"
    );
    let done = run_row(&app, &run).await;
    assert!(done.finished_at.is_some());
    assert!(done.elapsed_ms >= 1000, "{done:?}");
    let formed = formation_of(&app, &autumn).await;
    assert_eq!(Some(formed.len() as i64), done.sets_formed);
    assert_eq!(formed.iter().map(|(_, m)| m.len()).sum::<usize>(), 24);
    let page = admin.get(&format!("/admin/formation-runs/{run}")).await;
    assert!(page.body.contains("See the formed sets"), "{}", page.body);
    let json = admin
        .get(&format!("/admin/formation-runs/{run}/progress"))
        .await;
    assert_eq!(json.status, StatusCode::OK);
    let w: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(w["status"], "done");
    assert_eq!(w["active"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_run_leaves_the_previous_formation_as_it_was() {
    let app = TestApp::spawn_with(|s| s.formation_seconds = 20.0).await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    // A first formation, by the API with a short budget would take 20 s here: form it
    // directly through the use case instead.
    {
        let viewer = lead_viewer(&app, ADMIN).await;
        let actor = revans_app::Actor {
            viewer: &viewer,
            ip: "127.0.0.1",
        };
        let f = revans_app::sets::formation::FormationInput {
            size_min: "5".into(),
            size_max: "7".into(),
            max_per_organisation: "3".into(),
            review_every: "7".into(),
            ..Default::default()
        };
        revans_app::sets::formation::form(&app.state, &actor, &autumn, &f, 0.3)
            .await
            .expect("first formation");
    }
    let before = formation_of(&app, &autumn).await;
    assert!(!before.is_empty());

    let run = start(&mut admin, &autumn).await;
    let state = app.state.clone();
    let worker =
        tokio::spawn(async move { revans_web::mail::run_pending_jobs(&state, "w1").await });
    wait_for(&app, &run, |r| r.status == "running" && r.elapsed_ms > 0).await;
    let begun = Instant::now();
    let r = admin
        .post_form(&format!("/admin/formation-runs/{run}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(worker.await.unwrap(), 1);
    assert!(
        begun.elapsed() < Duration::from_secs(10),
        "a 20 s search stopped within {:?}",
        begun.elapsed()
    );
    let cancelled = run_row(&app, &run).await;
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.sets_formed, None);
    assert_eq!(formation_of(&app, &autumn).await, before);
    let page = admin.get(&format!("/admin/formation-runs/{run}")).await;
    assert!(page.body.contains("Cancelled"));
    // Cancelling again: it has finished.
    let again = admin
        .post_form(&format!("/admin/formation-runs/{run}/cancel"), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        app.audit_actions()
            .await
            .contains(&"sets.forming_cancelled".to_owned())
    );
}

#[tokio::test]
async fn a_queued_run_cancelled_over_the_api_never_runs() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let token = app.api_token(ADMIN).await;
    let mut c = app.client();
    let body = r#"{"size_min": 5, "size_max": 7, "review_every": 7}"#;
    let r = c
        .json_with_token(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/formation-runs"),
            Some(body),
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let run: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(run["status"], "queued");
    assert_eq!(run["budget_seconds"], 0.3);
    assert!(run["started_at"].as_str().unwrap().ends_with('Z'));
    let id = run["id"].as_str().unwrap().to_owned();
    // A second start while it waits is refused, naming who and when.
    let second = c
        .json_with_token(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/formation-runs"),
            Some(body),
            &token,
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(
        second.body.contains("already being formed by"),
        "{}",
        second.body
    );
    let r = c
        .json_with_token(
            "POST",
            &format!("/api/v1/formation-runs/{id}/cancel"),
            None,
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let got = c
        .json_with_token("GET", &format!("/api/v1/formation-runs/{id}"), None, &token)
        .await;
    let got: serde_json::Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(got["status"], "cancelled");
    assert!(got["finished_at"].is_string());
    // The job finds it cancelled and writes nothing.
    assert_eq!(revans_web::mail::run_pending_jobs(&app.state, "w").await, 1);
    assert!(formation_of(&app, &autumn).await.is_empty());
    assert_eq!(run_row(&app, &id).await.status, "cancelled");
}

#[tokio::test]
async fn two_leads_cannot_form_one_cohort_at_once() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let run = start(&mut admin, &autumn).await;
    let mut again = app.signed_in(ADMIN).await;
    let r = again
        .post_form(&format!("/admin/cohorts/{autumn}/sets"), RULES)
        .await;
    // Refused: they are shown the running run, with who started it and when.
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/admin/formation-runs/{run}?notice=busy").as_str())
    );
    let shown = again.get(r.location.as_deref().unwrap()).await;
    let by = run_row(&app, &run).await.started_by_name;
    assert!(
        shown
            .body
            .contains(&format!("already being formed by {by} since")),
        "{}",
        shown.body
    );
    // Bad rules are refused at once, before any run exists.
    let mut conn = app.state.store.conn().await.unwrap();
    let bad = again
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets"),
            &[("size_min", "9"), ("size_max", "4"), ("review_every", "7")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The database refuses a second unfinished run too (the partial unique index), whatever
    // the application checked first.
    let lead = app.person_id(ADMIN).await;
    let dup = formation_runs::insert(
        &mut conn,
        formation_runs::NewRun {
            cohort_id: autumn.as_str(),
            started_by: &lead,
            started_ip: "127.0.0.1",
            input: "{}",
            budget_ms: 100,
        },
    )
    .await;
    assert!(
        matches!(
            dup,
            Err(revans_storage::StoreError::Duplicate {
                field: "formation_run"
            })
        ),
        "{dup:?}"
    );
    // Once it finishes, a new run may start.
    drop(conn);
    assert_eq!(revans_web::mail::run_pending_jobs(&app.state, "w").await, 1);
    assert_eq!(run_row(&app, &run).await.status, "done");
    let next = start(&mut again, &autumn).await;
    assert_ne!(next, run);
}

#[tokio::test]
async fn a_dead_workers_run_is_retried_afresh_and_written_once() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let run = start(&mut admin, &autumn).await;
    // A worker claims the job with a short lease, starts the run, reports, and dies.
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let job = jobs::claim(&mut conn, "dead-worker", 1_000)
            .await
            .unwrap()
            .expect("the form_sets job");
        assert_eq!(job.kind, "form_sets");
        assert!(
            formation_runs::begin_running(&mut conn, &run)
                .await
                .unwrap()
        );
        assert!(
            formation_runs::record_progress(&mut conn, &run, Some(1.0), 7, 150)
                .await
                .unwrap()
        );
    }
    // While its lease holds, no one else takes the job.
    assert_eq!(
        revans_web::mail::run_pending_jobs(&app.state, "w2").await,
        0
    );
    assert_eq!(run_row(&app, &run).await.status, "running");
    assert!(
        formation_of(&app, &autumn).await.is_empty(),
        "nothing half-written"
    );
    // The lease ends (waiting for the clock is the point here); another worker retries.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(
        revans_web::mail::run_pending_jobs(&app.state, "w2").await,
        1
    );
    let done = run_row(&app, &run).await;
    assert_eq!(done.status, "done", "{done:?}");
    let formed = formation_of(&app, &autumn).await;
    assert_eq!(Some(formed.len() as i64), done.sets_formed);
    assert_eq!(formed.iter().map(|(_, m)| m.len()).sum::<usize>(), 24);
    let formed_entries = app
        .audit_actions()
        .await
        .iter()
        .filter(|a| *a == "sets.formed")
        .count();
    assert_eq!(formed_entries, 1, "the formation is written once");
}

#[tokio::test]
async fn only_the_cohorts_leads_see_or_cancel_a_run() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let run = start(&mut admin, &autumn).await;
    // The other tenant's lead grants themself more roles in their own organisation.
    {
        use revans_domain::Role;
        let other = Id::parse(&app.person_id(OTHER_ADMIN).await).unwrap();
        let mut conn = app.state.store.conn().await.unwrap();
        let org = revans_storage::people::get(&mut conn, &other)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        revans_storage::people::set_roles(
            &mut conn,
            &other,
            &org,
            &[Role::Admin, Role::Facilitator, Role::Participant],
        )
        .await
        .unwrap();
    }
    for (email, page) in [
        (OTHER_ADMIN, StatusCode::NOT_FOUND),
        (FACILITATOR, StatusCode::FORBIDDEN),
        (PARTICIPANT, StatusCode::FORBIDDEN),
    ] {
        let mut c = app.signed_in(email).await;
        for path in [
            format!("/admin/formation-runs/{run}"),
            format!("/admin/formation-runs/{run}/progress"),
        ] {
            assert_eq!(c.get(&path).await.status, page, "{email} GET {path}");
        }
        let r = c
            .post_form(&format!("/admin/formation-runs/{run}/cancel"), &[])
            .await;
        assert_eq!(r.status, page, "{email} cancel");
        let token = app.api_token(email).await;
        let api = if page == StatusCode::NOT_FOUND {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        let r = c
            .json_with_token(
                "GET",
                &format!("/api/v1/formation-runs/{run}"),
                None,
                &token,
            )
            .await;
        assert_eq!(r.status, api, "{email} API GET");
        let r = c
            .json_with_token(
                "POST",
                &format!("/api/v1/formation-runs/{run}/cancel"),
                None,
                &token,
            )
            .await;
        assert_eq!(r.status, api, "{email} API cancel");
    }
    assert_eq!(
        run_row(&app, &run).await.status,
        "queued",
        "nobody cancelled it"
    );
    assert_eq!(
        admin
            .get(&format!("/admin/formation-runs/{run}"))
            .await
            .status,
        StatusCode::OK
    );
}

async fn lead_viewer(app: &TestApp, email: &str) -> revans_app::Viewer {
    let id = Id::parse(&app.person_id(email).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    revans_app::Viewer {
        person: revans_storage::people::get(&mut conn, &id)
            .await
            .unwrap()
            .unwrap(),
        roles: revans_storage::people::roles(&mut conn, &id).await.unwrap(),
    }
}

#[tokio::test]
async fn a_run_whose_job_was_given_up_is_failed_by_the_sweep_and_the_cohort_freed() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let run = start(&mut admin, &autumn).await;
    // Three workers each claim the job, start the run and die (their leases already over).
    for attempt in 1..=3 {
        let mut conn = app.state.store.conn().await.unwrap();
        let job = jobs::claim(&mut conn, &format!("dead-{attempt}"), -1)
            .await
            .unwrap()
            .expect("the form_sets job, while it has attempts left");
        assert_eq!(job.attempts, attempt);
        assert!(
            formation_runs::begin_running(&mut conn, &run)
                .await
                .unwrap()
        );
    }
    // The job is given up: no worker takes it, and the cohort would stay "being formed".
    assert_eq!(revans_web::mail::run_pending_jobs(&app.state, "w").await, 0);
    assert_eq!(run_row(&app, &run).await.status, "running");
    // Starting again only leads to the stuck run.
    let refused = admin
        .post_form(&format!("/admin/cohorts/{autumn}/sets"), RULES)
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    assert!(
        refused
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with(&format!("/admin/formation-runs/{run}"))),
        "{:?}",
        refused.location
    );

    let swept = revans_app::sweeps::run_once(&app.state, revans_app::now_ms())
        .await
        .unwrap();
    assert_eq!(swept.formation_runs_failed, 1);
    let failed = run_row(&app, &run).await;
    assert_eq!(failed.status, "failed");
    assert_eq!(
        failed.error.as_deref(),
        Some(revans_app::sets::formation_runs::GIVEN_UP)
    );
    assert!(failed.finished_at.is_some());
    assert!(
        formation_of(&app, &autumn).await.is_empty(),
        "nothing written"
    );
    let page = admin.get(&format!("/admin/formation-runs/{run}")).await;
    assert!(page.body.contains("given up"), "{}", page.body);
    // A second sweep finds nothing more; the lead can start again.
    let again = revans_app::sweeps::run_once(&app.state, revans_app::now_ms())
        .await
        .unwrap();
    assert_eq!(again.formation_runs_failed, 0);
    let next = start(&mut admin, &autumn).await;
    assert_ne!(next, run);
}

#[tokio::test]
async fn forming_at_once_through_the_api_is_refused_while_a_run_forms_the_cohort() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let run = start(&mut admin, &autumn).await;
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let body = serde_json::json!({"size_min": 5, "size_max": 7, "max_per_organisation": 3,
        "review_every": 7});
    let r = api
        .json(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/sets"),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        formation_of(&app, &autumn).await.is_empty(),
        "nothing written"
    );
    // Once the run is done, forming at once works again.
    assert_eq!(revans_web::mail::run_pending_jobs(&app.state, "w").await, 1);
    assert_eq!(run_row(&app, &run).await.status, "done");
    let r = api
        .json(
            "POST",
            &format!("/api/v1/cohorts/{autumn}/sets"),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

#[tokio::test]
async fn forming_runs_in_its_own_lane_so_quick_jobs_never_wait_behind_it() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    start(&mut admin, &autumn).await;
    let mut conn = app.state.store.conn().await.unwrap();
    // An email queued after the run.
    let email = jobs::enqueue(
        &mut conn,
        jobs::NewJob {
            kind: revans_app::mail::SEND_EMAIL,
            payload: "{}",
            run_at: revans_app::now_ms(),
            max_attempts: 3,
        },
    )
    .await
    .unwrap();
    // The quick lane takes the email although the forming job is older.
    let quick = jobs::claim_in(&mut conn, "quick", 60_000, revans_app::jobs::QUICK)
        .await
        .unwrap()
        .expect("the email");
    assert_eq!(quick.id, email);
    assert!(
        jobs::claim_in(&mut conn, "quick", 60_000, revans_app::jobs::QUICK)
            .await
            .unwrap()
            .is_none(),
        "the quick lane never takes a forming job"
    );
    let long = jobs::claim_in(&mut conn, "long", 60_000, revans_app::jobs::LONG)
        .await
        .unwrap()
        .expect("the forming job");
    assert_eq!(long.kind, "form_sets");
}
