use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::organisations::OrganisationIn;
use crate::auth::ApiAdmin;
use crate::auth::ClientIp;
use crate::error::ApiResult;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::organisations::{self, Organisation};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct OrganisationOut {
    pub id: String,
    pub name: String,
    pub parent_id: Option<String>,
}

impl From<Organisation> for OrganisationOut {
    fn from(o: Organisation) -> Self {
        Self {
            id: o.id.to_string(),
            name: o.name,
            parent_id: o.parent_id.map(|p| p.to_string()),
        }
    }
}

/// Organisations the caller administers.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    responses((status = 200, body = Vec<OrganisationOut>), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
) -> ApiResult<Json<Vec<OrganisationOut>>> {
    Ok(Json(
        organisations::in_scope(&state, &viewer)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", request_body = OrganisationIn,
    responses((status = 201, body = OrganisationOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<OrganisationIn>,
) -> ApiResult<(StatusCode, Json<OrganisationOut>)> {
    let org = organisations::create(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &body.name,
        &body.parent_id,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}
