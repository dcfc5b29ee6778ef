//! Reports of aggregates across sets, for programme leads and evaluators: counts only, after
//! the small-number rule, never what anyone wrote.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::paging::{Cursor, Pagination, id_then_text, page_size};
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
            crate::i18n::t("reports-themes-title"),
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
    let notice =
        (q.notice.as_deref() == Some("saved")).then(|| crate::i18n::t("reports-themes-saved"));
    render(&themes_page(&state, &viewer, None, notice.as_deref()).await?)
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
    pagination: Pagination,
}

/// Programmes a page of the sets overview shows (each with all its cohorts, about ten).
pub const OVERVIEW_PROGRAMMES: usize = 10;

/// How the sets are going, per cohort, a page of programmes at a time: leads and evaluators.
pub async fn sets_overview(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(cursor): Query<Cursor>,
) -> PageResult<Response> {
    let seek = cursor.seek(id_then_text);
    let page = revans_app::sets::sets_overview::overview_page(
        &state,
        &viewer,
        &seek,
        page_size(&state, OVERVIEW_PROGRAMMES),
    )
    .await?;
    let pagination = Pagination::new(&page.programmes, "/reports/sets", &[], |(id, title)| {
        format!("{id}:{title}")
    });
    render(&SetsOverviewPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("reports-sets-title"),
            "/reports/sets",
        ),
        rows: page.rows,
        pagination,
    })
}

/// A count after the small-number rule, as a spreadsheet cell.
fn small(n: Option<u32>) -> String {
    n.map_or_else(|| "Fewer than 8".to_owned(), |v| v.to_string())
}

fn csv_file(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The sets overview as CSV, one row per cohort, with the same suppression as the page.
pub async fn sets_overview_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let rows = revans_app::sets::sets_overview::overview(&state, &viewer).await?;
    let cells: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            vec![
                r.programme,
                r.cohort,
                r.sets.to_string(),
                small(r.members),
                r.meetings_held.to_string(),
                r.meetings_planned.to_string(),
                attendance_cell(r.attendance_percent, r.meetings_held),
                small(r.problems),
                small(r.diary_entries),
            ]
        })
        .collect();
    let header = [
        "Programme",
        "Cohort",
        "Sets",
        "Members",
        "Meetings held",
        "Meetings planned",
        "Attendance (%)",
        "Problems brought",
        "Diary entries",
    ];
    Ok(csv_file(
        "sets-overview.csv",
        crate::csv_export::render(&header, &cells),
    ))
}

fn attendance_cell(percent: Option<u32>, held: usize) -> String {
    match percent {
        Some(p) => p.to_string(),
        None if held == 0 => "No meetings yet".to_owned(),
        None => "Not shown: fewer than 8 people".to_owned(),
    }
}

/// Attendance per published set as CSV: never a name, counts after the small-number rule.
pub async fn attendance_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let rows = revans_app::sets::sets_overview::attendance_by_set(&state, &viewer).await?;
    let cells: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            vec![
                r.programme,
                r.cohort,
                r.set,
                small(r.members),
                r.meetings_held.to_string(),
                r.meetings_planned.to_string(),
                attendance_cell(r.attendance_percent, r.meetings_held),
            ]
        })
        .collect();
    let header = [
        "Programme",
        "Cohort",
        "Set",
        "Members",
        "Meetings held",
        "Meetings planned",
        "Attendance (%)",
    ];
    Ok(csv_file(
        "attendance-by-set.csv",
        crate::csv_export::render(&header, &cells),
    ))
}
