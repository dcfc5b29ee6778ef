//! A lead's changes to a cohort's sets on pages of their own (issue 11): a set's name, and
//! the facilitators of every set on one page, saved together.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::sets::forming_changes::{
    FacilitatorChoices, assign_all_facilitators, facilitator_choices, rename_set,
};
use revans_domain::Id;

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "admin_set_name.html")]
struct NamePage {
    layout: Layout,
    errors: Errors,
    set_id: String,
    cohort_id: String,
    current: String,
    name: String,
}

async fn name_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    set_id: &Id,
    typed: Option<String>,
    errors: Errors,
) -> Result<NamePage, AppError> {
    let actor = Actor { viewer, ip };
    let set = revans_app::sets::forming_changes::set_for_lead(state, &actor, set_id).await?;
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("sets-rename-title", "name", &set.name),
        "/admin/programmes",
    )
    .with_errors(&errors);
    Ok(NamePage {
        layout,
        errors,
        set_id: set.id.to_string(),
        cohort_id: set.cohort_id.to_string(),
        name: typed.unwrap_or_else(|| set.name.clone()),
        current: set.name,
    })
}

pub async fn show_name(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&name_page(&state, &viewer, &ip, &id, None, Errors::default()).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<NameForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match rename_set(&state, &actor, &id, &f.name).await {
        Ok(cohort) => Ok(
            Redirect::to(&format!("/admin/cohorts/{cohort}/sets?notice=renamed")).into_response(),
        ),
        Err(e @ revans_app::Error::Invalid(_)) => {
            let page =
                name_page(&state, &viewer, &ip, &id, Some(f.name), Errors::default()).await?;
            form_error(AppError::from(e), |errors| NamePage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
        Err(e) => Err(AppError::from(e).into()),
    }
}

pub struct SetRow {
    pub id: String,
    /// `set-N`: the field its errors name and the id of its first select.
    pub field: String,
    pub name: String,
    pub members: usize,
    pub first: String,
    pub second: String,
}

pub struct Choice {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "admin_set_facilitators.html")]
struct FacilitatorsPage {
    layout: Layout,
    errors: Errors,
    cohort_id: String,
    cohort_name: String,
    sets: Vec<SetRow>,
    facilitators: Vec<Choice>,
}

async fn facilitators_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    cohort: &Id,
    typed: Option<&AllForm>,
) -> Result<FacilitatorsPage, AppError> {
    let actor = Actor { viewer, ip };
    let FacilitatorChoices {
        cohort,
        sets,
        facilitators,
    } = facilitator_choices(state, &actor, cohort).await?;
    let rows = sets
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let id = s.set.id.to_string();
            let typed_at = typed.and_then(|t| t.set.iter().position(|x| x == &id));
            let pick = |k: usize, list: &[String]| match typed_at {
                Some(at) => list.get(at).cloned().unwrap_or_default(),
                None => s.chosen.get(k).map(|p| p.to_string()).unwrap_or_default(),
            };
            SetRow {
                field: format!("set-{}", i + 1),
                first: pick(0, typed.map_or(&[][..], |t| &t.first)),
                second: pick(1, typed.map_or(&[][..], |t| &t.second)),
                name: s.set.name,
                members: s.members,
                id,
            }
        })
        .collect();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("sets-facilitators-title", "cohort", &cohort.name),
        "/admin/programmes",
    );
    Ok(FacilitatorsPage {
        layout,
        errors: Errors::default(),
        cohort_id: cohort.id.to_string(),
        cohort_name: cohort.name,
        sets: rows,
        facilitators: facilitators
            .into_iter()
            .map(|p| Choice {
                id: p.id.to_string(),
                name: format!("{} ({})", p.name, p.organisation_name),
            })
            .collect(),
    })
}

pub async fn show_facilitators(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&facilitators_page(&state, &viewer, &ip, &id, None).await?)
}

/// For each set in page order: its id, first and second facilitator (blank for none).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AllForm {
    set: Vec<String>,
    first: Vec<String>,
    second: Vec<String>,
}

impl AllForm {
    fn choices(&self) -> Vec<(Id, Vec<Id>)> {
        self.set
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let chosen: Vec<Id> = [self.first.get(i), self.second.get(i)]
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Id::parse(p))
                    .fold(Vec::new(), |mut v, p| {
                        if !v.contains(&p) {
                            v.push(p);
                        }
                        v
                    });
                Some((Id::parse(s)?, chosen))
            })
            .collect()
    }
}

pub async fn save_facilitators(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<AllForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match assign_all_facilitators(&state, &actor, &id, &f.choices()).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=facilitators")).into_response(),
        ),
        Err(e @ revans_app::Error::Invalid(_)) => {
            let page = facilitators_page(&state, &viewer, &ip, &id, Some(&f)).await?;
            form_error(AppError::from(e), |errors| FacilitatorsPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
        Err(e) => Err(AppError::from(e).into()),
    }
}
