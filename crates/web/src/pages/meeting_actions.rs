//! Around one meeting (issue 11): a member sends or withdraws apologies, a facilitator records
//! "everyone was present", cancels after a confirmation page (saying who will be told) and can
//! undo the cancellation until the meeting starts; and the meeting as a calendar file.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use revans_app::Actor;
use revans_app::sets::meeting_attendance::{
    ApologyInput, CancelPreview, cancel_preview, everyone_present, restore_meeting, send_apologies,
    withdraw_apologies,
};
use revans_app::sets::meeting_detail::meeting_calendar;
use revans_app::sets::meetings::ActionInput;

use crate::auth::{ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::pages::meetings::after;
use crate::path_id::PathId;
use crate::state::AppState;

pub async fn apologies(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(input): CsrfForm<ApologyInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = send_apologies(&state, &actor, &id, &input)
        .await
        .map(|()| "apologies");
    after(&state, &viewer, &id, result, ActionInput::default()).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<ApologyInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = withdraw_apologies(&state, &actor, &id)
        .await
        .map(|()| "apologies_withdrawn");
    after(&state, &viewer, &id, result, ActionInput::default()).await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct EveryoneForm {
    /// "everyone": the facilitator pressed "Everyone was present".
    confirm: String,
}

pub async fn everyone(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<EveryoneForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let exceptions = (form.confirm == "everyone").then_some(&[][..]);
    let result = everyone_present(&state, &actor, &id, exceptions)
        .await
        .map(|()| "attendance");
    after(&state, &viewer, &id, result, ActionInput::default()).await
}

pub async fn restore(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<ApologyInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = restore_meeting(&state, &actor, &id)
        .await
        .map(|()| "restored");
    after(&state, &viewer, &id, result, ActionInput::default()).await
}

#[derive(Template)]
#[template(path = "meeting_cancel.html")]
struct CancelPage {
    layout: Layout,
    p: CancelPreview,
}

/// "Are you sure?": what cancelling does and who is emailed, with a warning button.
pub async fn confirm_cancel(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let p = cancel_preview(&state, &viewer, &id).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("meeting-cancel-title", "when", &p.when),
        "/sets",
    );
    render(&CancelPage { layout, p })
}

/// The meeting as an .ics file, for its members and facilitators.
pub async fn calendar(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let body = meeting_calendar(&state, &viewer, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"meeting.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}
