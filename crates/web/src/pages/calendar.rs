//! Each person's private calendar feed of confirmed sessions: a secret URL that calendar
//! programs subscribe to, replaced (and the old one ended) or revoked on request.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use revans_storage::calendar_feeds;

use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
use crate::state::AppState;
use revans_app::Actor;
use revans_app::security::{hash_token, new_token};

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
    let mut conn = state.store.conn().await?;
    let has_feed = calendar_feeds::has_live(&mut conn, &viewer.person.id).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Calendar feed",
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
    let mut tx = state.store.begin().await?;
    let new_url = if form.action == "revoke" {
        calendar_feeds::revoke(&mut tx, &viewer.person.id).await?;
        None
    } else {
        let token = new_token();
        calendar_feeds::replace(&mut tx, &viewer.person.id, &hash_token(&token)).await?;
        Some(format!(
            "{}/calendar/{token}.ics",
            state.settings.base_url()
        ))
    };
    let action = if new_url.is_some() {
        "calendar_feed.created"
    } else {
        "calendar_feed.revoked"
    };
    actor
        .audit(
            &mut tx,
            action,
            "person",
            viewer.person.id.as_str(),
            "Changed their private calendar feed",
            &viewer.person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Calendar feed",
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
    let mut conn = state.store.conn().await?;
    let person = calendar_feeds::find_person(&mut conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = calendar_feeds::confirmed_sessions(&mut conn, &person).await?;
    let meetings = revans_storage::meetings::for_person_calendar(&mut conn, &person).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        revans_app::calendar::feed(&rows, &meetings),
    )
        .into_response())
}
