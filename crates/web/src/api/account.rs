//! The caller's own settings over the API. Their password, API tokens and calendar feed
//! address are changed on the pages only: a token must not be able to take over the account
//! or make a credential that outlives it.

use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::account::{LocaleIn, TimezoneIn};
use crate::auth::ApiCaller;
use crate::error::ApiResult;
use crate::state::AppState;
use revans_app::access::accounts::{set_locale, set_timezone};

/// Saves the time zone the caller's meeting times are shown in (null: each set's own).
#[utoipa::path(put, path = "/api/v1/me/timezone", tag = "account", request_body = TimezoneIn,
    responses((status = 204)),
    security(("token" = [])))]
pub async fn put_timezone(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<TimezoneIn>,
) -> ApiResult<StatusCode> {
    set_timezone(
        &state,
        &viewer,
        body.timezone.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Saves the language the caller reads Revans in (null: the organisation's default).
#[utoipa::path(put, path = "/api/v1/me/locale", tag = "account", request_body = LocaleIn,
    responses((status = 204)),
    security(("token" = [])))]
pub async fn put_locale(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<LocaleIn>,
) -> ApiResult<StatusCode> {
    let tag = body
        .locale
        .map_or("", |l| revans_domain::Locale::from(l).tag());
    set_locale(&state, &viewer, tag).await?;
    Ok(StatusCode::NO_CONTENT)
}
