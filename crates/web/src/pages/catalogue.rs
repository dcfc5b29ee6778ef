//! The public catalogue (no sign-in): published programmes and their cohorts with places left.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use revans_app::places::catalogue::{self as read, CohortListing, Programme};
use revans_domain::describe_session;

use crate::auth::MaybeViewer;
use crate::csrf::AnonCsrf;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::paging::{Cursor, Pagination, id_then_text, page_size};
use crate::path_id::PathId;
use crate::state::AppState;

/// A cohort as the catalogue shows it.
pub struct CohortView {
    pub id: String,
    pub name: String,
    pub places_left: i64,
    pub capacity: i64,
    pub open: bool,
    pub closes: String,
    pub completion: String,
    pub sessions: Vec<String>,
}

impl CohortView {
    /// "3 of 12 places left", in the reader's language.
    pub fn places_left_text(&self) -> String {
        crate::i18n::t_args(
            "pub-places-left",
            &[
                ("left", crate::i18n::Arg::from(self.places_left)),
                ("capacity", crate::i18n::Arg::from(self.capacity)),
            ],
        )
    }
}

/// A loaded cohort as the page shows it: dates and sessions in words.
pub fn cohort_view(l: CohortListing) -> CohortView {
    let CohortListing {
        cohort: c,
        sessions,
        open,
    } = l;
    CohortView {
        id: c.id.to_string(),
        name: c.name.clone(),
        places_left: c.places_left(),
        capacity: c.capacity,
        open,
        closes: crate::layout::last_day(c.closes_at, &c.timezone),
        completion: c.completion.describe(sessions.len()),
        sessions: sessions
            .iter()
            .map(|s| describe_session(s, &c.timezone))
            .collect(),
    }
}

/// Cohorts as the page shows them.
pub fn cohort_views(listings: Vec<CohortListing>) -> Vec<CohortView> {
    listings.into_iter().map(cohort_view).collect()
}

pub struct Entry {
    pub programme: Programme,
    pub cohorts: Vec<CohortView>,
}

#[derive(Template)]
#[template(path = "catalogue.html")]
struct ListPage {
    layout: Layout,
    entries: Vec<Entry>,
    pagination: Pagination,
}

/// Programmes a page of the catalogue shows, each with its cohorts.
pub const CATALOGUE_PROGRAMMES: usize = 20;

fn csrf_for(viewer: &Option<crate::auth::Viewer>, anon: &AnonCsrf) -> String {
    viewer
        .as_ref()
        .map_or_else(|| anon.0.clone(), |v| v.csrf.clone())
}

pub async fn list(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    Query(cursor): Query<Cursor>,
) -> PageResult<Response> {
    let seek = cursor.seek(id_then_text);
    let page = read::catalogue_page(&state, &seek, page_size(&state, CATALOGUE_PROGRAMMES)).await?;
    let keys = revans_app::paging::Page {
        items: page
            .items
            .iter()
            .map(|e| (e.programme.id.to_string(), e.programme.fields.title.clone()))
            .collect::<Vec<_>>(),
        has_previous: page.has_previous,
        has_next: page.has_next,
    };
    let pagination = Pagination::new(&keys, "/programmes", &[], |(id, title)| {
        format!("{id}:{title}")
    });
    let entries = page
        .items
        .into_iter()
        .map(|e| Entry {
            programme: e.programme,
            cohorts: cohort_views(e.cohorts),
        })
        .collect();
    let layout = Layout::new(
        &state,
        viewer.as_ref(),
        csrf_for(&viewer, &anon),
        crate::i18n::t("pub-catalogue-title"),
        "/programmes",
    );
    render(&ListPage {
        layout,
        entries,
        pagination,
    })
}

#[derive(Template)]
#[template(path = "programme.html")]
struct ShowPage {
    layout: Layout,
    p: Programme,
    cohorts: Vec<CohortView>,
    fee: String,
    cpd: String,
    any_open: bool,
    /// The programme people go on to, when it is in the catalogue: (id, title).
    follow_on: Option<(String, String)>,
    /// Where it meets as this viewer may see it: a virtual meeting's link only for someone
    /// with a place in one of its cohorts.
    location: String,
}

pub fn fee_text(pence: i64) -> String {
    if pence == 0 {
        "Free".into()
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

pub fn cpd_text(minutes: i64) -> String {
    let hours = minutes as f64 / 60.0;
    format!("{hours} hours")
}

pub async fn show(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    PathId(id): PathId,
) -> PageResult<Response> {
    let read::ProgrammeDetails {
        programme: p,
        cohorts,
        follow_on,
        location,
    } = read::programme(&state, viewer.as_deref(), &id).await?;
    let cohorts = cohort_views(cohorts);
    let follow_on = follow_on.map(|(id, title)| (id.to_string(), title));
    let layout = Layout::new(
        &state,
        viewer.as_ref(),
        csrf_for(&viewer, &anon),
        p.fields.title.clone(),
        "/programmes",
    );
    render(&ShowPage {
        location,
        layout,
        fee: fee_text(p.fields.fee_pence),
        cpd: cpd_text(p.fields.cpd_minutes),
        any_open: cohorts.iter().any(|c| c.open),
        p,
        cohorts,
        follow_on,
    })
}

/// A cohort's sessions as an .ics file (public, like the catalogue that lists them).
pub async fn cohort_ics(State(state): State<AppState>, PathId(id): PathId) -> PageResult<Response> {
    let body = read::cohort_calendar(&state, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"sessions.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}
