//! Sponsors over the API (C2): their own organisations' nominees with their progress, and
//! nominating someone. Approving is `POST /api/v1/applications/{id}/sponsor-approval`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_domain::Id;

use crate::api::applications::{ApplicationOut, application_out};
use crate::api::contracts::sponsor::NominationIn;
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiCaller, ClientIp};
use crate::error::{ApiResult, AppError};
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::applications::nominate;
use revans_app::places::sponsor::{nominees, require_sponsor};

/// A nominee's attendance in their set, once they are in a published one: a rate, never
/// what was said there.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AttendanceOut {
    pub set_name: String,
    pub present: u32,
    /// The meetings held while they were a member.
    pub meetings: u32,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct NomineeOut {
    pub application: ApplicationOut,
    pub attendance: Option<AttendanceOut>,
}

page_of!(NomineesPage, NomineeOut, "nominees");

/// Applications from the caller's sponsored organisations (nominations waiting for the
/// nominee included), with attendance once placed, in the order they were made, a page at a
/// time (a keyset query per sponsored organisation). Sponsors only.
#[utoipa::path(get, path = "/api/v1/sponsor/nominees", tag = "applications", params(PageParams),
    responses((status = 200, body = NomineesPage)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<NomineesPage>> {
    let window = params.window()?;
    let after = window.after_id()?;
    let seek = match after {
        Some(id) => revans_app::paging::Seek::After(id.to_string()),
        None => revans_app::paging::Seek::First,
    };
    let view = nominees(&state, &viewer, &seek, window.limit).await?;
    let has_more = view.nominees.has_next;
    let next_cursor = view
        .nominees
        .items
        .last()
        .filter(|_| has_more)
        .map(|n| crate::api::pagination::encode_cursor(n.application.id.as_str()));
    let page = Paged {
        items: view.nominees.items,
        has_more,
        next_cursor,
    }
    .map(|n| NomineeOut {
        application: application_out(n.application),
        attendance: n.attendance.map(|a| AttendanceOut {
            set_name: a.set_name,
            present: a.member.present,
            meetings: a.member.meetings,
        }),
    });
    Ok(Json(page.into()))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct NominatedOut {
    /// The nominee's name; they are emailed a link to complete their application.
    pub name: String,
}

/// Nominates someone of the sponsor's organisations for a programme taking applications,
/// within the organisation's cap. Any address the sponsor cannot nominate gets one answer.
#[utoipa::path(post, path = "/api/v1/sponsor/nominations", tag = "applications", request_body = NominationIn,
    responses((status = 201, body = NominatedOut)),
    security(("token" = [])))]
pub async fn nominate_one(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<NominationIn>,
) -> ApiResult<(StatusCode, Json<NominatedOut>)> {
    require_sponsor(&viewer)?;
    let programme = Id::parse(body.programme.trim())
        .ok_or_else(|| AppError::field("programme", "Choose a programme"))?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let name = nominate(&state, &actor, &programme, &body.email).await?;
    Ok((StatusCode::CREATED, Json(NominatedOut { name })))
}
