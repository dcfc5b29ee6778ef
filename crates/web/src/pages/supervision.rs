//! Supervision (C6, issue 15): a facilitator's own log with a form to add a session, and the
//! supervised hours as CSV for accreditation (a lead: every facilitator of their region; a
//! facilitator: their own row).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::facilitator_records::supervision::{self, HoursRow, SessionInput, SupervisionLog};
use revans_domain::facilitator_profile::SupervisionKind;

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined, shown};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, day_in_words, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "supervision.html")]
struct LogPage {
    layout: Layout,
    errors: Errors,
    log: SupervisionLog,
    f: SessionForm,
    held: Boxes,
    kinds: Vec<(&'static str, String)>,
}

impl LogPage {
    fn day(&self, stored: &str) -> String {
        day_in_words(stored)
    }
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct SessionForm {
    supervisor: String,
    hours: String,
    kind: String,
    held_on_day: String,
    held_on_month: String,
    held_on_year: String,
}

async fn log_page(state: &AppState, viewer: &Viewer, f: SessionForm) -> PageResult<LogPage> {
    let log = supervision::own_log(state, viewer).await?;
    Ok(LogPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("supervision-title"),
            "/facilitators/profile",
        ),
        errors: Errors::default(),
        log,
        held: shown(&joined(&f.held_on_day, &f.held_on_month, &f.held_on_year)),
        f,
        kinds: SupervisionKind::ALL
            .iter()
            .map(|k| (k.as_str(), crate::i18n::t(k.message_id())))
            .collect(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let page = log_page(&state, &viewer, SessionForm::default()).await?;
    let notice = (q.notice.as_deref() == Some("logged"))
        .then(|| crate::i18n::t("supervision-notice-logged"));
    render(&LogPage {
        layout: page.layout.with_notice(notice.as_deref()),
        ..page
    })
}

pub async fn log(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<SessionForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = SessionInput {
        held_on: joined(&form.held_on_day, &form.held_on_month, &form.held_on_year),
        supervisor: form.supervisor.clone(),
        hours: form.hours.clone(),
        kind: form.kind.clone(),
    };
    match supervision::log_session(&state, &actor, &input).await {
        Ok(_) => Ok(Redirect::to("/facilitators/supervision?notice=logged").into_response()),
        Err(e) => {
            let page = log_page(&state, &viewer, form).await?;
            form_error(e, |errors| LogPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

fn csv(rows: &[HoursRow]) -> Response {
    let header_row = [
        "Name",
        "Email",
        "Organisation",
        "Sessions logged",
        "Logged hours",
        "Group hours",
        "Total supervised hours",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.email.clone(),
                r.organisation.clone(),
                r.sessions_logged.to_string(),
                r.logged_hours.clone(),
                r.group_hours.clone(),
                r.total_hours.clone(),
            ]
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"supervised-hours.csv\"".to_owned(),
            ),
        ],
        crate::csv_export::render(&header_row, &cells),
    )
        .into_response()
}

/// Supervised hours of the region's facilitators (leads) or the viewer's own (facilitators).
pub async fn hours_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    Ok(csv(&supervision::hours_report(&state, &viewer).await?))
}

/// The viewer's own supervised hours (facilitators).
pub async fn own_hours_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    Ok(csv(&supervision::own_hours(&state, &viewer).await?))
}
