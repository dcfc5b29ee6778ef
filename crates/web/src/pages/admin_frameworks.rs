//! A tenant's own professional frameworks (C10, issue 16): its leads paste a framework file in
//! the shipped format, see every framework with its dimensions, and remove one that no
//! evidence is tagged against.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::portfolio::frameworks::{self, FrameworkInput, PortfolioFrameworkView};

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NoticeQuery {
    notice: String,
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct FrameworkForm {
    source: String,
}

#[derive(Template)]
#[template(path = "admin_frameworks.html")]
struct FrameworksPage {
    layout: Layout,
    errors: Errors,
    frameworks: Vec<PortfolioFrameworkView>,
    source: String,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    source: String,
    notice: Option<&str>,
) -> PageResult<FrameworksPage> {
    let frameworks = frameworks::for_lead(state, viewer).await?;
    Ok(FrameworksPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("portfolio-frameworks-title"),
            "/admin/frameworks",
        )
        .with_notice(notice),
        errors: Errors::default(),
        frameworks,
        source,
    })
}

/// The tenant's frameworks and the form to add one (leads only).
pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_str() {
        "added" => Some(crate::i18n::t("portfolio-frameworks-notice-added")),
        "removed" => Some(crate::i18n::t("portfolio-frameworks-notice-removed")),
        _ => None,
    };
    render(&page(&state, &viewer, String::new(), notice.as_deref()).await?)
}

/// Adds a framework from the pasted file; its problems, each with its line, otherwise.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(f): CsrfForm<FrameworkForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = FrameworkInput {
        source: f.source.clone(),
    };
    match frameworks::add(&state, &actor, &input).await {
        Ok(_) => Ok(Redirect::to("/admin/frameworks?notice=added").into_response()),
        Err(e) => {
            let p = page(&state, &viewer, f.source, None).await?;
            form_error(e, |errors| FrameworksPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Empty {}

/// Removes a framework nobody has tagged evidence against.
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    frameworks::remove(&state, &actor, &id).await?;
    Ok(Redirect::to("/admin/frameworks?notice=removed").into_response())
}
