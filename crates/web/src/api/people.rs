use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::directory::people::{Person, RoleGrant, person_with_roles};

use crate::api::contracts::people::{InviteIn, RolesIn, role_names};
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::{ApiJson, ApiQuery};
use crate::auth::ApiAdmin;
use crate::auth::ClientIp;
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::directory::people::{InviteInput, invite};
use revans_app::paging::people_after;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct RoleOut {
    pub organisation_id: String,
    pub organisation_name: String,
    /// admin, sponsor, facilitator, participant or evaluator.
    pub role: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PersonOut {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation_id: String,
    pub organisation_name: String,
    /// False until the invitation is accepted.
    pub activated: bool,
    pub roles: Vec<RoleOut>,
}

impl PersonOut {
    pub fn new(p: Person, roles: Vec<RoleGrant>) -> Self {
        Self {
            id: p.id.to_string(),
            name: p.name,
            email: p.email,
            organisation_id: p.organisation_id.to_string(),
            organisation_name: p.organisation_name,
            activated: p.activated,
            roles: roles
                .into_iter()
                .map(|g| RoleOut {
                    organisation_id: g.organisation_id.to_string(),
                    organisation_name: g.organisation_name,
                    role: g.role.as_str().to_owned(),
                })
                .collect(),
        }
    }
}

page_of!(PeoplePage, PersonOut, "people");

/// People in the organisations the caller administers, in the order they were added, a page
/// at a time.
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(PageParams),
    responses((status = 200, body = PeoplePage), (status = 401, body = crate::error_pages::ErrorBody), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<PeoplePage>> {
    let window = params.window()?;
    let after = window.after_id()?;
    let rows = people_after(&state, &viewer, after.as_ref(), window.limit).await?;
    let page = Paged::from_rows(rows, window.limit, |(p, _)| p.id.to_string());
    let page = page.map(|(p, grants)| PersonOut::new(p, grants));
    Ok(Json(page.into()))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people",
    params(("id" = String, Path, description = "The person's id")),
    responses((status = 200, body = PersonOut), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Json<PersonOut>> {
    let (person, roles) = person_with_roles(&state, &viewer, &id).await?;
    Ok(Json(PersonOut::new(person, roles)))
}

/// Invites someone: creates them with roles and emails a link to choose a password.
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = InviteIn,
    responses((status = 201, body = PersonOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn invite_person(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<InviteIn>,
) -> ApiResult<(StatusCode, Json<PersonOut>)> {
    let input = InviteInput {
        name: &body.name,
        email: &body.email,
        organisation_id: &body.organisation_id,
        roles: &role_names(&body.roles),
    };
    let id = invite(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        input,
    )
    .await?;
    let (person, roles) = person_with_roles(&state, &viewer, &id).await?;
    Ok((StatusCode::CREATED, Json(PersonOut::new(person, roles))))
}

/// Replaces the person's roles within one organisation.
#[utoipa::path(put, path = "/api/v1/people/{id}/roles", tag = "people", request_body = RolesIn,
    params(("id" = String, Path, description = "The person's id")),
    responses((status = 200, body = PersonOut), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn set_roles(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<RolesIn>,
) -> ApiResult<Json<PersonOut>> {
    revans_app::directory::people::set_roles(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &body.organisation_id,
        &role_names(&body.roles),
    )
    .await?;
    let (person, roles) = person_with_roles(&state, &viewer, &id).await?;
    Ok(Json(PersonOut::new(person, roles)))
}
