//! Sponsors: their own organisation's nominees (never another organisation's) and approving
//! them.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_domain::{Id, Role};
use revans_storage::applications::{self, Application};

use crate::actions::Actor;
use crate::actions::applications::sponsor_approve;
use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
use crate::pages::sign_in::{Empty, NoticeQuery};
use crate::state::AppState;

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
    let mut with_attendance = Vec::new();
    for a in rows {
        let attendance = attendance_of(&mut conn, &a).await?;
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

/// A nominee's attendance in their published set of the application's cohort, as a sponsor
/// may see it: the set's name and a rate, never what was said there.
async fn attendance_of(
    conn: &mut revans_storage::Conn,
    a: &Application,
) -> Result<Option<String>, AppError> {
    let Some(cohort) = &a.cohort_id else {
        return Ok(None);
    };
    if a.state != revans_domain::ApplicationState::Accepted {
        return Ok(None);
    }
    for set in revans_storage::sets::list_for_cohort(conn, cohort).await? {
        if !set.is_published() {
            continue;
        }
        let name = set.name.clone();
        let view = crate::set_view::build(conn, set, None).await?;
        if let Some(m) = view
            .members
            .iter()
            .find(|m| m.person_id == a.person_id.as_str())
        {
            return Ok(Some(format!(
                "{name}: {} ({} of {} meetings)",
                m.rate(),
                m.present,
                m.meetings
            )));
        }
    }
    Ok(None)
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
        Some(p) => crate::actions::applications::nominate(&state, &actor, &p, &form.email).await,
        None => Err(AppError::field("programme", "Choose a programme")),
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
