//! A background forming run, as its lead follows it (issue 13): status, the best score so far,
//! time left, a Cancel button, and when done a link to the formed sets. The page refreshes
//! itself by polling its JSON twin every second; without JavaScript the Refresh link does it.

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::sets::formation_runs::{self, FormationRun};

use crate::auth::{Admin, ClientIp};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

/// A run in the words the page and its script show.
#[derive(serde::Serialize)]
pub struct RunWords {
    pub status: &'static str,
    pub label: String,
    pub active: bool,
    pub best: String,
    pub left: String,
    pub started: String,
}

pub fn words(run: &FormationRun, zone: &str) -> RunWords {
    let best = match (run.best, run.status.is_active()) {
        (Some(b), true) => crate::i18n::t_args(
            "forming-run-best",
            &[
                ("score", crate::i18n::Arg::from(revans_i18n::decimal(b, 1))),
                ("rounds", crate::i18n::Arg::from(run.rounds.to_string())),
            ],
        ),
        (Some(b), false) => {
            crate::i18n::t1("forming-run-kept", "score", revans_i18n::decimal(b, 1))
        }
        (None, true) => crate::i18n::t("forming-run-starting"),
        (None, false) => crate::i18n::t("forming-run-none-kept"),
    };
    let left_s = (run.left_ms() + 999) / 1000;
    let left = if run.status.is_active() {
        crate::i18n::tn("forming-run-left", "count", left_s)
    } else {
        String::new()
    };
    RunWords {
        status: run.status.as_str(),
        label: crate::i18n::t(run.status.message_id()),
        active: run.status.is_active(),
        best,
        left,
        started: crate::i18n::t_args(
            "forming-run-started",
            &[
                ("name", crate::i18n::Arg::from(run.started_by_name.as_str())),
                (
                    "when",
                    crate::i18n::Arg::from(revans_i18n::when_in(run.started_at, zone)),
                ),
            ],
        ),
    }
}

#[derive(Template)]
#[template(path = "admin_forming_run.html")]
struct Page {
    layout: Layout,
    run_id: String,
    cohort_id: String,
    w: RunWords,
    tag: &'static str,
    sets_formed: Option<i64>,
    error: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let run = formation_runs::get(&state, &actor, &id).await?;
    let busy = crate::i18n::t_args(
        "forming-run-busy",
        &[
            ("name", crate::i18n::Arg::from(run.started_by_name.as_str())),
            (
                "when",
                crate::i18n::Arg::from(revans_i18n::when_in(run.started_at, viewer.timezone())),
            ),
        ],
    );
    let notice = match q.notice.as_deref() {
        Some("started") => Some(crate::i18n::t("forming-run-notice-started")),
        Some("cancelled") => Some(crate::i18n::t("forming-run-notice-cancelled")),
        Some("busy") => Some(busy),
        _ => None,
    };
    let tag = match run.status.as_str() {
        "done" => "tag--green",
        "failed" => "tag--red",
        "cancelled" | "cancelling" => "tag--grey",
        _ => "tag--blue",
    };
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("forming-run-title"),
        "/admin/programmes",
    )
    .with_notice(notice.as_deref());
    render(&Page {
        layout,
        run_id: run.id.to_string(),
        cohort_id: run.cohort_id.to_string(),
        w: words(&run, viewer.timezone()),
        tag,
        sets_formed: run.sets_formed,
        error: run.error.clone(),
    })
}

/// The page's JSON twin, polled by its script (session and the same access as the page).
pub async fn progress(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Json<RunWords>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let run = formation_runs::get(&state, &actor, &id).await?;
    Ok(Json(words(&run, viewer.timezone())))
}

#[derive(serde::Deserialize, Default)]
pub struct Empty {}

pub async fn cancel(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_f): CsrfForm<Empty>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    formation_runs::cancel(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/admin/formation-runs/{id}?notice=cancelled")).into_response())
}
