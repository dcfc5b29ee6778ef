//! The theme vocabulary members tag their problems with (C5), over the API.

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::reports::VocabularyIn;
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::diaries::themes::save_vocabulary;

/// Replaces the themes of the lead's organisation.
#[utoipa::path(put, path = "/api/v1/reports/themes/vocabulary", tag = "reports", request_body = VocabularyIn,
    responses((status = 204)),
    security(("token" = [])))]
pub async fn put_vocabulary(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<VocabularyIn>,
) -> ApiResult<StatusCode> {
    let lines = body.lines()?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    save_vocabulary(&state, &actor, &lines).await?;
    Ok(StatusCode::NO_CONTENT)
}
