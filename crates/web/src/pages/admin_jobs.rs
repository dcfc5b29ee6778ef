//! Failed background jobs (dead letters) about the lead's people, with "Try again".

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::dead_letters::{self, TenantDeadLetter, kind_label};

use crate::auth::{Admin, ClientIp};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Layout, render, when_in};
use crate::pages::sign_in::Empty;
use crate::path_id::PathId;
use crate::state::AppState;

pub struct Row {
    pub job: TenantDeadLetter,
    pub kind: String,
    pub created: String,
    pub last_tried: String,
}

#[derive(Template)]
#[template(path = "admin_jobs_failed.html")]
struct FailedJobsPage {
    layout: Layout,
    rows: Vec<Row>,
    /// "Previous" and "Next" around this page.
    pagination: crate::paging::Pagination,
}

pub async fn failed(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(cursor): Query<crate::paging::Cursor>,
) -> PageResult<Response> {
    let zone = viewer.timezone();
    let seek = cursor.seek(crate::paging::time_then_id);
    let limit = crate::paging::page_size(&state, crate::paging::PAGE_SIZE);
    let page = dead_letters::page(&state, &viewer, &seek, limit).await?;
    let pagination = crate::paging::Pagination::new(&page, "/admin/jobs/failed", &[], |j| {
        format!("{}:{}", j.created_at, j.id)
    });
    let rows = page
        .items
        .into_iter()
        .map(|job| Row {
            kind: crate::i18n::t(kind_message_id(&job.kind)),
            created: when_in(job.created_at, zone),
            last_tried: when_in(job.run_at, zone),
            job,
        })
        .collect();
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("admin-failed-emails"),
        "/admin/jobs/failed",
    );
    render(&FailedJobsPage {
        layout,
        rows,
        pagination,
    })
}

pub async fn retry(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    dead_letters::retry(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(Redirect::to("/admin/jobs/failed").into_response())
}

/// The catalogue id of a job kind's name ([`kind_label`] in English).
fn kind_message_id(kind: &str) -> &'static str {
    match kind_label(kind) {
        "Email" => "admin-job-email",
        "Password reset request" => "admin-job-reset-request",
        _ => "admin-job-background",
    }
}
