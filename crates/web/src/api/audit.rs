use axum::Json;
use axum::extract::State;

use crate::api::ApiQuery;
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::auth::ApiAdmin;
use crate::error::ApiResult;
use crate::state::AppState;
use revans_app::paging::audit_before;

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

page_of!(AuditPage, AuditEntryOut, "audit entries");

/// The audit log of the caller's organisations, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(PageParams),
    responses((status = 200, body = AuditPage), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<AuditPage>> {
    let window = params.window()?;
    let before = window.after_time_and_id()?;
    let rows = audit_before(
        &state,
        &viewer,
        before.as_ref().map(|(at, id)| (*at, id.as_str())),
        window.limit,
    )
    .await?;
    let page = Paged::from_rows(rows, window.limit, |e| format!("{}:{}", e.at, e.id));
    Ok(Json(
        page.map(|e| AuditEntryOut {
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
        .into(),
    ))
}
