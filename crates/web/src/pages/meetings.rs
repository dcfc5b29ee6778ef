//! One meeting of a set (C4, C5): who presents, last time's actions to review, attendance, the
//! presenter's new actions, and moving, cancelling or giving the floor to someone else.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::sets::meeting_detail::Action;

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined_or, shown};
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::meeting_detail::{AttendanceRow, MeetingDetail, meeting_detail};
use revans_app::sets::meetings::{
    ActionInput, ChangeInput, ReviewInput, add_action, change_meeting, record_attendance,
    review_action,
};
use revans_app::sets::set_view::{MeetingView, UnitView};

#[derive(Template)]
#[template(path = "meeting.html")]
pub(crate) struct MeetingPage {
    layout: Layout,
    errors: Errors,
    set_id: String,
    set_name: String,
    meeting: MeetingView,
    runner: bool,
    is_presenter: bool,
    attendance: Vec<AttendanceRow>,
    units: Vec<UnitView>,
    /// Actions from earlier meetings still waiting for their review.
    to_review: Vec<Action>,
    /// Actions recorded at this meeting.
    recorded: Vec<Action>,
    action: ActionInput,
    /// The action's due date in the date input's boxes.
    due_on_boxes: Boxes,
    when_plain: String,
    delivery_mode: String,
    delivery_detail: String,
    is_member: bool,
    my_apology: Option<String>,
    upcoming: bool,
    can_restore: bool,
    /// Attendance has been taken: it shows as a summary with Change links.
    recorded_attendance: bool,
    /// The facilitator chose "Change": the person-by-person form shows.
    change_attendance: bool,
    apologies_count: usize,
    viewer_id: String,
}

pub(crate) async fn page(
    state: &AppState,
    viewer: &Viewer,
    meeting_id: &revans_domain::Id,
    errors: Errors,
    action: ActionInput,
    notice: Option<&str>,
) -> Result<MeetingPage, AppError> {
    let MeetingDetail {
        view,
        meeting: meeting_view,
        runner,
        is_presenter,
        attendance,
        to_review,
        recorded,
        when_plain,
        is_member,
        my_apology,
        upcoming,
        can_restore,
    } = meeting_detail(state, viewer, meeting_id).await?;
    let title = if meeting_view.kind == "cancelled" {
        crate::i18n::t1("meeting-page-title-cancelled", "set", &view.set.name)
    } else {
        crate::i18n::t_args(
            "meeting-page-title",
            &[
                ("set", crate::i18n::Arg::from(view.set.name.as_str())),
                (
                    "number",
                    crate::i18n::Arg::from(meeting_view.number.to_string()),
                ),
            ],
        )
    };
    let layout = Layout::new(state, Some(viewer), viewer.csrf.clone(), &title, "/sets")
        .with_errors(&errors)
        .with_notice(notice);
    Ok(MeetingPage {
        layout,
        errors,
        set_id: view.set.id.to_string(),
        set_name: view.set.name.clone(),
        meeting: meeting_view,
        runner,
        is_presenter,
        recorded_attendance: attendance.iter().any(|r| !r.status.is_empty()),
        change_attendance: false,
        apologies_count: attendance.iter().filter(|r| r.apology.is_some()).count(),
        units: view.units,
        to_review,
        recorded,
        due_on_boxes: shown(&action.due_on),
        action,
        when_plain,
        delivery_mode: view.set.delivery_mode.clone(),
        delivery_detail: view.set.delivery_detail.clone(),
        is_member,
        my_apology,
        upcoming,
        can_restore,
        attendance,
        viewer_id: viewer.person.id.to_string(),
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct MeetingQuery {
    notice: Option<String>,
    /// `attendance`: show the person-by-person attendance form to change it.
    change: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<MeetingQuery>,
) -> PageResult<Response> {
    // Each notice names its sentence in the catalogue (sets.ftl).
    let notice = match q.notice.as_deref() {
        Some("apologies") => Some("meeting-notice-apologies"),
        Some("apologies_withdrawn") => Some("meeting-notice-apologies-withdrawn"),
        Some("restored") => Some("meeting-notice-restored"),
        Some("attendance") => Some("meeting-notice-attendance"),
        Some("action") => Some("meeting-notice-action"),
        Some("reviewed") => Some("meeting-notice-reviewed"),
        Some("cancelled") => Some("meeting-notice-cancelled"),
        Some("moved") => Some("meeting-notice-moved"),
        Some("swapped") => Some("meeting-notice-swapped"),
        _ => None,
    }
    .map(crate::i18n::t);
    let mut p = page(
        &state,
        &viewer,
        &id,
        Errors::default(),
        ActionInput::default(),
        notice.as_deref(),
    )
    .await?;
    p.change_attendance = q.change.as_deref() == Some("attendance");
    render(&p)
}

/// Redirects to the meeting with a notice, or shows it again with the errors (422).
pub(crate) async fn after(
    state: &AppState,
    viewer: &Viewer,
    id: &revans_domain::Id,
    result: Result<&str, revans_app::Error>,
    action: ActionInput,
) -> PageResult<Response> {
    match result {
        Ok(notice) => Ok(Redirect::to(&format!("/meetings/{id}?notice={notice}")).into_response()),
        Err(e) => {
            if !matches!(e, revans_app::Error::Invalid(_)) {
                return Err(e.into());
            }
            let p = page(state, viewer, id, Errors::default(), action, None).await?;
            form_error(e, |errors| MeetingPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

pub async fn attendance(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = record_attendance(&state, &actor, &id, &form)
        .await
        .map(|()| "attendance");
    after(&state, &viewer, &id, result, ActionInput::default()).await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ActionForm {
    description: String,
    /// A one-line date; the boxes below win when filled.
    due_on: String,
    /// The GOV.UK date input's boxes.
    due_on_day: String,
    due_on_month: String,
    due_on_year: String,
    /// The presenter, when the facilitator records for them.
    owner: String,
}

pub async fn action(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = ActionInput {
        description: form.description,
        due_on: joined_or(
            form.due_on,
            &form.due_on_day,
            &form.due_on_month,
            &form.due_on_year,
        ),
    };
    let owner = revans_domain::Id::parse(&form.owner);
    let result = add_action(&state, &actor, &id, owner.as_ref(), &input)
        .await
        .map(|_| "action");
    after(&state, &viewer, &id, result, input).await
}

pub async fn review(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(input): CsrfForm<ReviewInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = review_action(&state, &actor, &id, &input)
        .await
        .map(|()| "reviewed");
    after(&state, &viewer, &id, result, ActionInput::default()).await
}

/// A change to one meeting as the page posts it: the new date in the GOV.UK date input.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ChangeForm {
    #[serde(flatten)]
    input: ChangeInput,
    date_day: String,
    date_month: String,
    date_year: String,
}

pub async fn change(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<ChangeForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = ChangeInput {
        date: joined_or(
            form.input.date.clone(),
            &form.date_day,
            &form.date_month,
            &form.date_year,
        ),
        ..form.input
    };
    let result = change_meeting(&state, &actor, &id, &input).await;
    after(&state, &viewer, &id, result, ActionInput::default()).await
}
