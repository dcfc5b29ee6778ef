//! Programmes and cohorts over the API: the same actions as the pages. Applications and
//! places are in `applications.rs`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::now_ms;
use revans_app::places::catalogue::{Cohort, Programme, catalogue_after};
use revans_app::places::programme_admin::programme_with_cohorts;
use revans_domain::{ProgrammeStatus, Session};

use crate::api::contracts::cohorts::CohortIn;
use crate::api::contracts::programmes::{CapIn, ProgrammeIn, StatusIn};
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::programmes::{add_cohort, create, set_status};

pub(crate) fn rfc3339(ms: i64) -> String {
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
pub struct Created {
    pub id: String,
}

page_of!(ProgrammesPage, ProgrammeOut, "programmes");

/// The published catalogue, in the order programmes were added, a page at a time (keyset on
/// the id, read a page at a time: a national catalogue holds hundreds of programmes).
#[utoipa::path(get, path = "/api/v1/programmes", tag = "programmes", params(PageParams),
    responses((status = 200, body = ProgrammesPage), (status = 401, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(_caller): ApiCaller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<ProgrammesPage>> {
    let window = params.window()?;
    let published = catalogue_after(&state, window.after.as_deref(), window.limit).await?;
    let page = Paged::from_rows(published, window.limit, |e| e.programme.id.to_string());
    Ok(Json(
        page.map(|e| {
            let cohorts = e
                .cohorts
                .into_iter()
                .map(|c| (c.cohort, c.sessions))
                .collect();
            programme_out(e.programme, cohorts)
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
    PathId(id): PathId,
    ApiJson(body): ApiJson<CohortIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let body = body.try_into()?;
    let id = add_cohort(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
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
    PathId(id): PathId,
    ApiJson(body): ApiJson<StatusIn>,
) -> ApiResult<Json<ProgrammeOut>> {
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
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let (p, cohorts) = programme_with_cohorts(&state, &actor, &id).await?;
    Ok(Json(programme_out(p, cohorts)))
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
    PathId(id): PathId,
    ApiJson(body): ApiJson<CapIn>,
) -> ApiResult<StatusCode> {
    let input = revans_app::places::nomination_caps::CapInput {
        organisation_id: body.organisation_id,
        cap: body.cap.map(|c| c.to_string()).unwrap_or_default(),
    };
    revans_app::places::nomination_caps::set_cap(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &input,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
