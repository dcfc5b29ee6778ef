//! The CPD portfolio (C10, issue 16) over the API: the same use cases as the pages. Everyone
//! with a token has their own portfolio and reads only that; leads add and remove their
//! tenant's frameworks.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::Actor;
use revans_app::portfolio::evidence::{self, PortfolioChoices};
use revans_app::portfolio::frameworks::{self, PortfolioFrameworkView};
use revans_app::portfolio::{Portfolio, export, portfolio};

use crate::api::ApiJson;
use crate::api::contracts::portfolio::{PortfolioEvidenceIn, PortfolioFrameworkIn};
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::pages::evaluation_results::download;
use crate::path_id::PathId;
use crate::state::AppState;

/// The id of what was created.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioCreatedOut {
    pub id: String,
}

/// The frameworks open to the caller: the shipped one and their tenant's.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioFrameworksOut {
    pub frameworks: Vec<PortfolioFrameworkView>,
}

/// The caller's portfolio: hours, certificates and evidence by dimension.
#[utoipa::path(get, path = "/api/v1/portfolio", tag = "portfolio",
    responses((status = 200, body = Portfolio)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<Portfolio>> {
    Ok(Json(portfolio(&state, &viewer).await?))
}

/// What the caller may tag (their own entries and actions, sessions they attended) and the
/// frameworks open to them.
#[utoipa::path(get, path = "/api/v1/portfolio/items", tag = "portfolio",
    responses((status = 200, body = PortfolioChoices)),
    security(("token" = [])))]
pub async fn items(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<PortfolioChoices>> {
    Ok(Json(evidence::choices(&state, &viewer).await?))
}

/// Tags one of the caller's own items. Someone else's item, a session not attended and an
/// unknown id get the same 422 on `item`.
#[utoipa::path(post, path = "/api/v1/portfolio/evidence", tag = "portfolio",
    request_body = PortfolioEvidenceIn,
    responses((status = 201, body = PortfolioCreatedOut)),
    security(("token" = [])))]
pub async fn add_evidence(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<PortfolioEvidenceIn>,
) -> ApiResult<(StatusCode, Json<PortfolioCreatedOut>)> {
    let id = evidence::add(&state, &viewer, &body.input()).await?;
    Ok((
        StatusCode::CREATED,
        Json(PortfolioCreatedOut { id: id.to_string() }),
    ))
}

/// Removes one of the caller's own pieces of evidence (404 for anyone else's).
#[utoipa::path(delete, path = "/api/v1/portfolio/evidence/{id}", tag = "portfolio",
    params(("id" = String, Path, description = "The evidence's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn remove_evidence(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    evidence::remove(&state, &viewer, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's portfolio as a PDF.
#[utoipa::path(get, path = "/api/v1/portfolio.pdf", tag = "portfolio",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>)),
    security(("token" = [])))]
pub async fn pdf(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<axum::response::Response> {
    let (name, bytes) = export::pdf(&state, &viewer).await?;
    Ok(download("application/pdf", name, bytes))
}

/// The frameworks open to the caller.
#[utoipa::path(get, path = "/api/v1/frameworks", tag = "portfolio",
    responses((status = 200, body = PortfolioFrameworksOut)),
    security(("token" = [])))]
pub async fn list_frameworks(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<PortfolioFrameworksOut>> {
    Ok(Json(PortfolioFrameworksOut {
        frameworks: frameworks::list(&state, &viewer).await?,
    }))
}

/// Adds a framework to the caller's tenant (leads only); each problem names its line.
#[utoipa::path(post, path = "/api/v1/frameworks", tag = "portfolio",
    request_body = PortfolioFrameworkIn,
    responses((status = 201, body = PortfolioCreatedOut)),
    security(("token" = [])))]
pub async fn add_framework(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<PortfolioFrameworkIn>,
) -> ApiResult<(StatusCode, Json<PortfolioCreatedOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let id = frameworks::add(&state, &actor, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(PortfolioCreatedOut { id })))
}

/// Removes one of the tenant's frameworks (leads only); 409 while evidence is tagged against it.
#[utoipa::path(delete, path = "/api/v1/frameworks/{id}", tag = "portfolio",
    params(("id" = String, Path, description = "The framework's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn remove_framework(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    frameworks::remove(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
