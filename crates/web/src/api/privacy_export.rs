//! Subject access over the API (issue 17): the same ZIP as the account page's download.

use axum::extract::State;
use axum::response::Response;

use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::state::AppState;

/// Everything Revans holds about the token's owner, as a ZIP: `data.json` (one key per
/// table, rows as stored, secrets left out) and `index.html` (the same, readable). Only the
/// caller's own rows: entries others shared with them are not theirs. Audited.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "account",
    responses((status = 200, content_type = "application/zip", body = Vec<u8>)),
    security(("token" = [])))]
pub async fn export(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
) -> ApiResult<Response> {
    Ok(crate::pages::privacy_export::download(&state, &viewer, &ip).await?)
}
