//! Programme leads importing who manages whom (C3): a CSV with `email` and `manager_email`
//! columns. The whole file is checked first; one bad row rejects it with every row's problem,
//! and nothing is saved.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::reporting_lines;

#[derive(Template)]
#[template(path = "admin_reporting_lines.html")]
struct Page {
    layout: Layout,
    errors: Errors,
    csv: String,
    /// (person, manager) names as stored now.
    current: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Errors,
    csv: String,
    notice: Option<&str>,
) -> Result<Page, AppError> {
    let mut current: Vec<(String, String)> = reporting_lines::current(state, viewer)
        .await?
        .into_iter()
        .map(|l| (l.person_name, l.manager_name.unwrap_or_default()))
        .collect();
    current.sort();
    current.dedup();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t("admin-reporting-lines"),
        "/admin/people",
    )
    .with_errors(&errors)
    .with_notice(notice);
    Ok(Page {
        layout,
        errors,
        csv,
        current,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = (q.notice.as_deref() == Some("imported"))
        .then(|| crate::i18n::t("admin-notice-reporting-lines"));
    render(
        &page(
            &state,
            &viewer,
            Errors::default(),
            String::new(),
            notice.as_deref(),
        )
        .await?,
    )
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ImportForm {
    csv: String,
}

pub async fn import(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(f): CsrfForm<ImportForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match reporting_lines::import_csv(&state, &actor, &f.csv).await {
        Ok(n) => Ok(
            Redirect::to(&format!("/admin/reporting-lines?notice=imported&rows={n}"))
                .into_response(),
        ),
        Err(e) => {
            let p = page(&state, &viewer, Errors::default(), f.csv.clone(), None).await?;
            form_error(e, |errors| Page {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}
