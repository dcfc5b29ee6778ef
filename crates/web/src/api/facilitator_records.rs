//! Facilitator records (C6, issue 15) over the API: the same use cases as the pages. A
//! facilitator reads and changes their own profile and supervision log; leads of their region
//! read the profile and everyone's supervised hours; a cohort's lead pairs mentors.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::facilitator_records::{
    AwardIn, BackgroundIn, PairIn, QualificationIn, SessionIn,
};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::facilitator_records::mentors::{self, CohortMentoring, MyPairing};
use revans_app::facilitator_records::profile::{self, FacilitatorProfile};
use revans_app::facilitator_records::supervision::{self, HoursRow, SupervisionLog};
use revans_app::facilitator_records::{awards, qualifications};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: String,
}

/// Whether a call changed anything (false: it was so already).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Changed {
    pub changed: bool,
}

/// The caller's own facilitator profile (facilitators only).
#[utoipa::path(get, path = "/api/v1/facilitators/me/profile", tag = "facilitators",
    responses((status = 200, body = FacilitatorProfile)), security(("token" = [])))]
pub async fn own_profile(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<FacilitatorProfile>> {
    Ok(Json(profile::own_profile(&state, &viewer).await?))
}

/// A facilitator's profile: their own, or one in a region the caller leads in.
#[utoipa::path(get, path = "/api/v1/facilitators/{id}/profile", tag = "facilitators",
    params(("id" = String, Path, description = "The person's id")),
    responses((status = 200, body = FacilitatorProfile)), security(("token" = [])))]
pub async fn profile_of(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<FacilitatorProfile>> {
    Ok(Json(profile::profile_of(&state, &viewer, &id).await?))
}

/// Saves the caller's background. 422 names every field at fault.
#[utoipa::path(put, path = "/api/v1/facilitators/me/background", tag = "facilitators", request_body = BackgroundIn,
    responses((status = 204)), security(("token" = [])))]
pub async fn put_background(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<BackgroundIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    profile::save_background(&state, &actor, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a qualification to the caller's profile.
#[utoipa::path(post, path = "/api/v1/facilitators/me/qualifications", tag = "facilitators", request_body = QualificationIn,
    responses((status = 201, body = Created)), security(("token" = [])))]
pub async fn add_qualification(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<QualificationIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let id = qualifications::add(&state, &actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// Changes one of the caller's typed qualifications (404 for anyone else's or an awarded one).
#[utoipa::path(put, path = "/api/v1/facilitators/me/qualifications/{id}", tag = "facilitators", request_body = QualificationIn,
    params(("id" = String, Path, description = "The qualification's id")),
    responses((status = 204)), security(("token" = [])))]
pub async fn change_qualification(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<QualificationIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    qualifications::change(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes one of the caller's typed qualifications.
#[utoipa::path(delete, path = "/api/v1/facilitators/me/qualifications/{id}", tag = "facilitators",
    params(("id" = String, Path, description = "The qualification's id")),
    responses((status = 204)), security(("token" = [])))]
pub async fn remove_qualification(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    qualifications::remove(&state, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own supervision log and totals (facilitators only; nobody else reads it).
#[utoipa::path(get, path = "/api/v1/facilitators/me/supervision", tag = "facilitators",
    responses((status = 200, body = SupervisionLog)), security(("token" = [])))]
pub async fn own_supervision(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<SupervisionLog>> {
    Ok(Json(supervision::own_log(&state, &viewer).await?))
}

/// Logs a supervision session the caller had.
#[utoipa::path(post, path = "/api/v1/facilitators/me/supervision", tag = "facilitators", request_body = SessionIn,
    responses((status = 201, body = Created)), security(("token" = [])))]
pub async fn log_supervision(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<SessionIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let id = supervision::log_session(&state, &actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// Supervised hours for accreditation: every facilitator of the regions a lead leads in; a
/// facilitator's own row otherwise.
#[utoipa::path(get, path = "/api/v1/supervision/hours", tag = "facilitators",
    responses((status = 200, body = Vec<HoursRow>)), security(("token" = [])))]
pub async fn hours(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<Vec<HoursRow>>> {
    Ok(Json(supervision::hours_report(&state, &viewer).await?))
}

/// Makes a set a supervision group: its members' attended meetings count as supervised hours.
#[utoipa::path(post, path = "/api/v1/sets/{id}/supervision-group", tag = "facilitators",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, body = Changed)), security(("token" = [])))]
pub async fn mark_group(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<Changed>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let changed = supervision::mark_group(&state, &actor, &id).await?;
    Ok(Json(Changed { changed }))
}

/// A cohort's mentoring: who may mentor, who may be mentored, and the pairings.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/mentors", tag = "facilitators",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CohortMentoring)), security(("token" = [])))]
pub async fn cohort_mentors(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<CohortMentoring>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(mentors::cohort_mentoring(&state, &actor, &id).await?))
}

/// Records a mentor pairing in the cohort.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/mentors", tag = "facilitators", request_body = PairIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = Changed)), security(("token" = [])))]
pub async fn pair(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<PairIn>,
) -> ApiResult<Json<Changed>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let changed = mentors::pair(&state, &actor, &id, &body.into()).await?;
    Ok(Json(Changed { changed }))
}

/// The caller's mentor pairings, as mentor or mentee.
#[utoipa::path(get, path = "/api/v1/me/mentoring", tag = "facilitators",
    responses((status = 200, body = Vec<MyPairing>)), security(("token" = [])))]
pub async fn my_mentoring(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<Vec<MyPairing>>> {
    Ok(Json(mentors::my_pairings(&state, &viewer).await?))
}

/// Names the qualification a programme's completers gain (or none); awards it to those who
/// completed already. Returns how many gained it now.
#[utoipa::path(put, path = "/api/v1/programmes/{id}/award", tag = "facilitators", request_body = AwardIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = Awarded)), security(("token" = [])))]
pub async fn put_award(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AwardIn>,
) -> ApiResult<Json<Awarded>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let awarded = awards::set_award(&state, &actor, &id, &body.into()).await?;
    Ok(Json(Awarded { awarded }))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Awarded {
    /// How many gained the qualification now.
    pub awarded: usize,
}
