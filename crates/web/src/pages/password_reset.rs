//! "Forgotten your password?": ask for a link by email, then choose a new password.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use revans_domain::EmailAddress;

use crate::auth::ClientIp;
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::state::AppState;
use revans_app::access::accounts::{self, TokenPurpose};
use revans_app::access::password_reset;

#[derive(Template)]
#[template(path = "reset_request.html")]
struct RequestPage {
    layout: Layout,
    errors: Errors,
    email: String,
    sent: bool,
}

pub async fn request_form(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
) -> PageResult<Response> {
    let layout = Layout::new(
        &state,
        None,
        anon.0,
        crate::i18n::t("pub-reset-title"),
        "/password-reset",
    );
    render(&RequestPage {
        layout,
        errors: Errors::default(),
        email: String::new(),
        sent: false,
    })
}

#[derive(serde::Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    email: String,
}

pub async fn request_submit(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> PageResult<Response> {
    let result = match EmailAddress::parse(&form.email) {
        Ok(email) => password_reset::request_reset(&state, &email, &ip).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => {
            let layout = Layout::new(
                &state,
                None,
                anon.0,
                crate::i18n::t("pub-reset-sent-title"),
                "/password-reset",
            );
            render(&RequestPage {
                layout,
                errors: Errors::default(),
                email: form.email,
                sent: true,
            })
        }
        Err(e) => form_error(e, |errors| RequestPage {
            layout: Layout::new(
                &state,
                None,
                anon.0.clone(),
                crate::i18n::t("pub-reset-title"),
                "/password-reset",
            )
            .with_errors(&errors),
            errors,
            email: form.email.clone(),
            sent: false,
        }),
    }
}

#[derive(Template)]
#[template(path = "choose_password.html")]
pub struct ChoosePage {
    pub layout: Layout,
    pub errors: Errors,
    pub heading: String,
    pub intro: String,
    pub action: String,
    pub button: String,
}

#[derive(Template)]
#[template(path = "link_problem.html")]
pub struct LinkProblemPage {
    pub layout: Layout,
    pub problem: String,
    pub next_step: String,
}

pub fn link_problem(
    state: &AppState,
    anon: &AnonCsrf,
    problem: String,
    next_step: String,
) -> PageResult<Response> {
    let layout = Layout::new(
        state,
        None,
        anon.0.clone(),
        crate::i18n::t("pub-link-problem-title"),
        "",
    );
    let mut response = render(&LinkProblemPage {
        layout,
        problem,
        next_step,
    })?;
    *response.status_mut() = StatusCode::GONE;
    Ok(response)
}

fn reset_next() -> String {
    crate::i18n::t("pub-reset-next")
}

fn choose_page(state: &AppState, anon: &AnonCsrf, token: &str, errors: Errors) -> ChoosePage {
    ChoosePage {
        layout: Layout::new(
            state,
            None,
            anon.0.clone(),
            crate::i18n::t("pub-choose-title"),
            "",
        )
        .with_errors(&errors),
        errors,
        heading: crate::i18n::t("pub-choose-title"),
        intro: crate::i18n::t("pub-choose-intro"),
        action: format!("/password-reset/{token}"),
        button: crate::i18n::t("pub-choose-save"),
    }
}

pub async fn choose_form(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    Path(token): Path<String>,
) -> PageResult<Response> {
    let status = accounts::inspect_token(&state, &token, TokenPurpose::PasswordReset).await?;
    if let Some(problem) = accounts::token_problem(&status, "password reset") {
        return link_problem(&state, &anon, problem, reset_next());
    }
    render(&choose_page(&state, &anon, &token, Errors::default()))
}

#[derive(serde::Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

pub async fn choose_submit(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    Path(token): Path<String>,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<ChooseForm>,
) -> PageResult<Response> {
    match accounts::set_password_with_token(
        &state,
        &token,
        TokenPurpose::PasswordReset,
        &form.password,
        &form.confirm,
        &ip,
    )
    .await
    {
        Ok(Ok(_)) => Ok(Redirect::to("/sign-in?notice=password-reset").into_response()),
        Ok(Err(status)) => {
            let problem = accounts::token_problem(&status, "password reset").unwrap_or_default();
            link_problem(&state, &anon, problem, reset_next())
        }
        Err(e) => form_error(e, |errors| choose_page(&state, &anon, &token, errors)),
    }
}
