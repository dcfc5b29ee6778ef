//! A set's meetings over the API (C4): one meeting as the meeting page shows it, scheduling a
//! series, the set's settings, and moving, cancelling or giving the floor at one meeting. Facilitators run meetings; the same actions
//! as the set and meeting pages, so the same people are refused the same way.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::sets::meeting_detail::Action;

use crate::api::ApiJson;
use crate::api::contracts::meetings::{
    MoveMeetingIn, PresenterIn, SeriesIn, SetSettingsIn, cancel,
};
use crate::auth::{ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::meeting_detail::meeting_detail;
use revans_app::sets::meetings::{change_meeting, change_settings, schedule_series};
use revans_app::sets::set_view::{MeetingView, UnitView};

/// An action a presenter committed to, and, once reviewed, what became of it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ActionOut {
    pub id: String,
    /// The meeting it was recorded at.
    pub meeting_id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub description: String,
    #[schema(format = Date)]
    pub due_on: String,
    /// done, changed or dropped; null until reviewed.
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
}

impl From<Action> for ActionOut {
    fn from(a: Action) -> Self {
        ActionOut {
            id: a.id.to_string(),
            meeting_id: a.meeting_id.to_string(),
            owner_id: a.owner_id.to_string(),
            owner_name: a.owner_name,
            description: a.description,
            due_on: a.due_on,
            outcome: a.outcome,
            outcome_note: a.outcome_note,
        }
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AttendanceRecordOut {
    pub person_id: String,
    pub name: String,
    /// present, apologies or absent; null before attendance is taken.
    pub status: Option<String>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MeetingOut {
    pub set_id: String,
    pub set_name: String,
    /// The zone `meeting.when` is in: the caller's own if they chose one, else the set's.
    pub timezone: String,
    pub meeting: MeetingView,
    /// The caller runs this set's meetings (takes attendance, moves and cancels).
    pub runner: bool,
    /// The caller's unit has the floor.
    pub is_presenter: bool,
    /// The set's units, for giving the floor to another (`PUT .../presenter`).
    pub units: Vec<UnitView>,
    /// One row per current member.
    pub attendance: Vec<AttendanceRecordOut>,
    /// Actions from earlier meetings still waiting for their review.
    pub to_review: Vec<ActionOut>,
    /// Actions recorded at this meeting.
    pub recorded: Vec<ActionOut>,
}

/// One meeting, as its set's members and facilitators see it (404 for anyone else).
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 200, body = MeetingOut)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<MeetingOut>> {
    let d = meeting_detail(&state, &viewer, &id).await?;
    Ok(Json(MeetingOut {
        set_id: d.view.set.id.to_string(),
        set_name: d.view.set.name.clone(),
        timezone: d.view.display_zone.clone(),
        meeting: d.meeting,
        runner: d.runner,
        is_presenter: d.is_presenter,
        units: d.view.units,
        attendance: d
            .attendance
            .into_iter()
            .map(|r| AttendanceRecordOut {
                person_id: r.member.person_id,
                name: r.member.name,
                status: (!r.status.is_empty()).then_some(r.status),
            })
            .collect(),
        to_review: d.to_review.into_iter().map(ActionOut::from).collect(),
        recorded: d.recorded.into_iter().map(ActionOut::from).collect(),
    }))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ScheduledOut {
    /// Clashes with the facilitators' other meetings: the meetings are saved anyway.
    pub warnings: Vec<String>,
}

/// Adds a series of meetings on a cadence. Refused outside the cohort's dates unless the set
/// runs itself.
#[utoipa::path(post, path = "/api/v1/sets/{id}/meetings", tag = "meetings", request_body = SeriesIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 201, body = ScheduledOut)),
    security(("token" = [])))]
pub async fn schedule(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SeriesIn>,
) -> ApiResult<(StatusCode, Json<ScheduledOut>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let warnings = schedule_series(&state, &actor, &id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(ScheduledOut { warnings })))
}

/// Replaces how the set works: review meetings, time zone, where it meets, and whether it
/// runs itself.
#[utoipa::path(put, path = "/api/v1/sets/{id}/settings", tag = "meetings", request_body = SetSettingsIn,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn settings(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SetSettingsIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_settings(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a meeting that has not happened yet; calendars show the new time.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/move", tag = "meetings", request_body = MoveMeetingIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn move_meeting(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<MoveMeetingIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_meeting(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels a meeting that has not happened yet; calendars show it as cancelled.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/cancel", tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn cancel_meeting(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_meeting(&state, &actor, &id, &cancel()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives the floor at one meeting to another unit of the set, or back to the rota.
#[utoipa::path(put, path = "/api/v1/meetings/{id}/presenter", tag = "meetings", request_body = PresenterIn,
    params(("id" = String, Path, description = "The meeting's id")),
    responses((status = 204)),
    security(("token" = [])))]
pub async fn presenter(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<PresenterIn>,
) -> ApiResult<StatusCode> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    change_meeting(&state, &actor, &id, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}
