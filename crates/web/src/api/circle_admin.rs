//! Support circles as leads run them over the API (issue 15): the same actions as the pages,
//! so the same people are refused the same way.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::Actor;
use revans_app::circles::aggregates::report as circle_report;
use revans_app::circles::manage::{cancel, change, circle_detail, circle_list, create, publish};
use revans_app::circles::sweep::{accept_merge, decline_merge};

use crate::api::ApiJson;
use crate::api::contracts::circle_admin::{
    CircleIn, CircleOut, CircleReportOut, CirclesOut, MergedOut,
};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;

/// The circles of the caller's region, soonest first, each saying whether they may change it.
#[utoipa::path(get, path = "/api/v1/admin/circles", tag = "circles",
    responses((status = 200, body = CirclesOut)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
) -> ApiResult<Json<CirclesOut>> {
    Ok(Json(circle_list(&state, &viewer).await?.into()))
}

/// Creates a circle as a draft, for an organisation the caller leads.
#[utoipa::path(post, path = "/api/v1/admin/circles", tag = "circles", request_body = CircleIn,
    responses((status = 201, body = CircleOut)),
    security(("token" = [])))]
pub async fn create_circle(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<CircleIn>,
) -> ApiResult<(StatusCode, Json<CircleOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let id = create(&state, &actor, &body.into()).await?;
    let made = circle_detail(&state, &viewer, &id).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// One circle of the caller's region.
#[utoipa::path(get, path = "/api/v1/admin/circles/{id}", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = CircleOut)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Json<CircleOut>> {
    Ok(Json(circle_detail(&state, &viewer, &id).await?.into()))
}

/// Replaces a running circle's values; changed sessions tell everyone booked.
#[utoipa::path(put, path = "/api/v1/admin/circles/{id}", tag = "circles", request_body = CircleIn,
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = CircleOut)),
    security(("token" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CircleIn>,
) -> ApiResult<Json<CircleOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change(&state, &actor, &id, &body.into()).await?;
    Ok(Json(circle_detail(&state, &viewer, &id).await?.into()))
}

/// Opens a draft circle for booking.
#[utoipa::path(post, path = "/api/v1/admin/circles/{id}/publish", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn publish_circle(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    publish(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels a circle by hand; everyone booked, waiting or facilitating is emailed.
#[utoipa::path(post, path = "/api/v1/admin/circles/{id}/cancel", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn cancel_circle(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cancel(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accepts the merge the sweep offered: the bookings move to the other circle.
#[utoipa::path(post, path = "/api/v1/admin/circles/{id}/merge", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = MergedOut)),
    security(("token" = [])))]
pub async fn merge(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<MergedOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let target = accept_merge(&state, &actor, &id).await?;
    Ok(Json(MergedOut {
        merged_into: target.to_string(),
    }))
}

/// Declines the merge the sweep offered: the circle is cancelled and everyone told.
#[utoipa::path(post, path = "/api/v1/admin/circles/{id}/decline-merge", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn decline(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    decline_merge(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The region's circles in figures, for its leads and evaluators.
#[utoipa::path(get, path = "/api/v1/admin/circles/report", tag = "circles",
    responses((status = 200, body = CircleReportOut)),
    security(("token" = [])))]
pub async fn report(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<CircleReportOut>> {
    Ok(Json(circle_report(&state, &viewer).await?.into()))
}
