//! Forming a cohort's sets as a background job over the API (issue 13): start a run (202),
//! follow it, cancel it. The same as the lead's forming and run pages.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::sets::FormationIn;
use crate::api::programmes::rfc3339;
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::cohort_admin;
use revans_app::sets::formation_runs::{self, FormationRun, RunStatus};

/// Where a run is.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunStatusOut {
    Queued,
    Running,
    /// Asked to stop; the worker stops within a second and writes nothing.
    Cancelling,
    Cancelled,
    Done,
    Failed,
}

impl From<RunStatus> for RunStatusOut {
    fn from(s: RunStatus) -> Self {
        match s {
            RunStatus::Queued => RunStatusOut::Queued,
            RunStatus::Running => RunStatusOut::Running,
            RunStatus::Cancelling => RunStatusOut::Cancelling,
            RunStatus::Cancelled => RunStatusOut::Cancelled,
            RunStatus::Done => RunStatusOut::Done,
            RunStatus::Failed => RunStatusOut::Failed,
        }
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FormationRunOut {
    pub id: String,
    pub cohort_id: String,
    pub status: RunStatusOut,
    /// Who started it.
    pub started_by: String,
    /// The engine's best score so far (higher is better); null before its first report.
    pub best: Option<f64>,
    /// Rounds of search so far.
    pub rounds: i64,
    pub elapsed_seconds: f64,
    pub budget_seconds: f64,
    /// Budget less elapsed; 0 once finished.
    pub seconds_left: f64,
    /// Draft sets written, once done.
    pub sets_formed: Option<i64>,
    /// Why it failed, in words.
    pub error: Option<String>,
    pub started_at: String,
    pub updated_at: String,
    pub finished_at: Option<String>,
}

impl From<FormationRun> for FormationRunOut {
    fn from(r: FormationRun) -> Self {
        FormationRunOut {
            id: r.id.to_string(),
            cohort_id: r.cohort_id.to_string(),
            status: r.status.into(),
            started_by: r.started_by_name.clone(),
            best: r.best,
            rounds: r.rounds,
            elapsed_seconds: r.elapsed_ms as f64 / 1000.0,
            budget_seconds: r.budget_ms as f64 / 1000.0,
            seconds_left: r.left_ms() as f64 / 1000.0,
            sets_formed: r.sets_formed,
            error: r.error,
            started_at: rfc3339(r.started_at),
            updated_at: rfc3339(r.updated_at),
            finished_at: r.finished_at.map(rfc3339),
        }
    }
}

/// Starts forming the cohort's draft sets in the background (replacing earlier drafts when it
/// finishes). The rules are checked at once (422); 409 when the cohort is already being formed
/// (the message names who started it and when) or its sets are published.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/formation-runs", tag = "sets", request_body = FormationIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 202, body = FormationRunOut)),
    security(("token" = [])))]
pub async fn start_run(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<FormationIn>,
) -> ApiResult<(StatusCode, Json<FormationRunOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let input = body.try_into()?;
    let run = formation_runs::start(
        &state,
        &actor,
        &id,
        &input,
        state.settings.formation_seconds,
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(run.into())))
}

/// A forming run: its status, the best score so far and the time left.
#[utoipa::path(get, path = "/api/v1/formation-runs/{id}", tag = "sets",
    params(("id" = String, Path, description = "The run's id")),
    responses((status = 200, body = FormationRunOut)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<FormationRunOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(formation_runs::get(&state, &actor, &id).await?.into()))
}

/// Cancels a run: the earlier draft sets stay as they were. 409 when it already finished.
#[utoipa::path(post, path = "/api/v1/formation-runs/{id}/cancel", tag = "sets",
    params(("id" = String, Path, description = "The run's id")),
    responses((status = 200, body = FormationRunOut)),
    security(("token" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<FormationRunOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(
        formation_runs::cancel(&state, &actor, &id).await?.into(),
    ))
}
