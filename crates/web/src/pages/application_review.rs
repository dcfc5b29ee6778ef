//! A programme lead's review of applications: the queue on its own page (a tab per status with
//! counts, filters, bulk decisions) and one application's page (every answer, the sponsor's
//! decision and reason, the history, and a decision).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::places::application_view::{ApplicationView, decide_one, for_lead};
use revans_app::places::applications::decide;
use revans_app::places::review_queue::{QueueFilters, QueueStatus, review_queue_page};
use revans_domain::{ApplicationState, Id};

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render, when};
use crate::path_id::PathId;
use crate::state::AppState;

/// The colour of a state's tag: blue waits for a decision, yellow is an open offer, green a
/// place, orange the waiting list, grey an ending, red a refusal.
pub fn tag_colour(s: ApplicationState) -> &'static str {
    match s {
        ApplicationState::Draft => "grey",
        ApplicationState::Submitted => "blue",
        ApplicationState::Approved => "purple",
        ApplicationState::Offered => "yellow",
        ApplicationState::Accepted => "green",
        ApplicationState::Waitlisted => "orange",
        ApplicationState::Declined | ApplicationState::Expired | ApplicationState::Withdrawn => {
            "grey"
        }
        ApplicationState::Rejected => "red",
    }
}

/// What the queue calls a state in its tabs: "Waiting for a decision" for a sent one.
fn tab_label(s: ApplicationState) -> String {
    match s {
        ApplicationState::Submitted => crate::i18n::t("admin-tab-waiting"),
        other => crate::i18n::t(other.message_id()),
    }
}

/// A row of the queue.
pub struct QueueRow {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub status: String,
    pub colour: &'static str,
    pub cohort: String,
    pub sponsor: String,
    /// Whether it can be chosen for a bulk decision (a nomination not yet sent cannot).
    pub selectable: bool,
}

/// A status tab: its link, words and count.
pub struct Tab {
    pub href: String,
    pub label: String,
    pub count: i64,
    pub current: bool,
}

/// A choice in one of the other filters.
pub struct FilterOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "admin_applications.html")]
struct QueuePage {
    layout: Layout,
    errors: Errors,
    programme_id: String,
    title: String,
    /// The current tab's words, for the table's caption.
    showing: String,
    /// The chosen status as posted back by the filter form ("" for the default).
    status: String,
    tabs: Vec<Tab>,
    rows: Vec<QueueRow>,
    /// "Previous" and "Next" around this page of the queue.
    pagination: crate::paging::Pagination,
    /// How many the current tab holds (before the other filters).
    total: i64,
    organisations: Vec<FilterOption>,
    cohorts: Vec<FilterOption>,
    search: String,
    filtered: bool,
    export_query: String,
    reason: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    notice: Option<String>,
    /// Blank: waiting for a decision; `all`; or a state's name.
    status: Option<String>,
    organisation: Option<String>,
    cohort: Option<String>,
    q: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

fn sponsor_words(a: &revans_app::places::application_view::Application, needed: bool) -> String {
    if a.sponsor_declined_at.is_some() {
        crate::i18n::t("admin-sponsor-declined")
    } else if a.sponsor_approved_at.is_some() {
        crate::i18n::t("admin-sponsor-approved")
    } else if a.state == ApplicationState::Draft {
        crate::i18n::t("admin-sponsor-nominated")
    } else if needed {
        crate::i18n::t("admin-not-yet")
    } else {
        crate::i18n::t("admin-not-needed")
    }
}

/// The CSV link's query: the same state and filters as the queue on screen.
fn export_query(status: Option<ApplicationState>, f: &QueueFilters) -> String {
    let state = status.map(|s| s.as_str()).unwrap_or("");
    let pairs: Vec<(&str, &str)> = [
        ("state", state),
        ("organisation", f.organisation.as_str()),
        ("cohort", f.cohort.as_str()),
        ("q", f.search()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    match serde_html_form::to_string(&pairs) {
        Ok(q) if !q.is_empty() => format!("?{q}"),
        _ => String::new(),
    }
}

async fn queue_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    id: &Id,
    q: &QueueQuery,
    errors: Errors,
    reason: String,
) -> PageResult<QueuePage> {
    let actor = Actor { viewer, ip };
    let status = QueueStatus::parse(q.status.as_deref()).ok_or_else(|| {
        AppError::field(
            "status",
            "Choose a status from the list: waiting for a decision, approved, offered, and so on",
        )
    })?;
    let filters = QueueFilters::new(
        q.organisation.as_deref(),
        q.cohort.as_deref(),
        q.q.as_deref(),
    );
    let seek = crate::paging::Cursor {
        after: q.after.clone(),
        before: q.before.clone(),
    }
    .seek(|k| Id::parse(k).map(|_| k.to_owned()));
    let limit = crate::paging::page_size(state, crate::paging::PAGE_SIZE);
    let queue = review_queue_page(state, &actor, id, status, &filters, &seek, limit).await?;
    let needed = queue.programme.fields.requires_sponsor_approval;
    let base = format!("/admin/programmes/{id}/applications");
    let mut tabs: Vec<Tab> = queue
        .counts
        .iter()
        .map(|(s, n)| Tab {
            href: if *s == ApplicationState::Submitted {
                base.clone()
            } else {
                format!("{base}?status={}", s.as_str())
            },
            label: tab_label(*s),
            count: *n,
            current: status == QueueStatus::Only(*s),
        })
        .collect();
    tabs.push(Tab {
        href: format!("{base}?status=all"),
        label: crate::i18n::t("admin-tab-all"),
        count: queue.counts.iter().map(|(_, n)| n).sum(),
        current: status == QueueStatus::All,
    });
    let showing = tabs
        .iter()
        .find(|t| t.current)
        .map(|t| t.label.clone())
        .unwrap_or_else(|| crate::i18n::t("admin-tab-all"));
    let status_raw = q.status.clone().unwrap_or_default();
    let pagination = crate::paging::Pagination::new(
        &queue.applications,
        &base,
        &[
            ("status", status_raw.as_str()),
            ("organisation", filters.organisation.as_str()),
            ("cohort", filters.cohort.as_str()),
            ("q", q.q.as_deref().unwrap_or("")),
        ],
        |a| a.id.to_string(),
    );
    let total = tabs
        .iter()
        .find(|t| t.current)
        .map(|t| t.count)
        .unwrap_or(0);
    let rows = queue
        .applications
        .items
        .iter()
        .map(|a| QueueRow {
            id: a.id.to_string(),
            name: a.person_name.clone(),
            organisation: a.organisation_name.clone(),
            status: match (a.state, a.waitlist_rank) {
                (ApplicationState::Draft, _) => crate::i18n::t("admin-nominated-incomplete"),
                (ApplicationState::Rejected, _) if a.sponsor_declined_at.is_some() => {
                    crate::i18n::t("admin-declined-by-sponsor")
                }
                (_, Some(r)) => crate::i18n::t_args(
                    "admin-status-numbered",
                    &[
                        ("status", crate::i18n::t(a.state.message_id()).into()),
                        ("number", r.into()),
                    ],
                ),
                (s, None) => crate::i18n::t(s.message_id()),
            },
            colour: tag_colour(a.state),
            cohort: a.cohort_name.clone().unwrap_or_default(),
            sponsor: sponsor_words(a, needed),
            selectable: a.state != ApplicationState::Draft,
        })
        .collect();
    let notice = match q.notice.as_deref() {
        Some("decided") => Some(crate::i18n::t("admin-notice-decided")),
        _ => None,
    };
    let wanted = match status {
        QueueStatus::All => None,
        QueueStatus::Only(s) => Some(s),
    };
    Ok(QueuePage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t1(
                "admin-applications-for",
                "title",
                &queue.programme.fields.title,
            ),
            "/admin/programmes",
        )
        .with_errors(&errors)
        .with_notice(notice.as_deref()),
        errors,
        programme_id: id.to_string(),
        title: queue.programme.fields.title.clone(),
        showing,
        status: status_raw,
        tabs,
        pagination,
        total,
        rows,
        organisations: queue
            .organisations
            .into_iter()
            .map(|(id, name)| FilterOption {
                selected: id.as_str() == filters.organisation,
                value: id.to_string(),
                label: name,
            })
            .collect(),
        cohorts: std::iter::once(FilterOption {
            value: "none".into(),
            label: crate::i18n::t("admin-not-yet-placed"),
            selected: filters.cohort == "none",
        })
        .chain(queue.cohorts.into_iter().map(|(id, name)| FilterOption {
            selected: id.as_str() == filters.cohort,
            value: id.to_string(),
            label: name,
        }))
        .collect(),
        search: q.q.clone().unwrap_or_default(),
        filtered: filters.any(),
        export_query: export_query(wanted, &filters),
        reason,
    })
}

pub async fn queue(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<QueueQuery>,
) -> PageResult<Response> {
    render(
        &queue_page(
            &state,
            &viewer,
            &ip,
            &id,
            &q,
            Errors::default(),
            String::new(),
        )
        .await?,
    )
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    applications: Vec<String>,
    decision: String,
    reason: String,
    /// The tab the decisions were made on, to return to.
    status: String,
}

/// Bulk decisions from the queue: approve, or reject with a reason.
pub async fn decisions(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let back = QueueQuery {
        status: Some(form.status.clone()).filter(|s| !s.is_empty()),
        ..QueueQuery::default()
    };
    match decide(
        &state,
        &actor,
        &id,
        &form.applications,
        &form.decision,
        &form.reason,
    )
    .await
    {
        Ok(_) => {
            let status = match back.status.as_deref() {
                Some(s) => format!("status={}&", urlencode(s)),
                None => String::new(),
            };
            Ok(Redirect::to(&format!(
                "/admin/programmes/{id}/applications?{status}notice=decided"
            ))
            .into_response())
        }
        Err(e) => {
            let page = queue_page(
                &state,
                &viewer,
                &ip,
                &id,
                &back,
                Errors::default(),
                form.reason.clone(),
            )
            .await?;
            form_error(e, |errors| QueuePage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

fn urlencode(s: &str) -> String {
    serde_html_form::to_string([("v", s)])
        .map(|q| q.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}

/// A row of an application's summary list.
pub struct SummaryRow {
    pub key: String,
    pub value: String,
}

/// An application's page, for the lead or a sponsor.
pub struct ApplicationSummary {
    pub id: String,
    pub programme_id: String,
    pub programme_title: String,
    pub person_name: String,
    pub status: String,
    pub colour: &'static str,
    pub rows: Vec<SummaryRow>,
    /// (question, answer).
    pub answers: Vec<(String, String)>,
    /// The sponsor's decision in words, and their reason when they declined.
    pub sponsor: String,
    pub sponsor_reason: Option<String>,
    /// The lead's reason for not accepting it.
    pub decision_reason: Option<String>,
    /// (when, who, what), oldest first.
    pub history: Vec<(String, String, String)>,
    pub can_approve: bool,
    pub can_reject: bool,
    pub sponsor_can_decide: bool,
}

pub fn summary(v: ApplicationView) -> ApplicationSummary {
    let a = &v.application;
    let confirmed = |items: &[String]| -> String {
        if items.is_empty() {
            crate::i18n::t("admin-none-asked")
        } else if a.confirmed_statements {
            crate::i18n::t1("admin-confirmed-items", "items", items.join("; "))
        } else {
            crate::i18n::t("admin-not-yet-confirmed")
        }
    };
    let sponsor = if let Some(at) = a.sponsor_declined_at {
        sponsor_decision("admin-sponsor-declined-by", a.sponsor_name.as_deref(), at)
    } else if let Some(at) = a.sponsor_approved_at {
        sponsor_decision("admin-sponsor-approved-by", a.sponsor_name.as_deref(), at)
    } else if a.state == ApplicationState::Draft {
        crate::i18n::t("admin-sponsor-nominated-pending")
    } else if v.requires_sponsor_approval {
        crate::i18n::t("admin-sponsor-waiting")
    } else {
        crate::i18n::t("admin-sponsor-not-needed")
    };
    let status = match a.state {
        ApplicationState::Draft => crate::i18n::t("admin-nominated-incomplete"),
        s => crate::i18n::t(s.message_id()),
    };
    let mut rows = vec![
        SummaryRow {
            key: crate::i18n::t("admin-applicant"),
            value: format!("{} ({})", a.person_name, a.person_email),
        },
        SummaryRow {
            key: crate::i18n::t("admin-organisation"),
            value: a.organisation_name.clone(),
        },
        SummaryRow {
            key: crate::i18n::t("admin-sent"),
            value: a
                .submitted_at
                .map(when)
                .unwrap_or_else(|| crate::i18n::t("admin-not-yet")),
        },
        SummaryRow {
            key: crate::i18n::t("admin-cohorts-wanted"),
            value: if v.preferences.is_empty() {
                crate::i18n::t("admin-none-chosen")
            } else {
                v.preferences
                    .iter()
                    .enumerate()
                    .map(|(i, n)| format!("{}. {n}", i + 1))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        },
    ];
    if let Some(c) = &a.cohort_name {
        rows.push(SummaryRow {
            key: crate::i18n::t("admin-cohort"),
            value: match a.waitlist_rank {
                Some(r) => crate::i18n::t_args(
                    "admin-cohort-waitlist-number",
                    &[("cohort", c.clone().into()), ("number", r.into())],
                ),
                None => c.clone(),
            },
        });
    }
    rows.push(SummaryRow {
        key: crate::i18n::t("admin-eligibility-key"),
        value: confirmed(&v.eligibility),
    });
    rows.push(SummaryRow {
        key: crate::i18n::t("admin-confirmations"),
        value: confirmed(&v.confirmations),
    });
    ApplicationSummary {
        id: a.id.to_string(),
        programme_id: a.programme_id.to_string(),
        programme_title: a.programme_title.clone(),
        person_name: a.person_name.clone(),
        colour: tag_colour(a.state),
        status,
        rows,
        answers: v
            .answers
            .iter()
            .map(|q| {
                (
                    q.question.clone(),
                    if q.answer.is_empty() {
                        crate::i18n::t("admin-not-answered")
                    } else {
                        q.answer.clone()
                    },
                )
            })
            .collect(),
        sponsor,
        sponsor_reason: a.sponsor_reason.clone(),
        decision_reason: a.decision_reason.clone(),
        history: v
            .history
            .iter()
            .map(|h| (when(h.at), h.who.clone(), h.what.clone()))
            .collect(),
        can_approve: v.can_approve,
        can_reject: v.can_reject,
        sponsor_can_decide: v.sponsor_can_decide,
    }
}

#[derive(Template)]
#[template(path = "admin_application.html")]
struct ShowPage {
    layout: Layout,
    errors: Errors,
    s: ApplicationSummary,
    reason: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    notice: Option<String>,
}

async fn show_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    id: &Id,
    notice: Option<&str>,
) -> PageResult<ShowPage> {
    let v = for_lead(state, &Actor { viewer, ip }, id).await?;
    let s = summary(v);
    let notice = match notice {
        Some("approved") => Some("Approved. Allocate places from the programme page to offer one."),
        Some("reject") => Some("Not accepted. The applicant has been emailed your reason."),
        _ => None,
    };
    Ok(ShowPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t1("admin-application-title", "name", &s.person_name),
            "/admin/programmes",
        )
        .with_notice(notice),
        errors: Errors::default(),
        s,
        reason: String::new(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<ShowQuery>,
) -> PageResult<Response> {
    render(&show_page(&state, &viewer, &ip, &id, q.notice.as_deref()).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct OneDecisionForm {
    decision: String,
    reason: String,
}

/// The lead's decision on one application, from its page.
pub async fn decide_application(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<OneDecisionForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match decide_one(&state, &actor, &id, &form.decision, &form.reason).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/admin/applications/{id}?notice={}",
            if form.decision == "approve" {
                "approved"
            } else {
                "reject"
            }
        ))
        .into_response()),
        Err(e) => {
            let page = show_page(&state, &viewer, &ip, &id, None).await?;
            form_error(e, |errors| ShowPage {
                layout: page.layout.with_errors(&errors),
                errors,
                reason: form.reason.clone(),
                ..page
            })
        }
    }
}

/// "Approved by Sam Sponsor on 3 March 2027" (or "their sponsor" when the name is gone).
fn sponsor_decision(id: &str, name: Option<&str>, at: i64) -> String {
    let name = name.map_or_else(|| crate::i18n::t("admin-their-sponsor"), str::to_owned);
    crate::i18n::t_args(id, &[("name", name.into()), ("date", when(at).into())])
}
