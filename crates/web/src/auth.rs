//! Who is asking. Pages identify people by a session cookie; the API by a personal access
//! token (`Authorization: Bearer ...`). Both resolve to a `Viewer` with their roles.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use revans_app::access::sessions;

use crate::error::{ApiError, AppError, PageError};
use crate::state::AppState;
use revans_app::security::hash_token;

/// The session cookie's name over http; over https it carries the `__Host-` prefix
/// (`Settings::cookie_name`).
pub const SESSION_COOKIE: &str = "revans_session";

/// A signed-in person and what they may do (the app layer's `Viewer`), with what the web
/// layer keeps beside it.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub who: revans_app::Viewer,
    /// The session's CSRF token (empty for API callers, who send no cookies).
    pub csrf: String,
    /// The hash of the session cookie, to end this session on sign-out.
    pub session_hash: Option<String>,
}

/// So `viewer.person`, `viewer.has_role(..)` and passing `&viewer` to a use case all work.
impl std::ops::Deref for Viewer {
    type Target = revans_app::Viewer;

    fn deref(&self) -> &Self::Target {
        &self.who
    }
}

/// The viewer from the session cookie, if any; cached per request.
pub async fn session_viewer(
    parts: &mut Parts,
    state: &AppState,
) -> Result<Option<Viewer>, AppError> {
    if let Some(cached) = parts.extensions.get::<Option<Viewer>>() {
        return Ok(cached.clone());
    }
    let viewer = viewer_from_headers(&parts.headers, state).await?;
    if let Some(locale) = viewer.as_ref().and_then(|v| v.person.locale) {
        revans_i18n::prefer(locale);
    }
    parts.extensions.insert(viewer.clone());
    Ok(viewer)
}

/// The viewer named by the session cookie in these headers, uncached.
pub async fn viewer_from_headers(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Option<Viewer>, AppError> {
    let jar = CookieJar::from_headers(headers);
    let Some(cookie) = jar.get(&state.settings.cookie_name(SESSION_COOKIE)) else {
        return Ok(None);
    };
    Ok(sessions::viewer_of_session(state, cookie.value())
        .await?
        .map(|s| Viewer {
            who: s.viewer,
            csrf: s.csrf,
            session_hash: Some(hash_token(cookie.value())),
        }))
}

/// Any visitor; `None` when not signed in.
pub struct MaybeViewer(pub Option<Viewer>);

impl FromRequestParts<AppState> for MaybeViewer {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeViewer(session_viewer(parts, state).await?))
    }
}

/// A signed-in person; others are sent to the sign-in page.
pub struct SignedIn(pub Viewer);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let viewer = session_viewer(parts, state).await?;
        viewer.map(SignedIn).ok_or_else(|| {
            // A page asked for by a link (Apply, say) comes back after signing in.
            if parts.method == axum::http::Method::GET {
                let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                PageError(AppError::SignInFirst(path.to_owned()))
            } else {
                PageError(AppError::Unauthenticated)
            }
        })
    }
}

/// Where to go after signing in: a path on this site only (never `//host` or a full address,
/// so a link cannot send someone elsewhere after they sign in).
pub fn safe_next(next: Option<&str>) -> Option<&str> {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.contains('\\')
            && !n.chars().any(char::is_control)
            && n.len() <= 2000
    })
}

/// A programme lead (admin of at least one organisation).
pub struct Admin(pub Viewer);

impl FromRequestParts<AppState> for Admin {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn(viewer) = SignedIn::from_request_parts(parts, state).await?;
        if viewer.is_admin() {
            Ok(Admin(viewer))
        } else {
            Err(PageError(AppError::Forbidden))
        }
    }
}

/// An API caller authenticated by a personal access token.
pub struct ApiCaller(pub Viewer);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let Some(token) = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return Err(ApiError(AppError::Unauthenticated));
        };
        sessions::viewer_of_token(state, token)
            .await?
            .map(|who| {
                if let Some(locale) = who.person.locale {
                    revans_i18n::prefer(locale);
                }
                ApiCaller(Viewer {
                    who,
                    csrf: String::new(),
                    session_hash: None,
                })
            })
            .ok_or(ApiError(AppError::Unauthenticated))
    }
}

/// An API caller who is a programme lead.
pub struct ApiAdmin(pub Viewer);

impl FromRequestParts<AppState> for ApiAdmin {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ApiCaller(viewer) = ApiCaller::from_request_parts(parts, state).await?;
        if viewer.is_admin() {
            Ok(ApiAdmin(viewer))
        } else {
            Err(ApiError(AppError::Forbidden))
        }
    }
}

pub use crate::client_ip::ClientIp;
