//! Programme leads: changing one cohort's details on a page of its own.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use revans_domain::Id;

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::places::cohort_edit::{CohortForEditing, current_input, edit_cohort};
use revans_app::places::programmes::CohortInput;

#[derive(Template)]
#[template(path = "admin_cohort_edit.html")]
struct EditPage {
    layout: Layout,
    errors: Errors,
    cohort_id: String,
    cohort_name: String,
    confirmed: i64,
    programme_id: String,
    programme_title: String,
    cohort: CohortInput,
    /// Its first session has begun: the form is not offered (saving would be refused).
    started: bool,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    cid: &Id,
    typed: Option<CohortInput>,
    errors: Errors,
) -> Result<EditPage, AppError> {
    let actor = Actor { viewer, ip };
    let CohortForEditing {
        cohort,
        programme,
        input: stored,
        started,
    } = current_input(state, &actor, cid).await?;
    let title = crate::i18n::t1("admin-cohort-change-title", "name", &cohort.name);
    Ok(EditPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            title,
            "/admin/programmes",
        )
        .with_errors(&errors),
        errors,
        cohort_id: cohort.id.to_string(),
        cohort_name: cohort.name,
        confirmed: cohort.confirmed,
        programme_id: programme.id.to_string(),
        programme_title: programme.fields.title,
        cohort: typed.unwrap_or(stored),
        started,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&page(&state, &viewer, &ip, &id, None, Errors::default()).await?)
}

pub async fn update(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<CohortInput>,
) -> PageResult<Response> {
    let cid = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match edit_cohort(&state, &actor, &cid, &form).await {
        Ok(programme) => Ok(Redirect::to(&format!(
            "/admin/programmes/{programme}?notice=cohort-changed"
        ))
        .into_response()),
        Err(e @ revans_app::Error::Invalid(_)) => {
            let blank = page(&state, &viewer, &ip, &id, Some(form), Errors::default()).await?;
            form_error(e, |errors| EditPage {
                layout: blank.layout.with_errors(&errors),
                errors,
                ..blank
            })
        }
        Err(e) => Err(e.into()),
    }
}
