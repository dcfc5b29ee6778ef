use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use revans_storage::{ApiToken, api_tokens};

use crate::actions::{Actor, tokens};
use crate::api::ApiJson;
use crate::auth::ApiCaller;
use crate::auth::ClientIp;
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TokenOut {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl From<ApiToken> for TokenOut {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id.to_string(),
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct NewTokenOut {
    pub token: TokenOut,
    /// The secret, shown only in this response.
    pub secret: String,
}

/// The caller's own tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "account",
    responses((status = 200, body = Vec<TokenOut>)), security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<Vec<TokenOut>>> {
    let mut conn = state.store.conn().await?;
    Ok(Json(
        api_tokens::list_for(&mut conn, &viewer.person.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenIn {
    pub name: String,
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "account", request_body = TokenIn,
    responses((status = 201, body = NewTokenOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<TokenIn>,
) -> ApiResult<(StatusCode, Json<NewTokenOut>)> {
    let (token, secret) = tokens::create(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &body.name,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewTokenOut {
            token: token.into(),
            secret,
        }),
    ))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account",
    params(("id" = String, Path, description = "The token's id")),
    responses((status = 204), (status = 404, body = crate::error_pages::ErrorBody)), security(("token" = [])))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(id): Path<String>,
    ClientIp(ip): ClientIp,
) -> ApiResult<StatusCode> {
    tokens::revoke(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
