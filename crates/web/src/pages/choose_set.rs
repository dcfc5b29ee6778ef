//! Choosing a set (self-selection, C3): the people with a place see the sets open for
//! choosing, who is in them by organisation, and which are closed to them and why.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::self_selection::{Choice, join};
use revans_app::sets::set_pages::set_choices;

#[derive(Template)]
#[template(path = "choose_set.html")]
struct Page {
    layout: Layout,
    errors: Errors,
    cohort_id: String,
    choices: Vec<Choice>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    cohort: &revans_domain::Id,
    errors: Errors,
    notice: Option<&str>,
) -> Result<Page, AppError> {
    let choices = set_choices(state, viewer, cohort).await?;
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t("sets-choose-title"),
        "/sets",
    )
    .with_errors(&errors)
    .with_notice(notice);
    Ok(Page {
        layout,
        errors,
        cohort_id: cohort.to_string(),
        choices,
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice =
        (q.notice.as_deref() == Some("joined")).then(|| crate::i18n::t("sets-choose-saved"));
    render(&page(&state, &viewer, &id, Errors::default(), notice.as_deref()).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct JoinForm {
    set: String,
}

pub async fn choose(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<JoinForm>,
) -> PageResult<Response> {
    // Someone without a place learns nothing about the cohort's sets.
    let p = page(&state, &viewer, &id, Errors::default(), None).await?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = match revans_domain::Id::parse(&f.set) {
        Some(set) => join(&state, &actor, &id, &set).await,
        None => Err(revans_app::Error::field("set", "Choose a set")),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/cohorts/{id}/choose?notice=joined")).into_response()),
        Err(e) => form_error(e, |errors| Page {
            layout: p.layout.with_errors(&errors),
            errors,
            ..p
        }),
    }
}
