//! Applicants: the application form (drafts saved), their applications and places, and
//! answering an offer.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::places::applying::{Application, application_form, my_applications};
use revans_app::places::catalogue::Programme;
use revans_domain::Id;

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::catalogue::{CohortView, cohort_views};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::applications::{ApplyInput, apply, respond as respond_action};

pub struct Statement {
    pub index: usize,
    pub text: String,
    pub checked: bool,
}

pub struct Question {
    pub index: usize,
    pub text: String,
    /// The answers to choose from; empty for a free-text question.
    pub options: Vec<String>,
    pub answer: String,
}

#[derive(Template)]
#[template(path = "apply.html")]
struct ApplyPage {
    layout: Layout,
    errors: Errors,
    p: Programme,
    eligibility: Vec<Statement>,
    confirmations: Vec<Statement>,
    questions: Vec<Question>,
    cohorts: Vec<CohortView>,
    /// The chosen cohort id per rank (blank if none).
    ranks: Vec<(usize, String)>,
}

fn statements(texts: &[String], given: &[String]) -> Vec<Statement> {
    texts
        .iter()
        .enumerate()
        .map(|(index, text)| Statement {
            index,
            text: text.clone(),
            checked: given.iter().any(|g| g == &index.to_string()),
        })
        .collect()
}

/// The form with what was typed (`None`: the saved draft, or blank).
async fn apply_page(
    state: &AppState,
    viewer: &Viewer,
    id: &Id,
    typed: Option<&ApplyInput>,
    errors: Errors,
) -> PageResult<ApplyPage> {
    let form = application_form(state, viewer, id).await?;
    let input = typed.unwrap_or(&form.draft);
    let p = form.programme;
    let cohorts = cohort_views(form.cohorts);
    let ranks = (0..cohorts.len())
        .map(|i| (i + 1, input.preferences.get(i).cloned().unwrap_or_default()))
        .collect();
    Ok(ApplyPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            format!("Apply for {}", p.fields.title),
            "/programmes",
        )
        .with_errors(&errors),
        errors,
        eligibility: statements(&p.fields.eligibility, &input.eligibility),
        confirmations: statements(&p.fields.confirmations, &input.confirmations),
        questions: p
            .fields
            .questions
            .iter()
            .enumerate()
            .map(|(index, line)| {
                let (text, options) = match revans_domain::Question::from_line(line) {
                    revans_domain::Question::Text(t) => (t, Vec::new()),
                    revans_domain::Question::Choice { text, options } => (text, options),
                };
                Question {
                    index,
                    text,
                    options,
                    answer: input.answers.get(index).cloned().unwrap_or_default(),
                }
            })
            .collect(),
        cohorts,
        ranks,
        p,
    })
}

pub async fn form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&apply_page(&state, &viewer, &id, None, Errors::default()).await?)
}

pub async fn submit(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(input): CsrfForm<ApplyInput>,
) -> PageResult<Response> {
    let programme_id = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match apply(&state, &actor, &programme_id, &input).await {
        Ok(_) => {
            let notice = if input.action == "save" {
                "saved"
            } else {
                "submitted"
            };
            Ok(Redirect::to(&format!("/applications?notice={notice}")).into_response())
        }
        Err(e) => {
            let page = apply_page(&state, &viewer, &id, Some(&input), Errors::default()).await?;
            form_error(e, |errors| ApplyPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

pub struct Row {
    pub a: Application,
    pub position: Option<i64>,
    pub expires: Option<String>,
    pub can_accept: bool,
    pub can_withdraw: bool,
}

#[derive(Template)]
#[template(path = "my_applications.html")]
struct MinePage {
    layout: Layout,
    rows: Vec<Row>,
}

pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let rows = my_applications(&state, &viewer)
        .await?
        .into_iter()
        .map(|m| Row {
            position: m.application.waitlist_rank,
            expires: m
                .application
                .offer_expires_at
                .map(|t| crate::layout::when_in(t, viewer.timezone())),
            can_accept: m.can_accept,
            can_withdraw: m.can_withdraw,
            a: m.application,
        })
        .collect();
    let notice = match q.notice.as_deref() {
        Some("saved") => Some("Your draft is saved. You can come back to it at any time."),
        Some("submitted") => Some("Application sent. We have emailed you a confirmation."),
        Some("accepted") => Some("Your place is confirmed. We have emailed you the sessions."),
        Some("declined") => Some("You have declined the place."),
        Some("withdrawn") => Some("You have withdrawn."),
        _ => None,
    };
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Your applications",
        "/applications",
    )
    .with_notice(notice);
    render(&MinePage { layout, rows })
}

#[derive(serde::Deserialize)]
pub struct RespondForm {
    #[serde(default)]
    response: String,
}

pub async fn respond(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<RespondForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let next = respond_action(&state, &actor, &id, &form.response).await?;
    Ok(Redirect::to(&format!("/applications?notice={}", next.as_str())).into_response())
}
