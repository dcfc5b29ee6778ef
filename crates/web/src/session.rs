//! The session cookie. It holds a random token; the database holds its hash (see
//! `revans_app::access::sessions`), so every instance behind a load balancer sees the same
//! sessions.

use axum_extra::extract::cookie::{Cookie, SameSite};
use revans_app::access::sessions::Started;

use crate::auth::SESSION_COOKIE;
use crate::state::AppState;

/// The session cookie for a session just started.
pub fn cookie(state: &AppState, started: Started) -> Cookie<'static> {
    Cookie::build((state.settings.cookie_name(SESSION_COOKIE), started.token))
        .path("/")
        .http_only(true)
        .secure(state.settings.cookie_secure())
        .same_site(SameSite::Lax)
        .build()
}

pub fn removal(state: &AppState) -> Cookie<'static> {
    Cookie::build((state.settings.cookie_name(SESSION_COOKIE), ""))
        .path("/")
        .secure(state.settings.cookie_secure())
        .build()
}
