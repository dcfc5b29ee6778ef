//! Leads run support circles (issue 15, C7): the region's list, the circle form (new and
//! change), the circle's page (check your answers, with Change links, Publish and Cancel, and
//! the merge the sweep offered), the confirmation once published, and the region's report
//! (page and CSV). Every rule is in `revans_app::circles`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::circles::aggregates::{CircleReport, ReportLine, report};
use revans_app::circles::manage::{
    Choices, CircleDetail, CircleInput, SessionInput, cancel, change, choices, circle_detail,
    circle_list, create, describe, input_from, publish,
};
use revans_app::circles::sweep::{accept_merge, decline_merge};
use revans_domain::{Id, Published};

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined_or, shown};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render, when_in};
use crate::path_id::PathId;
use crate::state::AppState;

const NAV: &str = "/admin/circles";

/// A status as people read it, with its tag colour.
pub fn status_label(status: &str) -> (String, &'static str) {
    let (id, colour) = match status {
        "draft" => ("circles-admin-status-draft", "grey"),
        "published" => ("circles-admin-status-published", "blue"),
        "confirmed" => ("circles-admin-status-confirmed", "green"),
        "cancelled" => ("circles-admin-status-cancelled", "red"),
        "merged" => ("circles-admin-status-merged", "purple"),
        _ => ("circles-admin-status-unknown", "grey"),
    };
    (crate::i18n::t(id), colour)
}

pub struct ListRow {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub topics: String,
    pub starts: String,
    pub sessions: i64,
    pub places: String,
    pub status: (String, &'static str),
    pub can_change: bool,
    pub merge_offered: bool,
}

#[derive(Template)]
#[template(path = "circle_admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ListRow>,
}

/// The region's circles, soonest first.
pub async fn list(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult<Response> {
    let rows = circle_list(&state, &viewer).await?;
    render(&ListPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("circles-title"),
            NAV,
        ),
        rows: rows
            .into_iter()
            .map(|r| ListRow {
                id: r.row.id.clone(),
                title: r.row.title.clone(),
                organisation: r.row.organisation_name.clone(),
                topics: r.row.topic_list().join(", ").replace('-', " "),
                starts: r
                    .row
                    .first_starts_at
                    .map(|ms| when_in(ms, &r.row.timezone))
                    .unwrap_or_default(),
                sessions: r.row.session_count,
                places: format!(
                    "{} booked of {} (at least {})",
                    r.row.booked, r.row.max_places, r.row.min_places
                ),
                status: status_label(&r.row.status),
                can_change: r.can_change,
                merge_offered: r.row.merge_offered_at.is_some() && r.row.status == "published",
            })
            .collect(),
    })
}

/// The circle form as posted: the first session's date in the GOV.UK boxes.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CircleForm {
    organisation_id: String,
    cohort_id: String,
    title: String,
    description: String,
    topics: String,
    min_places: String,
    max_places: String,
    delivery_mode: String,
    delivery_detail: String,
    timezone: String,
    confirm_hours: String,
    cancel_hours: String,
    date: String,
    date_day: String,
    date_month: String,
    date_year: String,
    start_time: String,
    end_time: String,
    more_sessions: String,
    facilitators: Vec<String>,
}

impl CircleForm {
    fn input(self) -> CircleInput {
        CircleInput {
            organisation_id: self.organisation_id,
            cohort_id: self.cohort_id,
            title: self.title,
            description: self.description,
            topics: self.topics,
            min_places: self.min_places,
            max_places: self.max_places,
            delivery_mode: self.delivery_mode,
            delivery_detail: self.delivery_detail,
            timezone: self.timezone,
            confirm_hours: self.confirm_hours,
            cancel_hours: self.cancel_hours,
            first: SessionInput {
                date: joined_or(self.date, &self.date_day, &self.date_month, &self.date_year),
                start_time: self.start_time,
                end_time: self.end_time,
            },
            more_sessions: self.more_sessions,
            facilitators: self.facilitators,
        }
    }
}

/// One choice in a list: its value, label and whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

#[derive(Template)]
#[template(path = "circle_admin_form.html")]
struct FormPage {
    layout: Layout,
    errors: Errors,
    heading: String,
    button: String,
    action: String,
    back: String,
    f: CircleInput,
    date: Boxes,
    organisations: Vec<Choice>,
    pool: Vec<Choice>,
    cohorts: Vec<Choice>,
}

fn form_page(
    state: &AppState,
    viewer: &Viewer,
    circle: Option<&Id>,
    choices: &Choices,
    f: CircleInput,
    errors: Errors,
) -> FormPage {
    let heading = if circle.is_some() {
        crate::i18n::t("circles-admin-change-title")
    } else {
        crate::i18n::t("circles-admin-create-title")
    };
    let mut f = f;
    if f.organisation_id.is_empty()
        && let [(only, _)] = choices.organisations.as_slice()
    {
        f.organisation_id = only.to_string();
    }
    FormPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            heading.clone(),
            NAV,
        )
        .with_errors(&errors),
        errors,
        heading,
        button: if circle.is_some() {
            crate::i18n::t("circles-admin-save-changes")
        } else {
            crate::i18n::t("action-continue")
        },
        action: circle.map_or_else(
            || "/admin/circles".to_owned(),
            |c| format!("/admin/circles/{c}/edit"),
        ),
        back: circle.map_or_else(|| NAV.to_owned(), |c| format!("/admin/circles/{c}")),
        date: shown(&f.first.date),
        organisations: choices
            .organisations
            .iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name.clone(),
                chosen: id.as_str() == f.organisation_id,
            })
            .collect(),
        pool: choices
            .pool
            .iter()
            .map(|p| Choice {
                value: p.person_id.to_string(),
                label: p.name.clone(),
                chosen: f.facilitators.iter().any(|x| x == p.person_id.as_str()),
            })
            .collect(),
        cohorts: choices
            .cohorts
            .iter()
            .map(|(id, label)| Choice {
                value: id.to_string(),
                label: label.clone(),
                chosen: id.as_str() == f.cohort_id,
            })
            .collect(),
        f,
    }
}

pub async fn new_form(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult<Response> {
    let c = choices(&state, &viewer).await?;
    render(&form_page(
        &state,
        &viewer,
        None,
        &c,
        CircleInput::default(),
        Errors::default(),
    ))
}

/// Saves a draft and shows it to check before publishing.
pub async fn create_circle(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<CircleForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = form.input();
    match create(&state, &actor, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/admin/circles/{id}")).into_response()),
        Err(e) => {
            let c = choices(&state, &viewer).await?;
            form_error(e, |errors| {
                form_page(&state, &viewer, None, &c, input, errors)
            })
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let d = circle_detail(&state, &viewer, &id).await?;
    if !d.can_change {
        return Err(not_theirs());
    }
    let c = choices(&state, &viewer).await?;
    render(&form_page(
        &state,
        &viewer,
        Some(&id),
        &c,
        input_from(&d.circle),
        Errors::default(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CircleForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = form.input();
    match change(&state, &actor, &id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/circles/{id}?notice=changed")).into_response()),
        Err(e) => {
            let c = choices(&state, &viewer).await?;
            form_error(e, |errors| {
                form_page(&state, &viewer, Some(&id), &c, input, errors)
            })
        }
    }
}

/// Refused: the circle is run by an organisation the viewer does not lead.
fn not_theirs() -> crate::error::PageError {
    crate::error::AppError::from(revans_app::Error::ForbiddenBecause(
        "Only a lead of the organisation that runs this circle can change it".into(),
    ))
    .into()
}

/// A circle's answers as the summary list shows them.
pub struct Answers {
    pub id: String,
    pub title: String,
    pub description: String,
    pub organisation: String,
    pub topics: String,
    pub places: String,
    pub booked: i64,
    pub delivery: String,
    pub sessions: Vec<String>,
    pub facilitators: String,
    pub cohort: String,
    pub deadlines: String,
    pub status: (String, &'static str),
    pub is_draft: bool,
    pub is_running: bool,
}

fn answers(d: &CircleDetail) -> Answers {
    let f = &d.circle.fields;
    Answers {
        id: d.circle.id.to_string(),
        title: f.title.clone(),
        description: f.description.clone(),
        organisation: d.organisation_name.clone(),
        topics: f.topics.join(", ").replace('-', " "),
        places: crate::pages::circles::t2(
            "circles-admin-places",
            "min",
            f.min_places,
            "max",
            f.max_places,
        ),
        booked: d.circle.booked,
        delivery: if f.delivery_mode == "virtual" {
            crate::i18n::t1("circles-admin-virtual", "detail", &f.delivery_detail)
        } else {
            crate::i18n::t1("circles-admin-in-person", "detail", &f.delivery_detail)
        },
        sessions: f
            .sessions
            .iter()
            .map(|s| describe(s, &f.timezone))
            .collect(),
        facilitators: d
            .facilitator_names
            .join(&format!(" {} ", crate::i18n::t("circles-and"))),
        cohort: d
            .cohort_label
            .clone()
            .unwrap_or_else(|| crate::i18n::t("circles-admin-stands-alone")),
        deadlines: crate::pages::circles::t2(
            "circles-admin-deadlines",
            "confirm",
            f.confirm_hours,
            "cancel",
            f.cancel_hours,
        ),
        status: status_label(&d.circle.status),
        is_draft: d.circle.status == "draft",
        is_running: matches!(
            d.circle.status.as_str(),
            "draft" | "published" | "confirmed"
        ),
    }
}

#[derive(Template)]
#[template(path = "circle_admin_circle.html")]
struct CirclePage {
    layout: Layout,
    a: Answers,
    can_change: bool,
    merge_target: Option<(String, String)>,
    merged_into: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// The circle: check your answers (a draft), or its state and what can be done.
pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let d = circle_detail(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("changed") => Some(crate::i18n::t("circles-admin-notice-changed")),
        Some("cancelled") => Some(crate::i18n::t("circles-admin-notice-cancelled")),
        Some("declined") => Some(crate::i18n::t("circles-admin-notice-declined")),
        _ => None,
    };
    let heading = if d.circle.status == "draft" {
        crate::i18n::t("circles-admin-check-heading")
    } else {
        d.circle.fields.title.clone()
    };
    render(&CirclePage {
        layout: Layout::new(&state, Some(&viewer), viewer.csrf.clone(), heading, NAV)
            .with_notice(notice.as_deref()),
        a: answers(&d),
        can_change: d.can_change,
        merge_target: d
            .merge_target
            .as_ref()
            .map(|(id, title)| (id.to_string(), title.clone())),
        merged_into: d.circle.merged_into.as_ref().map(Id::to_string),
    })
}

/// Nothing to read from a confirming form but its CSRF token.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}

pub async fn publish_circle(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    publish(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/admin/circles/{id}/published")).into_response())
}

#[derive(Template)]
#[template(path = "circle_admin_published.html")]
struct PublishedPage {
    layout: Layout,
    a: Answers,
}

/// The confirmation page after publishing.
pub async fn published(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let d = circle_detail(&state, &viewer, &id).await?;
    render(&PublishedPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("circles-admin-published-title"),
            NAV,
        ),
        a: answers(&d),
    })
}

#[derive(Template)]
#[template(path = "circle_admin_cancel.html")]
struct CancelPage {
    layout: Layout,
    a: Answers,
}

/// "Are you sure?" before a circle is cancelled by hand.
pub async fn cancel_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let d = circle_detail(&state, &viewer, &id).await?;
    if !d.can_change {
        return Err(not_theirs());
    }
    render(&CancelPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("circles-admin-cancel-page-title"),
            NAV,
        ),
        a: answers(&d),
    })
}

pub async fn cancel_circle(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    cancel(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/admin/circles/{id}?notice=cancelled")).into_response())
}

/// Accepts the merge on offer; shows the circle the bookings moved to.
pub async fn merge(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let target = accept_merge(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/admin/circles/{target}?notice=changed")).into_response())
}

pub async fn decline(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    decline_merge(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/admin/circles/{id}?notice=declined")).into_response())
}

/// A report line as shown: published counts and the rate, or "Fewer than 8".
pub struct Line {
    pub name: String,
    pub run: u32,
    pub not_run: u32,
    pub bookings: Option<u32>,
    pub attendance: Option<u32>,
}

fn line(l: &ReportLine) -> Line {
    Line {
        name: l.name.clone(),
        run: l.circles_run,
        not_run: l.circles_not_run,
        bookings: l.bookings.shown(),
        attendance: l.attendance_percent,
    }
}

#[derive(Template)]
#[template(path = "circle_admin_report.html")]
struct ReportPage {
    layout: Layout,
    region: String,
    /// ("By topic", its lines), then ("By organisation", its lines).
    sections: Vec<(String, String, Vec<Line>)>,
    total: Line,
}

/// The region's circles in figures, for leads and evaluators.
pub async fn report_page(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let r = report(&state, &viewer).await?;
    render(&ReportPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("circles-admin-report-title"),
            NAV,
        ),
        region: r.region_name.clone(),
        sections: vec![
            (
                crate::i18n::t("circles-admin-by-topic"),
                crate::i18n::t("circles-topic"),
                r.by_topic.iter().map(line).collect(),
            ),
            (
                crate::i18n::t("circles-admin-by-organisation"),
                crate::i18n::t("pool-organisation"),
                r.by_organisation.iter().map(line).collect(),
            ),
        ],
        total: line(&r.total),
    })
}

fn cell(p: Published) -> String {
    p.shown().map_or_else(|| "*".into(), |n| n.to_string())
}

/// The report as CSV: one row per topic and per organisation, then the total.
pub fn report_csv_text(r: &CircleReport) -> String {
    let rows: Vec<Vec<String>> = r
        .by_topic
        .iter()
        .map(|l| ("topic", l))
        .chain(r.by_organisation.iter().map(|l| ("organisation", l)))
        .chain(std::iter::once(("total", &r.total)))
        .map(|(kind, l)| {
            vec![
                kind.to_owned(),
                l.name.clone(),
                l.circles_run.to_string(),
                l.circles_not_run.to_string(),
                cell(l.bookings),
                l.attendance_percent
                    .map_or_else(|| "*".into(), |n| n.to_string()),
            ]
        })
        .collect();
    crate::csv_export::render(
        &[
            "by",
            "name",
            "circles_run",
            "circles_not_run",
            "bookings",
            "attendance_percent",
        ],
        &rows,
    )
}

pub async fn report_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let r = report(&state, &viewer).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"circles.csv\"",
            ),
        ],
        report_csv_text(&r),
    )
        .into_response())
}
