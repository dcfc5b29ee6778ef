use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use revans_app::audit_log::AuditEntry;

use revans_app::audit_log;

use crate::auth::Admin;
use crate::error::PageResult;
use crate::layout::{Layout, render, when_in};
use crate::state::AppState;

const PAGE_SIZE: i64 = 50;

pub struct Row {
    pub entry: AuditEntry,
    pub at: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    rows: Vec<Row>,
    page: i64,
    has_next: bool,
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<PageQuery>,
) -> PageResult<Response> {
    let page = q.page.unwrap_or(1).max(1);
    // One more than a page, to know whether there is a next one.
    let entries =
        audit_log::entries(&state, &viewer, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
    let has_next = entries.len() > PAGE_SIZE as usize;
    let rows = entries
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|entry| Row {
            at: when_in(entry.at, viewer.timezone()),
            entry,
        })
        .collect();
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Audit log",
        "/admin/audit",
    );
    render(&AuditPage {
        layout,
        rows,
        page,
        has_next,
    })
}
