//! A facilitator's profile (C6, issue 15): their own page with Change links (background,
//! qualifications), and the read-only page leads of their region see. Every rule is in
//! `revans_app::facilitator_records`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::facilitator_records::profile::{self, BackgroundInput, FacilitatorProfile};
use revans_app::facilitator_records::qualifications::{self, QualificationInput};
use revans_domain::facilitator_profile::OnlineConfidence;

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined, shown};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, day_in_words, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "facilitator_profile.html")]
struct ProfilePage {
    layout: Layout,
    p: FacilitatorProfile,
}

impl ProfilePage {
    fn day(&self, stored: &str) -> String {
        day_in_words(stored)
    }
}

/// The viewer's own profile.
pub async fn own(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let p = profile::own_profile(&state, &viewer).await?;
    let notice = match q.notice.as_deref() {
        Some("background") => Some(crate::i18n::t("facil-notice-background")),
        Some("added") => Some(crate::i18n::t("facil-notice-added")),
        Some("changed") => Some(crate::i18n::t("facil-notice-changed")),
        Some("removed") => Some(crate::i18n::t("facil-notice-removed")),
        _ => None,
    };
    render(&ProfilePage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("facil-your-profile"),
            "/facilitators/profile",
        )
        .with_notice(notice.as_deref()),
        p,
    })
}

/// A facilitator's profile as a lead of their region reads it.
pub async fn for_lead(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let p = profile::profile_of(&state, &viewer, &id).await?;
    let title = format!("{}: facilitator profile", p.name);
    render(&ProfilePage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            &title,
            "/admin/people",
        ),
        p,
    })
}

#[derive(Template)]
#[template(path = "facilitator_profile_background.html")]
struct BackgroundPage {
    layout: Layout,
    errors: Errors,
    f: BackgroundInput,
    choices: Vec<(&'static str, String)>,
}

fn background_page(state: &AppState, viewer: &Viewer, f: BackgroundInput) -> BackgroundPage {
    BackgroundPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("facil-your-background"),
            "/facilitators/profile",
        ),
        errors: Errors::default(),
        f,
        choices: OnlineConfidence::ALL
            .iter()
            .map(|c| (c.as_str(), crate::i18n::t(c.message_id())))
            .collect(),
    }
}

pub async fn background_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let p = profile::own_profile(&state, &viewer).await?;
    let f = p.background.map(|b| BackgroundInput {
        years_facilitating: b.years_facilitating.to_string(),
        online_confidence: b.online_confidence,
        languages: b.languages.join(", "),
        training_history: b.training_history,
    });
    render(&background_page(&state, &viewer, f.unwrap_or_default()))
}

pub async fn save_background(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<BackgroundInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match profile::save_background(&state, &actor, &form).await {
        Ok(()) => Ok(Redirect::to("/facilitators/profile?notice=background").into_response()),
        Err(e) => {
            let page = background_page(&state, &viewer, form);
            form_error(e, |errors| BackgroundPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

/// The qualification form as posted: the two dates as GOV.UK date boxes.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct QualificationForm {
    name: String,
    level: String,
    evidence: String,
    awarded_on_day: String,
    awarded_on_month: String,
    awarded_on_year: String,
    expires_on_day: String,
    expires_on_month: String,
    expires_on_year: String,
}

impl QualificationForm {
    fn input(&self) -> QualificationInput {
        QualificationInput {
            name: self.name.clone(),
            level: self.level.clone(),
            awarded_on: joined(
                &self.awarded_on_day,
                &self.awarded_on_month,
                &self.awarded_on_year,
            ),
            expires_on: joined(
                &self.expires_on_day,
                &self.expires_on_month,
                &self.expires_on_year,
            ),
            evidence: self.evidence.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "facilitator_profile_qualification.html")]
struct QualificationPage {
    layout: Layout,
    errors: Errors,
    heading: String,
    action: String,
    button: String,
    f: QualificationForm,
    awarded: Boxes,
    expires: Boxes,
}

fn qualification_page(
    state: &AppState,
    viewer: &Viewer,
    action: String,
    adding: bool,
    f: QualificationForm,
) -> QualificationPage {
    let input = f.input();
    let heading = if adding {
        crate::i18n::t("facil-add-title")
    } else {
        crate::i18n::t("facil-change-title")
    };
    QualificationPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            heading.clone(),
            "/facilitators/profile",
        ),
        errors: Errors::default(),
        heading,
        action,
        button: if adding {
            crate::i18n::t("facil-add-button")
        } else {
            crate::i18n::t("facil-save-changes")
        },
        awarded: shown(&input.awarded_on),
        expires: shown(&input.expires_on),
        f,
    }
}

pub async fn new_qualification(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    profile::own_profile(&state, &viewer).await?;
    render(&qualification_page(
        &state,
        &viewer,
        "/facilitators/profile/qualifications".into(),
        true,
        QualificationForm::default(),
    ))
}

pub async fn add_qualification(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<QualificationForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match qualifications::add(&state, &actor, &form.input()).await {
        Ok(_) => Ok(Redirect::to("/facilitators/profile?notice=added").into_response()),
        Err(e) => {
            let page = qualification_page(
                &state,
                &viewer,
                "/facilitators/profile/qualifications".into(),
                true,
                form,
            );
            form_error(e, |errors| QualificationPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

pub async fn edit_qualification(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let q = qualifications::own_qualification(&state, &viewer, &id).await?;
    let a = shown(&q.awarded_on);
    let x = shown(&q.expires_on);
    let f = QualificationForm {
        name: q.name,
        level: q.level,
        evidence: q.evidence,
        awarded_on_day: a.day,
        awarded_on_month: a.month,
        awarded_on_year: a.year,
        expires_on_day: x.day,
        expires_on_month: x.month,
        expires_on_year: x.year,
    };
    render(&qualification_page(
        &state,
        &viewer,
        format!("/facilitators/profile/qualifications/{id}"),
        false,
        f,
    ))
}

pub async fn change_qualification(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<QualificationForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match qualifications::change(&state, &actor, &id, &form.input()).await {
        Ok(()) => Ok(Redirect::to("/facilitators/profile?notice=changed").into_response()),
        Err(e) => {
            let page = qualification_page(
                &state,
                &viewer,
                format!("/facilitators/profile/qualifications/{id}"),
                false,
                form,
            );
            form_error(e, |errors| QualificationPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "facilitator_profile_remove.html")]
struct RemovePage {
    layout: Layout,
    id: String,
    name: String,
    level: String,
}

pub async fn remove_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let q = qualifications::own_qualification(&state, &viewer, &id).await?;
    render(&RemovePage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("facil-remove-page-title"),
            "/facilitators/profile",
        ),
        id: id.to_string(),
        name: q.name,
        level: q.level,
    })
}

#[derive(serde::Deserialize, Default)]
pub struct Nothing {}

pub async fn remove(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<Nothing>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    qualifications::remove(&state, &actor, &id).await?;
    Ok(Redirect::to("/facilitators/profile?notice=removed").into_response())
}
