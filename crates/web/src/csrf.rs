//! Cross-site request forgery protection for every state-changing form.
//! Signed-in: the form carries the session's token. Signed-out (sign-in, password reset,
//! invitation): the form carries a random value also set as a SameSite cookie
//! ("double submit"). A cross-site page can neither read the token nor set the cookie.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::de::DeserializeOwned;

use crate::auth::session_viewer;
use crate::error::{AppError, PageError};
use crate::security::{new_token, same_secret};
use crate::state::AppState;

pub const CSRF_COOKIE: &str = "revans_csrf";
pub const CSRF_FIELD: &str = "csrf";

/// The anonymous token for this request (from the cookie, or newly made).
#[derive(Debug, Clone)]
pub struct AnonCsrf(pub String);

/// Makes sure every browser has the anonymous CSRF cookie before it sees a form.
pub async fn ensure_cookie(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let existing = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 32);
    let (token, fresh) = match existing {
        Some(v) => (v, false),
        None => (new_token(), true),
    };
    request.extensions_mut().insert(AnonCsrf(token.clone()));
    let mut response = next.run(request).await;
    if fresh && !request_is_api(&response) {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .secure(state.settings.cookie_secure())
            .same_site(SameSite::Strict)
            .build();
        if let Ok(value) = cookie.to_string().parse() {
            response
                .headers_mut()
                .append(axum::http::header::SET_COOKIE, value);
        }
    }
    response
}

fn request_is_api(response: &Response) -> bool {
    response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
}

/// A urlencoded form whose CSRF token has been checked. Checkboxes and repeated fields
/// deserialise into `Vec`s (serde_html_form).
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let viewer = session_viewer(&mut parts, state).await?;
        let anon = parts.extensions.get::<AnonCsrf>().cloned();
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| {
                AppError::BadRequest("The form could not be read. Go back and try again.".into())
            })?;
        let pairs: Vec<(String, String)> = serde_html_form::from_bytes(&bytes).map_err(|_| {
            AppError::BadRequest("The form could not be read. Go back and try again.".into())
        })?;
        let sent = pairs
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        // Either secret bound to this browser will do: the session's token, or the
        // double-submit cookie (public pages such as password reset render that one).
        let session_ok = viewer
            .as_ref()
            .is_some_and(|v| !v.csrf.is_empty() && same_secret(sent, &v.csrf));
        let cookie_ok = anon
            .as_ref()
            .is_some_and(|a| !a.0.is_empty() && same_secret(sent, &a.0));
        if !(session_ok || cookie_ok) {
            return Err(PageError(csrf_failed()));
        }
        let value = serde_html_form::from_bytes(&bytes)
            .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}")))?;
        Ok(CsrfForm(value))
    }
}

fn csrf_failed() -> AppError {
    AppError::BadRequest(
        "This form has expired or did not come from this site. Go back, reload the page and try again.".into(),
    )
}
