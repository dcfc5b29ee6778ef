//! One cohort over the API: changing its details or its number of places and closing its
//! applications, the same actions as the lead's pages.

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::cohorts::{CapacityIn, CohortIn};
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::cohort_edit::edit_cohort;
use revans_app::places::programmes::{close_cohort, set_capacity};

/// Replaces a cohort's details (the same fields as adding one). Capacity never falls below the
/// confirmed places; people with a place are emailed when the sessions move.
#[utoipa::path(put, path = "/api/v1/cohorts/{id}", tag = "programmes", request_body = CohortIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204), (status = 422, body = crate::error_pages::ErrorBody),
        (status = 404, body = crate::error_pages::ErrorBody), (status = 409, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CohortIn>,
) -> ApiResult<StatusCode> {
    let body = body.try_into()?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    edit_cohort(&state, &actor, &id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Closes one cohort's applications now; offers and waiting lists carry on.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/close", tag = "programmes",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204), (status = 422, body = crate::error_pages::ErrorBody),
        (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn close(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    close_cohort(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the number of places, never below the places already confirmed.
#[utoipa::path(put, path = "/api/v1/cohorts/{id}/capacity", tag = "programmes", request_body = CapacityIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn put_capacity(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CapacityIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let raw = crate::api::contracts::number_or_blank(body.capacity);
    set_capacity(&state, &actor, &id, &raw).await?;
    Ok(StatusCode::NO_CONTENT)
}
