//! The lead's cafe conversations page (issue 18, C8): the guest leaders (one table each), a
//! form to add one, the number of rounds and "Make the rota", then the rota by round and table
//! with how well it mixes people. The rules are in `revans_app::events::cafe`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::events::cafe::{self, CafeView, GuestInput, RotaInput};
use revans_app::events::setup::{self, EventOverview};

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

/// Both forms as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CafeForm {
    pub name: String,
    pub role: String,
    pub rounds: String,
}

#[derive(Template)]
#[template(path = "event_admin_cafe.html")]
struct CafePage {
    layout: Layout,
    errors: Errors,
    o: EventOverview,
    c: CafeView,
    f: CafeForm,
}

async fn page(state: &AppState, viewer: &Viewer, id: &revans_domain::Id) -> PageResult<CafePage> {
    let o = setup::overview(state, viewer, id).await?;
    let c = cafe::view(state, viewer, id).await?;
    let f = CafeForm {
        rounds: c
            .summary
            .as_ref()
            .map(|s| s.rounds.to_string())
            .unwrap_or_else(|| "3".into()),
        ..CafeForm::default()
    };
    Ok(CafePage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("events-cafe-title"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        o,
        c,
        f,
    })
}

/// The guests, the forms and the rota.
pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let p = page(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("guest") => Some(crate::i18n::t("events-notice-guest")),
        Some("rota") => Some(crate::i18n::t("events-notice-rota")),
        _ => None,
    };
    render(&CafePage {
        layout: p.layout.with_notice(notice.as_deref()),
        ..p
    })
}

async fn again(
    state: &AppState,
    viewer: &Viewer,
    id: &revans_domain::Id,
    form: CafeForm,
    e: revans_app::Error,
) -> PageResult<Response> {
    let p = page(state, viewer, id).await?;
    // Each form posts only its own fields: keep the other form's as it was.
    let f = CafeForm {
        rounds: if form.rounds.is_empty() {
            p.f.rounds.clone()
        } else {
            form.rounds
        },
        ..form
    };
    form_error(e, |errors| CafePage {
        layout: p.layout.with_errors(&errors),
        errors,
        f,
        ..p
    })
}

/// Adds a guest, or shows the page again with what to fix.
pub async fn add_guest(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CafeForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = GuestInput {
        name: form.name.clone(),
        role: form.role.clone(),
    };
    match cafe::add_guest(&state, &actor, &id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/events/{id}/cafe?notice=guest")).into_response()),
        Err(e) => again(&state, &viewer, &id, form, e).await,
    }
}

/// Makes the rota; a problem (no guests, too many rounds) is shown on the page.
pub async fn make_rota(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CafeForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let outcome = match form.rounds.trim().parse::<i64>() {
        Ok(rounds) => cafe::make_rota(&state, &actor, &id, &RotaInput { rounds })
            .await
            .map(drop),
        Err(_) => Err(revans_app::Error::field(
            "rounds",
            "Enter the number of rounds, from 1 to 24",
        )),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/admin/events/{id}/cafe?notice=rota")).into_response()),
        Err(revans_app::Error::Conflict(why)) => {
            again(
                &state,
                &viewer,
                &id,
                form,
                revans_app::Error::field("rounds", why),
            )
            .await
        }
        Err(e) => again(&state, &viewer, &id, form, e).await,
    }
}
