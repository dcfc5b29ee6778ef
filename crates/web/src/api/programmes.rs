//! Programmes, cohorts, applications and places over the API: the same actions as the pages.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use revans_domain::{Id, ProgrammeStatus, Session};
use revans_storage::applications::{self, Application};
use revans_storage::cohorts::{self, Cohort, CohortsOf};
use revans_storage::now_ms;
use revans_storage::programmes::{self, Programme};

use crate::actions::Actor;
use crate::actions::applications::{AllocationSummary, allocate_places, apply, decide, respond};
use crate::actions::programmes::{add_cohort, create, load_for_admin, set_status};
use crate::actions::review_queue::QueueFilters;
use crate::api::contracts::applications::{
    ApplyIn, Decision, DecisionIn, OfferResponse, RespondIn,
};
use crate::api::contracts::cohorts::CohortIn;
use crate::api::contracts::programmes::{CapIn, ProgrammeIn, StatusIn};
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SessionOut {
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CohortOut {
    pub id: String,
    pub name: String,
    pub capacity: i64,
    pub confirmed: i64,
    pub places_left: i64,
    /// Taking applications now.
    pub open: bool,
    pub timezone: String,
    pub sessions: Vec<SessionOut>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ProgrammeOut {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    /// draft, published or closed.
    pub status: String,
    pub delivery_mode: String,
    pub eligibility: Vec<String>,
    pub confirmations: Vec<String>,
    /// One per item; a choice is written "question | answer | answer".
    pub questions: Vec<String>,
    pub requires_sponsor_approval: bool,
    pub cohorts: Vec<CohortOut>,
}

/// A programme with its cohorts, already loaded (`cohorts::with_sessions`).
fn programme_out(p: Programme, cohorts: Vec<(Cohort, Vec<Session>)>) -> ProgrammeOut {
    let now = now_ms();
    let out = cohorts
        .into_iter()
        .map(|(c, sessions)| CohortOut {
            id: c.id.to_string(),
            name: c.name.clone(),
            capacity: c.capacity,
            confirmed: c.confirmed,
            places_left: c.places_left(),
            open: p.status == ProgrammeStatus::Published && c.is_open(now),
            timezone: c.timezone.clone(),
            sessions: sessions
                .iter()
                .map(|s| SessionOut {
                    starts_at: rfc3339(s.starts_at),
                    ends_at: rfc3339(s.ends_at),
                })
                .collect(),
        })
        .collect();
    ProgrammeOut {
        id: p.id.to_string(),
        title: p.fields.title,
        summary: p.fields.summary,
        kind: p.fields.kind.as_str().to_owned(),
        status: p.status.as_str().to_owned(),
        delivery_mode: p.fields.delivery_mode.as_str().to_owned(),
        eligibility: p.fields.eligibility,
        confirmations: p.fields.confirmations,
        questions: p.fields.questions,
        requires_sponsor_approval: p.fields.requires_sponsor_approval,
        cohorts: out,
    }
}

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

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: String,
}

fn parse_id(raw: &str) -> Result<Id, AppError> {
    Id::parse(raw).ok_or(AppError::NotFound)
}

page_of!(ProgrammesPage, ProgrammeOut, "programmes");
page_of!(ApplicationsPage, ApplicationOut, "applications");

/// The published catalogue, in the order programmes were added, a page at a time (read whole
/// and paged here: the catalogue is what one instance publishes, not a growing log).
#[utoipa::path(get, path = "/api/v1/programmes", tag = "programmes", params(PageParams),
    responses((status = 200, body = ProgrammesPage), (status = 401, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(_caller): ApiCaller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<ProgrammesPage>> {
    let window = params.window()?;
    let mut conn = state.store.conn().await?;
    let mut published = programmes::list_published(&mut conn).await?;
    published.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let page = Paged::from_sorted_list(published, &window, |p| p.id.to_string());
    let mut by_programme = cohorts::by_programme(&mut conn, CohortsOf::Published).await?;
    Ok(Json(
        page.map(|p| {
            let cohorts = by_programme.remove(&p.id).unwrap_or_default();
            programme_out(p, cohorts)
        })
        .into(),
    ))
}

/// Creates a draft programme.
#[utoipa::path(post, path = "/api/v1/programmes", tag = "programmes", request_body = ProgrammeIn,
    responses((status = 201, body = Created), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create_programme(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<ProgrammeIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let body = body.try_into()?;
    let id = create(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// Adds a cohort (explicit sessions or an RRULE).
#[utoipa::path(post, path = "/api/v1/programmes/{id}/cohorts", tag = "programmes", request_body = CohortIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error_pages::ErrorBody), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create_cohort(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CohortIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let body = body.try_into()?;
    let id = add_cohort(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &parse_id(&id)?,
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// Publishes, closes or returns a programme to draft.
#[utoipa::path(put, path = "/api/v1/programmes/{id}/status", tag = "programmes", request_body = StatusIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = ProgrammeOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn put_status(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StatusIn>,
) -> ApiResult<Json<ProgrammeOut>> {
    let id = parse_id(&id)?;
    set_status(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        body.as_str(),
    )
    .await?;
    let mut conn = state.store.conn().await?;
    let p = programmes::get(&mut conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let cohorts = cohorts::with_sessions(&mut conn, CohortsOf::Programme(&p.id)).await?;
    Ok(Json(programme_out(p, cohorts)))
}

/// Applies (or saves a draft with `"action": "save"`).
#[utoipa::path(post, path = "/api/v1/programmes/{id}/applications", tag = "applications", request_body = ApplyIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 201, body = ApplicationOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create_application(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ApplyIn>,
) -> ApiResult<(StatusCode, Json<ApplicationOut>)> {
    let body = body.into();
    let id = apply(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &parse_id(&id)?,
        &body,
    )
    .await?;
    let mut conn = state.store.conn().await?;
    let a = applications::get(&mut conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
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
    let mut conn = state.store.conn().await?;
    let rows = applications::page_for_person(
        &mut conn,
        &viewer.person.id,
        before.as_ref(),
        window.limit as i64 + 1,
    )
    .await?;
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
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RespondIn>,
) -> ApiResult<Json<ApplicationOut>> {
    let id = parse_id(&id)?;
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
    let mut conn = state.store.conn().await?;
    let a = applications::get(&mut conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
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
    Path(id): Path<String>,
) -> ApiResult<Json<ApplicationOut>> {
    if !viewer.has_role(revans_domain::Role::Sponsor) {
        return Err(AppError::Forbidden.into());
    }
    let id = parse_id(&id)?;
    crate::actions::applications::sponsor_approve(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    let mut conn = state.store.conn().await?;
    let a = applications::get(&mut conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
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
/// made, a page at a time (the filters are applied to the programme's list, then paged).
#[utoipa::path(get, path = "/api/v1/programmes/{id}/applications", tag = "applications",
    params(("id" = String, Path, description = "The programme's id"), QueueParams),
    responses((status = 200, body = ApplicationsPage), (status = 404, body = crate::error_pages::ErrorBody), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
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
    let id = parse_id(&id)?;
    let mut conn = state.store.conn().await?;
    load_for_admin(
        &mut conn,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    let mut kept: Vec<Application> = applications::list_for_programme(&mut conn, &id, wanted)
        .await?
        .into_iter()
        .filter(|a| a.state != revans_domain::ApplicationState::Draft && filters.keeps(a))
        .collect();
    kept.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let page = Paged::from_sorted_list(kept, &window, |a| a.id.to_string());
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
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecisionIn>,
) -> ApiResult<Json<DecisionOut>> {
    let decided = decide(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &parse_id(&id)?,
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
    Path(id): Path<String>,
) -> ApiResult<Json<AllocationSummary>> {
    Ok(Json(
        allocate_places(
            &state,
            &Actor {
                viewer: &viewer,
                ip: &ip,
            },
            &parse_id(&id)?,
        )
        .await?,
    ))
}

/// Sets or lifts one organisation's nomination cap for the programme.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/caps", tag = "programmes", request_body = CapIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 204), (status = 422, body = crate::error_pages::ErrorBody), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn set_nomination_cap(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CapIn>,
) -> ApiResult<StatusCode> {
    let input = crate::actions::nomination_caps::CapInput {
        organisation_id: body.organisation_id,
        cap: body.cap.map(|c| c.to_string()).unwrap_or_default(),
    };
    crate::actions::nomination_caps::set_cap(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &parse_id(&id)?,
        &input,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
