//! The public catalogue (no sign-in): published programmes and their cohorts with places left.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use revans_domain::{Id, ProgrammeStatus, describe_session};
use revans_storage::cohorts::{self, CohortsOf};
use revans_storage::now_ms;
use revans_storage::programmes::{self, Programme};

use crate::auth::MaybeViewer;
use crate::csrf::AnonCsrf;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
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

/// A programme's cohorts as the catalogue shows them (two queries, however many cohorts).
pub async fn cohort_views(
    conn: &mut revans_storage::Conn,
    programme: &Programme,
) -> Result<Vec<CohortView>, AppError> {
    let cohorts = cohorts::with_sessions(conn, CohortsOf::Programme(&programme.id)).await?;
    Ok(views_of(programme, cohorts, now_ms()))
}

/// Turns loaded cohorts and their sessions into what the page shows.
fn views_of(
    programme: &Programme,
    cohorts: Vec<(cohorts::Cohort, Vec<revans_domain::Session>)>,
    now: i64,
) -> Vec<CohortView> {
    cohorts
        .into_iter()
        .map(|(c, sessions)| CohortView {
            id: c.id.to_string(),
            name: c.name.clone(),
            places_left: c.places_left(),
            capacity: c.capacity,
            open: programme.status == ProgrammeStatus::Published && c.is_open(now),
            closes: crate::layout::when(c.closes_at),
            completion: c.completion.describe(sessions.len()),
            sessions: sessions
                .iter()
                .map(|s| describe_session(s, &c.timezone))
                .collect(),
        })
        .collect()
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
}

fn csrf_for(viewer: &Option<crate::auth::Viewer>, anon: &AnonCsrf) -> String {
    viewer
        .as_ref()
        .map_or_else(|| anon.0.clone(), |v| v.csrf.clone())
}

pub async fn list(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
) -> PageResult<Response> {
    let mut conn = state.store.conn().await?;
    let published = programmes::list_published(&mut conn).await?;
    let mut by_programme = cohorts::by_programme(&mut conn, CohortsOf::Published).await?;
    let now = now_ms();
    let entries = published
        .into_iter()
        .map(|programme| {
            let mine = by_programme.remove(&programme.id).unwrap_or_default();
            let cohorts = views_of(&programme, mine, now);
            Entry { programme, cohorts }
        })
        .collect();
    let layout = Layout::new(
        &state,
        viewer.as_ref(),
        csrf_for(&viewer, &anon),
        "Programmes",
        "/programmes",
    );
    render(&ListPage { layout, entries })
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
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = Id::parse(&id).ok_or(AppError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let p = match programmes::get(&mut conn, &id).await? {
        Some(p) if p.status != ProgrammeStatus::Draft => p,
        _ => return Err(AppError::NotFound.into()),
    };
    let cohorts = cohort_views(&mut conn, &p).await?;
    let follow_on = match &p.fields.follow_on_id {
        Some(next) => programmes::get(&mut conn, next)
            .await?
            .filter(|n| n.status != ProgrammeStatus::Draft)
            .map(|n| (n.id.to_string(), n.fields.title)),
        None => None,
    };
    let has_place = match &viewer {
        Some(v) => revans_storage::applications::find_for_person(&mut conn, &p.id, &v.person.id)
            .await?
            .is_some_and(|a| a.state == revans_domain::ApplicationState::Accepted),
        None => false,
    };
    let location = if has_place {
        p.fields.delivery_detail.clone()
    } else {
        revans_app::calendar::public_location(&p).to_owned()
    };
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
pub async fn cohort_ics(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = Id::parse(&id).ok_or(AppError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let cohort = cohorts::get(&mut conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let programme = match programmes::get(&mut conn, &cohort.programme_id).await? {
        Some(p) if p.status != ProgrammeStatus::Draft => p,
        _ => return Err(AppError::NotFound.into()),
    };
    let sessions = cohorts::sessions(&mut conn, &id).await?;
    let body = revans_app::calendar::public_cohort_calendar(&programme, &cohort, &sessions);
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
