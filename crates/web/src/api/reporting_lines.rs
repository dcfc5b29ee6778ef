//! Importing reporting lines over the API (C3): a CSV with the header `email,manager_email`
//! (`Content-Type: text/csv`), or the same rows as JSON. Either way every row is checked
//! first, one bad row refuses them all naming each row's problem, and nothing is saved.

use axum::Json;
use axum::extract::State;
use revans_domain::ReportingRow;

use crate::api::contracts::reporting_lines::ReportingLinesIn;
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::{ApiJsonOrCsv, ApiQuery};
use crate::auth::{ApiAdmin, ClientIp};
use crate::error::ApiResult;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::reporting_lines::{RowsFrom, current, import, import_csv};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ReportingLineOut {
    pub person_id: String,
    pub person_name: String,
    pub email: String,
    pub manager_id: String,
    /// Null for a manager outside the caller's organisations.
    pub manager_name: Option<String>,
    pub manager_email: Option<String>,
}

page_of!(ReportingLinesPage, ReportingLineOut, "reporting lines");

/// Who manages whom among the people of the caller's organisations, by person, a page at a
/// time (read whole, as the reporting-lines page reads them, and paged here).
#[utoipa::path(get, path = "/api/v1/reporting-lines", tag = "people", params(PageParams),
    responses((status = 200, body = ReportingLinesPage)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<ReportingLinesPage>> {
    let window = params.window()?;
    let lines = current(&state, &viewer).await?;
    let page = Paged::from_sorted_list(lines, &window, |l| l.person_id.to_string());
    Ok(Json(
        page.map(|l| ReportingLineOut {
            person_id: l.person_id.to_string(),
            person_name: l.person_name,
            email: l.person_email,
            manager_id: l.manager_id.to_string(),
            manager_name: l.manager_name,
            manager_email: l.manager_email,
        })
        .into(),
    ))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ImportedOut {
    /// The rows saved.
    pub rows: usize,
}

/// Sets who manages whom for the people listed; sets formed from now on keep each management
/// chain apart. A CSV's problems name `csv` and the file's row (row 1 is the header); JSON's
/// name the item, like `lines[2].manager_email`.
#[utoipa::path(post, path = "/api/v1/reporting-lines", tag = "people",
    request_body(content(
        (ReportingLinesIn = "application/json"),
        (String = "text/csv", example = "email,manager_email\nann@example.org,bob@example.org\n"),
    )),
    responses((status = 200, body = ImportedOut)),
    security(("token" = [])))]
pub async fn import_lines(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    body: ApiJsonOrCsv<ReportingLinesIn>,
) -> ApiResult<Json<ImportedOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let rows = match body {
        ApiJsonOrCsv::Csv(text) => import_csv(&state, &actor, &text).await?,
        ApiJsonOrCsv::Json(body) => {
            let rows: Vec<ReportingRow> = body
                .lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| ReportingRow {
                    row: i,
                    email: l.email,
                    manager_email: l.manager_email.filter(|m| !m.trim().is_empty()),
                })
                .collect();
            import(&state, &actor, &rows, RowsFrom::Json).await?
        }
    };
    Ok(Json(ImportedOut { rows }))
}
