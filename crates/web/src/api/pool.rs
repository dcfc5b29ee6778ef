//! The regional pool (C6, issue 15) over the API: the same use cases as the pages.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::pool::*;
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::facilitators::Target;
use revans_app::facilitators::opt_in::{self, MyPool};
use revans_app::facilitators::pool_view::{self, PoolEntry};
use revans_app::facilitators::proposals::{self, Proposal, Proposals};
use revans_app::facilitators::requests::{self, RequestView};
use revans_domain::Id;

fn my_out(p: MyPool) -> MyPoolOut {
    let m = p.membership.as_ref();
    MyPoolOut {
        region_id: p.region_id.to_string(),
        region: p.region_name,
        in_pool: m.is_some(),
        capacity: m.map(|m| m.capacity),
        outside_own_org: m.map(|m| m.outside_own_org),
        timezone: m.map(|m| m.timezone.clone()),
        availability: m
            .map(|m| {
                m.availability
                    .iter()
                    .map(|w| WindowIn {
                        weekday: w.weekday as u8,
                        from: revans_app::facilitators::clock(w.from_minute),
                        to: revans_app::facilitators::clock(w.to_minute),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        absences: p
            .absences
            .into_iter()
            .map(|a| AbsenceOut {
                id: a.id.to_string(),
                first_day: a.first_day,
                last_day: a.last_day,
            })
            .collect(),
    }
}

/// The caller's place in their region's pool (facilitators; 403 for anyone else).
#[utoipa::path(get, path = "/api/v1/facilitators/pool", tag = "facilitators",
    responses((status = 200, body = MyPoolOut)), security(("token" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<MyPoolOut>> {
    Ok(Json(my_out(opt_in::my_pool(&state, &viewer).await?)))
}

/// Joins the region's pool, or changes one's place in it. 422 names each field.
#[utoipa::path(put, path = "/api/v1/facilitators/pool", tag = "facilitators", request_body = PoolIn,
    responses((status = 200, body = MyPoolOut)), security(("token" = [])))]
pub async fn join(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<PoolIn>,
) -> ApiResult<Json<MyPoolOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    opt_in::join(&state, &actor, &body.into()).await?;
    Ok(Json(my_out(opt_in::my_pool(&state, &viewer).await?)))
}

/// Leaves the pool (what they run now is untouched). 409 when not in it.
#[utoipa::path(delete, path = "/api/v1/facilitators/pool", tag = "facilitators",
    responses((status = 204)), security(("token" = [])))]
pub async fn leave(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    opt_in::leave(&state, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records days away, or (without `last_day`) unavailability from a day on.
#[utoipa::path(post, path = "/api/v1/facilitators/pool/absences", tag = "facilitators", request_body = AbsenceIn,
    responses((status = 201, body = AbsenceOut)), security(("token" = [])))]
pub async fn add_absence(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<AbsenceIn>,
) -> ApiResult<(StatusCode, Json<AbsenceOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = body.into();
    let (id, first_day, last_day) = opt_in::add_absence(&state, &actor, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(AbsenceOut {
            id: id.to_string(),
            first_day,
            last_day,
        }),
    ))
}

pub(crate) fn member_out(e: PoolEntry) -> PoolMemberOut {
    PoolMemberOut {
        person_id: e.person_id.to_string(),
        name: e.name,
        organisation: e.organisation,
        qualifications: e.qualifications,
        capacity: e.capacity,
        capacity_left: e.capacity_left,
        languages: e.languages,
        years_facilitating: e.years,
        outside_own_org: e.outside_own_org,
        timezone: e.timezone,
        availability: e.availability,
        unavailable_from: e.unavailable_from,
    }
}

/// The pool of each region the caller leads in: names, organisations, qualifications,
/// capacity left, languages, availability. Never diaries or logs. 403 for non-leads.
#[utoipa::path(get, path = "/api/v1/admin/pool", tag = "facilitators",
    responses((status = 200, body = Vec<RegionPoolOut>)), security(("token" = [])))]
pub async fn pool(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<Vec<RegionPoolOut>>> {
    let pools = pool_view::pools(&state, &viewer).await?;
    Ok(Json(
        pools
            .into_iter()
            .map(|p| RegionPoolOut {
                region_id: p.region_id.to_string(),
                region: p.region_name,
                members: p.members.into_iter().map(member_out).collect(),
            })
            .collect(),
    ))
}

fn proposal_out(p: Proposal) -> FacilitatorProposalOut {
    FacilitatorProposalOut {
        person_id: p.person_id.to_string(),
        name: p.name,
        organisation: p.organisation,
        experienced: p.experienced,
        capacity_left: p.capacity_left,
        meetings_available: p.meetings_available,
        meetings_total: p.meetings_total,
        reasons: p.reasons,
    }
}

fn proposals_out(p: Proposals) -> ProposalsOut {
    ProposalsOut {
        id: p.target_id.to_string(),
        kind: p.kind.into(),
        name: p.name,
        facilitators: p
            .current
            .into_iter()
            .map(|(id, name)| PersonRef {
                person_id: id.to_string(),
                name,
            })
            .collect(),
        needs_replacement: p
            .needs_replacement
            .into_iter()
            .map(|n| NeedsReplacementOut {
                person_id: n.person_id.to_string(),
                name: n.name,
                unavailable_from: n.from,
            })
            .collect(),
        proposals: p.proposals.into_iter().map(proposal_out).collect(),
        pairs: p
            .pairs
            .into_iter()
            .map(|(a, b)| [proposal_out(a), proposal_out(b)])
            .collect(),
        excluded: p
            .excluded
            .into_iter()
            .map(|e| ExcludedOut {
                person_id: e.person_id.to_string(),
                name: e.name,
                reason: e.reason.into(),
            })
            .collect(),
        asked: p
            .asked
            .into_iter()
            .map(|a| AskedOut {
                name: a.name,
                status: a.status,
                replaces: a.replaces,
            })
            .collect(),
    }
}

async fn show(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    ip: &str,
    t: Target,
) -> ApiResult<Json<ProposalsOut>> {
    let actor = Actor { viewer, ip };
    Ok(Json(proposals_out(
        proposals::proposals(state, &actor, &t).await?,
    )))
}

async fn ask(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    ip: &str,
    t: Target,
    body: AskIn,
) -> ApiResult<(StatusCode, Json<AskedIds>)> {
    let actor = Actor { viewer, ip };
    let ids = proposals::ask(state, &actor, &t, &body.into()).await?;
    Ok((
        StatusCode::CREATED,
        Json(AskedIds {
            request_ids: ids.iter().map(Id::to_string).collect(),
        }),
    ))
}

async fn unavailable(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    ip: &str,
    t: Target,
    body: UnavailableIn,
) -> ApiResult<StatusCode> {
    let actor = Actor { viewer, ip };
    proposals::mark_unavailable(state, &actor, &t, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A set's facilitator proposals, ranked with reasons; who needs a replacement; who was asked.
#[utoipa::path(get, path = "/api/v1/sets/{id}/facilitator-proposals", tag = "facilitators",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, body = ProposalsOut)), security(("token" = [])))]
pub async fn set_proposals(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<ProposalsOut>> {
    show(&state, &viewer, &ip, Target::Set(id)).await
}

/// Asks one proposed facilitator or a pair to facilitate the set, each by an emailed link.
#[utoipa::path(post, path = "/api/v1/sets/{id}/facilitator-requests", tag = "facilitators", request_body = AskIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 201, body = AskedIds)), security(("token" = [])))]
pub async fn set_ask(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AskIn>,
) -> ApiResult<(StatusCode, Json<AskedIds>)> {
    ask(&state, &viewer, &ip, Target::Set(id), body).await
}

/// Marks one of the set's facilitators unavailable from a day: the set then needs a replacement.
#[utoipa::path(post, path = "/api/v1/sets/{id}/facilitator-unavailable", tag = "facilitators", request_body = UnavailableIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 204)), security(("token" = [])))]
pub async fn set_unavailable(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<UnavailableIn>,
) -> ApiResult<StatusCode> {
    unavailable(&state, &viewer, &ip, Target::Set(id), body).await
}

/// A circle's facilitator proposals, as for a set.
#[utoipa::path(get, path = "/api/v1/circles/{id}/facilitator-proposals", tag = "facilitators",
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 200, body = ProposalsOut)), security(("token" = [])))]
pub async fn circle_proposals(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<ProposalsOut>> {
    show(&state, &viewer, &ip, Target::Circle(id)).await
}

/// Asks one proposed facilitator or a pair to facilitate the circle.
#[utoipa::path(post, path = "/api/v1/circles/{id}/facilitator-requests", tag = "facilitators", request_body = AskIn,
    params(("id" = String, Path, description = "The circle's id")),
    responses((status = 201, body = AskedIds)), security(("token" = [])))]
pub async fn circle_ask(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AskIn>,
) -> ApiResult<(StatusCode, Json<AskedIds>)> {
    ask(&state, &viewer, &ip, Target::Circle(id), body).await
}

fn request_out(r: RequestView) -> RequestOut {
    RequestOut {
        kind: r.kind.into(),
        name: r.name,
        asked_by: r.asked_by,
        replaces: r.replaces,
        meetings_to_come: r.meetings,
        status: r.status,
    }
}

/// The request an emailed link carries. No account: the token is the key (404 when unknown).
#[utoipa::path(get, path = "/api/v1/facilitator-requests/{token}", tag = "facilitators",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses((status = 200, body = RequestOut)))]
pub async fn request(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<RequestOut>> {
    Ok(Json(request_out(requests::view(&state, &token).await?)))
}

/// Accepts or declines. 409 when already answered.
#[utoipa::path(post, path = "/api/v1/facilitator-requests/{token}", tag = "facilitators", request_body = AnswerIn,
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses((status = 200, body = RequestOut)))]
pub async fn answer(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<AnswerIn>,
) -> ApiResult<Json<RequestOut>> {
    // Checked before the answer field, so an unknown token is 404 whatever the body.
    requests::view(&state, &token).await?;
    let accept = match body.answer {
        Some(Answer::Accept) => true,
        Some(Answer::Decline) => false,
        None => return Err(revans_app::Error::field("answer", "Choose accept or decline").into()),
    };
    Ok(Json(request_out(
        requests::answer(&state, &token, accept, &ip).await?,
    )))
}
