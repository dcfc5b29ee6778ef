use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use revans_app::audit_log::AuditEntry;
use revans_app::paging;

use crate::auth::Admin;
use crate::error::PageResult;
use crate::layout::{Layout, render, when_in};
use crate::paging::{Cursor, PAGE_SIZE, Pagination, page_size, time_then_id};
use crate::state::AppState;

pub struct Row {
    pub entry: AuditEntry,
    pub at: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    rows: Vec<Row>,
    pagination: Pagination,
}

/// The log of the lead's organisations, newest first, a page at a time (keyset: the
/// `(at, id)` of the row the next page starts after).
pub async fn list(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(cursor): Query<Cursor>,
) -> PageResult<Response> {
    let seek = cursor.seek(time_then_id);
    let page = paging::audit(&state, &viewer, &seek, page_size(&state, PAGE_SIZE)).await?;
    let pagination = Pagination::new(&page, "/admin/audit", &[], |e| format!("{}:{}", e.at, e.id));
    let rows = page
        .items
        .into_iter()
        .map(|entry| Row {
            at: when_in(entry.at, viewer.timezone()),
            entry,
        })
        .collect();
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("nav-audit"),
        "/admin/audit",
    );
    render(&AuditPage {
        layout,
        rows,
        pagination,
    })
}
