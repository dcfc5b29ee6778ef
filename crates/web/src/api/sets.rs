//! Action learning sets over the API (C3-C5), with the same rules as the pages: a set's
//! content only for its members and facilitators; a programme lead sees status and counts.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::sets::cohort_sets::{self, CohortSet};
use revans_app::sets::set_pages::{MySets, Problem, SetPage, my_sets, set_page};

use crate::api::contracts::sets::{FormationIn, ProblemIn};
use crate::api::pagination::{PageParams, Paged, page_of};
use crate::api::programmes::Created;
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::formation::form;
use revans_app::sets::meetings::add_problem;
use revans_app::sets::set_view::{self, MeetingView, MemberView, UnitView};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SetSummary {
    pub id: String,
    pub name: String,
    /// The programme's title: sets of different cohorts can share a name.
    pub programme: String,
    /// The cohort's name.
    pub cohort: String,
    pub self_facilitated: bool,
}

page_of!(SetsPage, SetSummary, "sets");

#[utoipa::path(get, path = "/api/v1/sets", tag = "sets", params(PageParams),
    responses((status = 200, body = SetsPage), (status = 401, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
/// The published sets the caller is a member or facilitator of, a page at a time (read whole
/// and paged here: one person is in a handful of sets).
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<SetsPage>> {
    let window = params.window()?;
    let MySets {
        sets: mut all,
        mut placed_in,
        ..
    } = my_sets(&state, &viewer).await?;
    all.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let page = Paged::from_sorted_list(all, &window, |s| s.id.to_string());
    Ok(Json(
        page.map(|s| {
            let (programme, cohort) = placed_in.remove(&s.id).unwrap_or_default();
            SetSummary {
                id: s.id.to_string(),
                name: s.name,
                programme,
                cohort,
                self_facilitated: s.self_facilitated,
            }
        })
        .into(),
    ))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ProblemOut {
    pub id: String,
    pub author: String,
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
}

impl From<Problem> for ProblemOut {
    fn from(p: Problem) -> Self {
        ProblemOut {
            id: p.id.to_string(),
            author: p.author_name,
            title: p.title,
            description: p.description,
            themes: p.themes,
        }
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SetOut {
    pub id: String,
    pub name: String,
    /// The zone `when` texts are in: the caller's own if they chose one, else the set's.
    pub timezone: String,
    pub facilitators: Vec<String>,
    pub units: Vec<UnitView>,
    pub members: Vec<MemberView>,
    pub meetings: Vec<MeetingView>,
    pub problems: Vec<ProblemOut>,
}

#[utoipa::path(get, path = "/api/v1/sets/{id}", tag = "sets",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, body = SetOut), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
/// A set with its meetings, rota and problems: members and facilitators only (404 otherwise).
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<SetOut>> {
    let SetPage { view, problems, .. } = set_page(&state, &viewer, &id).await?;
    let problems = problems.into_iter().map(ProblemOut::from).collect();
    Ok(Json(SetOut {
        id: view.set.id.to_string(),
        name: view.set.name.clone(),
        timezone: view.display_zone.clone(),
        facilitators: view.facilitators,
        units: view.units,
        members: view.members,
        meetings: view.meetings,
        problems,
    }))
}

#[utoipa::path(post, path = "/api/v1/sets/{id}/problems", tag = "sets", request_body = ProblemIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error_pages::ErrorBody), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
/// A member brings their problem to the set.
pub async fn create_problem(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ProblemIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let body = body.into();
    let created = add_problem(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &body,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: created.to_string(),
        }),
    ))
}

/// What a programme lead sees of a set: status and counts, never content.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SetStatusOut {
    pub id: String,
    pub name: String,
    /// draft or published.
    pub status: String,
    pub members: usize,
    pub facilitators: Vec<String>,
    pub meetings_held: usize,
    pub meetings_planned: usize,
    /// Present / counted meetings over all members, 0-100; null before any meeting.
    pub attendance_percent: Option<u32>,
    /// Problems brought, under the small-number rule: null when 1 to 7 (hidden), else rounded
    /// to the nearest 5.
    pub problems: Option<u32>,
    /// Who is in the set now, as on the lead's sets page (never what they say there).
    pub memberships: Vec<MembershipOut>,
}

/// One person's place in a set.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MembershipOut {
    /// The membership's id: what moving or marking someone as left names.
    pub id: String,
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    /// Kept in this set when the engine repairs the sets (moved by hand or chosen).
    pub locked: bool,
    /// Members who stay together (a pair) share a unit.
    pub unit: String,
}

#[utoipa::path(get, path = "/api/v1/cohorts/{id}/sets", tag = "sets",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = Vec<SetStatusOut>), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
/// A cohort's sets for its programme lead: status, counts and who is in each, never content.
pub async fn cohort_sets(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<Vec<SetStatusOut>>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let out: Vec<SetStatusOut> = cohort_sets::cohort_sets(&state, &actor, &id)
        .await?
        .into_iter()
        .map(
            |CohortSet {
                 view,
                 members,
                 problems,
             }| {
                let memberships = members
                    .into_iter()
                    .map(|m| MembershipOut {
                        id: m.id.to_string(),
                        person_id: m.person_id.to_string(),
                        name: m.name,
                        organisation: m.organisation_name,
                        locked: m.locked,
                        unit: m.unit_key,
                    })
                    .collect();
                SetStatusOut {
                    id: view.set.id.to_string(),
                    name: view.set.name.clone(),
                    status: view.set.status.clone(),
                    members: view.members.iter().filter(|m| m.current).count(),
                    facilitators: view.facilitators.clone(),
                    meetings_held: view.meetings.iter().filter(|m| m.held).count(),
                    meetings_planned: view
                        .meetings
                        .iter()
                        .filter(|m| m.kind != "cancelled")
                        .count(),
                    attendance_percent: set_view::attendance_percent(&view.members),
                    problems: revans_domain::publish_count(problems),
                    memberships,
                }
            },
        )
        .collect();
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/v1/cohorts/{id}/sets", tag = "sets", request_body = FormationIn,
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error_pages::ErrorBody), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
/// Forms draft sets for a cohort with the engine (replacing earlier drafts).
pub async fn form_sets(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<FormationIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let body = body.try_into()?;
    form(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &body,
        state.settings.formation_seconds,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}
