//! A lead's hand changes to a cohort's sets over the API (issue 11): swapping two people, the
//! facilitators of every set at once, renaming a set. The same actions as the pages.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::set_changes::{AllFacilitatorsIn, SetNameIn, SwapIn};
use crate::api::set_forming::CountOut;
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::{cohort_admin, set_admin};
use revans_app::sets::forming_changes::{assign_all_facilitators, rename_set, swap_members};

/// Swaps two members of different draft sets (each with their pair), if every rule still
/// holds.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/swaps", tag = "sets", request_body = SwapIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn swap_two_members(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SwapIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let (a, b) = body.ids()?;
    swap_members(&state, &actor, &id, &a, &b).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the facilitators of every set of the cohort at once: each set needs one or two;
/// if any choice is refused, nothing changes and the errors name the sets (`set-N`).
#[utoipa::path(put, path = "/api/v1/cohorts/{id}/sets/facilitators", tag = "sets", request_body = AllFacilitatorsIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CountOut)),
    security(("token" = [])))]
pub async fn facilitators_of_every_set(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AllFacilitatorsIn>,
) -> ApiResult<Json<CountOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let choices = body.choices()?;
    let count = assign_all_facilitators(&state, &actor, &id, &choices).await?;
    Ok(Json(CountOut { count }))
}

/// Renames a set; names are unique within the cohort.
#[utoipa::path(put, path = "/api/v1/sets/{id}/name", tag = "sets", request_body = SetNameIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn rename_one_set(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SetNameIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    set_admin(&state, &actor, &id).await?;
    rename_set(&state, &actor, &id, &body.name).await?;
    Ok(StatusCode::NO_CONTENT)
}
