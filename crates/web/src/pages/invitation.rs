//! Accepting an invitation: the emailed link lets the invitee choose a password, then signs
//! them in.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;

use crate::auth::ClientIp;
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::password_reset::{ChooseForm, ChoosePage, link_problem};
use crate::session;
use crate::state::AppState;
use revans_app::access::accounts::{self, TokenPurpose};
use revans_app::access::sessions;

fn next_step() -> String {
    crate::i18n::t("pub-invitation-next")
}

fn page(state: &AppState, anon: &AnonCsrf, token: &str, errors: Errors) -> ChoosePage {
    ChoosePage {
        layout: Layout::new(
            state,
            None,
            anon.0.clone(),
            crate::i18n::t("pub-invitation-title"),
            "",
        )
        .with_errors(&errors),
        errors,
        heading: crate::i18n::t("pub-invitation-title"),
        intro: crate::i18n::t1(
            "pub-invitation-intro",
            "tenant",
            state.settings.tenant_name.as_str(),
        ),
        action: format!("/invitations/{token}"),
        button: crate::i18n::t("pub-invitation-accept"),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    Path(token): Path<String>,
) -> PageResult<Response> {
    let status = accounts::inspect_token(&state, &token, TokenPurpose::Invitation).await?;
    if let Some(problem) = accounts::token_problem(&status, "invitation") {
        return link_problem(&state, &anon, problem, next_step());
    }
    render(&page(&state, &anon, &token, Errors::default()))
}

pub async fn accept(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    Path(token): Path<String>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<ChooseForm>,
) -> PageResult<Response> {
    match accounts::set_password_with_token(
        &state,
        &token,
        TokenPurpose::Invitation,
        &form.password,
        &form.confirm,
        &ip,
    )
    .await
    {
        Ok(Ok(person_id)) => {
            let started =
                sessions::start_now(&state, &person_id, state.settings.session_hours).await?;
            let cookie = session::cookie(&state, started);
            Ok((jar.add(cookie), Redirect::to("/")).into_response())
        }
        Ok(Err(status)) => {
            let problem = accounts::token_problem(&status, "invitation").unwrap_or_default();
            link_problem(&state, &anon, problem, next_step())
        }
        Err(e) => form_error(e, |errors| page(&state, &anon, &token, errors)),
    }
}
