//! Programme leads' people pages: the list, inviting someone, and their roles.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_domain::{Id, Role};

use crate::auth::ClientIp;
use crate::auth::{Admin, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::{Empty, NoticeQuery};
use crate::paging::{Cursor, PAGE_SIZE, Pagination, id_then_text, page_size};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::organisations::{self, Organisation};
use revans_app::directory::people::{
    self, InviteInput, Person, RoleGrant, invite, resend_invitation as resend,
};
use revans_app::paging;

#[derive(Template)]
#[template(path = "admin_people.html")]
struct ListPage {
    layout: Layout,
    people: Vec<Person>,
    pagination: Pagination,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    notice: Option<String>,
    #[serde(flatten)]
    cursor: Cursor,
}

/// Everyone in the lead's organisations, by name, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<ListQuery>,
) -> PageResult<Response> {
    let seek = q.cursor.seek(id_then_text);
    let page = paging::people_by_name(&state, &viewer, &seek, page_size(&state, PAGE_SIZE)).await?;
    let pagination = Pagination::new(&page, "/admin/people", &[], |p| {
        format!("{}:{}", p.id, p.name)
    });
    let notice = (q.notice.as_deref() == Some("invited"))
        .then(|| crate::i18n::t("admin-notice-invitation-sent"));
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("admin-people"),
        "/admin/people",
    )
    .with_notice(notice.as_deref());
    render(&ListPage {
        layout,
        people: page.items,
        pagination,
    })
}

pub struct RoleOption {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

fn role_options(checked: &[String]) -> Vec<RoleOption> {
    Role::ALL
        .into_iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: crate::i18n::enum_label("role", r.as_str(), r.label()),
            checked: checked.iter().any(|c| c == r.as_str()),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin_person_new.html")]
struct NewPage {
    layout: Layout,
    errors: Errors,
    name: String,
    email: String,
    organisation_id: String,
    organisations: Vec<Organisation>,
    roles: Vec<RoleOption>,
}

#[derive(serde::Deserialize, Default)]
pub struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    roles: Vec<String>,
}

async fn new_page(
    state: &AppState,
    viewer: &Viewer,
    form: &InviteForm,
    errors: Errors,
) -> PageResult<NewPage> {
    let organisations = organisations::in_scope(state, viewer).await?;
    Ok(NewPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("admin-invite-someone"),
            "/admin/people",
        )
        .with_errors(&errors),
        errors,
        name: form.name.clone(),
        email: form.email.clone(),
        organisation_id: form.organisation_id.clone(),
        organisations,
        roles: role_options(&form.roles),
    })
}

pub async fn new_form(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult<Response> {
    render(&new_page(&state, &viewer, &InviteForm::default(), Errors::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> PageResult<Response> {
    let input = InviteInput {
        name: &form.name,
        email: &form.email,
        organisation_id: &form.organisation_id,
        roles: &form.roles,
    };
    match invite(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        input,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/people?notice=invited").into_response()),
        Err(e) => {
            let page = new_page(&state, &viewer, &form, Errors::default()).await?;
            form_error(e, |errors| NewPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "admin_person.html")]
struct PersonPage {
    layout: Layout,
    errors: Errors,
    person: Person,
    grants: Vec<RoleGrant>,
    organisations: Vec<Organisation>,
    roles: Vec<RoleOption>,
    /// For facilitators: who supervises them (reads the log entries they share), and who could.
    facilitator: bool,
    supervisor: Option<Id>,
    candidates: Vec<Person>,
}

async fn person_page(
    state: &AppState,
    viewer: &Viewer,
    id: &Id,
    errors: Errors,
    notice: Option<&str>,
) -> PageResult<PersonPage> {
    let people::PersonRecord {
        person,
        grants,
        organisations,
        supervisor,
        supervisor_candidates: candidates,
    } = people::record(state, viewer, id).await?;
    let facilitator = grants
        .iter()
        .any(|g| g.role == revans_domain::Role::Facilitator);
    let own: Vec<String> = grants
        .iter()
        .filter(|g| g.organisation_id == person.organisation_id)
        .map(|g| g.role.as_str().to_owned())
        .collect();
    Ok(PersonPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            person.name.clone(),
            "/admin/people",
        )
        .with_errors(&errors)
        .with_notice(notice),
        errors,
        roles: role_options(&own),
        person,
        grants,
        organisations,
        facilitator,
        supervisor,
        candidates,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_deref() {
        Some("roles") => Some(crate::i18n::t("admin-notice-roles-saved")),
        Some("reinvited") => Some(crate::i18n::t("admin-notice-reinvited")),
        Some("supervisor") => Some(crate::i18n::t("admin-notice-supervisor-saved")),
        _ => None,
    };
    render(&person_page(&state, &viewer, &id, Errors::default(), notice.as_deref()).await?)
}

#[derive(serde::Deserialize)]
pub struct RolesForm {
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    roles: Vec<String>,
}

pub async fn set_roles(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<RolesForm>,
) -> PageResult<Response> {
    let person_id = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match revans_app::directory::people::set_roles(
        &state,
        &actor,
        &person_id,
        &form.organisation_id,
        &form.roles,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/admin/people/{id}?notice=roles")).into_response()),
        Err(e) => {
            let page = person_page(&state, &viewer, &id, Errors::default(), None).await?;
            form_error(e, |errors| PersonPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

pub async fn resend_invitation(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    let person_id = id.clone();
    resend(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &person_id,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?notice=reinvited")).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SupervisorForm {
    supervisor: String,
}

/// Who supervises a facilitator: the one person who may read log entries shared with them.
pub async fn set_supervisor(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<SupervisorForm>,
) -> PageResult<Response> {
    let person_id = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match revans_app::directory::people::set_supervisor(
        &state,
        &actor,
        &person_id,
        &form.supervisor,
    )
    .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/people/{id}?notice=supervisor")).into_response())
        }
        Err(e) => {
            let page = person_page(&state, &viewer, &id, Errors::default(), None).await?;
            form_error(e, |errors| PersonPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}
