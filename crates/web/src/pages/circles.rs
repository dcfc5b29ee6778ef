//! Support circles (C7): the public calendar (by month or as a list, filtered), its embeddable
//! twin for an intranet, a circle's page with one-click booking, "My circles" with cancel and
//! accept, the attendance sheet, and the region and topic feeds.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::circles::attendance::{self, AttendanceSheet};
use revans_app::circles::booking::{self, MyCircleView};
use revans_app::circles::calendar::{
    self as read, CalendarQuery, CircleCalendar, CircleDetail, CircleListing,
};
use revans_app::circles::feeds;

use crate::auth::{ClientIp, MaybeViewer, SignedIn};
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;

/// The circles of one month, for the month view.
pub struct Month {
    pub label: String,
    pub circles: Vec<CircleListing>,
}

fn months(circles: &[CircleListing]) -> Vec<Month> {
    let mut out: Vec<Month> = Vec::new();
    for c in circles {
        let label = c
            .sessions
            .first()
            .map(|s| month_of(s.starts_ms, &c.timezone))
            .unwrap_or_default();
        match out.last_mut() {
            Some(m) if m.label == label => m.circles.push(c.clone()),
            _ => out.push(Month {
                label,
                circles: vec![c.clone()],
            }),
        }
    }
    out
}

fn month_of(ms: i64, zone: &str) -> String {
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        // The locale's long day without its day number: "March 2027", "März 2027".
        .map(|t| {
            let day = revans_i18n::day(&t.to_zoned(tz).date().to_string());
            day.split_once(' ')
                .map_or(day.clone(), |(_, rest)| rest.to_owned())
        })
        .unwrap_or_default()
}

/// "3 of 12 places left", in the reader's language.
pub fn places_left(left: &i64, max: &i64) -> String {
    crate::i18n::t_args(
        "circles-places-left",
        &[
            ("left", crate::i18n::Arg::from(left.to_string())),
            ("max", crate::i18n::Arg::from(max.to_string())),
        ],
    )
}

/// The legend of a session's attendance form.
pub fn who_came(ordinal: impl std::fmt::Display, when: &str) -> String {
    crate::i18n::t_args(
        "circles-who-came",
        &[
            ("n", crate::i18n::Arg::from(ordinal.to_string())),
            ("when", crate::i18n::Arg::from(when.to_owned())),
        ],
    )
}

/// A message with two placeholders, for the templates of circles, the pool and the like.
pub fn t2(
    id: &str,
    k1: &str,
    v1: impl std::fmt::Display,
    k2: &str,
    v2: impl std::fmt::Display,
) -> String {
    crate::i18n::t_args(
        id,
        &[
            (k1, crate::i18n::Arg::from(v1.to_string())),
            (k2, crate::i18n::Arg::from(v2.to_string())),
        ],
    )
}

/// "set" or "circle" in the reader's language.
pub fn kind_word(kind: &str) -> String {
    crate::i18n::t(if kind == "set" {
        "facil-kind-word-set"
    } else {
        "facil-kind-word-circle"
    })
}

/// The warning that a current facilitator needs a replacement.
pub fn needs_replacement(name: &str, from: &str, kind: &str) -> String {
    crate::i18n::t_args(
        "facil-prop-needs",
        &[
            ("name", crate::i18n::Arg::from(name.to_owned())),
            ("from", crate::i18n::Arg::from(from.to_owned())),
            ("kind", crate::i18n::Arg::from(kind_word(kind))),
        ],
    )
}

/// A topic tag in words.
pub fn label(tag: &str) -> String {
    read::label(tag)
}

/// What the calendar and its embeddable twin both show.
pub struct CalendarBody {
    cal: CircleCalendar,
    months: Vec<Month>,
    q: CalendarQuery,
    month_view: bool,
    errors: Errors,
    /// The region shown, for the view switch and the feed links.
    region_param: String,
    embed: bool,
}

#[derive(Template)]
#[template(path = "circles.html")]
struct CalendarPage {
    layout: Layout,
    b: CalendarBody,
}

#[derive(Template)]
#[template(path = "circles_embed.html")]
struct EmbedPage {
    layout: Layout,
    b: CalendarBody,
}

#[derive(serde::Deserialize, Default)]
pub struct CalendarParams {
    #[serde(flatten)]
    q: CalendarQuery,
    #[serde(default)]
    view: String,
}

fn csrf_for(viewer: &Option<crate::auth::Viewer>, anon: &AnonCsrf) -> String {
    viewer
        .as_ref()
        .map_or_else(|| anon.0.clone(), |v| v.csrf.clone())
}

async fn calendar_page(
    state: &AppState,
    viewer: Option<crate::auth::Viewer>,
    anon: &AnonCsrf,
    params: CalendarParams,
    embed: bool,
) -> PageResult<Response> {
    let layout = Layout::new(
        state,
        if embed { None } else { viewer.as_ref() },
        csrf_for(&viewer, anon),
        crate::i18n::t("circles-title"),
        "/circles",
    );
    let month_view = params.view != "list";
    let q = params.q;
    let (cal, errors) = match read::calendar(state, viewer.as_ref().map(|v| &v.who), &q).await {
        Ok(cal) => (cal, Errors::default()),
        Err(revans_app::Error::Invalid(fields)) => (
            CircleCalendar {
                region: None,
                regions: Vec::new(),
                circles: Vec::new(),
                topics: Vec::new(),
                organisations: Vec::new(),
            },
            Errors(fields),
        ),
        Err(e) => return Err(e.into()),
    };
    let invalid = errors.any();
    let b = CalendarBody {
        months: months(&cal.circles),
        region_param: cal.region.clone().unwrap_or_default(),
        cal,
        q,
        month_view,
        errors,
        embed,
    };
    let layout = layout.with_errors(&b.errors);
    let mut response = if embed {
        render(&EmbedPage { layout, b })?
    } else {
        render(&CalendarPage { layout, b })?
    };
    if invalid {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn list(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    Query(params): Query<CalendarParams>,
) -> PageResult<Response> {
    calendar_page(&state, viewer, &anon, params, false).await
}

/// The calendar without the site's header and navigation, for an intranet's iframe (the
/// security headers let any site frame this page only).
pub async fn embed(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    Query(params): Query<CalendarParams>,
) -> PageResult<Response> {
    calendar_page(&state, viewer, &anon, params, true).await
}

#[derive(Template)]
#[template(path = "circle_show.html")]
struct ShowPage {
    layout: Layout,
    d: CircleDetail,
    signed_in: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct NoticeParam {
    #[serde(default)]
    notice: String,
}

fn notice_text(key: &str) -> Option<String> {
    let id = match key {
        "booked" => "circles-notice-booked",
        "waiting" => "circles-notice-waiting",
        "cancelled" => "circles-notice-cancelled",
        "accepted" => "circles-notice-accepted",
        "attendance" => "circles-notice-attendance",
        _ => return None,
    };
    Some(crate::i18n::t(id))
}

pub async fn show(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    PathId(id): PathId,
    Query(n): Query<NoticeParam>,
) -> PageResult<Response> {
    let d = read::circle(&state, viewer.as_ref().map(|v| &v.who), &id).await?;
    let layout = Layout::new(
        &state,
        viewer.as_ref(),
        csrf_for(&viewer, &anon),
        d.circle.title.clone(),
        "/circles",
    )
    .with_notice(notice_text(&n.notice).as_deref());
    render(&ShowPage {
        layout,
        signed_in: viewer.is_some(),
        d,
    })
}

#[derive(serde::Deserialize)]
pub struct Empty {}

pub async fn book(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let outcome = booking::book(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/circles/{id}?notice={}", outcome.status)).into_response())
}

#[derive(serde::Deserialize)]
pub struct BackForm {
    #[serde(default)]
    back: String,
}

fn back_to(id: &revans_domain::Id, back: &str, notice: &str) -> String {
    if back == "mine" {
        format!("/circles/mine?notice={notice}")
    } else {
        format!("/circles/{id}?notice={notice}")
    }
}

pub async fn cancel(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<BackForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    booking::cancel(&state, &actor, &id).await?;
    Ok(Redirect::to(&back_to(&id, &form.back, "cancelled")).into_response())
}

pub async fn accept(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<BackForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    booking::accept(&state, &actor, &id).await?;
    Ok(Redirect::to(&back_to(&id, &form.back, "accepted")).into_response())
}

#[derive(Template)]
#[template(path = "circles_mine.html")]
struct MinePage {
    layout: Layout,
    circles: Vec<MyCircleView>,
}

pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(n): Query<NoticeParam>,
) -> PageResult<Response> {
    let circles = booking::my_circles(&state, &viewer).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("circles-my-circles"),
        "/circles",
    )
    .with_notice(notice_text(&n.notice).as_deref());
    render(&MinePage { layout, circles })
}

#[derive(Template)]
#[template(path = "circle_attendance.html")]
struct AttendancePage {
    layout: Layout,
    s: AttendanceSheet,
    errors: Errors,
}

pub async fn attendance_sheet(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(n): Query<NoticeParam>,
) -> PageResult<Response> {
    let s = attendance::sheet(&state, &viewer, &id).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("circles-attendance-title", "title", &s.title),
        "/circles",
    )
    .with_notice(notice_text(&n.notice).as_deref());
    render(&AttendancePage {
        layout,
        s,
        errors: Errors::default(),
    })
}

#[derive(serde::Deserialize)]
pub struct AttendanceForm {
    #[serde(default)]
    session: String,
    #[serde(default)]
    present: Vec<String>,
}

pub async fn record_attendance(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<AttendanceForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    // An unreadable session number is session 0, which no circle has: access is checked first.
    let ordinal = form.session.trim().parse::<i64>().unwrap_or(0);
    let result = attendance::record(&state, &actor, &id, ordinal, &form.present).await;
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/circles/{id}/attendance?notice=attendance")).into_response(),
        ),
        Err(e) => {
            let s = attendance::sheet(&state, &viewer, &id).await?;
            let layout = Layout::new(
                &state,
                Some(&viewer),
                viewer.csrf.clone(),
                crate::i18n::t1("circles-attendance-title", "title", &s.title),
                "/circles",
            );
            form_error(e, |errors| AttendancePage {
                layout: layout.with_errors(&errors),
                s,
                errors,
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct FeedParams {
    #[serde(default)]
    region: String,
}

fn ics(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Every upcoming circle of a region (`?region=`, or the signed-in person's, or the only one).
pub async fn region_feed(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Query(p): Query<FeedParams>,
) -> PageResult<Response> {
    Ok(ics(feeds::region_feed(
        &state,
        viewer.as_ref().map(|v| &v.who),
        &p.region,
        None,
    )
    .await?))
}

/// The circles of one topic: `/circles/topics/burnout.ics`.
pub async fn topic_feed(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Path(file): Path<String>,
    Query(p): Query<FeedParams>,
) -> PageResult<Response> {
    let Some(topic) = file.strip_suffix(".ics") else {
        return Err(revans_app::Error::NotFound.into());
    };
    Ok(ics(feeds::region_feed(
        &state,
        viewer.as_ref().map(|v| &v.who),
        &p.region,
        Some(topic),
    )
    .await?))
}
