//! A lead changing a cohort's sets over the API (C3): moving someone (re-checked against the
//! rules, and locked where they are put), publishing, opening the sets for choosing, marking
//! someone as left, the engine's repair proposal and applying it, and a set's facilitators.
//! The same actions as the lead's sets page.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::set_forming::{FacilitatorsIn, LeaveIn, MoveIn, RepairIn};
use crate::api::contracts::sets::FormationIn;
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access_checks::{cohort_admin, set_admin};
use revans_app::sets::formation::{assign_facilitators, move_member, publish};
use revans_app::sets::self_selection;
use revans_app::sets::set_repair;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CountOut {
    /// How many sets (publishing, opening) or people (repairing) it changed.
    pub count: usize,
}

/// Moves a member (with their pair) to another set of the cohort, if every rule still holds;
/// the engine keeps them there when the sets are repaired.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/moves", tag = "sets", request_body = MoveIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn move_one(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<MoveIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let (member, to_set) = body.ids()?;
    move_member(&state, &actor, &id, &member, &to_set).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes the cohort's draft sets; members and facilitators are emailed.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/publish", tag = "sets",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CountOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn publish_all(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<CountOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let count = publish(&state, &actor, &id).await?;
    Ok(Json(CountOut { count }))
}

/// Opens empty sets for the people with a place to choose from, under the same rules as
/// forming them (self-selection); publish when everyone has chosen.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/open", tag = "sets", request_body = FormationIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CountOut)),
    security(("token" = [])))]
pub async fn open_choosing(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<FormationIn>,
) -> ApiResult<Json<CountOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let input = body.try_into()?;
    let count = self_selection::open(&state, &actor, &id, &input).await?;
    Ok(Json(CountOut { count }))
}

/// Marks a member of a published set as having left today: they stop seeing the set, and
/// their attendance stops counting.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/leavers", tag = "sets", request_body = LeaveIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn leave_one(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<LeaveIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let member = body.id()?;
    set_repair::leave(&state, &actor, &id, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ProposedMoveOut {
    pub person_id: String,
    pub name: String,
    /// The set they are in now; null for someone joining.
    pub from: Option<String>,
    pub to_set: String,
    pub to: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ProposalOut {
    /// Why a change is needed, in words; empty when nothing needs to change.
    pub reasons: Vec<String>,
    /// The fewest moves that mend the sets without reshuffling everyone.
    pub moves: Vec<ProposedMoveOut>,
}

/// The engine's repair of a cohort's published sets after someone joined or left.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/sets/repair", tag = "sets",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = ProposalOut)),
    security(("token" = [])))]
pub async fn proposal(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<ProposalOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let proposal = set_repair::proposal_now(&state, &actor, &id).await?;
    Ok(Json(match proposal {
        None => ProposalOut {
            reasons: Vec::new(),
            moves: Vec::new(),
        },
        Some(p) => ProposalOut {
            reasons: p.reasons,
            moves: p
                .moves
                .into_iter()
                .map(|m| ProposedMoveOut {
                    person_id: m.person_id.to_string(),
                    name: m.name,
                    from: m.from,
                    to_set: m.to_set.to_string(),
                    to: m.to,
                })
                .collect(),
        },
    }))
}

/// Applies the moves the lead accepts, if every rule then holds; the people who move are
/// emailed.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets/repair", tag = "sets", request_body = RepairIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CountOut)),
    security(("token" = [])))]
pub async fn repair(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<RepairIn>,
) -> ApiResult<Json<CountOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cohort_admin(&state, &actor, &id).await?;
    let moves = body.pairs()?;
    let count = set_repair::apply(&state, &actor, &id, &moves).await?;
    Ok(Json(CountOut { count }))
}

/// Replaces a set's facilitators (one or two); on a published set the members and newcomers
/// are emailed.
#[utoipa::path(put, path = "/api/v1/sets/{id}/facilitators", tag = "sets", request_body = FacilitatorsIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn facilitators(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<FacilitatorsIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    set_admin(&state, &actor, &id).await?;
    let chosen = body.ids()?;
    assign_facilitators(&state, &actor, &id, &chosen).await?;
    Ok(StatusCode::NO_CONTENT)
}
