//! Failed background jobs (dead letters) about the caller's people: the API side of the
//! "Failed emails" page.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::Actor;
use revans_app::dead_letters::{self, kind_label};

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

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FailedJobsOut {
    /// At most 200, newest first.
    pub items: Vec<FailedJobOut>,
}

/// Jobs about people in the caller's organisations that failed on every attempt.
#[utoipa::path(get, path = "/api/v1/jobs/failed", tag = "audit",
    responses((status = 200, body = FailedJobsOut), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn failed(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
) -> ApiResult<Json<FailedJobsOut>> {
    let items = dead_letters::in_scope(&state, &viewer)
        .await?
        .into_iter()
        .map(|j| FailedJobOut {
            kind_label: kind_label(&j.kind).to_owned(),
            id: j.id,
            kind: j.kind,
            recipient: j.recipient,
            person_name: j.person_name,
            attempts: j.attempts,
            last_error: j.last_error,
            created_at: j.created_at,
        })
        .collect();
    Ok(Json(FailedJobsOut { items }))
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
