use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;

use crate::auth::ClientIp;
use crate::auth::{MaybeViewer, safe_next};
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, render};
use crate::session;
use crate::state::AppState;
use revans_app::access::sessions;

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    errors: Errors,
    email: String,
    /// Where to go after signing in (a path here), kept through the form.
    next: String,
    /// One button per single sign-on provider (issue 17).
    sso: Vec<crate::pages::sso::SsoButton>,
    /// False hides the password form (single sign-on only).
    password_sign_in: bool,
}

#[derive(serde::Deserialize)]
pub struct SignInQuery {
    notice: Option<String>,
    next: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

fn notice_text(key: Option<&str>) -> Option<String> {
    match key? {
        "signed-out" => Some(crate::i18n::t("pub-signed-out")),
        "password-reset" => Some(crate::i18n::t("pub-password-changed-notice")),
        _ => None,
    }
}

pub async fn show(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    Query(q): Query<SignInQuery>,
) -> PageResult<Response> {
    let next = safe_next(q.next.as_deref());
    if viewer.is_some() {
        return Ok(Redirect::to(next.unwrap_or("/")).into_response());
    }
    let layout = Layout::new(
        &state,
        None,
        anon.0,
        crate::i18n::t("pub-sign-in"),
        "/sign-in",
    )
    .with_notice(notice_text(q.notice.as_deref()).as_deref());
    render(&SignInPage {
        layout,
        errors: Errors::default(),
        email: String::new(),
        next: next.unwrap_or_default().to_owned(),
        sso: crate::pages::sso::buttons(&state, next.unwrap_or_default()),
        password_sign_in: state.settings.password_sign_in,
    })
}

#[derive(serde::Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> PageResult<Response> {
    let refuse = |errors: Errors, status: StatusCode| -> PageResult<Response> {
        let layout = Layout::new(
            &state,
            None,
            anon.0.clone(),
            crate::i18n::t("pub-sign-in"),
            "/sign-in",
        )
        .with_errors(&errors);
        let next = safe_next(Some(&form.next)).unwrap_or_default();
        let mut response = render(&SignInPage {
            layout,
            errors,
            email: form.email.clone(),
            next: next.to_owned(),
            sso: crate::pages::sso::buttons(&state, next),
            password_sign_in: state.settings.password_sign_in,
        })?;
        *response.status_mut() = status;
        Ok(response)
    };
    if !state.settings.password_sign_in {
        return Err(crate::error::AppError::ForbiddenBecause(
            "Signing in with a password is turned off here. Use a single sign-on button on the sign-in page.".into(),
        )
        .into());
    }
    let hours = state.settings.session_hours;
    match sessions::sign_in(&state, &form.email, &form.password, &ip, hours).await {
        Ok(started) => {
            let cookie = session::cookie(&state, started);
            let to = safe_next(Some(&form.next)).unwrap_or("/");
            Ok((jar.add(cookie), Redirect::to(to)).into_response())
        }
        Err(revans_app::Error::Invalid(fields)) => {
            refuse(Errors(fields), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(revans_app::Error::TooManyRequests(why)) => {
            let mut errors = Errors::default();
            errors.add("email", why);
            refuse(errors, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(serde::Deserialize)]
pub struct Empty {}

pub async fn sign_out(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    if let Some(hash) = viewer.as_ref().and_then(|v| v.session_hash.as_deref()) {
        sessions::sign_out(&state, hash).await?;
    }
    Ok((
        jar.remove(session::removal(&state)),
        Redirect::to("/sign-in?notice=signed-out"),
    )
        .into_response())
}
