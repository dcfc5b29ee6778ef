//! Choosing a set over the API (self-selection, C3): the people with a place see the sets
//! open for choosing and which are closed to them and why, and choose one. Anyone without a
//! place learns nothing about the cohort's sets (404), as on the page.

use axum::Json;
use axum::extract::State;

use crate::api::ApiJson;
use crate::api::contracts::set_forming::ChoiceIn;
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::choosing::choose as choose_set;
use revans_app::sets::set_pages::set_choices;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ChoiceOut {
    pub set: String,
    pub name: String,
    pub members: usize,
    /// The organisations of the people in it so far.
    pub organisations: Vec<String>,
    /// The caller's current choice.
    pub mine: bool,
    /// Why this set is closed to the caller; null when they may choose it.
    pub closed: Option<String>,
}

/// The sets open for choosing in the caller's cohort.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/choices", tag = "sets",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = Vec<ChoiceOut>)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<Vec<ChoiceOut>>> {
    let out = set_choices(&state, &viewer, &id)
        .await?
        .into_iter()
        .map(|c| ChoiceOut {
            set: c.set.id.to_string(),
            name: c.set.name,
            members: c.members,
            organisations: c.organisations,
            mine: c.mine,
            closed: c.closed,
        })
        .collect();
    Ok(Json(out))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ChosenOut {
    /// The name of the set joined.
    pub name: String,
}

/// Joins a set open for choosing (with one's pair), if the rules allow it; choosing again
/// moves out of the earlier choice. It can change until the lead publishes the sets.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/choice", tag = "sets", request_body = ChoiceIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = ChosenOut)),
    security(("token" = [])))]
pub async fn choose(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ChoiceIn>,
) -> ApiResult<Json<ChosenOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let name = choose_set(&state, &actor, &id, body.id()).await?;
    Ok(Json(ChosenOut { name }))
}
