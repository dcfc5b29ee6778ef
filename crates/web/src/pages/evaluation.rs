//! A programme's evaluation (C9), for its leads and evaluators: the plan with its waves and
//! response rates; for leads, adding an instrument, planning a wave and inviting people.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Admin, ClientIp, SignedIn};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined, shown};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::evaluation::instruments::{self, NewInstrumentInput};
use revans_app::evaluation::plan::{self, EvaluationPlan, InviteInput, WaveInput};

#[derive(Template)]
#[template(path = "evaluation_programmes.html")]
struct ProgrammesPage {
    layout: Layout,
    programmes: Vec<(String, String)>,
}

/// Every programme whose evaluation the viewer may read (leads and evaluators).
pub async fn programmes(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let programmes = revans_app::evaluation::access::programme_list(&state, &viewer).await?;
    render(&ProgrammesPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("eval-title"),
            "/evaluation",
        ),
        programmes,
    })
}

#[derive(Template)]
#[template(path = "evaluation_plan.html")]
struct PlanPage {
    layout: Layout,
    plan: EvaluationPlan,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let plan = plan::evaluation_plan(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("instrument") => Some(crate::i18n::t("eval-notice-instrument")),
        Some("wave") => Some(crate::i18n::t("eval-notice-wave")),
        Some("reminded") => Some(crate::i18n::t("eval-notice-reminded")),
        _ => None,
    };
    render(&PlanPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("eval-title"),
            "/admin/programmes",
        )
        .with_notice(notice.as_deref()),
        plan,
    })
}

#[derive(Template)]
#[template(path = "evaluation_instrument.html")]
struct InstrumentPage {
    layout: Layout,
    errors: Errors,
    programme_id: String,
    programme: String,
    format: String,
    source: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct InstrumentForm {
    format: String,
    source: String,
}

async fn instrument_page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    id: &revans_domain::Id,
    f: InstrumentForm,
) -> PageResult<InstrumentPage> {
    let plan = plan::evaluation_plan(state, viewer, id).await?;
    Ok(InstrumentPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("eval-add-questionnaire"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        programme_id: plan.programme_id,
        programme: plan.programme,
        format: if f.format.is_empty() {
            "toml".into()
        } else {
            f.format
        },
        source: f.source,
    })
}

pub async fn instrument_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&instrument_page(&state, &viewer, &id, InstrumentForm::default()).await?)
}

pub async fn add_instrument(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<InstrumentForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = NewInstrumentInput {
        format: form.format.clone(),
        source: form.source.clone(),
    };
    match instruments::add(&state, &actor, &id, input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/evaluation/programmes/{id}?notice=instrument")).into_response(),
        ),
        Err(e) => {
            let page = instrument_page(&state, &viewer, &id, form).await?;
            form_error(e, |errors| InstrumentPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "evaluation_wave.html")]
struct WavePage {
    layout: Layout,
    errors: Errors,
    plan: EvaluationPlan,
    f: WaveForm,
    opens: Boxes,
    closes: Boxes,
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct WaveForm {
    instrument: String,
    cohort: String,
    name: String,
    timing: String,
    months: String,
    anonymity: String,
    send_automatically: Option<String>,
    opens_day: String,
    opens_month: String,
    opens_year: String,
    closes_day: String,
    closes_month: String,
    closes_year: String,
}

async fn wave_page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    id: &revans_domain::Id,
    f: WaveForm,
) -> PageResult<WavePage> {
    let plan = plan::evaluation_plan(state, viewer, id).await?;
    let opens = shown(&joined(&f.opens_day, &f.opens_month, &f.opens_year));
    let closes = shown(&joined(&f.closes_day, &f.closes_month, &f.closes_year));
    Ok(WavePage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("eval-plan-wave"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        plan,
        f,
        opens,
        closes,
    })
}

pub async fn wave_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let f = WaveForm {
        anonymity: "pseudonymous".into(),
        send_automatically: Some("yes".into()),
        ..WaveForm::default()
    };
    render(&wave_page(&state, &viewer, &id, f).await?)
}

pub async fn plan_wave(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<WaveForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = WaveInput {
        instrument: form.instrument.clone(),
        cohort: form.cohort.clone(),
        name: form.name.clone(),
        timing: form.timing.clone(),
        months: form.months.clone(),
        opens: joined(&form.opens_day, &form.opens_month, &form.opens_year),
        closes: joined(&form.closes_day, &form.closes_month, &form.closes_year),
        anonymity: form.anonymity.clone(),
        send_automatically: form.send_automatically.is_some(),
    };
    match plan::plan_wave(&state, &actor, &id, input).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/evaluation/programmes/{id}?notice=wave")).into_response())
        }
        Err(e) => {
            let page = wave_page(&state, &viewer, &id, form).await?;
            form_error(e, |errors| WavePage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "evaluation_invite.html")]
struct InvitePage {
    layout: Layout,
    errors: Errors,
    wave: plan::WaveSummary,
    programme_id: String,
    f: InviteForm,
    sent: Option<plan::Invited>,
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct InviteForm {
    participants: Option<String>,
    emails: String,
    group: String,
}

async fn invite_page(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    ip: &str,
    wave: &revans_domain::Id,
    f: InviteForm,
) -> PageResult<InvitePage> {
    let actor = Actor { viewer, ip };
    let (programme_id, wave) = plan::wave_for_lead(state, &actor, wave).await?;
    Ok(InvitePage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("eval-invite-link"),
            "/admin/programmes",
        ),
        errors: Errors::default(),
        wave,
        programme_id,
        f,
        sent: None,
    })
}

pub async fn invite_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let f = InviteForm {
        participants: Some("yes".into()),
        group: "comparison".into(),
        ..InviteForm::default()
    };
    render(&invite_page(&state, &viewer, &ip, &id, f).await?)
}

pub async fn invite(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = InviteInput {
        participants: form.participants.is_some(),
        emails: form.emails.clone(),
        group: form.group.clone(),
    };
    match plan::invite(&state, &actor, &id, input).await {
        Ok(sent) => {
            let mut page = invite_page(&state, &viewer, &ip, &id, InviteForm::default()).await?;
            page.sent = Some(sent);
            render(&page)
        }
        Err(e) => {
            let page = invite_page(&state, &viewer, &ip, &id, form).await?;
            form_error(e, |errors| InvitePage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct Empty {}

pub async fn remind(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_f): CsrfForm<Empty>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let (programme_id, _) = plan::wave_for_lead(&state, &actor, &id).await?;
    plan::remind(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!(
        "/evaluation/programmes/{programme_id}?notice=reminded"
    ))
    .into_response())
}
