//! Support circles (C7) over the API: the same use cases as the pages. Anyone with a token
//! reads their region's calendar and a circle; a person books, cancels, accepts an offer and
//! lists their circles; a circle's facilitators record attendance.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::contracts::circles::{AttendanceIn, CalendarParams};
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::circles::attendance::{self, AttendanceSheet};
use revans_app::circles::booking::{self, BookingOutcome, MyCircleView};
use revans_app::circles::calendar::{self as read, CircleCalendar, CircleDetail};

/// The caller's circles.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MyCircles {
    pub circles: Vec<MyCircleView>,
}

/// The upcoming circles of the caller's region (or `region`), filtered.
#[utoipa::path(get, path = "/api/v1/circles", tag = "circles",
    params(CalendarParams),
    responses((status = 200, body = CircleCalendar)),
    security(("token" = [])))]
pub async fn calendar(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiQuery(params): ApiQuery<CalendarParams>,
) -> ApiResult<Json<CircleCalendar>> {
    Ok(Json(
        read::calendar(&state, Some(&viewer), &params.query()).await?,
    ))
}

/// The caller's upcoming circles: places, waits (with their place in line) and offers.
#[utoipa::path(get, path = "/api/v1/circles/mine", tag = "circles",
    responses((status = 200, body = MyCircles)),
    security(("token" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<MyCircles>> {
    Ok(Json(MyCircles {
        circles: booking::my_circles(&state, &viewer).await?,
    }))
}

/// A circle, with the caller's booking and what they may do.
#[utoipa::path(get, path = "/api/v1/circles/{id}", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = CircleDetail)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<CircleDetail>> {
    Ok(Json(read::circle(&state, Some(&viewer), &id).await?))
}

/// Books a place, or joins the waiting list when the circle is full. 403 for someone outside
/// the circle's region; 409 when they already have a booking.
#[utoipa::path(post, path = "/api/v1/circles/{id}/booking", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 201, body = BookingOutcome)),
    security(("token" = [])))]
pub async fn book(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<(StatusCode, Json<BookingOutcome>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok((
        StatusCode::CREATED,
        Json(booking::book(&state, &actor, &id).await?),
    ))
}

/// Cancels the caller's place, wait or offer (a place only before the cancel deadline); a
/// freed place is offered to the first in line.
#[utoipa::path(delete, path = "/api/v1/circles/{id}/booking", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    booking::cancel(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accepts the place held for the caller.
#[utoipa::path(post, path = "/api/v1/circles/{id}/booking/accept", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn accept(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    booking::accept(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The attendance sheet: for the circle's facilitators and the region's leads.
#[utoipa::path(get, path = "/api/v1/circles/{id}/attendance", tag = "circles",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = AttendanceSheet)),
    security(("token" = [])))]
pub async fn attendance_sheet(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<AttendanceSheet>> {
    Ok(Json(attendance::sheet(&state, &viewer, &id).await?))
}

/// Records who came to one session (by the circle's facilitators only).
#[utoipa::path(put, path = "/api/v1/circles/{id}/attendance", tag = "circles",
    request_body = AttendanceIn,
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = AttendanceSheet)),
    security(("token" = [])))]
pub async fn record_attendance(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AttendanceIn>,
) -> ApiResult<Json<AttendanceSheet>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    attendance::record(
        &state,
        &actor,
        &id,
        body.session.unwrap_or(0),
        &body.present,
    )
    .await?;
    Ok(Json(attendance::sheet(&state, &viewer, &id).await?))
}
