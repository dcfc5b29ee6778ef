//! A programme's evaluation targets (issue 14, C9): the list (leads change it, evaluators of
//! the tenant read it), the add and change form, recording the measured value, and deleting a
//! target after a confirmation page. Every rule is in `revans_app::evaluation::targets`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::access_checks::programme_admin;
use revans_app::evaluation::targets::{
    Direction, EditableTarget, Figure, MeasurementInput, Status, TargetInput, TargetView, add,
    change, input_from, measurement_input_from, programme_targets, record_measurement, remove,
    target_for_editing,
};
use revans_domain::Id;

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes::{Boxes, joined_or, shown};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;

/// A figure with its unit, as read: "12.5%", "30 days", "4".
pub fn with_unit(f: Figure, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{f}%"),
        Some(u) => format!("{f} {u}"),
        None => f.to_string(),
    }
}

fn in_words(d: jiff::civil::Date) -> String {
    revans_i18n::day(&d.to_string())
}

/// One target as the list shows it.
pub struct TargetRow {
    pub id: String,
    pub measure: String,
    pub baseline: String,
    /// "Increase to 90%".
    pub target: String,
    pub target_date: String,
    /// "85% on 2 April 2028", or empty when not measured.
    pub measured: String,
    pub note: String,
    pub status: Status,
}

fn row(t: &TargetView) -> TargetRow {
    let unit = t.unit.as_deref();
    TargetRow {
        id: t.id.to_string(),
        measure: t.measure.clone(),
        baseline: with_unit(t.baseline, unit),
        target: crate::i18n::t_args(
            match t.direction {
                Direction::Increase => "targets-increase-to",
                Direction::Decrease => "targets-decrease-to",
            },
            &[("value", with_unit(t.target_value, unit).into())],
        ),
        target_date: in_words(t.target_date),
        measured: t.measured.as_ref().map_or_else(String::new, |m| {
            crate::i18n::t_args(
                "targets-value-on",
                &[
                    ("value", with_unit(m.value, unit).into()),
                    ("date", in_words(m.on).into()),
                ],
            )
        }),
        note: t
            .measured
            .as_ref()
            .and_then(|m| m.note.clone())
            .unwrap_or_default(),
        status: t.status,
    }
}

#[derive(Template)]
#[template(path = "admin_targets.html")]
struct ListPage {
    layout: Layout,
    programme_id: String,
    programme_title: String,
    can_change: bool,
    rows: Vec<TargetRow>,
}

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    notice: Option<String>,
}

/// The programme's targets: a lead's with Change links, an evaluator's to read.
pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<ListQuery>,
) -> PageResult<Response> {
    let t = programme_targets(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("added") => Some(crate::i18n::t("targets-notice-added")),
        Some("changed") => Some(crate::i18n::t("targets-notice-changed")),
        Some("measured") => Some(crate::i18n::t("targets-notice-measured")),
        Some("removed") => Some(crate::i18n::t("targets-notice-removed")),
        _ => None,
    };
    render(&ListPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t1("targets-page-title", "title", &t.programme_title),
            "/admin/programmes",
        )
        .with_notice(notice.as_deref()),
        programme_id: t.programme_id.to_string(),
        programme_title: t.programme_title,
        can_change: t.can_change,
        rows: t.targets.iter().map(row).collect(),
    })
}

/// The target form as posted: the date in the GOV.UK boxes (or one line, `target_date`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TargetForm {
    measure: String,
    unit: String,
    baseline: String,
    target_value: String,
    target_date: String,
    target_date_day: String,
    target_date_month: String,
    target_date_year: String,
}

impl TargetForm {
    fn input(self) -> TargetInput {
        TargetInput {
            target_date: joined_or(
                self.target_date,
                &self.target_date_day,
                &self.target_date_month,
                &self.target_date_year,
            ),
            measure: self.measure,
            unit: self.unit,
            baseline: self.baseline,
            target_value: self.target_value,
        }
    }
}

#[derive(Template)]
#[template(path = "admin_target_form.html")]
struct FormPage {
    layout: Layout,
    errors: Errors,
    heading: String,
    button: String,
    action: String,
    back: String,
    programme_title: String,
    f: TargetInput,
    date: Boxes,
}

/// The add or change form; `target` is the one being changed, if any.
fn form_page(
    state: &AppState,
    viewer: &Viewer,
    programme: (&Id, &str),
    target: Option<&Id>,
    f: TargetInput,
    errors: Errors,
) -> FormPage {
    let heading = if target.is_some() {
        crate::i18n::t("targets-change-title")
    } else {
        crate::i18n::t("targets-add")
    };
    FormPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            heading.clone(),
            "/admin/programmes",
        )
        .with_errors(&errors),
        errors,
        heading,
        button: if target.is_some() {
            crate::i18n::t("targets-save")
        } else {
            crate::i18n::t("targets-add-button")
        },
        action: target.map_or_else(
            || format!("/admin/programmes/{}/targets", programme.0),
            |t| format!("/admin/targets/{t}/edit"),
        ),
        back: format!("/admin/programmes/{}/targets", programme.0),
        programme_title: programme.1.to_owned(),
        date: shown(&f.target_date),
        f,
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    programme_admin(&state, &actor, &id).await?;
    let t = programme_targets(&state, &viewer, &id).await?;
    render(&form_page(
        &state,
        &viewer,
        (&id, &t.programme_title),
        None,
        TargetInput::default(),
        Errors::default(),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<TargetForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = form.input();
    match add(&state, &actor, &id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/programmes/{id}/targets?notice=added")).into_response(),
        ),
        Err(e) => {
            let title = programme_targets(&state, &viewer, &id)
                .await?
                .programme_title;
            form_error(e, |errors| {
                form_page(&state, &viewer, (&id, &title), None, input, errors)
            })
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let e = target_for_editing(&state, &actor, &id).await?;
    render(&form_page(
        &state,
        &viewer,
        (&e.programme_id, &e.programme_title),
        Some(&id),
        input_from(&e.target),
        Errors::default(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<TargetForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let e = target_for_editing(&state, &actor, &id).await?;
    let input = form.input();
    match change(&state, &actor, &id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/admin/programmes/{}/targets?notice=changed",
            e.programme_id
        ))
        .into_response()),
        Err(err) => form_error(err, |errors| {
            form_page(
                &state,
                &viewer,
                (&e.programme_id, &e.programme_title),
                Some(&id),
                input,
                errors,
            )
        }),
    }
}

/// The measurement form as posted.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MeasurementForm {
    measured_value: String,
    measured_on: String,
    measured_on_day: String,
    measured_on_month: String,
    measured_on_year: String,
    note: String,
}

#[derive(Template)]
#[template(path = "admin_target_measurement.html")]
struct MeasurementPage {
    layout: Layout,
    errors: Errors,
    programme_id: String,
    programme_title: String,
    target_id: String,
    t: TargetRow,
    f: MeasurementInput,
    date: Boxes,
}

fn measurement_page(
    state: &AppState,
    viewer: &Viewer,
    e: &EditableTarget,
    f: MeasurementInput,
    errors: Errors,
) -> MeasurementPage {
    MeasurementPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("targets-record"),
            "/admin/programmes",
        )
        .with_errors(&errors),
        errors,
        programme_id: e.programme_id.to_string(),
        programme_title: e.programme_title.clone(),
        target_id: e.target.id.to_string(),
        t: row(&e.target),
        date: shown(&f.measured_on),
        f,
    }
}

pub async fn measurement_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let e = target_for_editing(&state, &actor, &id).await?;
    let f = measurement_input_from(&e.target);
    render(&measurement_page(&state, &viewer, &e, f, Errors::default()))
}

pub async fn measure(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<MeasurementForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let e = target_for_editing(&state, &actor, &id).await?;
    let input = MeasurementInput {
        measured_value: form.measured_value,
        measured_on: joined_or(
            form.measured_on,
            &form.measured_on_day,
            &form.measured_on_month,
            &form.measured_on_year,
        ),
        note: form.note,
    };
    match record_measurement(&state, &actor, &id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/admin/programmes/{}/targets?notice=measured",
            e.programme_id
        ))
        .into_response()),
        Err(err) => form_error(err, |errors| {
            measurement_page(&state, &viewer, &e, input, errors)
        }),
    }
}

#[derive(Template)]
#[template(path = "admin_target_delete.html")]
struct DeletePage {
    layout: Layout,
    programme_id: String,
    target_id: String,
    t: TargetRow,
}

/// "Are you sure?" before a target is deleted.
pub async fn delete_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let e = target_for_editing(&state, &actor, &id).await?;
    render(&DeletePage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("targets-delete-page-title"),
            "/admin/programmes",
        ),
        programme_id: e.programme_id.to_string(),
        target_id: id.to_string(),
        t: row(&e.target),
    })
}

/// Nothing to read from the confirmation form but its CSRF token.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}

pub async fn delete(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let programme = remove(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!(
        "/admin/programmes/{programme}/targets?notice=removed"
    ))
    .into_response())
}
