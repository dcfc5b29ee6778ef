use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use revans_domain::EmailAddress;
use revans_storage::{audit, people, sessions};

use crate::auth::ClientIp;
use crate::auth::MaybeViewer;
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, render};
use crate::session;
use crate::state::AppState;
use revans_app::access::sign_in_guard;
use revans_app::security::verify_password;

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    errors: Errors,
    email: String,
}

#[derive(serde::Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

fn notice_text(key: Option<&str>) -> Option<&'static str> {
    match key? {
        "signed-out" => Some("You have signed out."),
        "password-reset" => Some("Your password has been changed. Sign in with your new password."),
        _ => None,
    }
}

pub async fn show(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    if viewer.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let layout = Layout::new(&state, None, anon.0, "Sign in", "/sign-in")
        .with_notice(notice_text(q.notice.as_deref()));
    render(&SignInPage {
        layout,
        errors: Errors::default(),
        email: String::new(),
    })
}

#[derive(serde::Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> PageResult<Response> {
    let mut errors = Errors::default();
    let email = errors.take(EmailAddress::parse(&form.email));
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let refuse = |errors: Errors, status: StatusCode| -> PageResult<Response> {
        let layout =
            Layout::new(&state, None, anon.0.clone(), "Sign in", "/sign-in").with_errors(&errors);
        let mut response = render(&SignInPage {
            layout,
            errors,
            email: form.email.clone(),
        })?;
        *response.status_mut() = status;
        Ok(response)
    };
    let Some(email) = email.filter(|_| !errors.any()) else {
        return refuse(errors, StatusCode::UNPROCESSABLE_ENTITY);
    };

    if !sign_in_guard::may_try(&state, &email, &ip).await? {
        errors.add(
            "email",
            format!(
                "Too many failed attempts to sign in from here. Wait {} minutes and try again, or reset your password.",
                sign_in_guard::WINDOW_MINUTES
            ),
        );
        return refuse(errors, StatusCode::TOO_MANY_REQUESTS);
    }

    let found = {
        let mut conn = state.store.conn().await?;
        people::find_by_email(&mut conn, &email).await?
    };
    let (person, hash) = match found {
        Some((p, h)) => (Some(p), h),
        None => (None, None),
    };
    let ok = verify_password(hash, &form.password).await?;
    let person = match person {
        Some(p) if ok => p,
        other => {
            sign_in_guard::record_failure(&state, &email, &ip, other.as_ref()).await?;
            // One message whichever was wrong, so the form does not reveal who has an account.
            errors.add("email", "Enter a correct email address and password");
            return refuse(errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    sign_in_guard::record_success(&state, &email, &ip).await?;

    let mut tx = state.store.begin().await?;
    let cookie = session::start(&state, &mut tx, &person.id).await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: Some(&person.id),
            actor_name: &person.name,
            action: "session.signed_in",
            subject_type: "person",
            subject_id: person.id.as_str(),
            detail: "Signed in with a password",
            ip: &ip,
            organisation_id: Some(&person.organisation_id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok((jar.add(cookie), Redirect::to("/")).into_response())
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
        let mut conn = state.store.conn().await?;
        sessions::delete(&mut conn, hash).await?;
    }
    Ok((
        jar.remove(session::removal(&state)),
        Redirect::to("/sign-in?notice=signed-out"),
    )
        .into_response())
}
