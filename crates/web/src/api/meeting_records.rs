//! What happens at a meeting, over the API (C4, C5): attendance (facilitators), the
//! presenter's actions, and the review of earlier actions. Content is never audited.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::meetings::{ActionIn, AttendanceIn, ReviewIn, attendance_field};
use crate::api::programmes::Created;
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::meeting_in_set;
use revans_app::sets::meetings::{add_action, record_attendance, review_action};

/// Records attendance: one record for every current member.
#[utoipa::path(put, path = "/api/v1/meetings/{id}/attendance", tag = "meetings", request_body = AttendanceIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn attendance(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AttendanceIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    record_attendance(&state, &actor, &id, &body.into_fields())
        .await
        .map_err(attendance_field)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The presenter (or their facilitator, naming them as `owner`) records an action; it comes
/// back for review at the next meeting.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/actions", tag = "meetings", request_body = ActionIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 201, body = Created)),
    security(("token" = [])))]
pub async fn create_action(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ActionIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    meeting_in_set(&state, &actor, &id).await?;
    let (input, owner) = body.split()?;
    let created = add_action(&state, &actor, &id, owner.as_ref(), &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: created.to_string(),
        }),
    ))
}

/// Says what became of an earlier action: its owner or the facilitator.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/reviews", tag = "meetings", request_body = ReviewIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn review(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ReviewIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    review_action(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}
