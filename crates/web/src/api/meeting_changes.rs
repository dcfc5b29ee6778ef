//! Around a meeting, over the API (issue 11): a member's apologies (sent, withdrawn), the
//! facilitator's "everyone was present", undoing a cancellation, and undoing "X has left".
//! The same actions as the pages, so the same people are refused the same way.

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::meeting_changes::{ApologyIn, EveryonePresentIn};
use crate::api::contracts::set_forming::LeaveIn;
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::cohort_admin;
use revans_app::sets::meeting_attendance::{
    ApologyInput, everyone_present as record_everyone, restore_meeting, send_apologies as send,
    withdraw_apologies as withdraw,
};

/// Sends the caller's apologies for a meeting of their set that has not started (replacing
/// any note sent before). Only the member themself.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/apologies", tag = "meetings", request_body = ApologyIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn send_apologies(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ApologyIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    send(&state, &actor, &id, &ApologyInput { note: body.note }).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws the caller's apologies before the meeting starts.
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/apologies", tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn withdraw_apologies(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    withdraw(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records everyone as present except the members named (and those who sent apologies).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/attendance/everyone-present", tag = "meetings",
    request_body = EveryonePresentIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn everyone_present(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<EveryonePresentIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let exceptions = body.exceptions()?;
    record_everyone(&state, &actor, &id, exceptions.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Undoes a cancellation before the meeting's start; everyone in the set is emailed.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/restore", tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn restore(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    restore_meeting(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Undoes "has left": the membership is current again and the place taken back; the person
/// and the set's facilitators are emailed.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/leavers/undo", tag = "sets", request_body = LeaveIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204), (status = 409, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn undo_leave(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<LeaveIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let member = body.id()?;
    revans_app::sets::set_leavers::restore(&state, &actor, &id, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}
