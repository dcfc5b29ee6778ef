//! The results of a programme's evaluation, for its leads and evaluators: aggregates only
//! (8 or more people behind every figure), with the culture profiles drawn as charts beside
//! their tables.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::auth::SignedIn;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::evaluation::results::{self, Cultures, EvaluationResults};

#[derive(Template)]
#[template(path = "evaluation_results.html")]
struct ResultsPage {
    layout: Layout,
    r: EvaluationResults,
}

/// "3.25", or "Not shown" for a figure over fewer than 8 people.
pub fn figure(x: &Option<f64>) -> String {
    x.map_or_else(|| "Not shown".to_owned(), |v| format!("{v:.2}"))
}

pub fn signed(x: impl std::borrow::Borrow<f64>) -> String {
    let x = *x.borrow();
    if x > 0.0 {
        format!("+{x:.2}")
    } else {
        format!("{x:.2}")
    }
}

pub fn interval(ci: &Option<[f64; 2]>) -> String {
    ci.map_or_else(
        || "Not shown".to_owned(),
        |[lo, hi]| format!("{lo:.2} to {hi:.2}"),
    )
}

pub fn cultures(c: &Option<Cultures>) -> [String; 4] {
    match c {
        Some(c) => [c.clan, c.adhocracy, c.market, c.hierarchy].map(|v| format!("{v:.2}")),
        None => std::array::from_fn(|_| "Not shown".to_owned()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let r = results::results(&state, &viewer, &id).await?;
    render(&ResultsPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            "Evaluation results",
            "/admin/programmes",
        ),
        r,
    })
}
