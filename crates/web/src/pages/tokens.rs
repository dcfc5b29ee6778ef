use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_storage::{ApiToken, api_tokens};

use crate::actions::{Actor, tokens};
use crate::auth::ClientIp;
use crate::auth::{SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render, when};
use crate::pages::sign_in::Empty;
use crate::state::AppState;

struct TokenRow {
    token: ApiToken,
    created: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    layout: Layout,
    errors: Errors,
    rows: Vec<TokenRow>,
    name: String,
    /// Shown once, straight after creation.
    new_secret: Option<String>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Errors,
    name: String,
    new_secret: Option<String>,
) -> PageResult<TokensPage> {
    let mut conn = state.store.conn().await?;
    let rows = api_tokens::list_for(&mut conn, &viewer.person.id)
        .await?
        .into_iter()
        .map(|token| TokenRow {
            created: when(token.created_at),
            last_used: token
                .last_used_at
                .map(when)
                .unwrap_or_else(|| "Never".into()),
            token,
        })
        .collect();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        "API tokens",
        "/account",
    )
    .with_errors(&errors);
    Ok(TokensPage {
        layout,
        errors,
        rows,
        name,
        new_secret,
    })
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    render(&page(&state, &viewer, Errors::default(), String::new(), None).await?)
}

#[derive(serde::Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
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
    match tokens::create(&state, &actor, &form.name).await {
        Ok((_, secret)) => render(
            &page(
                &state,
                &viewer,
                Errors::default(),
                String::new(),
                Some(secret),
            )
            .await?,
        ),
        Err(e) => {
            let p = page(&state, &viewer, Errors::default(), form.name.clone(), None).await?;
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
    Path(id): Path<String>,
    ClientIp(ip): ClientIp,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    tokens::revoke(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
