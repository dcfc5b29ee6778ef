//! Facilitator proposals for a set or circle (C6, issue 15): the ranked pool with reasons,
//! who needs a replacement, confirming one or a pair; and the emailed link a facilitator
//! answers, signed in or not.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Admin, ClientIp, MaybeViewer, Viewer};
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::facilitators::Target;
use revans_app::facilitators::proposals::{self, AskInput, Proposals, UnavailableInput};
use revans_app::facilitators::requests::{self, RequestView};

#[derive(Template)]
#[template(path = "facilitator_requests_proposals.html")]
struct ProposalsPage {
    layout: Layout,
    errors: Errors,
    p: Proposals,
    base: String,
    notice_replace: String,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    t: &Target,
    notice: Option<&str>,
) -> PageResult<ProposalsPage> {
    let actor = Actor { viewer, ip };
    let p = proposals::proposals(state, &actor, t).await?;
    let base = format!("/admin/{}s/{}", p.kind, p.target_id);
    Ok(ProposalsPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t1("facil-prop-page-title", "name", &p.name),
            "/admin/programmes",
        )
        .with_notice(notice),
        errors: Errors::default(),
        notice_replace: p
            .needs_replacement
            .first()
            .map(|n| n.person_id.to_string())
            .unwrap_or_default(),
        base,
        p,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AskForm {
    /// One id, or two joined by a comma (a pair).
    choice: String,
    replaces: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct UnavailableForm {
    person_id: String,
    from: String,
}

async fn show(state: AppState, viewer: Viewer, ip: String, t: Target) -> PageResult<Response> {
    render(&page(&state, &viewer, &ip, &t, None).await?)
}

async fn ask(
    state: AppState,
    viewer: Viewer,
    ip: String,
    t: Target,
    f: AskForm,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = AskInput {
        person_ids: f.choice.split(',').map(str::to_owned).collect(),
        replaces: f.replaces,
    };
    match proposals::ask(&state, &actor, &t, &input).await {
        Ok(_) => render(
            &page(
                &state,
                &viewer,
                &ip,
                &t,
                Some(&crate::i18n::t("facil-prop-notice-asked")),
            )
            .await?,
        ),
        Err(e) => {
            let pg = page(&state, &viewer, &ip, &t, None).await?;
            form_error(e, |errors| ProposalsPage {
                layout: pg.layout.with_errors(&errors),
                errors,
                ..pg
            })
        }
    }
}

async fn unavailable(
    state: AppState,
    viewer: Viewer,
    ip: String,
    t: Target,
    f: UnavailableForm,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = UnavailableInput {
        person_id: f.person_id,
        from: f.from,
    };
    match proposals::mark_unavailable(&state, &actor, &t, &input).await {
        Ok(()) => render(
            &page(
                &state,
                &viewer,
                &ip,
                &t,
                Some(&crate::i18n::t("facil-prop-notice-marked")),
            )
            .await?,
        ),
        Err(e) => {
            let pg = page(&state, &viewer, &ip, &t, None).await?;
            form_error(e, |errors| ProposalsPage {
                layout: pg.layout.with_errors(&errors),
                errors,
                ..pg
            })
        }
    }
}

pub async fn set_show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    show(state, viewer, ip, Target::Set(id)).await
}

pub async fn set_ask(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<AskForm>,
) -> PageResult<Response> {
    ask(state, viewer, ip, Target::Set(id), f).await
}

pub async fn set_unavailable(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<UnavailableForm>,
) -> PageResult<Response> {
    unavailable(state, viewer, ip, Target::Set(id), f).await
}

pub async fn circle_show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    show(state, viewer, ip, Target::Circle(id)).await
}

pub async fn circle_ask(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<AskForm>,
) -> PageResult<Response> {
    ask(state, viewer, ip, Target::Circle(id), f).await
}

#[derive(Template)]
#[template(path = "facilitator_request.html")]
struct RequestPage {
    layout: Layout,
    r: RequestView,
    token: String,
}

fn request_page(
    state: &AppState,
    viewer: Option<&Viewer>,
    anon: String,
    r: RequestView,
    token: String,
) -> RequestPage {
    let csrf = viewer.map(|v| v.csrf.clone()).unwrap_or(anon);
    RequestPage {
        layout: Layout::new(
            state,
            viewer,
            csrf,
            crate::i18n::t1("facil-req-will-you", "name", &r.name),
            "/",
        ),
        r,
        token,
    }
}

/// The emailed link: what is asked, and Accept / Decline. Works signed out.
pub async fn request(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(AnonCsrf(csrf)): axum::Extension<AnonCsrf>,
    Path(token): Path<String>,
) -> PageResult<Response> {
    let r = requests::view(&state, &token).await?;
    render(&request_page(&state, viewer.as_ref(), csrf, r, token))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
}

/// The answer. The token is the permission (the link's form carries no session token).
pub async fn answer(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    CsrfForm(f): CsrfForm<AnswerForm>,
) -> PageResult<Response> {
    requests::view(&state, &token).await?;
    let accept = match f.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Err(revans_app::Error::field("answer", "Choose accept or decline").into());
        }
    };
    // The link's page then shows the answer (accepted or declined).
    requests::answer(&state, &token, accept, &ip).await?;
    Ok(Redirect::to(&format!("/facilitator-requests/{token}")).into_response())
}
