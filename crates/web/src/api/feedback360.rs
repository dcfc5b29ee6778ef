//! 360 feedback (C9) over the API, the same use cases as the pages. A lead offers an
//! instrument; a participant starts rounds, gets their own link, invites raters and reads
//! their report. Only the participant reads a round: anyone else gets 404.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::feedback360::{OfferIn, RatersIn, RoundIn};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::evaluation::feedback360::{
    self as fb, FeedbackHome, FeedbackReport, OfferSummary, RatersInvited, RoundView,
};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct RoundCreated {
    pub id: String,
}

/// The participant's own link to answer about themself.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SelfLink {
    /// `/respond/{token}`: a new link; an earlier one stops working.
    pub link: String,
}

/// The programme's 360 feedback offer: its instrument, how many rounds exist (published after
/// the small-number rule, nothing more), the instruments to choose from.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/feedback360", tag = "evaluation",
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = OfferSummary)),
    security(("token" = [])))]
pub async fn show_offer(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<OfferSummary>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(fb::offer_summary(&state, &actor, &id).await?))
}

/// Offers 360 feedback to the programme's participants with one of the tenant's instruments
/// (one with scale questions).
#[utoipa::path(put, path = "/api/v1/programmes/{id}/feedback360", tag = "evaluation", request_body = OfferIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = OfferSummary)),
    security(("token" = [])))]
pub async fn put_offer(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<OfferIn>,
) -> ApiResult<Json<OfferSummary>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    fb::offer(&state, &actor, &id, &body.instrument_id).await?;
    Ok(Json(fb::offer_summary(&state, &actor, &id).await?))
}

/// The caller's programmes offering 360 feedback, and their rounds.
#[utoipa::path(get, path = "/api/v1/feedback", tag = "evaluation",
    responses((status = 200, body = FeedbackHome)),
    security(("token" = [])))]
pub async fn home(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<FeedbackHome>> {
    Ok(Json(fb::home(&state, &viewer).await?))
}

/// Starts a round (emails the caller their own link). 422 when the programme offers the
/// caller no 360 feedback; 409 while a round for it is open.
#[utoipa::path(post, path = "/api/v1/feedback", tag = "evaluation", request_body = RoundIn,
    responses((status = 201, body = RoundCreated)),
    security(("token" = [])))]
pub async fn start(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<RoundIn>,
) -> ApiResult<(StatusCode, Json<RoundCreated>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let id = fb::start(&state, &actor, &body.programme_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(RoundCreated { id: id.to_string() }),
    ))
}

/// A round: how many were invited and answered in each group (never who).
#[utoipa::path(get, path = "/api/v1/feedback/{id}", tag = "evaluation",
    params(("id" = String, Path, description = "The round's id")),
    responses((status = 200, body = RoundView)),
    security(("token" = [])))]
pub async fn round(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(fb::round(&state, &viewer, &id).await?))
}

/// A fresh link for the caller to answer about themself. 409 once they have.
#[utoipa::path(post, path = "/api/v1/feedback/{id}/self-link", tag = "evaluation",
    params(("id" = String, Path, description = "The round's id")),
    responses((status = 200, body = SelfLink)),
    security(("token" = [])))]
pub async fn self_link(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<SelfLink>> {
    Ok(Json(SelfLink {
        link: fb::self_link(&state, &viewer, &id).await?,
    }))
}

/// Emails each rater their link. 422 names each bad address by group and line: not an
/// address, the caller's own, listed twice or already invited.
#[utoipa::path(post, path = "/api/v1/feedback/{id}/raters", tag = "evaluation", request_body = RatersIn,
    params(("id" = String, Path, description = "The round's id")),
    responses((status = 200, body = RatersInvited)),
    security(("token" = [])))]
pub async fn raters(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<RatersIn>,
) -> ApiResult<Json<RatersInvited>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(
        fb::invite_raters(&state, &actor, &id, body.into()).await?,
    ))
}

/// The report: per scored question, the caller's own score, each rater group's mean (peers
/// and reports only with 3 or more answers; the manager with 1) and all others'; free text
/// of groups of 3 or more, sorted.
#[utoipa::path(get, path = "/api/v1/feedback/{id}/report", tag = "evaluation",
    params(("id" = String, Path, description = "The round's id")),
    responses((status = 200, body = FeedbackReport)),
    security(("token" = [])))]
pub async fn report(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<FeedbackReport>> {
    Ok(Json(fb::report(&state, &viewer, &id).await?))
}

/// Closes the caller's round now so its report can be read: rater figures are shown only once
/// a round has closed. 409 once closed.
#[utoipa::path(post, path = "/api/v1/feedback/{id}/close", tag = "evaluation",
    params(("id" = String, Path, description = "The round's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn close(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<axum::http::StatusCode> {
    fb::close_round(&state, &viewer, &id).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
