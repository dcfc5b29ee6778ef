//! Changing a programme's details over the API: the same action as the lead's edit page.

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::programmes::ProgrammeIn;
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::programme_admin;
use revans_app::places::programmes::update;

/// Replaces a programme's details (the same fields as creating one); its status and cohorts
/// are unchanged.
#[utoipa::path(put, path = "/api/v1/programmes/{id}", tag = "programmes", request_body = ProgrammeIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn put_programme(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ProgrammeIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    programme_admin(&state, &actor, &id).await?;
    let input = body.try_into()?;
    update(&state, &actor, &id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
