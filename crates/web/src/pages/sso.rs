//! Single sign-on pages (issue 17): leaving for a provider, and coming back. Every refusal is
//! a page saying what happened (400 for a sign-in that cannot be finished, 403 for someone the
//! tenant does not let in this way, 502 for a provider that cannot be reached), and changes
//! nothing.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use revans_app::sso;

use crate::auth::{ClientIp, MaybeViewer, safe_next};
use crate::csrf::AnonCsrf;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
use crate::session;
use crate::sso::client::{self, OidcFailure};
use crate::state::AppState;

/// Holds the `state` of a sign-in in progress, so the callback is finished only by the browser
/// that started it (a login CSRF defence on top of the stored, single-use state).
const STATE_COOKIE: &str = "revans_sso_state";

/// One button on the sign-in page.
pub struct SsoButton {
    pub href: String,
    pub label: String,
}

/// The tenant's providers as sign-in buttons, each carrying `next` on.
pub fn buttons(state: &AppState, next: &str) -> Vec<SsoButton> {
    state
        .settings
        .oidc_providers
        .iter()
        .map(|p| SsoButton {
            href: if next.is_empty() {
                format!("/sign-in/sso/{}", p.id)
            } else {
                let q: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", next)
                    .finish();
                format!("/sign-in/sso/{}?{q}", p.id)
            },
            label: p.label.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "sso_refused.html")]
struct RefusedPage {
    layout: Layout,
    heading: String,
    message: String,
}

fn refused(
    state: &AppState,
    anon: &AnonCsrf,
    status: StatusCode,
    message: String,
) -> PageResult<Response> {
    let heading = crate::i18n::t(if status == StatusCode::BAD_GATEWAY {
        "sso-unavailable-heading"
    } else {
        "sso-refused-heading"
    });
    let layout = Layout::new(state, None, anon.0.clone(), heading.clone(), "/sign-in");
    let mut response = render(&RefusedPage {
        layout,
        heading,
        // The reasons are written in English where they are decided; the catalogue has the
        // fixed ones (`errors.ftl`).
        message: crate::i18n::error_message(&message),
    })?;
    *response.status_mut() = status;
    Ok(response)
}

fn unavailable(
    state: &AppState,
    anon: &AnonCsrf,
    label: &str,
    cause: &str,
) -> PageResult<Response> {
    tracing::warn!(
        provider = label,
        cause,
        "single sign-on provider unavailable"
    );
    refused(
        state,
        anon,
        StatusCode::BAD_GATEWAY,
        crate::i18n::t1("sso-unreachable", "provider", label),
    )
}

#[derive(serde::Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /sign-in/sso/{provider}`: sends the browser to the provider.
pub async fn start(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    Path(provider_id): Path<String>,
    Query(q): Query<StartQuery>,
    jar: CookieJar,
) -> PageResult<Response> {
    let Some(provider) = crate::sso::provider(&state, &provider_id) else {
        return Err(AppError::NotFound.into());
    };
    let next = safe_next(q.next.as_deref()).unwrap_or_default().to_owned();
    if viewer.is_some() {
        return Ok(Redirect::to(if next.is_empty() { "/" } else { &next }).into_response());
    }
    let redirect_uri = crate::sso::redirect_uri(&state, provider);
    let auth = match client::authorise(provider, &redirect_uri).await {
        Ok(auth) => auth,
        Err(OidcFailure::Unavailable(cause) | OidcFailure::Refused(cause)) => {
            return unavailable(&state, &anon, &provider.label, &cause);
        }
    };
    sso::begin(
        &state,
        &provider.id,
        &auth.state,
        &auth.nonce,
        &auth.pkce_verifier,
        &next,
    )
    .await?;
    let cookie = Cookie::build((state.settings.cookie_name(STATE_COOKIE), auth.state))
        .path("/")
        .http_only(true)
        .secure(state.settings.cookie_secure())
        // Lax: the provider's redirect back is a top-level GET, which carries it. A session
        // cookie: the stored state expires after `sso::PENDING_MINUTES` whatever it says.
        .same_site(SameSite::Lax)
        .build();
    Ok((jar.add(cookie), Redirect::to(&auth.url)).into_response())
}

#[derive(serde::Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /sign-in/sso/{provider}/callback`: the provider sends the browser back here.
pub async fn callback(
    State(state): State<AppState>,
    Extension(anon): Extension<AnonCsrf>,
    ClientIp(ip): ClientIp,
    Path(provider_id): Path<String>,
    Query(q): Query<CallbackQuery>,
    jar: CookieJar,
) -> PageResult<Response> {
    let Some(provider) = crate::sso::provider(&state, &provider_id) else {
        return Err(AppError::NotFound.into());
    };
    let cookie_name = state.settings.cookie_name(STATE_COOKIE);
    let removal = Cookie::build((cookie_name.clone(), ""))
        .path("/")
        .secure(state.settings.cookie_secure())
        .build();
    let jar_cleared = jar.clone().remove(removal);
    let bad = |message: String| -> PageResult<Response> {
        let page = refused(&state, &anon, StatusCode::BAD_REQUEST, message)?;
        Ok((jar_cleared.clone(), page).into_response())
    };
    if let Some(error) = q.error.as_deref() {
        let said = q
            .error_description
            .as_deref()
            .map(|d| format!(" It said: \"{}\".", d.chars().take(200).collect::<String>()))
            .unwrap_or_default();
        return bad(format!(
            "{} did not sign you in ({error}).{said} Start again from the sign-in page, or sign in another way.",
            provider.label
        ));
    }
    let (Some(code), Some(returned_state)) = (q.code.as_deref(), q.state.as_deref()) else {
        return bad(format!(
            "The address {} sent you back to is missing part of the sign-in (its code or state). Start again from the sign-in page.",
            provider.label
        ));
    };
    let expected = jar.get(&cookie_name).map(|c| c.value().to_owned());
    if !expected.is_some_and(|e| revans_app::security::same_secret(&e, returned_state)) {
        return bad(
            "This sign-in was not started from this browser, or the address was changed on the way (its state does not match). Start again from the sign-in page.".into(),
        );
    }
    let pending = match sso::take(&state, &provider.id, returned_state).await {
        Ok(p) => p,
        Err(revans_app::Error::Invalid(fields)) => {
            let message = fields
                .into_iter()
                .map(|f| f.message)
                .collect::<Vec<_>>()
                .join(" ");
            return bad(message);
        }
        Err(other) => return Err(other.into()),
    };
    let redirect_uri = crate::sso::redirect_uri(&state, provider);
    let identity = match client::exchange(
        provider,
        &redirect_uri,
        code,
        &pending.nonce,
        &pending.pkce_verifier,
    )
    .await
    {
        Ok(identity) => identity,
        Err(OidcFailure::Refused(message)) => return bad(message),
        Err(OidcFailure::Unavailable(cause)) => {
            return unavailable(&state, &anon, &provider.label, &cause);
        }
    };
    let hours = state.settings.session_hours;
    match sso::complete(&state, &crate::sso::policy(provider), &identity, &ip, hours).await {
        Ok(started) => {
            let to = safe_next(Some(&pending.next_path))
                .unwrap_or("/")
                .to_owned();
            let jar = jar_cleared.add(session::cookie(&state, started));
            Ok((jar, Redirect::to(&to)).into_response())
        }
        Err(revans_app::Error::ForbiddenBecause(message)) => {
            let page = refused(&state, &anon, StatusCode::FORBIDDEN, message)?;
            Ok((jar_cleared, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
