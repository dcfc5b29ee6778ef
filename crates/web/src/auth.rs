//! Who is asking. Pages identify people by a session cookie; the API by a personal access
//! token (`Authorization: Bearer ...`). Both resolve to a `Viewer` with their roles.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use revans_domain::Id;
use revans_storage::{api_tokens, people, sessions};

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

async fn load_viewer(
    state: &AppState,
    person_id: &Id,
    csrf: String,
    session_hash: Option<String>,
) -> Result<Option<Viewer>, AppError> {
    let mut conn = state.store.conn().await?;
    let Some(person) = people::get(&mut conn, person_id).await? else {
        return Ok(None);
    };
    let roles = people::roles(&mut conn, person_id).await?;
    Ok(Some(Viewer {
        who: revans_app::Viewer { person, roles },
        csrf,
        session_hash,
    }))
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
    let hash = hash_token(cookie.value());
    let record = {
        let mut conn = state.store.conn().await?;
        sessions::find_live(&mut conn, &hash).await?
    };
    match record {
        Some(s) => load_viewer(state, &s.person_id, s.csrf_token, Some(hash)).await,
        None => Ok(None),
    }
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
        session_viewer(parts, state)
            .await?
            .map(SignedIn)
            .ok_or(PageError(AppError::Unauthenticated))
    }
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
        let owner = {
            let mut conn = state.store.conn().await?;
            api_tokens::authenticate(&mut conn, &hash_token(token)).await?
        };
        let Some(owner) = owner else {
            return Err(ApiError(AppError::Unauthenticated));
        };
        load_viewer(state, &owner.person_id, String::new(), None)
            .await?
            .map(ApiCaller)
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
