//! Applicants: the application form (drafts saved), their applications and places, and
//! answering an offer.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::places::applying::{
    Application, CheckedApplication, application_form, check_application, my_application,
    my_applications,
};
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
            crate::i18n::t1("pub-programme-apply-for", "title", &p.fields.title),
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

/// The form's buttons: "check" (the form's main button) shows the answers to check, "change"
/// (from the check page) shows the form again with them, "save" keeps a draft, and "send"
/// (from the check page; also any other value, for a one-step post from a script) sends them.
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
    let result = match input.action.as_str() {
        "change" => {
            return render(
                &apply_page(&state, &viewer, &id, Some(&input), Errors::default()).await?,
            );
        }
        "save" => apply(&state, &actor, &programme_id, &input)
            .await
            .map(|_| Redirect::to("/applications?notice=saved").into_response()),
        "check" => match check_application(&state, &actor, &programme_id, &input).await {
            Ok(checked) => return render(&check_page(&state, &viewer, &id, checked, &input)),
            Err(e) => Err(e),
        },
        _ => {
            let send = ApplyInput {
                action: "submit".into(),
                ..input.clone()
            };
            apply(&state, &actor, &programme_id, &send)
                .await
                .map(|a| Redirect::to(&format!("/applications/{a}/sent")).into_response())
        }
    };
    match result {
        Ok(r) => Ok(r),
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

/// "Check your answers": what would be sent, each with a way back to change it; the values
/// travel in hidden fields, as nothing is saved until they send.
#[derive(Template)]
#[template(path = "apply_check.html")]
struct CheckPage {
    layout: Layout,
    programme_id: String,
    title: String,
    eligibility: Vec<String>,
    confirmations: Vec<String>,
    /// (index, question, answer).
    answers: Vec<(usize, String, String)>,
    preferences: Vec<String>,
    input: ApplyInput,
}

fn check_page(
    state: &AppState,
    viewer: &Viewer,
    id: &Id,
    c: CheckedApplication,
    input: &ApplyInput,
) -> CheckPage {
    CheckPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("pub-check-title"),
            "/programmes",
        ),
        programme_id: id.to_string(),
        title: c.programme.fields.title.clone(),
        eligibility: c.eligibility,
        confirmations: c.confirmations,
        answers: c
            .answers
            .into_iter()
            .enumerate()
            .map(|(i, (q, a))| (i, q, a))
            .collect(),
        preferences: c.preferences,
        input: input.clone(),
    }
}

#[derive(Template)]
#[template(path = "application_sent.html")]
struct SentPage {
    layout: Layout,
    a: Application,
}

/// The confirmation after sending: what happens next.
pub async fn sent(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let mine = my_application(&state, &viewer, &id).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("pub-sent-title"),
        "/applications",
    );
    render(&SentPage {
        layout,
        a: mine.application,
    })
}

#[derive(Template)]
#[template(path = "withdraw.html")]
struct WithdrawPage {
    layout: Layout,
    a: Application,
    /// What withdrawing gives up, in words.
    consequence: String,
}

/// "Are you sure?": what withdrawing will do and who will be told, before it is done.
pub async fn withdraw_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    use revans_domain::ApplicationState as S;
    let mine = my_application(&state, &viewer, &id).await?;
    if !mine.can_withdraw {
        return Err(crate::error::AppError::Conflict(format!(
            "Your application for {} is {} and can no longer be withdrawn",
            mine.application.programme_title,
            mine.application.state.label().to_lowercase()
        ))
        .into());
    }
    let a = mine.application;
    let cohort = a.cohort_name.clone().unwrap_or_default();
    let consequence_id = match a.state {
        S::Accepted => "pub-withdraw-consequence-accepted",
        S::Offered => "pub-withdraw-consequence-offered",
        S::Waitlisted => "pub-withdraw-consequence-waitlisted",
        S::Draft => "pub-withdraw-consequence-draft",
        _ => "pub-withdraw-consequence-other",
    };
    let consequence = crate::i18n::t1(consequence_id, "cohort", &cohort);
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("pub-withdraw-from-title", "title", &a.programme_title),
        "/applications",
    );
    render(&WithdrawPage {
        layout,
        a,
        consequence,
    })
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
        crate::i18n::t("nav-applications"),
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
