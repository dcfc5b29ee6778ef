//! A set's meetings over the API (C4): scheduling a series, the set's settings, and moving,
//! cancelling or giving the floor at one meeting. Facilitators run meetings; the same actions
//! as the set and meeting pages, so the same people are refused the same way.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::actions::Actor;
use crate::actions::meetings::{change_meeting, change_settings, schedule_series};
use crate::actions::set_access::path_id;
use crate::api::ApiJson;
use crate::api::contracts::meetings::{
    MoveMeetingIn, PresenterIn, SeriesIn, SetSettingsIn, cancel,
};
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ScheduledOut {
    /// Clashes with the facilitators' other meetings: the meetings are saved anyway.
    pub warnings: Vec<String>,
}

/// Adds a series of meetings on a cadence. Refused outside the cohort's dates unless the set
/// runs itself.
#[utoipa::path(post, path = "/api/v1/sets/{id}/meetings", tag = "meetings", request_body = SeriesIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 201, body = ScheduledOut)),
    security(("token" = [])))]
pub async fn schedule(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SeriesIn>,
) -> ApiResult<(StatusCode, Json<ScheduledOut>)> {
    let id = path_id(&id)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let warnings = schedule_series(&state, &actor, &id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(ScheduledOut { warnings })))
}

/// Replaces how the set works: review meetings, time zone, where it meets, and whether it
/// runs itself.
#[utoipa::path(put, path = "/api/v1/sets/{id}/settings", tag = "meetings", request_body = SetSettingsIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn settings(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SetSettingsIn>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_settings(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a meeting that has not happened yet; calendars show the new time.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/move", tag = "meetings", request_body = MoveMeetingIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn move_meeting(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MoveMeetingIn>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_meeting(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels a meeting that has not happened yet; calendars show it as cancelled.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/cancel", tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn cancel_meeting(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_meeting(&state, &actor, &id, &cancel()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives the floor at one meeting to another unit of the set, or back to the rota.
#[utoipa::path(put, path = "/api/v1/meetings/{id}/presenter", tag = "meetings", request_body = PresenterIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn presenter(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PresenterIn>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_meeting(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}
