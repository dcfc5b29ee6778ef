//! Set members' and facilitators' pages (C4, C5): my sets, a set (members, rota, meetings,
//! problems), scheduling meetings and bringing a problem. Everyone else gets "not found".

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::sets::set_pages::{
    Action, ActionSet, MySets, Problem, my_sets, set_page as read_set,
};

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined_or, shown};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::meetings::{
    ProblemInput, SeriesInput, SettingsInput, add_problem, change_settings, schedule_series,
};
use revans_app::sets::set_view::SetView;

#[derive(Template)]
#[template(path = "sets.html")]
struct ListPage {
    layout: Layout,
    /// Each set with the programme and cohort it belongs to.
    sets: Vec<(ActionSet, String)>,
    /// Cohorts where the viewer can choose a set: (cohort id, name).
    choosing: Vec<(revans_domain::Id, String)>,
}

pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let MySets {
        sets,
        mut placed_in,
        choosing,
    } = my_sets(&state, &viewer).await?;
    let sets = sets
        .into_iter()
        .map(|s| {
            let place = placed_in
                .remove(&s.id)
                .map(|(programme, cohort)| format!("{programme}, {cohort}"))
                .unwrap_or_default();
            (s, place)
        })
        .collect();
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("sets-title"),
        "/sets",
    );
    render(&ListPage {
        layout,
        sets,
        choosing,
    })
}

pub struct ThemeOption {
    pub name: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "set.html")]
struct SetPage {
    layout: Layout,
    errors: Errors,
    view: SetView,
    runner: bool,
    member: bool,
    problems: Vec<Problem>,
    open_actions: Vec<Action>,
    themes: Vec<ThemeOption>,
    problem: ProblemInput,
    series: SeriesInput,
    /// The first date of a series, in the date input's boxes.
    series_date: Boxes,
    /// The next meeting that is going ahead (not cancelled, not yet over), marked on the page.
    next_meeting: String,
}

async fn set_page(
    state: &AppState,
    viewer: &Viewer,
    id: &revans_domain::Id,
    errors: Errors,
    problem: ProblemInput,
    series: SeriesInput,
    notice: Option<&str>,
) -> Result<SetPage, crate::error::AppError> {
    let read = read_set(state, viewer, id).await?;
    let themes = read
        .themes
        .into_iter()
        .map(|name| ThemeOption {
            checked: problem.themes.contains(&name),
            name,
        })
        .collect();
    let view = read.view;
    let now = jiff::Timestamp::now().as_millisecond();
    let next_meeting = view
        .meetings
        .iter()
        .find(|m| m.kind != "cancelled" && m.ends_at > now)
        .map(|m| m.id.clone())
        .unwrap_or_default();
    let title = view.set.name.clone();
    let series = SeriesInput {
        timezone: if series.timezone.is_empty() {
            view.set.timezone.clone()
        } else {
            series.timezone
        },
        cadence: if series.cadence.is_empty() {
            "monthly".into()
        } else {
            series.cadence
        },
        ..series
    };
    let layout = Layout::new(state, Some(viewer), viewer.csrf.clone(), &title, "/sets")
        .with_errors(&errors)
        .with_notice(notice);
    Ok(SetPage {
        layout,
        errors,
        view,
        runner: read.runner,
        member: read.member,
        problems: read.problems,
        open_actions: read.open_actions,
        themes,
        problem,
        series_date: shown(&series.start_date),
        series,
        next_meeting,
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = match q.notice.as_deref() {
        Some("problem") => Some("set-notice-problem"),
        Some("scheduled") => Some("set-notice-scheduled"),
        Some("settings") => Some("set-notice-settings"),
        _ => None,
    }
    .map(crate::i18n::t);
    render(
        &set_page(
            &state,
            &viewer,
            &id,
            Errors::default(),
            ProblemInput::default(),
            SeriesInput::default(),
            notice.as_deref(),
        )
        .await?,
    )
}

pub async fn problem(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(input): CsrfForm<ProblemInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match add_problem(&state, &actor, &id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/sets/{id}?notice=problem")).into_response()),
        Err(e) => {
            again(
                &state,
                &viewer,
                &id,
                e.into(),
                input,
                SeriesInput::default(),
            )
            .await
        }
    }
}

/// A series of meetings as the page posts it: the first date in the GOV.UK date input.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SeriesForm {
    #[serde(flatten)]
    input: SeriesInput,
    start_date_day: String,
    start_date_month: String,
    start_date_year: String,
}

pub async fn schedule(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<SeriesForm>,
) -> PageResult<Response> {
    let input = SeriesInput {
        start_date: joined_or(
            form.input.start_date.clone(),
            &form.start_date_day,
            &form.start_date_month,
            &form.start_date_year,
        ),
        ..form.input
    };
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match schedule_series(&state, &actor, &id, &input).await {
        Ok(warnings) if warnings.is_empty() => {
            Ok(Redirect::to(&format!("/sets/{id}?notice=scheduled")).into_response())
        }
        Ok(warnings) => {
            let notice = format!(
                "Meetings added, but check these clashes: {}.",
                warnings.join("; ")
            );
            render(
                &set_page(
                    &state,
                    &viewer,
                    &id,
                    Errors::default(),
                    ProblemInput::default(),
                    SeriesInput::default(),
                    Some(&notice),
                )
                .await?,
            )
        }
        Err(e) => {
            again(
                &state,
                &viewer,
                &id,
                e.into(),
                ProblemInput::default(),
                input,
            )
            .await
        }
    }
}

pub async fn settings(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(input): CsrfForm<SettingsInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match change_settings(&state, &actor, &id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/sets/{id}?notice=settings")).into_response()),
        Err(e) => {
            again(
                &state,
                &viewer,
                &id,
                e.into(),
                ProblemInput::default(),
                SeriesInput::default(),
            )
            .await
        }
    }
}

/// The set page again with the form's errors (422) and what was typed, or other errors on.
async fn again(
    state: &AppState,
    viewer: &Viewer,
    id: &revans_domain::Id,
    e: crate::error::AppError,
    problem: ProblemInput,
    series: SeriesInput,
) -> PageResult<Response> {
    if !matches!(e, crate::error::AppError::Invalid(_)) {
        return Err(e.into());
    }
    let page = set_page(state, viewer, id, Errors::default(), problem, series, None).await?;
    form_error(e, |errors| SetPage {
        layout: page.layout.with_errors(&errors),
        errors,
        ..page
    })
}

/// `crate::i18n::tn` for templates, which hand every argument over by reference.
pub fn tn(id: &str, key: &str, count: &i64) -> String {
    crate::i18n::tn(id, key, *count)
}

/// `crate::i18n::t_args` for templates, which hand the argument list over by reference.
pub fn ta<const N: usize>(id: &str, args: &&[(&str, crate::i18n::Arg<'_>); N]) -> String {
    crate::i18n::t_args(id, &args[..])
}
