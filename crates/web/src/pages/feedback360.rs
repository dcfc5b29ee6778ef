//! 360 feedback (C9) pages. The programme's lead offers an instrument; a participant lists
//! their rounds, starts one, answers about themself, invites raters and reads the report.
//! Only the participant sees a round: anyone else is told it does not exist.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::evaluation::feedback360::{
    self as fb, FeedbackHome, FeedbackReport, OfferSummary, RatersInput, RoundView,
};
use revans_domain::Id;

#[derive(serde::Deserialize, Default)]
pub struct Empty {}

// ---------------------------------------------------------------------------------------
// The lead's offer.

#[derive(Template)]
#[template(path = "feedback360_offer.html")]
struct OfferPage {
    layout: Layout,
    errors: Errors,
    offer: OfferSummary,
    chosen: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct OfferForm {
    instrument: String,
}

async fn offer_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    id: &Id,
    chosen: Option<String>,
) -> PageResult<OfferPage> {
    let actor = Actor { viewer, ip };
    let offer = fb::offer_summary(state, &actor, id).await?;
    Ok(OfferPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("fb360-offer-title"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        chosen: chosen
            .or_else(|| offer.instrument_id.clone())
            .unwrap_or_default(),
        offer,
    })
}

pub async fn offer_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let mut page = offer_page(&state, &viewer, &ip, &id, None).await?;
    if q.notice.as_deref() == Some("offered") {
        page.layout = page
            .layout
            .with_notice(Some(&crate::i18n::t("fb360-notice-offered")));
    }
    render(&page)
}

pub async fn offer(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<OfferForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match fb::offer(&state, &actor, &id, &form.instrument).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/evaluation/programmes/{id}/feedback360?notice=offered"
        ))
        .into_response()),
        Err(e) => {
            let page = offer_page(&state, &viewer, &ip, &id, Some(form.instrument)).await?;
            form_error(e, |errors| OfferPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

// ---------------------------------------------------------------------------------------
// The participant's rounds.

#[derive(Template)]
#[template(path = "feedback360_home.html")]
struct HomePage {
    layout: Layout,
    errors: Errors,
    home: FeedbackHome,
}

/// "Peers: 2 of 4 invited", in the reader's language.
pub fn answered_line(
    label: &str,
    answered: impl std::fmt::Display,
    invited: impl std::fmt::Display,
) -> String {
    crate::i18n::t_args(
        "fb360-x-of-y-invited",
        &[
            ("label", crate::i18n::Arg::from(label.to_owned())),
            ("answered", crate::i18n::Arg::from(answered.to_string())),
            ("invited", crate::i18n::Arg::from(invited.to_string())),
        ],
    )
}

fn layout(state: &AppState, viewer: &Viewer, title: &str) -> Layout {
    Layout::new(state, Some(viewer), viewer.csrf.clone(), title, "/feedback")
}

pub async fn home(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    render(&HomePage {
        layout: layout(&state, &viewer, &crate::i18n::t("fb360-title")),
        errors: Errors::default(),
        home: fb::home(&state, &viewer).await?,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct StartForm {
    programme: String,
}

pub async fn start(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<StartForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match fb::start(&state, &actor, &form.programme).await {
        Ok(id) => Ok(Redirect::to(&format!("/feedback/{id}?notice=started")).into_response()),
        Err(e) => {
            let home = fb::home(&state, &viewer).await?;
            form_error(e, |errors| HomePage {
                layout: layout(&state, &viewer, &crate::i18n::t("fb360-title"))
                    .with_errors(&errors),
                errors,
                home,
            })
        }
    }
}

#[derive(Template)]
#[template(path = "feedback360_round.html")]
struct RoundPage {
    layout: Layout,
    round: RoundView,
}

pub async fn round(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let round = fb::round(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("started") => Some(crate::i18n::t("fb360-notice-started")),
        Some("raters") => Some(crate::i18n::t("fb360-notice-raters")),
        _ => None,
    };
    render(&RoundPage {
        layout: layout(&state, &viewer, &crate::i18n::t("fb360-round-title"))
            .with_notice(notice.as_deref()),
        round,
    })
}

/// Sends the participant to a fresh link to answer about themself.
pub async fn self_link(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    CsrfForm(_f): CsrfForm<Empty>,
) -> PageResult<Response> {
    let link = fb::self_link(&state, &viewer, &id).await?;
    Ok(Redirect::to(&link).into_response())
}

#[derive(Template)]
#[template(path = "feedback360_raters.html")]
struct RatersPage {
    layout: Layout,
    errors: Errors,
    round: RoundView,
    f: RatersForm,
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct RatersForm {
    manager: String,
    peers: String,
    reports: String,
}

async fn raters_page(
    state: &AppState,
    viewer: &Viewer,
    id: &Id,
    f: RatersForm,
) -> PageResult<RatersPage> {
    Ok(RatersPage {
        layout: layout(state, viewer, &crate::i18n::t("fb360-invite-title")),
        errors: Errors::default(),
        round: fb::round(state, viewer, id).await?,
        f,
    })
}

pub async fn raters_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&raters_page(&state, &viewer, &id, RatersForm::default()).await?)
}

pub async fn raters(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<RatersForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = RatersInput {
        manager: form.manager.clone(),
        peers: form.peers.clone(),
        reports: form.reports.clone(),
    };
    match fb::invite_raters(&state, &actor, &id, input).await {
        Ok(_) => Ok(Redirect::to(&format!("/feedback/{id}?notice=raters")).into_response()),
        Err(e) => {
            let page = raters_page(&state, &viewer, &id, form).await?;
            form_error(e, |errors| RatersPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "feedback360_report.html")]
struct ReportPage {
    layout: Layout,
    report: FeedbackReport,
}

pub async fn report(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&ReportPage {
        layout: layout(&state, &viewer, &crate::i18n::t("fb360-report-title")),
        report: fb::report(&state, &viewer, &id).await?,
    })
}

/// A score as shown, to 2 decimals.
pub fn score(x: &Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{v:.2}"))
}

#[derive(serde::Deserialize, Default)]
pub struct NoFields {}

/// Closes the participant's round now, then shows the report.
pub async fn close(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    CsrfForm(_f): CsrfForm<NoFields>,
) -> PageResult<Response> {
    fb::close_round(&state, &viewer, &id).await?;
    Ok(Redirect::to(&format!("/feedback/{id}/report")).into_response())
}
