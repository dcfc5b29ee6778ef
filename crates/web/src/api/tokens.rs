//! The caller's API tokens. A request authenticated by a token may list tokens but not create
//! or revoke them: that needs a signed-in session (the API tokens page), so a leaked token
//! cannot mint a longer-lived one or revoke the one its owner would notice.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use revans_app::access::tokens::ApiToken;

use crate::auth::ApiCaller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use revans_app::access::tokens;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TokenOut {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// When the token stops working, as an RFC 3339 time in UTC.
    pub expires_at: String,
}

impl From<ApiToken> for TokenOut {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id.to_string(),
            expires_at: rfc3339(t.expires_at),
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .unwrap_or(jiff::Timestamp::MAX)
        .to_string()
}

/// The caller's own tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "account",
    responses((status = 200, body = Vec<TokenOut>)), security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<Vec<TokenOut>>> {
    Ok(Json(
        tokens::list_mine(&state, &viewer)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Always refused: create tokens on the API tokens page while signed in.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "account",
    responses((status = 403, description = "A token cannot create tokens", body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create(_caller: ApiCaller) -> ApiResult<StatusCode> {
    Err(ApiError::from(tokens::refused_to_token()))
}

/// Always refused: revoke tokens on the API tokens page while signed in.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account",
    params(("id" = String, Path, description = "The token's id")),
    responses((status = 403, description = "A token cannot revoke tokens", body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn revoke(_caller: ApiCaller, _id: Path<String>) -> ApiResult<StatusCode> {
    Err(ApiError::from(tokens::refused_to_token()))
}
