//! Events with choices (issue 18) over the API: the same use cases as the pages. The lead sets
//! up an immersion event, runs, reads and publishes the allocation; a participant ranks the
//! hosts and reads their itinerary; a host's contact reads their own visitors.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::events::{EventChoicesOut, EventOverviewOut, EventPlanIn, MyEventsOut};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::events::adjust::{self, AdjustInput, Adjusted};
use revans_app::events::allocation::{self, AllocationView, PersonAllocation, RunSummary};
use revans_app::events::cafe::{self, CafeView, GuestInput, MySeat, RotaInput, RotaSummary};
use revans_app::events::choices::{self, ChoicesInput};
use revans_app::events::itinerary::{self, HostVisitors};
use revans_app::events::mine::my_events;
use revans_app::events::publication;
use revans_app::events::setup::{self, HostInput};

/// A host just added.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct EventHostAddedOut {
    pub id: String,
}

/// The lead's overview: plan, hosts, who has ranked, the last allocation. 409 for a programme
/// that is not an immersion event.
#[utoipa::path(get, path = "/api/v1/admin/events/{id}", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = EventOverviewOut)),
    security(("token" = [])))]
pub async fn overview(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Json<EventOverviewOut>> {
    Ok(Json(setup::overview(&state, &viewer, &id).await?.into()))
}

/// Sets the number of time slots and when rankings close.
#[utoipa::path(put, path = "/api/v1/admin/events/{id}/plan", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    request_body = EventPlanIn,
    responses((status = 204)),
    security(("token" = [])))]
pub async fn set_plan(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<EventPlanIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    setup::require_event(&state, &viewer, &id).await?;
    setup::set_plan(&state, &actor, &id, &body.input()?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a host organisation; its contact (by email) must be in an organisation the lead runs.
#[utoipa::path(post, path = "/api/v1/admin/events/{id}/hosts", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    request_body = HostInput,
    responses((status = 201, body = EventHostAddedOut)),
    security(("token" = [])))]
pub async fn add_host(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<HostInput>,
) -> ApiResult<(StatusCode, Json<EventHostAddedOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let host = setup::add_host(&state, &actor, &id, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(EventHostAddedOut {
            id: host.to_string(),
        }),
    ))
}

/// Runs the allocation on the rankings so far and stores it unpublished (replacing the last):
/// the sum of squared ranks, its proven lower bound and what that means. 409 when no
/// allocation meets the hosts' minimums and maximums.
#[utoipa::path(post, path = "/api/v1/admin/events/{id}/allocation", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = RunSummary)),
    security(("token" = [])))]
pub async fn run_allocation(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<RunSummary>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(allocation::run(&state, &actor, &id).await?))
}

/// The stored allocation with each person's visits and why, and each host's visitors.
#[utoipa::path(get, path = "/api/v1/admin/events/{id}/allocation", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = AllocationView)),
    security(("token" = [])))]
pub async fn allocation(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Json<AllocationView>> {
    Ok(Json(allocation::view(&state, &viewer, &id).await?))
}

/// Publishes the stored allocation to participants and hosts.
#[utoipa::path(post, path = "/api/v1/admin/events/{id}/allocation/publish", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    publication::publish(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's ranking page: hosts, their ranking and needs, the closing date (404 without a
/// place on the event).
#[utoipa::path(get, path = "/api/v1/events/{id}/choices", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = EventChoicesOut)),
    security(("token" = [])))]
pub async fn my_choices(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<EventChoicesOut>> {
    Ok(Json(
        choices::my_choices(&state, &viewer, &id).await?.into(),
    ))
}

/// Replaces the caller's ranking and needs until the closing date.
#[utoipa::path(put, path = "/api/v1/events/{id}/choices", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    request_body = ChoicesInput,
    responses((status = 204)),
    security(("token" = [])))]
pub async fn save_choices(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ChoicesInput>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    choices::save_choices(&state, &actor, &id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's events: those they have a place on and the hosts they are the contact for.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses((status = 200, body = MyEventsOut)),
    security(("token" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<MyEventsOut>> {
    Ok(Json(my_events(&state, &viewer).await?.into()))
}

/// The caller's itinerary once published, with why they did not get hosts they ranked higher.
#[utoipa::path(get, path = "/api/v1/events/{id}/itinerary", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = PersonAllocation)),
    security(("token" = [])))]
pub async fn itinerary(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<PersonAllocation>> {
    Ok(Json(itinerary::mine(&state, &viewer, &id).await?))
}

/// A host's visitors per slot, names and needs, for the host's contact once published.
#[utoipa::path(get, path = "/api/v1/event-hosts/{id}/visitors", tag = "events",
    params(("id" = String, Path, description = "The host's id")),
    responses((status = 200, body = HostVisitors)),
    security(("token" = [])))]
pub async fn host_visitors(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<HostVisitors>> {
    Ok(Json(itinerary::for_host(&state, &viewer, &id).await?))
}

/// Changes one visit of the unpublished allocation (optionally swapping with someone at the
/// new host); the whole allocation is re-checked against every rule and its cost recomputed.
#[utoipa::path(post, path = "/api/v1/admin/events/{id}/allocation/adjustments", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    request_body = AdjustInput,
    responses((status = 200, body = Adjusted)),
    security(("token" = [])))]
pub async fn adjust(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AdjustInput>,
) -> ApiResult<Json<Adjusted>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(adjust::adjust(&state, &actor, &id, &body).await?))
}

/// The cafe: guests, and the rota last made with its repeats and lower bound.
#[utoipa::path(get, path = "/api/v1/admin/events/{id}/cafe", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = CafeView)),
    security(("token" = [])))]
pub async fn cafe_view(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Json<CafeView>> {
    Ok(Json(cafe::view(&state, &viewer, &id).await?))
}

/// Adds a guest leader, who hosts one table.
#[utoipa::path(post, path = "/api/v1/admin/events/{id}/cafe/guests", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    request_body = GuestInput,
    responses((status = 201, body = EventHostAddedOut)),
    security(("token" = [])))]
pub async fn add_cafe_guest(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<GuestInput>,
) -> ApiResult<(StatusCode, Json<EventHostAddedOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let id = cafe::add_guest(&state, &actor, &id, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(EventHostAddedOut { id: id.to_string() }),
    ))
}

/// Makes (or remakes) the cafe rota for everyone with a place.
#[utoipa::path(put, path = "/api/v1/admin/events/{id}/cafe", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    request_body = RotaInput,
    responses((status = 200, body = RotaSummary)),
    security(("token" = [])))]
pub async fn make_cafe_rota(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<RotaInput>,
) -> ApiResult<Json<RotaSummary>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(cafe::make_rota(&state, &actor, &id, &body).await?))
}

/// The caller's cafe tables, once the event's visits are published.
#[utoipa::path(get, path = "/api/v1/events/{id}/cafe", tag = "events",
    params(("id" = String, Path, description = "The immersion event's programme id")),
    responses((status = 200, body = Vec<MySeat>)),
    security(("token" = [])))]
pub async fn my_cafe(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<Vec<MySeat>>> {
    Ok(Json(cafe::mine(&state, &viewer, &id).await?))
}
