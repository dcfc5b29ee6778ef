//! Completion and CPD (C10, issue 16) over the API: the same use cases as the pages. A
//! cohort's lead reads its completion overview and a session's register, records attendance
//! and records or removes an exception; anyone signed in reads their own CPD record.

use axum::Json;
use axum::extract::{Path, State};

use crate::api::contracts::completion::{
    CompletionExceptionIn, CompletionParams, CompletionRegisterIn,
};
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::completion::exceptions::{self, CompletionExceptionView};
use revans_app::completion::lead::{path_id, path_ordinal};
use revans_app::completion::my_cpd::{MyCpd, my_cpd};
use revans_app::completion::overview::{CompletionOverview, overview};
use revans_app::completion::register::{self, CompletionRegister, CompletionRegisterSaved};

/// Whether removing an exception removed one (false: there was none).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CompletionExceptionRemoved {
    pub removed: bool,
}

/// A cohort's completion: counts by standing, each participant's attendance, standing and
/// CPD time, and its sessions (leads of the programme).
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/completion", tag = "completion",
    params(("id" = String, Path, description = "The cohort's id"), CompletionParams),
    responses((status = 200, body = CompletionOverview)), security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
    ApiQuery(params): ApiQuery<CompletionParams>,
) -> ApiResult<Json<CompletionOverview>> {
    Ok(Json(overview(&state, &viewer, &id, params.standing).await?))
}

/// The register of one of the cohort's sessions.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance", tag = "completion",
    params(("id" = String, Path, description = "The cohort's id"),
        ("ordinal" = i64, Path, description = "The session's number, from 1")),
    responses((status = 200, body = CompletionRegister)), security(("token" = [])))]
pub async fn register_show(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    Path((cohort, ordinal)): Path<(String, String)>,
) -> ApiResult<Json<CompletionRegister>> {
    let (cohort, ordinal) = (path_id(&cohort)?, path_ordinal(&ordinal)?);
    Ok(Json(
        register::register(&state, &viewer, &cohort, ordinal).await?,
    ))
}

/// Records who was present at a session that has started: each row names an accepted
/// participant once; a bad row refuses the whole register (422 naming the row).
#[utoipa::path(put, path = "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance", tag = "completion",
    request_body = CompletionRegisterIn,
    params(("id" = String, Path, description = "The cohort's id"),
        ("ordinal" = i64, Path, description = "The session's number, from 1")),
    responses((status = 200, body = CompletionRegisterSaved)), security(("token" = [])))]
pub async fn register_put(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path((cohort, ordinal)): Path<(String, String)>,
    ApiJson(body): ApiJson<CompletionRegisterIn>,
) -> ApiResult<Json<CompletionRegisterSaved>> {
    let (cohort, ordinal) = (path_id(&cohort)?, path_ordinal(&ordinal)?);
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(
        register::record(&state, &actor, &cohort, ordinal, &body.marks()).await?,
    ))
}

/// Records (or replaces) an exception for an accepted participant.
#[utoipa::path(put, path = "/api/v1/cohorts/{id}/completion/{participant}/exception", tag = "completion",
    request_body = CompletionExceptionIn,
    params(("id" = String, Path, description = "The cohort's id"),
        ("participant" = String, Path, description = "The participant's person id")),
    responses((status = 200, body = CompletionExceptionView)), security(("token" = [])))]
pub async fn exception_put(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path((cohort, person)): Path<(String, String)>,
    ApiJson(body): ApiJson<CompletionExceptionIn>,
) -> ApiResult<Json<CompletionExceptionView>> {
    let (cohort, person) = (path_id(&cohort)?, path_id(&person)?);
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(
        exceptions::record_exception(&state, &actor, &cohort, &person, &body.reason).await?,
    ))
}

/// Removes a participant's exception.
#[utoipa::path(delete, path = "/api/v1/cohorts/{id}/completion/{participant}/exception", tag = "completion",
    params(("id" = String, Path, description = "The cohort's id"),
        ("participant" = String, Path, description = "The participant's person id")),
    responses((status = 200, body = CompletionExceptionRemoved)), security(("token" = [])))]
pub async fn exception_delete(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path((cohort, person)): Path<(String, String)>,
) -> ApiResult<Json<CompletionExceptionRemoved>> {
    let (cohort, person) = (path_id(&cohort)?, path_id(&person)?);
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(CompletionExceptionRemoved {
        removed: exceptions::remove_exception(&state, &actor, &cohort, &person).await?,
    }))
}

/// The caller's own CPD record: their cohorts' standing and CPD time by source, standalone
/// circles and the total.
#[utoipa::path(get, path = "/api/v1/cpd", tag = "completion",
    responses((status = 200, body = MyCpd)), security(("token" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<MyCpd>> {
    Ok(Json(my_cpd(&state, &viewer).await?))
}
