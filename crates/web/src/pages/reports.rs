//! Reports of aggregates across sets, for programme leads and evaluators: counts only, after
//! the small-number rule, never what anyone wrote.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::diaries::themes::{
    ThemesReport, save_vocabulary as save_vocabulary_action, themes as themes_report, vocabulary,
};

#[derive(Template)]
#[template(path = "themes.html")]
struct ThemesPage {
    layout: Layout,
    errors: Errors,
    report: ThemesReport,
    can_edit: bool,
    themes: String,
}

async fn themes_page(
    state: &AppState,
    viewer: &Viewer,
    themes: Option<&str>,
    notice: Option<&str>,
) -> PageResult<ThemesPage> {
    let report = themes_report(state, viewer).await?;
    let themes = match themes {
        Some(t) => t.to_owned(),
        None => vocabulary(state, viewer).await?,
    };
    Ok(ThemesPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            "Themes of problems",
            "/reports/themes",
        )
        .with_notice(notice),
        errors: Errors::default(),
        report,
        can_edit: viewer.is_admin(),
        themes,
    })
}

pub async fn themes(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = (q.notice.as_deref() == Some("saved")).then_some("The theme list is saved.");
    render(&themes_page(&state, &viewer, None, notice).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct VocabularyForm {
    themes: String,
}

pub async fn save_vocabulary(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<VocabularyForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match save_vocabulary_action(&state, &actor, &form.themes).await {
        Ok(()) => Ok(Redirect::to("/reports/themes?notice=saved").into_response()),
        Err(e) => {
            let page = themes_page(&state, &viewer, Some(&form.themes), None).await?;
            form_error(e, |errors| ThemesPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "sets_overview.html")]
struct SetsOverviewPage {
    layout: Layout,
    rows: Vec<revans_app::sets::sets_overview::CohortSetsRow>,
}

/// How the sets are going, per cohort: leads and evaluators.
pub async fn sets_overview(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let rows = revans_app::sets::sets_overview::overview(&state, &viewer).await?;
    render(&SetsOverviewPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            "How the sets are going",
            "/reports/sets",
        ),
        rows,
    })
}
