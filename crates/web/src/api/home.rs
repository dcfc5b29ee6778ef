//! The home's read model over the API: what needs doing, per role the caller holds.

use axum::Json;
use axum::extract::State;

use crate::auth::ApiCaller;
use crate::error::ApiResult;
use crate::state::AppState;

/// What needs the caller's attention, one section per role they hold (absent otherwise):
/// a lead's open work, a sponsor's approvals, a member's or facilitator's sets and next
/// meetings, an evaluator's reports. The same read model as the home page.
#[utoipa::path(get, path = "/api/v1/home", tag = "account",
    responses((status = 200, body = revans_app::home::Home), (status = 401, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<revans_app::home::Home>> {
    Ok(Json(revans_app::home::home(&state, &viewer).await?))
}
