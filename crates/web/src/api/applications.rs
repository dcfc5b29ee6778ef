//! Applications, offers and places over the API (C2): applying, one's own applications,
//! answering an offer, a sponsor's approval, the review queue, decisions and allocation. The
//! same actions as the pages.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::places::application_reads::{Application, after_change, mine_page, review_queue};

use crate::api::contracts::applications::{
    ApplyIn, Decision, DecisionIn, OfferResponse, RespondIn,
};
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::programmes::rfc3339;
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::{ApiResult, AppError};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::applications::{
    AllocationSummary, allocate_places, apply, decide, respond,
};
use revans_app::places::review_queue::QueueFilters;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApplicationOut {
    pub id: String,
    pub programme_id: String,
    pub programme_title: String,
    pub person_name: String,
    pub organisation_name: String,
    /// draft, submitted, approved, waitlisted, offered, accepted, declined, expired, withdrawn or rejected.
    pub state: String,
    pub cohort_id: Option<String>,
    /// Position on the cohort's waiting list, from 1.
    pub waitlist_position: Option<i64>,
    pub offer_expires_at: Option<String>,
    pub sponsor_approved: bool,
    pub decision_reason: Option<String>,
}

pub(crate) fn application_out(a: Application) -> ApplicationOut {
    let position = a.waitlist_rank;
    ApplicationOut {
        id: a.id.to_string(),
        programme_id: a.programme_id.to_string(),
        programme_title: a.programme_title,
        person_name: a.person_name,
        organisation_name: a.organisation_name,
        state: a.state.as_str().to_owned(),
        cohort_id: a.cohort_id.map(|c| c.to_string()),
        waitlist_position: position,
        offer_expires_at: a.offer_expires_at.map(rfc3339),
        sponsor_approved: a.sponsor_approved_at.is_some(),
        decision_reason: a.decision_reason,
    }
}

page_of!(ApplicationsPage, ApplicationOut, "applications");

/// Applies (or saves a draft with `"action": "save"`).
#[utoipa::path(post, path = "/api/v1/programmes/{id}/applications", tag = "applications", request_body = ApplyIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 201, body = ApplicationOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create_application(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ApplyIn>,
) -> ApiResult<(StatusCode, Json<ApplicationOut>)> {
    let body = body.into();
    let id = apply(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &body,
    )
    .await?;
    let a = after_change(&state, &id).await?;
    Ok((StatusCode::CREATED, Json(application_out(a))))
}

/// The caller's own applications and places, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", params(PageParams),
    responses((status = 200, body = ApplicationsPage)),
    security(("token" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<ApplicationsPage>> {
    let window = params.window()?;
    let before = window.after_id()?;
    let rows = mine_page(&state, &viewer, before.as_ref(), window.limit as i64 + 1).await?;
    let page = Paged::from_rows(rows, window.limit, |a| a.id.to_string());
    Ok(Json(page.map(application_out).into()))
}

/// Accepts or declines an offer, or withdraws.
#[utoipa::path(post, path = "/api/v1/applications/{id}/respond", tag = "applications", request_body = RespondIn,
    params(("id" = String, Path, description = "The application's id")),
    responses((status = 200, body = ApplicationOut), (status = 409, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn respond_to(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<RespondIn>,
) -> ApiResult<Json<ApplicationOut>> {
    respond(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        body.response.map_or("", OfferResponse::as_str),
    )
    .await?;
    let a = after_change(&state, &id).await?;
    Ok(Json(application_out(a)))
}

/// A sponsor approves (nominates) an application from their own organisation; anyone else's is
/// "not found".
#[utoipa::path(post, path = "/api/v1/applications/{id}/sponsor-approval", tag = "applications",
    params(("id" = String, Path, description = "The application's id")),
    responses((status = 200, body = ApplicationOut), (status = 403, body = crate::error_pages::ErrorBody), (status = 404, body = crate::error_pages::ErrorBody), (status = 409, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn sponsor_approval(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<ApplicationOut>> {
    if !viewer.has_role(revans_domain::Role::Sponsor) {
        return Err(AppError::Forbidden.into());
    }
    revans_app::places::applications::sponsor_approve(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    let a = after_change(&state, &id).await?;
    Ok(Json(application_out(a)))
}

/// Filters for the review queue; each is optional.
#[derive(serde::Deserialize, utoipa::IntoParams, Default)]
#[serde(default)]
pub struct QueueParams {
    /// Only applications in this state (submitted, approved, waitlisted, offered, accepted, ...).
    pub state: Option<String>,
    /// Only applicants from this organisation (its id).
    pub organisation: Option<String>,
    /// Only applications placed in this cohort (its id), or `none` for those not yet placed.
    pub cohort: Option<String>,
    /// Only applicants whose name or email contains this.
    pub q: Option<String>,
    /// At most this many applications, 1 to 500; default 100.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
}

/// The programme's applications (review queue), optionally filtered, in the order they were
/// made, a page at a time (the filters and the page are one query, whatever the queue's size).
#[utoipa::path(get, path = "/api/v1/programmes/{id}/applications", tag = "applications",
    params(("id" = String, Path, description = "The programme's id"), QueueParams),
    responses((status = 200, body = ApplicationsPage), (status = 404, body = crate::error_pages::ErrorBody), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    super::ApiQuery(params): super::ApiQuery<QueueParams>,
) -> ApiResult<Json<ApplicationsPage>> {
    let window = PageParams {
        limit: params.limit,
        cursor: params.cursor.clone(),
    }
    .window()?;
    let wanted = match params.state.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse::<revans_domain::ApplicationState>()
                .map_err(|_| {
                    let known: Vec<&str> = revans_domain::ApplicationState::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .collect();
                    AppError::field("state", format!("Use one of {}", known.join(", ")))
                })?,
        ),
    };
    let filters = QueueFilters::new(
        params.organisation.as_deref(),
        params.cohort.as_deref(),
        params.q.as_deref(),
    );
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let after = window.after_id()?;
    let rows = review_queue(
        &state,
        &actor,
        &id,
        wanted,
        &filters,
        after.as_ref(),
        window.limit,
    )
    .await?;
    let page = Paged::from_rows(rows, window.limit, |a| a.id.to_string());
    Ok(Json(page.map(application_out).into()))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct DecisionOut {
    pub decided: usize,
}

/// Approves or rejects several applications at once.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/decisions", tag = "applications", request_body = DecisionIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = DecisionOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn decisions(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<DecisionIn>,
) -> ApiResult<Json<DecisionOut>> {
    let decided = decide(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &body.applications,
        body.decision.map_or("", Decision::as_str),
        &body.reason,
    )
    .await?;
    Ok(Json(DecisionOut { decided }))
}

/// Expires overdue offers, then offers places to approved applicants by preference.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/allocate", tag = "applications",
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = AllocationSummary), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn allocate(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<AllocationSummary>> {
    Ok(Json(
        allocate_places(
            &state,
            &Actor {
                viewer: &viewer,
                ip: &ip,
            },
            &id,
        )
        .await?,
    ))
}
