use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::actions::accounts;
use crate::auth::ClientIp;
use crate::auth::{SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    layout: Layout,
    viewer: Viewer,
    errors: Errors,
}

fn page(state: &AppState, viewer: Viewer, errors: Errors, notice: Option<&str>) -> AccountPage {
    let layout = Layout::new(
        state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Your account",
        "/account",
    )
    .with_errors(&errors)
    .with_notice(notice);
    AccountPage {
        layout,
        viewer,
        errors,
    }
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_deref() {
        Some("password-changed") => {
            Some("Your password has been changed. You have been signed out on other devices.")
        }
        _ => None,
    };
    render(&page(&state, viewer, Errors::default(), notice))
}

#[derive(serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> PageResult<Response> {
    match accounts::change_password(
        &state,
        &viewer,
        &ip,
        &form.current,
        &form.password,
        &form.confirm,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/account?notice=password-changed").into_response()),
        Err(e) => form_error(e, |errors| page(&state, viewer, errors, None)),
    }
}
