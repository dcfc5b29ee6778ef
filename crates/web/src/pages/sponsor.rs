//! Sponsors: their own organisation's nominees (never another organisation's) and approving
//! them.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::places::sponsor::{Application, Nominee, SetAttendance, nominees, require_sponsor};
use revans_domain::Id;

use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Layout, render};
use crate::pages::sign_in::Empty;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::applications::sponsor_approve;

#[derive(Template)]
#[template(path = "sponsor.html")]
struct Page {
    layout: Layout,
    errors: crate::layout::Errors,
    /// Each application with, once its person is in a published set, how often they came.
    rows: Vec<(Application, Option<String>)>,
    /// "Previous" and "Next" around this page of nominees.
    pagination: crate::paging::Pagination,
    /// Programmes taking applications, to nominate for: (id, title).
    programmes: Vec<(String, String)>,
    nominee: NominateForm,
}

/// The nominees page's query: a notice after an action, and the page's cursor.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    notice: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<ListQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_deref() {
        Some("approved") => Some("Approved. The programme team will now review it."),
        Some("declined") => Some(
            "Declined. The applicant has been emailed your reason, and the programme team can read it.",
        ),
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
            &crate::paging::Cursor {
                after: q.after,
                before: q.before,
            },
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
    cursor: &crate::paging::Cursor,
) -> Result<Page, AppError> {
    let seek = cursor.seek(|k| Id::parse(k).map(|_| k.to_owned()));
    // Heavy rows (attendance for the placed): 25 a page.
    let limit = crate::paging::page_size(state, 25);
    let view = nominees(state, viewer, &seek, limit).await?;
    let pagination =
        crate::paging::Pagination::new(&view.nominees, "/sponsor/applications", &[], |n| {
            n.application.id.to_string()
        });
    let with_attendance = view
        .nominees
        .items
        .into_iter()
        .map(
            |Nominee {
                 application,
                 attendance,
             }| { (application, attendance.as_ref().map(attendance_text)) },
        )
        .collect();
    let programmes = view
        .programmes
        .into_iter()
        .map(|p| (p.id.to_string(), p.fields.title))
        .collect();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t("nav-nominees"),
        "/sponsor",
    )
    .with_errors(&errors)
    .with_notice(notice);
    Ok(Page {
        layout,
        errors,
        rows: with_attendance,
        pagination,
        programmes,
        nominee,
    })
}

/// A nominee's attendance in their set: the set's name and a rate.
fn attendance_text(a: &SetAttendance) -> String {
    let m = &a.member;
    format!(
        "{}: {} ({} of {} meetings)",
        a.set_name,
        m.rate(),
        m.present,
        m.meetings
    )
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
                &crate::paging::Cursor::default(),
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
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    require_sponsor(&viewer)?;
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

#[derive(Template)]
#[template(path = "sponsor_application.html")]
struct ApplicationPage {
    layout: Layout,
    errors: crate::layout::Errors,
    s: crate::pages::application_review::ApplicationSummary,
    decision: String,
    reason: String,
}

async fn application_page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    ip: &str,
    id: &Id,
) -> Result<ApplicationPage, AppError> {
    let v =
        revans_app::places::application_view::for_sponsor(state, &Actor { viewer, ip }, id).await?;
    let s = crate::pages::application_review::summary(v);
    Ok(ApplicationPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t1("pub-sponsor-app-title", "name", &s.person_name),
            "/sponsor",
        ),
        errors: crate::layout::Errors::default(),
        s,
        decision: String::new(),
        reason: String::new(),
    })
}

/// What a nominee wrote, so their sponsor approves or declines knowingly.
pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    require_sponsor(&viewer)?;
    render(&application_page(&state, &viewer, &ip, &id).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub reason: String,
}

/// The sponsor approves, or declines with a reason.
pub async fn decide(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult<Response> {
    use revans_app::places::sponsor_decisions::{SponsorDecision, sponsor_decide};
    require_sponsor(&viewer)?;
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = match SponsorDecision::parse(&form.decision) {
        Some(d) => sponsor_decide(&state, &actor, &id, d, &form.reason)
            .await
            .map(|()| d),
        None => {
            // Not found is said before a missing choice, so nothing is learned about others'.
            revans_app::places::application_view::for_sponsor(&state, &actor, &id).await?;
            Err(revans_app::Error::field(
                "decision",
                "Choose whether you approve or decline the application",
            ))
        }
    };
    match result {
        Ok(SponsorDecision::Approve) => {
            Ok(Redirect::to("/sponsor/applications?notice=approved").into_response())
        }
        Ok(SponsorDecision::Decline) => {
            Ok(Redirect::to("/sponsor/applications?notice=declined").into_response())
        }
        Err(e) => {
            let page = application_page(&state, &viewer, &ip, &id).await?;
            crate::layout::form_error(e, |errors| ApplicationPage {
                layout: page.layout.with_errors(&errors),
                errors,
                decision: form.decision.clone(),
                reason: form.reason.clone(),
                ..page
            })
        }
    }
}
