use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::access::tokens::ApiToken;

use crate::auth::ClientIp;
use crate::auth::{SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render, when_in};
use crate::pages::sign_in::Empty;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::access::tokens;

struct TokenRow {
    token: ApiToken,
    created: String,
    last_used: String,
    expires: String,
    expired: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    layout: Layout,
    errors: Errors,
    rows: Vec<TokenRow>,
    name: String,
    /// The lifetime field as typed.
    days: String,
    /// Shown once, straight after creation.
    new_secret: Option<String>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Errors,
    (name, days): (String, String),
    new_secret: Option<String>,
) -> PageResult<TokensPage> {
    let now = revans_app::now_ms();
    let rows = tokens::list_mine(state, viewer)
        .await?
        .into_iter()
        .map(|token| TokenRow {
            created: when_in(token.created_at, viewer.timezone()),
            last_used: token
                .last_used_at
                .map(|t| when_in(t, viewer.timezone()))
                .unwrap_or_else(|| crate::i18n::t("pub-tokens-never")),
            expires: when_in(token.expires_at, viewer.timezone()),
            expired: token.is_expired(now),
            token,
        })
        .collect();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t("pub-tokens-title"),
        "/account",
    )
    .with_errors(&errors);
    Ok(TokensPage {
        layout,
        errors,
        rows,
        name,
        days,
        new_secret,
    })
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    render(&page(&state, &viewer, Errors::default(), blank_form(), None).await?)
}

fn blank_form() -> (String, String) {
    (String::new(), tokens::DEFAULT_DAYS.to_string())
}

#[derive(serde::Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires_in_days: String,
}

/// The typed lifetime: empty means the default; anything not a number is out of range, so
/// the action names the field and the allowed range.
fn typed_days(text: &str) -> Option<i64> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse().unwrap_or(0))
}

pub async fn create(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let days = typed_days(&form.expires_in_days);
    match tokens::create(&state, &actor, &form.name, days).await {
        Ok((_, secret)) => render(
            &page(
                &state,
                &viewer,
                Errors::default(),
                blank_form(),
                Some(secret),
            )
            .await?,
        ),
        Err(e) => {
            let typed = (form.name.clone(), form.expires_in_days.clone());
            let p = page(&state, &viewer, Errors::default(), typed, None).await?;
            form_error(e, |errors| TokensPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    tokens::revoke(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        id.as_str(),
    )
    .await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
