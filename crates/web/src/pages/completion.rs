//! Completion and CPD (C10, issue 16) pages: a cohort's completion overview for its lead, the
//! attendance register of each session, the exception flow (form, check your answers,
//! confirmation; and removal), and each person's own CPD record. Every rule is in
//! `revans_app::completion`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::completion::exceptions::{self, CompletionExceptionView, REASON_MAX, check_reason};
use revans_app::completion::lead::{path_id, path_ordinal};
use revans_app::completion::my_cpd::{MyCpd, my_cpd};
use revans_app::completion::overview::{CompletionOverview, overview};
use revans_app::completion::register::{self, CompletionRegister, MarkInput};
use revans_app::completion::views::CompletionStanding;

use crate::auth::{Admin, ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render, when_in};
use crate::path_id::PathId;
use crate::state::AppState;

const NAV: &str = "/admin/programmes";

#[derive(serde::Deserialize, Default)]
pub struct OverviewQuery {
    #[serde(default)]
    standing: String,
    #[serde(default)]
    notice: String,
}

/// A filter choice on the overview.
pub struct FilterOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

/// A session as the overview lists it.
pub struct SessionLine {
    pub ordinal: i64,
    pub when: String,
    pub started: bool,
    pub present: u32,
    pub absent: u32,
}

#[derive(Template)]
#[template(path = "completion_overview.html")]
struct OverviewPage {
    layout: Layout,
    o: CompletionOverview,
    filters: Vec<FilterOption>,
    sessions: Vec<SessionLine>,
}

fn overview_notice(key: &str) -> Option<String> {
    match key {
        "exception" => Some(crate::i18n::t("completion-notice-exception")),
        "removed" => Some(crate::i18n::t("completion-notice-removed")),
        _ => None,
    }
}

/// The cohort's completion overview (`?standing=at_risk` shows only those at risk).
pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(q): Query<OverviewQuery>,
) -> PageResult<Response> {
    let filter = CompletionStanding::parse(&q.standing);
    let o = overview(&state, &viewer, &id, filter).await?;
    let filters = CompletionStanding::ALL
        .into_iter()
        .map(|s| FilterOption {
            value: s.as_str(),
            label: crate::i18n::t(s.message_id()),
            selected: filter == Some(s),
        })
        .collect();
    let sessions = o
        .sessions
        .iter()
        .map(|s| SessionLine {
            ordinal: s.ordinal,
            when: when_in(s.starts_at_ms, &o.timezone),
            started: s.started,
            present: s.present,
            absent: s.absent,
        })
        .collect();
    render(&OverviewPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t1("completion-title", "cohort", &o.cohort_name),
            NAV,
        )
        .with_notice(overview_notice(&q.notice).as_deref()),
        o,
        filters,
        sessions,
    })
}

#[derive(Template)]
#[template(path = "completion_register.html")]
struct RegisterPage {
    layout: Layout,
    errors: Errors,
    r: CompletionRegister,
}

fn register_page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    r: CompletionRegister,
) -> RegisterPage {
    RegisterPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t_args(
                "completion-register-page-title",
                &[
                    ("ordinal", crate::i18n::Arg::from(r.ordinal.to_string())),
                    ("cohort", crate::i18n::Arg::from(r.cohort_name.to_string())),
                ],
            ),
            NAV,
        ),
        errors: Errors::default(),
        r,
    }
}

#[derive(serde::Deserialize, Default)]
pub struct NoticeParam {
    #[serde(default)]
    notice: String,
}

/// The register of one session.
pub async fn register_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((cohort, ordinal)): Path<(String, String)>,
    Query(n): Query<NoticeParam>,
) -> PageResult<Response> {
    let (cohort, ordinal) = (path_id(&cohort)?, path_ordinal(&ordinal)?);
    let r = register::register(&state, &viewer, &cohort, ordinal).await?;
    let page = register_page(&state, &viewer, r);
    let notice = (n.notice == "saved").then(|| crate::i18n::t("completion-notice-saved"));
    render(&RegisterPage {
        layout: page.layout.with_notice(notice.as_deref()),
        ..page
    })
}

/// The register as posted: one `person` per row, in order, and `present-{person}` as `yes` or
/// `no` for each row answered.
fn marks_from(pairs: &[(String, String)]) -> Vec<MarkInput> {
    pairs
        .iter()
        .filter(|(k, _)| k == "person")
        .map(|(_, person)| {
            let key = format!("present-{person}");
            let present =
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, v)| match v.as_str() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    });
            MarkInput {
                person_id: person.clone(),
                present,
            }
        })
        .collect()
}

pub async fn record_register(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    Path((cohort, ordinal)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let (cohort, ordinal) = (path_id(&cohort)?, path_ordinal(&ordinal)?);
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let marks = marks_from(&pairs);
    match register::record(&state, &actor, &cohort, ordinal, &marks).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/admin/cohorts/{cohort}/sessions/{ordinal}/attendance?notice=saved"
        ))
        .into_response()),
        Err(e) => {
            let mut r = register::register(&state, &viewer, &cohort, ordinal).await?;
            // Show the rows as they were posted, so a correction keeps the other answers.
            for row in &mut r.participants {
                if let Some(m) = marks.iter().find(|m| m.person_id == row.person_id) {
                    row.present = m.present;
                }
            }
            let page = register_page(&state, &viewer, r);
            form_error(e, |errors| RegisterPage {
                layout: page.layout.with_errors(&errors),
                errors,
                r: page.r,
            })
        }
    }
}

#[derive(Template)]
#[template(path = "completion_exception.html")]
struct ExceptionPage {
    layout: Layout,
    errors: Errors,
    v: CompletionExceptionView,
    reason: String,
    max: usize,
}

#[derive(Template)]
#[template(path = "completion_exception_check.html")]
struct ExceptionCheckPage {
    layout: Layout,
    v: CompletionExceptionView,
    reason: String,
}

fn exception_page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    v: CompletionExceptionView,
    reason: String,
) -> ExceptionPage {
    ExceptionPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t1("completion-exception-title", "name", &v.name),
            NAV,
        ),
        errors: Errors::default(),
        v,
        reason,
        max: REASON_MAX,
    }
}

/// The exception form for one participant.
pub async fn exception_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((cohort, person)): Path<(String, String)>,
) -> PageResult<Response> {
    let (cohort, person) = (path_id(&cohort)?, path_id(&person)?);
    let v = exceptions::exception_view(&state, &viewer, &cohort, &person).await?;
    let reason = v.reason.clone().unwrap_or_default();
    render(&exception_page(&state, &viewer, v, reason))
}

#[derive(serde::Deserialize, Default)]
pub struct ExceptionForm {
    #[serde(default)]
    reason: String,
    /// `check` (the form's Continue), `change` (back from checking) or `save`.
    #[serde(default)]
    action: String,
}

/// Continue (to check your answers), Change (back to the form) or Save.
pub async fn exception_post(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    Path((cohort, person)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ExceptionForm>,
) -> PageResult<Response> {
    let (cohort, person) = (path_id(&cohort)?, path_id(&person)?);
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let v = exceptions::exception_view(&state, &viewer, &cohort, &person).await?;
    let result = match form.action.as_str() {
        "change" => return render(&exception_page(&state, &viewer, v, form.reason)),
        "save" => exceptions::record_exception(&state, &actor, &cohort, &person, &form.reason)
            .await
            .map(|_| None),
        _ => check_reason(&form.reason).map(Some),
    };
    match result {
        Ok(Some(reason)) => render(&ExceptionCheckPage {
            layout: Layout::new(
                &state,
                Some(&viewer),
                viewer.csrf.clone(),
                crate::i18n::t("check-answers-title"),
                NAV,
            ),
            v,
            reason,
        }),
        Ok(None) => Ok(Redirect::to(&format!(
            "/admin/cohorts/{cohort}/completion?notice=exception"
        ))
        .into_response()),
        Err(e) => {
            let page = exception_page(&state, &viewer, v, form.reason);
            form_error(e, |errors| ExceptionPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

/// Removes the participant's exception.
pub async fn exception_remove(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    Path((cohort, person)): Path<(String, String)>,
    CsrfForm(_form): CsrfForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let (cohort, person) = (path_id(&cohort)?, path_id(&person)?);
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    exceptions::remove_exception(&state, &actor, &cohort, &person).await?;
    Ok(Redirect::to(&format!(
        "/admin/cohorts/{cohort}/completion?notice=removed"
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "my_cpd.html")]
struct MyCpdPage {
    layout: Layout,
    c: MyCpd,
}

/// The signed-in person's own CPD record.
pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let c = my_cpd(&state, &viewer).await?;
    render(&MyCpdPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("cpd-title"),
            "/cpd",
        ),
        c,
    })
}
