//! Erasing a person over the API: the same action as the lead's confirmation page (and the
//! person's own, when the service allows it).

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::erasure::EraseIn;
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::privacy::erase::erase;

/// Erases a person: their own diary and log entries, answers, profile, certificates and
/// portfolio are deleted; where others' records keep a trace (set membership, attendance,
/// the audit log) they are shown as "Former member"; their sessions and tokens end. A lead of
/// their organisation may do it, or the person themself when the service allows it.
#[utoipa::path(post, path = "/api/v1/people/{id}/erase", tag = "people", request_body = EraseIn,
    params(("id" = String, Path, description = "The person's id")),
    responses((status = 204, description = "Erased")),
    security(("token" = [])))]
pub async fn erase_person(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<EraseIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    erase(&state, &actor, &id, body.confirm).await?;
    Ok(StatusCode::NO_CONTENT)
}
