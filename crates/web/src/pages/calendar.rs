//! Each person's private calendar feed of confirmed sessions: a secret URL that calendar
//! programs subscribe to, replaced (and the old one ended) or revoked on request.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use revans_app::calendar::feeds::{change_feed, has_feed, personal_feed};

use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::state::AppState;
use revans_app::Actor;

#[derive(Template)]
#[template(path = "calendar.html")]
struct Page {
    layout: Layout,
    has_feed: bool,
    /// Shown once, right after it is made.
    new_url: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let has_feed = has_feed(&state, &viewer).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("pub-calendar-title"),
        "/account",
    );
    render(&Page {
        layout,
        has_feed,
        new_url: None,
    })
}

#[derive(serde::Deserialize)]
pub struct FeedForm {
    #[serde(default)]
    action: String,
}

pub async fn change(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<FeedForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let new_url = change_feed(&state, &actor, form.action == "revoke").await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("pub-calendar-title"),
        "/account",
    )
    .with_notice(Some(if new_url.is_some() {
        "Your new feed address is below. Any older address has stopped working."
    } else {
        "Your feed address has stopped working."
    }));
    render(&Page {
        layout,
        has_feed: new_url.is_some(),
        new_url,
    })
}

/// The feed itself: no sign-in (calendar programs have none); the secret is the key.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> PageResult<Response> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let body = personal_feed(&state, token).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}
