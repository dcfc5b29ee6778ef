//! Sponsors: their own organisation's nominees (never another organisation's) and approving
//! them.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;

use revans_domain::{ApplicationState, Id, Role};
use revans_storage::applications::{self, Application};

use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
use crate::pages::sign_in::{Empty, NoticeQuery};
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::applications::sponsor_approve;
use revans_app::sets::set_view::MemberView;

#[derive(Template)]
#[template(path = "sponsor.html")]
struct Page {
    layout: Layout,
    errors: crate::layout::Errors,
    /// Each application with, once its person is in a published set, how often they came.
    rows: Vec<(Application, Option<String>)>,
    /// Programmes taking applications, to nominate for: (id, title).
    programmes: Vec<(String, String)>,
    nominee: NominateForm,
}

fn require_sponsor(viewer: &crate::auth::Viewer) -> Result<Vec<Id>, AppError> {
    let roots: Vec<Id> = viewer
        .roles
        .iter()
        .filter(|g| g.role == Role::Sponsor)
        .map(|g| g.organisation_id.clone())
        .collect();
    if roots.is_empty() {
        Err(AppError::Forbidden)
    } else {
        Ok(roots)
    }
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_deref() {
        Some("approved") => Some("Approved. The programme team will now review it."),
        Some("nominated") => {
            Some("Nominated. They have been emailed a link to complete their application.")
        }
        _ => None,
    };
    render(
        &page(
            &state,
            &viewer,
            crate::layout::Errors::default(),
            NominateForm::default(),
            notice,
        )
        .await?,
    )
}

async fn page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    errors: crate::layout::Errors,
    nominee: NominateForm,
    notice: Option<&str>,
) -> Result<Page, AppError> {
    let roots = require_sponsor(viewer)?;
    let mut conn = state.store.conn().await?;
    let mut rows: Vec<Application> = Vec::new();
    for root in roots {
        for a in applications::list_from_tree(&mut conn, &root).await? {
            if !rows.iter().any(|r| r.id == a.id) {
                rows.push(a);
            }
        }
    }
    // Each cohort's sets are read once, however many nominees it has.
    let mut by_cohort: HashMap<Id, Vec<(String, Vec<MemberView>)>> = HashMap::new();
    let mut with_attendance = Vec::new();
    for a in rows {
        let attendance = match (&a.cohort_id, a.state) {
            (Some(cohort), ApplicationState::Accepted) => {
                if !by_cohort.contains_key(cohort) {
                    let sets = published_sets(&mut conn, cohort).await?;
                    by_cohort.insert(cohort.clone(), sets);
                }
                by_cohort
                    .get(cohort)
                    .and_then(|sets| attendance_in(sets, &a))
            }
            _ => None,
        };
        with_attendance.push((a, attendance));
    }
    let programmes = revans_storage::programmes::list_published(&mut conn)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.fields.title))
        .collect();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        "Your nominees",
        "/sponsor",
    )
    .with_errors(&errors)
    .with_notice(notice);
    Ok(Page {
        layout,
        errors,
        rows: with_attendance,
        programmes,
        nominee,
    })
}

/// A cohort's published sets: each one's name and its members' attendance.
async fn published_sets(
    conn: &mut revans_storage::Conn,
    cohort: &Id,
) -> Result<Vec<(String, Vec<MemberView>)>, AppError> {
    Ok(revans_app::sets::set_view::build_for_cohort(conn, cohort)
        .await?
        .into_iter()
        .filter(|v| v.set.is_published())
        .map(|v| (v.set.name, v.members))
        .collect())
}

/// A nominee's attendance in their set, as a sponsor may see it: the set's name and a rate,
/// never what was said there.
fn attendance_in(sets: &[(String, Vec<MemberView>)], a: &Application) -> Option<String> {
    sets.iter().find_map(|(name, members)| {
        members
            .iter()
            .find(|m| m.person_id == a.person_id.as_str())
            .map(|m| {
                format!(
                    "{name}: {} ({} of {} meetings)",
                    m.rate(),
                    m.present,
                    m.meetings
                )
            })
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NominateForm {
    pub programme: String,
    pub email: String,
}

pub async fn nominate(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<NominateForm>,
) -> PageResult<Response> {
    require_sponsor(&viewer)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = match Id::parse(form.programme.trim()) {
        Some(p) => {
            revans_app::places::applications::nominate(&state, &actor, &p, &form.email).await
        }
        None => Err(revans_app::Error::field("programme", "Choose a programme")),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/sponsor/applications?notice=nominated").into_response()),
        Err(e) => {
            let p = page(
                &state,
                &viewer,
                crate::layout::Errors::default(),
                form,
                None,
            )
            .await?;
            crate::layout::form_error(e, |errors| Page {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

pub async fn approve(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    require_sponsor(&viewer)?;
    let id = Id::parse(&id).ok_or(AppError::NotFound)?;
    sponsor_approve(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(Redirect::to("/sponsor/applications?notice=approved").into_response())
}
