//! Masterclasses from interests (issue 16) over the API: the same use cases as the pages. A
//! person lists, records and withdraws their own interests; a lead reads the figures (never
//! who asked) and makes a draft masterclass from a topic, Revans inviting the people who asked.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::interests::{InterestRecordIn, MasterclassFromInterestIn};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::interests::masterclass::{self, MasterclassMade};
use revans_app::interests::record::{self, MyInterestsView};
use revans_app::interests::report::{self, InterestsReport};

/// The interest just recorded.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct InterestRecordedOut {
    pub id: String,
}

/// The caller's sets and circles, the suggested topics and their own interests.
#[utoipa::path(get, path = "/api/v1/interests", tag = "interests",
    responses((status = 200, body = MyInterestsView)),
    security(("token" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<MyInterestsView>> {
    Ok(Json(record::my_interests(&state, &viewer).await?))
}

/// Records an interest from one of the caller's sets or circles: 404 for a set or circle they
/// are not in; 422 naming the field for a topic already asked for there.
#[utoipa::path(post, path = "/api/v1/interests", tag = "interests",
    request_body = InterestRecordIn,
    responses((status = 201, body = InterestRecordedOut)),
    security(("token" = [])))]
pub async fn add(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<InterestRecordIn>,
) -> ApiResult<(StatusCode, Json<InterestRecordedOut>)> {
    let id = record::record(&state, &viewer, &body.input()).await?;
    Ok((
        StatusCode::CREATED,
        Json(InterestRecordedOut { id: id.to_string() }),
    ))
}

/// Withdraws one of the caller's own interests (404 for anyone else's).
#[utoipa::path(delete, path = "/api/v1/interests/{id}", tag = "interests",
    params(("id" = String, Path, description = "The interest's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    record::withdraw(&state, &viewer, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The lead's figures: topics with the number of people under the small-number rule (null
/// when fewer than 8), the total of what is shown; never who asked or from where.
#[utoipa::path(get, path = "/api/v1/admin/interests", tag = "interests",
    responses((status = 200, body = InterestsReport)),
    security(("token" = [])))]
pub async fn figures(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
) -> ApiResult<Json<InterestsReport>> {
    Ok(Json(report::report(&state, &viewer).await?))
}

/// Makes a draft masterclass from a topic 8 or more people asked for; Revans emails each of
/// them. 404 for a topic nobody in the lead's tree asked for; 409 when fewer than 8 did or a
/// masterclass was made from it already.
#[utoipa::path(post, path = "/api/v1/admin/interests/masterclasses", tag = "interests",
    request_body = MasterclassFromInterestIn,
    responses((status = 201, body = MasterclassMade)),
    security(("token" = [])))]
pub async fn make_masterclass(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<MasterclassFromInterestIn>,
) -> ApiResult<(StatusCode, Json<MasterclassMade>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok((
        StatusCode::CREATED,
        Json(masterclass::make(&state, &actor, &body.topic).await?),
    ))
}
