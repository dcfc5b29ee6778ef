//! People's supervision and invitations over the API: the same actions as the lead's person
//! page.

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::people::SupervisorIn;
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::people::{resend_invitation, set_supervisor};

/// Who supervises a facilitator: the one person who reads the logs shared with a supervisor
/// from now on. Both are named in the audit log and the facilitator is emailed.
#[utoipa::path(put, path = "/api/v1/people/{id}/supervisor", tag = "people", request_body = SupervisorIn,
    params(("id" = String, Path, description = "The facilitator's person id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn put_supervisor(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SupervisorIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    set_supervisor(&state, &actor, &id, &body.supervisor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a new invitation to someone who has not yet accepted theirs.
#[utoipa::path(post, path = "/api/v1/people/{id}/invitation", tag = "people",
    params(("id" = String, Path, description = "The person's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn reinvite(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    resend_invitation(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
