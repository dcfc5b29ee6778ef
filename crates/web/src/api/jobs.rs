//! Failed background jobs (dead letters) about the caller's people: the API side of the
//! "Failed emails" page.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::Actor;
use revans_app::dead_letters::{self, kind_label};

use crate::api::ApiQuery;
use crate::api::pagination::{PageParams, Paged, encode_cursor, page_of};
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FailedJobOut {
    pub id: String,
    /// `send_email` or `password_reset_request` (and so on).
    pub kind: String,
    /// The kind in words ("Email").
    pub kind_label: String,
    /// The address the job concerns.
    pub recipient: String,
    pub person_name: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// Milliseconds since the Unix epoch, UTC.
    pub created_at: i64,
}

page_of!(FailedJobsPage, FailedJobOut, "failed jobs");

/// Jobs about people in the caller's organisations that failed on every attempt, newest
/// first, a page at a time.
#[utoipa::path(get, path = "/api/v1/jobs/failed", tag = "audit", params(PageParams),
    responses((status = 200, body = FailedJobsPage), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn failed(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<FailedJobsPage>> {
    let window = params.window()?;
    let seek = match window.after_time_and_id()? {
        Some(key) => revans_app::paging::Seek::After(key),
        None => revans_app::paging::Seek::First,
    };
    let page = dead_letters::page(&state, &viewer, &seek, window.limit).await?;
    let has_more = page.has_next;
    let next_cursor = page
        .items
        .last()
        .filter(|_| has_more)
        .map(|j| encode_cursor(&format!("{}:{}", j.created_at, j.id)));
    let page = Paged {
        items: page.items,
        has_more,
        next_cursor,
    }
    .map(|j| FailedJobOut {
        kind_label: kind_label(&j.kind).to_owned(),
        id: j.id,
        kind: j.kind,
        recipient: j.recipient,
        person_name: j.person_name,
        attempts: j.attempts,
        last_error: j.last_error,
        created_at: j.created_at,
    });
    Ok(Json(page.into()))
}

/// Tries a failed job again from its first attempt. 404 unless it is a failed job about one of
/// the caller's people.
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", tag = "audit",
    params(("id" = String, Path, description = "The job's id")),
    responses((status = 204), (status = 403, body = crate::error_pages::ErrorBody), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn retry(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    dead_letters::retry(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
