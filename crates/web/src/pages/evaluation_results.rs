//! The results of a programme's evaluation, for its leads and evaluators: aggregates only
//! (8 or more people behind every figure), with the culture profiles drawn as charts beside
//! their tables.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::auth::SignedIn;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::evaluation::report;
use revans_app::evaluation::results::{self, Cultures, EvaluationResults};

#[derive(Template)]
#[template(path = "evaluation_results.html")]
struct ResultsPage {
    layout: Layout,
    r: EvaluationResults,
    /// Per wave (same order): its culture-profile charts as SVG, each with its data table.
    charts: Vec<Vec<(String, revans_documents::Table)>>,
}

use crate::i18n::t;
use revans_i18n::decimal;

/// "3.25", or "Not shown" for a figure over fewer than 8 people.
pub fn figure(x: &Option<f64>) -> String {
    x.map_or_else(|| t("eval-not-shown"), |v| decimal(v, 2))
}

pub fn signed(x: impl std::borrow::Borrow<f64>) -> String {
    let x = *x.borrow();
    if x > 0.0 {
        format!("+{}", decimal(x, 2))
    } else {
        decimal(x, 2)
    }
}

pub fn interval(ci: &Option<[f64; 2]>) -> String {
    ci.map_or_else(
        || t("eval-not-shown"),
        |[lo, hi]| {
            crate::i18n::t_args(
                "eval-interval",
                &[
                    ("lo", crate::i18n::Arg::from(decimal(lo, 2))),
                    ("hi", crate::i18n::Arg::from(decimal(hi, 2))),
                ],
            )
        },
    )
}

pub fn cultures(c: &Option<Cultures>) -> [String; 4] {
    match c {
        Some(c) => [c.clan, c.adhocracy, c.market, c.hierarchy].map(|v| decimal(v, 2)),
        None => std::array::from_fn(|_| t("eval-not-shown")),
    }
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let r = results::results(&state, &viewer, &id).await?;
    let charts = r
        .waves
        .iter()
        .map(|w| {
            report::profile_charts(&w.name, &w.profiles)
                .iter()
                .map(|c| {
                    (
                        revans_documents::chart_svg(c),
                        revans_documents::chart_table(c),
                    )
                })
                .collect()
        })
        .collect();
    render(&ResultsPage {
        charts,
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            t("eval-results-title"),
            "/admin/programmes",
        ),
        r,
    })
}

/// A file name from a programme's title: letters, digits and dashes.
pub fn file_name(title: &str, extension: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("evaluation-{stem}.{extension}")
}

pub fn download(content_type: &'static str, name: String, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The report as a PDF.
pub async fn pdf(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let (title, bytes) = report::pdf(&state, &viewer, &id).await?;
    Ok(download("application/pdf", file_name(&title, "pdf"), bytes))
}

/// Every score as CSV.
pub async fn csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let (title, body) = report::csv(&state, &viewer, &id).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        file_name(&title, "csv"),
        body,
    ))
}

/// A mean with two decimals in the reader's language.
pub fn dec2(x: impl std::borrow::Borrow<f64>) -> String {
    decimal(*x.borrow(), 2)
}
