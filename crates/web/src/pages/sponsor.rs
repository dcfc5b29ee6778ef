//! Sponsors: their own organisation's nominees (never another organisation's) and approving
//! them.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_domain::{Id, Role};
use revans_storage::applications::{self, Application};

use crate::actions::Actor;
use crate::actions::applications::sponsor_approve;
use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
use crate::pages::sign_in::{Empty, NoticeQuery};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "sponsor.html")]
struct Page {
    layout: Layout,
    rows: Vec<Application>,
}

fn require_sponsor(viewer: &crate::auth::Viewer) -> Result<Vec<Id>, AppError> {
    let roots: Vec<Id> = viewer
        .roles
        .iter()
        .filter(|g| g.role == Role::Sponsor)
        .map(|g| g.organisation_id.clone())
        .collect();
    if roots.is_empty() {
        Err(AppError::Forbidden)
    } else {
        Ok(roots)
    }
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let roots = require_sponsor(&viewer)?;
    let mut conn = state.store.conn().await?;
    let mut rows: Vec<Application> = Vec::new();
    for root in roots {
        for a in applications::list_from_tree(&mut conn, &root).await? {
            if !rows.iter().any(|r| r.id == a.id) {
                rows.push(a);
            }
        }
    }
    let notice = (q.notice.as_deref() == Some("approved"))
        .then_some("Approved. The programme team will now review it.");
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Your nominees",
        "/sponsor",
    )
    .with_notice(notice);
    render(&Page { layout, rows })
}

pub async fn approve(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    require_sponsor(&viewer)?;
    let id = Id::parse(&id).ok_or(AppError::NotFound)?;
    sponsor_approve(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(Redirect::to("/sponsor/applications?notice=approved").into_response())
}
