//! A programme's evaluation targets over the API (issue 14): the same actions as the pages, so
//! the same people are refused the same way (evaluators read; leads change).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::targets::{MeasurementIn, TargetIn, TargetOut, TargetsOut};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::programme_admin;
use revans_app::evaluation::targets::{
    add, change, programme_targets, record_measurement, remove, target_for_editing,
};

/// A programme's targets, soonest date first, each with whether it was met. For its leads and
/// the tenant's evaluators.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/targets", tag = "evaluation",
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = TargetsOut)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<TargetsOut>> {
    Ok(Json(programme_targets(&state, &viewer, &id).await?.into()))
}

/// Adds a target to a programme the caller leads.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/targets", tag = "evaluation",
    request_body = TargetIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 201, body = TargetOut)),
    security(("token" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<TargetIn>,
) -> ApiResult<(StatusCode, Json<TargetOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    programme_admin(&state, &actor, &id).await?;
    let target = add(&state, &actor, &id, &body.into()).await?;
    let made = target_for_editing(&state, &actor, &target).await?;
    Ok((StatusCode::CREATED, Json(TargetOut::from(&made.target))))
}

/// Replaces a target's measure, numbers and date; a recorded measurement stays.
#[utoipa::path(put, path = "/api/v1/targets/{id}", tag = "evaluation", request_body = TargetIn,
    params(("id" = String, Path, description = "The target's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<TargetIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records (or corrects) the value measured for a target.
#[utoipa::path(post, path = "/api/v1/targets/{id}/measurement", tag = "evaluation",
    request_body = MeasurementIn,
    params(("id" = String, Path, description = "The target's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn measure(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<MeasurementIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    record_measurement(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a target and any measured value.
#[utoipa::path(delete, path = "/api/v1/targets/{id}", tag = "evaluation",
    params(("id" = String, Path, description = "The target's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    remove(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
