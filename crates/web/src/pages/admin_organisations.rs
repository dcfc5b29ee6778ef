use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::ClientIp;
use crate::auth::{Admin, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::organisations::{self, Organisation};

pub struct OrgRow {
    pub org: Organisation,
    pub parent_name: String,
}

#[derive(Template)]
#[template(path = "admin_organisations.html")]
struct OrganisationsPage {
    layout: Layout,
    errors: Errors,
    rows: Vec<OrgRow>,
    name: String,
    parent: String,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Errors,
    name: String,
    parent: String,
    notice: Option<&str>,
) -> PageResult<OrganisationsPage> {
    let orgs = organisations::in_scope(state, viewer).await?;
    let rows = orgs
        .iter()
        .map(|o| OrgRow {
            parent_name: o
                .parent_id
                .as_ref()
                .and_then(|p| orgs.iter().find(|x| &x.id == p))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| crate::i18n::t("admin-top-level")),
            org: o.clone(),
        })
        .collect();
    Ok(OrganisationsPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("admin-organisations"),
            "/admin/organisations",
        )
        .with_errors(&errors)
        .with_notice(notice),
        errors,
        rows,
        name,
        parent,
    })
}

pub async fn list(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = (q.notice.as_deref() == Some("created"))
        .then(|| crate::i18n::t("admin-notice-organisation-added"));
    render(
        &page(
            &state,
            &viewer,
            Errors::default(),
            String::new(),
            String::new(),
            notice.as_deref(),
        )
        .await?,
    )
}

#[derive(serde::Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent: String,
}

pub async fn create(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> PageResult<Response> {
    match organisations::create(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &form.name,
        &form.parent,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/organisations?notice=created").into_response()),
        Err(e) => {
            let p = page(
                &state,
                &viewer,
                Errors::default(),
                form.name.clone(),
                form.parent.clone(),
                None,
            )
            .await?;
            form_error(e, |errors| OrganisationsPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}
