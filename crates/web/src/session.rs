//! Starting and ending browser sessions. The cookie holds a random token; the database holds
//! its hash, so every app instance behind a load balancer sees the same sessions.

use axum_extra::extract::cookie::{Cookie, SameSite};
use revans_domain::Id;
use revans_storage::{Conn, sessions};

use crate::auth::SESSION_COOKIE;
use crate::error::AppError;
use crate::state::AppState;
use revans_app::security::{hash_token, new_token};

pub async fn start(
    state: &AppState,
    conn: &mut Conn,
    person_id: &Id,
) -> Result<Cookie<'static>, AppError> {
    let token = new_token();
    let hours = state.settings.session_hours;
    let expires_at = revans_storage::now_ms() + hours * 3_600_000;
    sessions::insert(
        conn,
        &hash_token(&token),
        person_id,
        &new_token(),
        expires_at,
    )
    .await?;
    Ok(
        Cookie::build((state.settings.cookie_name(SESSION_COOKIE), token))
            .path("/")
            .http_only(true)
            .secure(state.settings.cookie_secure())
            .same_site(SameSite::Lax)
            .build(),
    )
}

pub fn removal(state: &AppState) -> Cookie<'static> {
    Cookie::build((state.settings.cookie_name(SESSION_COOKIE), ""))
        .path("/")
        .secure(state.settings.cookie_secure())
        .build()
}
