//! Programme leads: programmes and cohorts (create, publish, close), the review queue with
//! filters and bulk decisions, allocation, and the CSV export of applications.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::places::programme_admin::{
    Application, NominationCap, Programme, ProgrammeAdmin, applications_for_export,
    programme_admin, programme_for_editing, programme_of_cohort, programmes_of,
};
use revans_domain::{ApplicationState, Id, ProgrammeKind};

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::catalogue::{CohortView, cohort_views};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::applications::allocate_places;
use revans_app::places::nomination_caps::{CapInput, set_cap};
use revans_app::places::programmes::{
    CohortInput, ProgrammeInput, add_cohort, create as create_programme, set_capacity, set_status,
};
use revans_app::places::review_queue::QueueFilters;

#[derive(Template)]
#[template(path = "admin_programmes.html")]
struct ListPage {
    layout: Layout,
    programmes: Vec<Programme>,
}

/// The programmes one may follow on to: the lead's others.
async fn follow_options(
    state: &AppState,
    viewer: &Viewer,
    except: Option<&str>,
) -> Result<Vec<ProgrammeOption>, AppError> {
    Ok(programmes_of(state, viewer)
        .await?
        .into_iter()
        .filter(|p| Some(p.id.as_str()) != except)
        .map(|p| ProgrammeOption {
            value: p.id.to_string(),
            label: p.fields.title,
        })
        .collect())
}

pub async fn list(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult<Response> {
    let all = programmes_of(&state, &viewer).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("admin-programmes"),
        "/admin/programmes",
    );
    render(&ListPage {
        layout,
        programmes: all,
    })
}

pub struct KindOption {
    pub value: &'static str,
    pub label: String,
}

/// A programme to follow on to, in the form's select.
pub struct ProgrammeOption {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin_programme_new.html")]
struct NewPage {
    layout: Layout,
    errors: Errors,
    /// Where the form posts, its heading and its button: creating and editing share it.
    action: String,
    heading: String,
    button: String,
    f: ProgrammeInput,
    kinds: Vec<KindOption>,
    follow_ons: Vec<ProgrammeOption>,
}

fn new_page(
    state: &AppState,
    viewer: &Viewer,
    f: ProgrammeInput,
    errors: Errors,
    follow_ons: Vec<ProgrammeOption>,
) -> NewPage {
    form_page(state, viewer, f, errors, None, follow_ons)
}

fn form_page(
    state: &AppState,
    viewer: &Viewer,
    f: ProgrammeInput,
    errors: Errors,
    editing: Option<&str>,
    follow_ons: Vec<ProgrammeOption>,
) -> NewPage {
    let heading = if editing.is_some() {
        crate::i18n::t("admin-edit-programme-title")
    } else {
        crate::i18n::t("admin-new-programme-title")
    };
    NewPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            heading.clone(),
            "/admin/programmes",
        )
        .with_errors(&errors),
        errors,
        action: editing.map_or_else(
            || "/admin/programmes".to_owned(),
            |id| format!("/admin/programmes/{id}/edit"),
        ),
        heading,
        button: if editing.is_some() {
            crate::i18n::t("admin-save-changes")
        } else {
            crate::i18n::t("admin-create-programme-button")
        },
        f,
        kinds: ProgrammeKind::ALL
            .iter()
            .map(|k| KindOption {
                value: k.as_str(),
                label: crate::i18n::enum_label("admin-kind", k.as_str(), k.label()),
            })
            .collect(),
        follow_ons,
    }
}

pub async fn new_form(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult<Response> {
    let f = ProgrammeInput {
        delivery_mode: "virtual".into(),
        offer_valid_days: "7".into(),
        ..ProgrammeInput::default()
    };
    let follow_ons = follow_options(&state, &viewer, None).await?;
    render(&new_page(&state, &viewer, f, Errors::default(), follow_ons))
}

pub async fn create(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<ProgrammeInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match create_programme(&state, &actor, &form).await {
        Ok(id) => {
            Ok(Redirect::to(&format!("/admin/programmes/{id}?notice=created")).into_response())
        }
        Err(e) => {
            let follow_ons = follow_options(&state, &viewer, None).await?;
            form_error(e, |errors| {
                new_page(&state, &viewer, form, errors, follow_ons)
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ShowQuery {
    notice: Option<String>,
    /// Only applications in this state.
    state: Option<String>,
    /// Only applicants from this organisation (its id).
    organisation: Option<String>,
    /// Only applications placed in this cohort (its id), or `none` for those not yet placed.
    cohort: Option<String>,
    /// Only applicants whose name or email contains this.
    q: Option<String>,
}

impl ShowQuery {
    /// The state asked for (an unknown one shows every state) and the other filters.
    fn filters(&self) -> (Option<ApplicationState>, QueueFilters) {
        let state = self
            .state
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(|s| s.parse().ok());
        let rest = QueueFilters::new(
            self.organisation.as_deref(),
            self.cohort.as_deref(),
            self.q.as_deref(),
        );
        (state, rest)
    }
}

/// An organisation one may cap.
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin_programme.html")]
struct ShowPage {
    layout: Layout,
    errors: Errors,
    p: Programme,
    cohorts: Vec<CohortView>,
    /// Sent applications waiting for a decision, those of them waiting for their sponsor, and
    /// every sent application: the queue has its own page.
    waiting: usize,
    waiting_for_sponsor: usize,
    total: usize,
    cohort: CohortInput,
    /// Nomination caps per organisation, and the organisations one may cap.
    caps: Vec<NominationCap>,
    cap_orgs: Vec<FilterOption>,
}

async fn show_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    id: &Id,
    q: &ShowQuery,
    cohort: CohortInput,
    errors: Errors,
) -> PageResult<ShowPage> {
    let actor = Actor { viewer, ip };
    let (filter, chosen) = q.filters();
    let ProgrammeAdmin {
        programme: p,
        cohorts,
        applications: list,
        caps,
        cap_organisations,
        ..
    } = programme_admin(state, &actor, id, filter, &chosen).await?;
    let sent: Vec<&Application> = list
        .iter()
        .filter(|a| a.state != ApplicationState::Draft)
        .collect();
    let waiting: Vec<&&Application> = sent
        .iter()
        .filter(|a| a.state == ApplicationState::Submitted)
        .collect();
    let waiting_for_sponsor = if p.fields.requires_sponsor_approval {
        waiting
            .iter()
            .filter(|a| a.sponsor_approved_at.is_none())
            .count()
    } else {
        0
    };
    let cohorts = cohort_views(cohorts);
    let cap_orgs = cap_organisations
        .into_iter()
        .map(|o| FilterOption {
            value: o.id.to_string(),
            label: o.name,
        })
        .collect();
    let notice = match q.notice.as_deref() {
        Some("created") => Some(crate::i18n::t("admin-notice-programme-created")),
        Some("updated") => Some(crate::i18n::t("admin-notice-programme-updated")),
        Some("published") => Some(crate::i18n::t("admin-notice-published")),
        Some("closed") => Some(crate::i18n::t("admin-notice-closed")),
        Some("draft") => Some(crate::i18n::t("admin-notice-draft")),
        Some("cohort") => Some(crate::i18n::t("admin-notice-cohort-added")),
        Some("capacity") => Some(crate::i18n::t("admin-notice-capacity")),
        Some("cap") => Some(crate::i18n::t("admin-notice-cap")),
        Some("cohort-changed") => Some(crate::i18n::t("admin-notice-cohort-changed")),
        Some("cohort-closed") => Some(crate::i18n::t("admin-notice-cohort-closed")),
        Some("decided") => Some(crate::i18n::t("admin-notice-decided")),
        Some("allocated") => Some(crate::i18n::t("admin-notice-allocated")),
        _ => None,
    };
    Ok(ShowPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            p.fields.title.clone(),
            "/admin/programmes",
        )
        .with_errors(&errors)
        .with_notice(notice.as_deref()),
        errors,
        waiting: waiting.len(),
        waiting_for_sponsor,
        total: sent.len(),
        caps,
        cap_orgs,
        p,
        cohorts,
        cohort,
    })
}

fn default_cohort() -> CohortInput {
    CohortInput {
        timezone: "Europe/London".into(),
        schedule_kind: "explicit".into(),
        completion_rule: "all".into(),
        ..CohortInput::default()
    }
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<ShowQuery>,
) -> PageResult<Response> {
    render(
        &show_page(
            &state,
            &viewer,
            &ip,
            &id,
            &q,
            default_cohort(),
            Errors::default(),
        )
        .await?,
    )
}

/// Re-renders the programme page with a form's errors.
async fn with_errors(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    id: &Id,
    cohort: CohortInput,
    e: AppError,
) -> PageResult<Response> {
    let page = show_page(
        state,
        viewer,
        ip,
        id,
        &ShowQuery::default(),
        cohort,
        Errors::default(),
    )
    .await?;
    form_error(e, |errors| ShowPage {
        layout: page.layout.with_errors(&errors),
        errors,
        ..page
    })
}

#[derive(serde::Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

pub async fn status(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> PageResult<Response> {
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match set_status(&state, &actor, &pid, &form.status).await {
        Ok(s) => Ok(
            Redirect::to(&format!("/admin/programmes/{id}?notice={}", s.as_str())).into_response(),
        ),
        Err(e) => with_errors(&state, &viewer, &ip, &id, default_cohort(), e.into()).await,
    }
}

pub async fn cohort(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CohortInput>,
) -> PageResult<Response> {
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match add_cohort(&state, &actor, &pid, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/programmes/{id}?notice=cohort")).into_response()),
        Err(e) => with_errors(&state, &viewer, &ip, &id, form, e.into()).await,
    }
}

/// Sets or lifts one organisation's nomination cap.
pub async fn cap(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CapInput>,
) -> PageResult<Response> {
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match set_cap(&state, &actor, &pid, &form).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/programmes/{id}?notice=cap")).into_response()),
        Err(e) => with_errors(&state, &viewer, &ip, &id, default_cohort(), e.into()).await,
    }
}

#[derive(serde::Deserialize)]
pub struct CapacityForm {
    #[serde(default)]
    capacity: String,
}

pub async fn capacity(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CapacityForm>,
) -> PageResult<Response> {
    let cid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let programme = programme_of_cohort(&state, &actor, &cid).await?;
    match set_capacity(&state, &actor, &cid, &form.capacity).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/admin/programmes/{programme}?notice=capacity")).into_response(),
        ),
        Err(e) => with_errors(&state, &viewer, &ip, &programme, default_cohort(), e.into()).await,
    }
}

pub async fn allocate(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<crate::pages::sign_in::Empty>,
) -> PageResult<Response> {
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    allocate_places(&state, &actor, &pid).await?;
    Ok(Redirect::to(&format!("/admin/programmes/{id}?notice=allocated")).into_response())
}

/// Every application of the programme as CSV for Excel.
pub async fn export(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<ShowQuery>,
) -> PageResult<Response> {
    // The same filters as the queue on the page, so the file holds what the lead sees.
    let (wanted, chosen) = q.filters();
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let (p, applications) = applications_for_export(&state, &actor, &pid, wanted, &chosen).await?;
    let mut rows = Vec::new();
    for a in applications {
        let mut row = vec![
            a.person_name.clone(),
            a.person_email.clone(),
            a.organisation_name.clone(),
            a.state.label().to_owned(),
            a.cohort_name.clone().unwrap_or_default(),
            a.submitted_at.map(crate::layout::when).unwrap_or_default(),
            a.decision_reason.clone().unwrap_or_default(),
        ];
        row.extend(a.answers.iter().cloned());
        rows.push(row);
    }
    let mut header: Vec<&str> = vec![
        "Name",
        "Email",
        "Organisation",
        "Status",
        "Cohort",
        "Submitted",
        "Reason",
    ];
    header.extend(p.fields.questions.iter().map(String::as_str));
    let body = crate::csv_export::render(&header, &rows);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"applications.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = programme_for_editing(&state, &actor, &pid).await?;
    let follow_ons = follow_options(&state, &viewer, Some(id.as_str())).await?;
    render(&form_page(
        &state,
        &viewer,
        input,
        Errors::default(),
        Some(id.as_str()),
        follow_ons,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<ProgrammeInput>,
) -> PageResult<Response> {
    let pid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match revans_app::places::programmes::update(&state, &actor, &pid, &form).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/programmes/{id}?notice=updated")).into_response())
        }
        Err(e) => {
            let follow_ons = follow_options(&state, &viewer, Some(id.as_str())).await?;
            form_error(e, |errors| {
                form_page(&state, &viewer, form, errors, Some(id.as_str()), follow_ons)
            })
        }
    }
}

pub async fn close_cohort(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<crate::pages::sign_in::Empty>,
) -> PageResult<Response> {
    let cid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let programme = revans_app::places::programmes::close_cohort(&state, &actor, &cid).await?;
    Ok(Redirect::to(&format!(
        "/admin/programmes/{programme}?notice=cohort-closed"
    ))
    .into_response())
}
