use axum::Json;
use axum::extract::State;

use crate::api::ApiQuery;
use crate::auth::ApiAdmin;
use crate::error::ApiResult;
use crate::state::AppState;
use revans_app::audit_log;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AuditEntryOut {
    pub id: String,
    /// Milliseconds since the Unix epoch, UTC.
    pub at: i64,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub detail: String,
    pub ip: String,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// At most 500; default 100.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// The audit log of the caller's organisations, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntryOut>), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEntryOut>>> {
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let offset = q.offset.unwrap_or(0).max(0);
    let entries = audit_log::entries(&state, &viewer, limit, offset).await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AuditEntryOut {
                id: e.id,
                at: e.at,
                actor_id: e.actor_id,
                actor_name: e.actor_name,
                action: e.action,
                subject_type: e.subject_type,
                subject_id: e.subject_id,
                detail: e.detail,
                ip: e.ip,
            })
            .collect(),
    ))
}
