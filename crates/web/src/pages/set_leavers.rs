//! "X has left the set" with a confirmation page (issue 11): what will happen and who will be
//! told, a warning button, then a page saying what changed with an undo.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::sets::set_leavers::{LeaverView, leave, leaver_view, restore};
use revans_domain::Id;

use crate::auth::{Admin, ClientIp};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct MemberForm {
    /// The membership (a set_members row) of the person who left.
    member: String,
}

#[derive(Template)]
#[template(path = "set_leaver.html")]
struct LeaverPage {
    layout: Layout,
    v: LeaverView,
    /// The confirmation step (true) or the page after the change (false).
    confirming: bool,
}

async fn show(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    ip: &str,
    cohort: &Id,
    member: &str,
    confirming: bool,
) -> PageResult<Response> {
    let actor = Actor { viewer, ip };
    let back = Redirect::to(&format!("/admin/cohorts/{cohort}/sets")).into_response();
    let Some(member) = Id::parse(member) else {
        // Nothing to confirm: the lead's cohort is checked first, so others are told 404.
        let nobody = Id::from_trusted("00000000-0000-0000-0000-000000000000".into());
        leaver_view(state, &actor, cohort, &nobody)
            .await
            .map(|_| ())
            .or_else(|e| match e {
                revans_app::Error::Invalid(_) => Ok(()),
                other => Err(other),
            })?;
        return Ok(back);
    };
    let v = match leaver_view(state, &actor, cohort, &member).await {
        Ok(v) => v,
        Err(revans_app::Error::Invalid(_)) => return Ok(back),
        Err(e) => return Err(e.into()),
    };
    let id = if confirming {
        "sets-leaver-title"
    } else if v.left {
        "sets-leaver-done"
    } else {
        "sets-leaver-is-in"
    };
    let title = crate::i18n::t_args(
        id,
        &[
            ("name", crate::i18n::Arg::from(v.name.as_str())),
            ("set", crate::i18n::Arg::from(v.set_name.as_str())),
        ],
    );
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        title,
        "/admin/programmes",
    );
    render(&LeaverPage {
        layout,
        v,
        confirming,
    })
}

/// GET: the confirmation page for "X has left".
pub async fn confirm(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<MemberForm>,
) -> PageResult<Response> {
    show(&state, &viewer, &ip, &id, &q.member, true).await
}

/// GET: what happened, with the undo.
pub async fn done(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<MemberForm>,
) -> PageResult<Response> {
    show(&state, &viewer, &ip, &id, &q.member, false).await
}

/// The member named, or an id that matches nobody, so the use case checks the cohort first
/// (another tenant's lead is told "not found") and then names the field.
fn member_id(f: &MemberForm) -> Id {
    Id::parse(&f.member)
        .unwrap_or_else(|| Id::from_trusted("00000000-0000-0000-0000-000000000000".into()))
}

/// POST: marks them as left (after the confirmation).
pub async fn leave_confirmed(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<MemberForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let member = member_id(&f);
    leave(&state, &actor, &id, &member).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets/leavers?member={member}")).into_response())
}

/// POST: the undo.
pub async fn undo(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<MemberForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let member = member_id(&f);
    restore(&state, &actor, &id, &member).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets/leavers?member={member}")).into_response())
}
