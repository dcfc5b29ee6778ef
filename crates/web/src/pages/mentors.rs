//! Mentors (C6, issue 15): a cohort's lead pairs people who completed an earlier cohort with
//! people in this one; and the qualification a programme's completers gain.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::facilitator_records::awards::{self, AwardInput};
use revans_app::facilitator_records::mentors::{self, CohortMentoring, PairInput};

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "mentors.html")]
struct MentorsPage {
    layout: Layout,
    errors: Errors,
    m: CohortMentoring,
    f: PairInput,
}

async fn mentors_page(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    cohort: &revans_domain::Id,
    f: PairInput,
) -> PageResult<MentorsPage> {
    let actor = Actor { viewer, ip };
    let m = mentors::cohort_mentoring(state, &actor, cohort).await?;
    Ok(MentorsPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("mentors-title"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        m,
        f,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let page = mentors_page(&state, &viewer, &ip, &id, PairInput::default()).await?;
    let notice =
        (q.notice.as_deref() == Some("paired")).then(|| crate::i18n::t("mentors-notice-recorded"));
    render(&MentorsPage {
        layout: page.layout.with_notice(notice.as_deref()),
        ..page
    })
}

pub async fn pair(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<PairInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match mentors::pair(&state, &actor, &id, &form).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/mentors?notice=paired")).into_response())
        }
        Err(e) => {
            let page = mentors_page(&state, &viewer, &ip, &id, form).await?;
            form_error(e, |errors| MentorsPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "mentor_award.html")]
struct AwardPage {
    layout: Layout,
    errors: Errors,
    programme_id: String,
    programme: String,
    f: AwardInput,
}

pub async fn award_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let (programme, qualification, level) = awards::programme_award(&state, &actor, &id).await?;
    render(&AwardPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("mentors-award-title"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        programme_id: id.to_string(),
        programme,
        f: AwardInput {
            qualification,
            level,
        },
    })
}

pub async fn save_award(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<AwardInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match awards::set_award(&state, &actor, &id, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/programmes/{id}")).into_response()),
        Err(e) => {
            let (programme, _, _) = awards::programme_award(&state, &actor, &id).await?;
            let page = AwardPage {
                layout: Layout::new(
                    &state,
                    Some(&viewer),
                    viewer.csrf.clone(),
                    crate::i18n::t("mentors-award-title"),
                    "/admin/programmes",
                ),
                errors: Errors::default(),
                programme_id: id.to_string(),
                programme,
                f: form,
            };
            form_error(e, |errors| AwardPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}
