//! The CPD portfolio (C10, issue 16) as pages: the portfolio (hours, certificates, evidence by
//! dimension), tagging evidence (form, check your answers, confirmation on the portfolio),
//! removing it, and the PDF export. Everyone signed in has their own and reads only that.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::portfolio::evidence::{self, CheckedEvidence, EvidenceInput, PortfolioChoices};
use revans_app::portfolio::frameworks::shipped;
use revans_app::portfolio::{Portfolio, export, portfolio};

use crate::auth::{SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::evaluation_results::download;
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NoticeQuery {
    notice: String,
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage {
    layout: Layout,
    p: Portfolio,
}

/// The viewer's portfolio.
pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let p = portfolio(&state, &viewer).await?;
    let notice = match q.notice.as_str() {
        "added" => Some(crate::i18n::t("portfolio-notice-added")),
        "removed" => Some(crate::i18n::t("portfolio-notice-removed")),
        _ => None,
    };
    render(&PortfolioPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("portfolio-title"),
            "/portfolio",
        )
        .with_notice(notice.as_deref()),
        p,
    })
}

/// What the evidence form sends: the item (`kind:id` or `kind:id:session`), dimensions as
/// `framework/key`, a note, and which button.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct EvidenceForm {
    item: String,
    dimensions: Vec<String>,
    note: String,
    action: String,
}

impl EvidenceForm {
    fn input(&self) -> EvidenceInput {
        let (kind, id, session) = evidence::split_item(&self.item);
        let mut framework = String::new();
        let mut keys = Vec::new();
        for d in &self.dimensions {
            let (f, k) = d.split_once('/').unwrap_or(("", d.as_str()));
            if framework.is_empty() {
                framework = f.to_owned();
            }
            // A dimension of a second framework is sent as a key the first does not have.
            keys.push(if f == framework {
                k.to_owned()
            } else {
                d.clone()
            });
        }
        if framework.is_empty() {
            // Nothing ticked: the use case then names the dimensions as missing.
            framework = shipped().id().to_owned();
        }
        EvidenceInput {
            kind,
            id,
            session,
            framework,
            dimensions: keys,
            note: self.note.clone(),
        }
    }

    fn ticked(&self, framework: &str, key: &str) -> bool {
        self.dimensions
            .iter()
            .any(|d| d.split_once('/') == Some((framework, key)))
    }
}

#[derive(Template)]
#[template(path = "portfolio_evidence_new.html")]
struct EvidenceFormPage {
    layout: Layout,
    errors: Errors,
    choices: PortfolioChoices,
    f: EvidenceForm,
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    f: EvidenceForm,
) -> PageResult<EvidenceFormPage> {
    let choices = evidence::choices(state, viewer).await?;
    Ok(EvidenceFormPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("portfolio-new-title"),
            "/portfolio",
        ),
        errors: Errors::default(),
        choices,
        f,
    })
}

/// The form: one of the viewer's own items, dimensions, a note.
pub async fn new_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    render(&form_page(&state, &viewer, EvidenceForm::default()).await?)
}

#[derive(Template)]
#[template(path = "portfolio_evidence_check.html")]
struct CheckPage {
    layout: Layout,
    f: EvidenceForm,
    c: CheckedEvidence,
}

/// Checks the answers (showing them back with Change links), goes back to change them, or
/// saves them (then the portfolio says so).
pub async fn submit(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    CsrfForm(f): CsrfForm<EvidenceForm>,
) -> PageResult<Response> {
    if f.action == "change" {
        return render(&form_page(&state, &viewer, f).await?);
    }
    let input = f.input();
    let outcome = if f.action == "save" {
        evidence::add(&state, &viewer, &input).await.map(|_| None)
    } else {
        evidence::check(&state, &viewer, &input).await.map(Some)
    };
    match outcome {
        Ok(None) => Ok(Redirect::to("/portfolio?notice=added").into_response()),
        Ok(Some(c)) => render(&CheckPage {
            layout: Layout::new(
                &state,
                Some(&viewer),
                viewer.csrf.clone(),
                crate::i18n::t("check-answers-title"),
                "/portfolio",
            ),
            f,
            c,
        }),
        Err(e) => {
            let page = form_page(&state, &viewer, f).await?;
            form_error(e, |errors| EvidenceFormPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Empty {}

/// Removes one of the viewer's own pieces of evidence (anyone else's is not found).
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    evidence::remove(&state, &viewer, &id).await?;
    Ok(Redirect::to("/portfolio?notice=removed").into_response())
}

/// The portfolio as a PDF.
pub async fn pdf(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let (name, bytes) = export::pdf(&state, &viewer).await?;
    Ok(download("application/pdf", name, bytes))
}
