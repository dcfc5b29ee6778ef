use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::ClientIp;
use crate::auth::{SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::i18n::t;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;
use revans_app::access::accounts;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    layout: Layout,
    viewer: Viewer,
    errors: Errors,
    /// The person's own time zone, or "" to use each set's.
    timezone: String,
    /// The language the person chose (`en-GB`, `de`), or "" for the default.
    locale: &'static str,
    locales: [revans_domain::Locale; 2],
}

async fn page(
    state: &AppState,
    viewer: Viewer,
    errors: Errors,
    notice: Option<&str>,
    typed_zone: Option<String>,
) -> Result<AccountPage, crate::error::AppError> {
    let timezone = match typed_zone {
        Some(t) => t,
        None => accounts::timezone(state, &viewer)
            .await?
            .unwrap_or_default(),
    };
    let layout = Layout::new(
        state,
        Some(&viewer),
        viewer.csrf.clone(),
        t("account-title"),
        "/account",
    )
    .with_errors(&errors)
    .with_notice(notice);
    let locale = viewer.person.locale.map_or("", |l| l.tag());
    Ok(AccountPage {
        layout,
        viewer,
        errors,
        timezone,
        locale,
        locales: revans_domain::Locale::ALL,
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_deref() {
        Some("password-changed") => Some("account-password-changed"),
        Some("timezone") => Some("account-timezone-saved"),
        Some("language") => Some("account-language-saved"),
        _ => None,
    }
    .map(t);
    render(&page(&state, viewer, Errors::default(), notice.as_deref(), None).await?)
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
        viewer.session_hash.as_deref(),
        &ip,
        &form.current,
        &form.password,
        &form.confirm,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/account?notice=password-changed").into_response()),
        Err(e) => {
            let p = page(&state, viewer, Errors::default(), None, None).await?;
            form_error(e, |errors| AccountPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct TimezoneForm {
    timezone: String,
}

/// Saves the person's own time zone (blank: show each set's).
pub async fn change_timezone(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    CsrfForm(form): CsrfForm<TimezoneForm>,
) -> PageResult<Response> {
    let typed = form.timezone.trim().to_owned();
    match accounts::set_timezone(&state, &viewer, &typed).await {
        Ok(()) => Ok(Redirect::to("/account?notice=timezone").into_response()),
        Err(e) => {
            let p = page(&state, viewer, Errors::default(), None, Some(typed)).await?;
            form_error(e, |errors| AccountPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct LocaleForm {
    locale: String,
}

/// Saves the language the person reads Revans in (blank: the organisation's default).
pub async fn change_locale(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    CsrfForm(form): CsrfForm<LocaleForm>,
) -> PageResult<Response> {
    match accounts::set_locale(&state, &viewer, &form.locale).await {
        Ok(()) => Ok(Redirect::to("/account?notice=language").into_response()),
        Err(e) => {
            let p = page(&state, viewer, Errors::default(), None, None).await?;
            form_error(e, |errors| AccountPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}
