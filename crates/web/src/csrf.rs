//! Cross-site request forgery protection for every state-changing form.
//! Signed-in: the form must carry the session's own token, kept on the server; nothing the
//! browser sends can stand in for it. Signed-out (sign-in, password reset, invitation): the
//! form carries a random value also set as a SameSite cookie ("double submit"); over https
//! that cookie is `__Host-` prefixed, so a sibling subdomain or plain-http page cannot plant it.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::de::DeserializeOwned;

use crate::auth::session_viewer;
use crate::error::{AppError, PageError};
use crate::state::AppState;
use revans_app::security::{new_token, same_secret, unmask_token};

pub const CSRF_COOKIE: &str = "revans_csrf";
pub const CSRF_FIELD: &str = "csrf";

/// The token forms on this request's page carry: the session's own when signed in, otherwise
/// the anonymous double-submit token (from the cookie, or newly made).
#[derive(Debug, Clone)]
pub struct AnonCsrf(pub String);

/// Makes sure every browser has the anonymous CSRF cookie before it sees a form, and tells
/// pages which token their forms carry.
pub async fn ensure_cookie(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let name = state.settings.cookie_name(CSRF_COOKIE);
    let jar = CookieJar::from_headers(request.headers());
    let existing = jar
        .get(&name)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 32);
    let (token, fresh) = match existing {
        Some(v) => (v, false),
        None => (new_token(), true),
    };
    let (mut parts, body) = request.into_parts();
    // The viewer is cached in the request, so the handler does not look the session up again.
    let path = parts.uri.path();
    let form_token = if path.starts_with("/api/") || path.starts_with("/assets/") {
        token.clone()
    } else {
        match session_viewer(&mut parts, &state).await {
            Ok(Some(viewer)) => viewer.csrf,
            Ok(None) => token.clone(),
            Err(e) => return PageError(e).into_response(),
        }
    };
    parts.extensions.insert(AnonCsrf(form_token));
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if fresh && !request_is_api(&response) {
        let cookie = Cookie::build((name, token))
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
        let sent = unmask_token(
            pairs
                .iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default(),
        );
        let sent = sent.as_str();
        // Signed in, only the session's own token will do: a double-submit cookie can be
        // chosen by whoever can set cookies for this host, so it proves nothing about the form.
        let accepted = match (&viewer, &anon) {
            (Some(v), _) => !v.csrf.is_empty() && same_secret(sent, &v.csrf),
            (None, Some(a)) => !a.0.is_empty() && same_secret(sent, &a.0),
            (None, None) => false,
        };
        if !accepted {
            return Err(PageError(csrf_failed()));
        }
        crate::text_guard::refuse_nul_in_pairs(&pairs).map_err(PageError)?;
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
