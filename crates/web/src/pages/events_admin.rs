//! The lead's pages for an immersion event (issue 18, C8): a task list (time slots and closing
//! date, hosts, rankings, allocation, publication), the forms for the plan and for a host, and
//! the allocation with its explanation, run and published from here. The rules are in
//! `revans_app::events`; these pages turn typed words into its inputs and back.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::events::adjust::{self, AdjustInput};
use revans_app::events::allocation::{self, AllocationView};
use revans_app::events::publication;
use revans_app::events::setup::{self, EventOverview, HostInput, PlanInput};
use revans_domain::{FieldError, FieldErrors};

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::date_boxes;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

const NAV: &str = "/admin/programmes";

fn layout(state: &AppState, viewer: &Viewer, title: String) -> Layout {
    Layout::new(state, Some(viewer), viewer.csrf.clone(), title, NAV)
}

#[derive(Template)]
#[template(path = "event_admin.html")]
struct OverviewPage {
    layout: Layout,
    o: EventOverview,
    closes: Option<String>,
}

/// The task list of an immersion event.
pub async fn overview(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let o = setup::overview(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("plan") => Some(crate::i18n::t("events-notice-plan")),
        Some("host") => Some(crate::i18n::t("events-notice-host")),
        _ => None,
    };
    render(&OverviewPage {
        layout: layout(&state, &viewer, o.title.clone()).with_notice(notice.as_deref()),
        closes: o
            .rankings_close_at
            .map(|t| crate::layout::when_in(t, viewer.timezone())),
        o,
    })
}

/// The plan as typed: a number of slots and the last day for rankings in date boxes.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub slots: String,
    pub last_day_day: String,
    pub last_day_month: String,
    pub last_day_year: String,
}

impl PlanForm {
    /// The use case's input; rankings close at the end of the last day in the lead's zone.
    fn input(&self, zone: &str) -> Result<PlanInput, revans_app::Error> {
        let mut errors = FieldErrors::default();
        let slots = match self.slots.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.add("slots", "Enter the number of time slots, from 1 to 24");
                None
            }
        };
        let typed = date_boxes::joined(
            &self.last_day_day,
            &self.last_day_month,
            &self.last_day_year,
        );
        let close = if typed.is_empty() {
            errors.add("last_day", "Enter the last day for rankings");
            None
        } else {
            errors
                .take(revans_domain::parse_uk_date(&typed, "last_day"))
                .and_then(|d| revans_domain::end_of_day(d, zone))
        };
        match (slots, close) {
            (Some(slots), Some(rankings_close_at)) if !errors.any() => Ok(PlanInput {
                slots,
                rankings_close_at,
            }),
            _ => Err(revans_app::Error::Invalid(errors.0)),
        }
    }
}

#[derive(Template)]
#[template(path = "event_admin_plan.html")]
struct PlanPage {
    layout: Layout,
    errors: Errors,
    programme_id: String,
    title: String,
    f: PlanForm,
}

/// The form for slots and the closing date, filled with the current plan.
pub async fn plan_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let o = setup::overview(&state, &viewer, &id).await?;
    let last_day = o
        .rankings_close_at
        .map(|t| revans_domain::day_in(t - 1, viewer.timezone()))
        .map(|d| date_boxes::shown(&d))
        .unwrap_or_default();
    render(&PlanPage {
        layout: layout(&state, &viewer, crate::i18n::t("events-plan-title")),
        errors: Errors::default(),
        programme_id: o.programme_id,
        title: o.title,
        f: PlanForm {
            slots: o.slots.map(|s| s.to_string()).unwrap_or_default(),
            last_day_day: last_day.day,
            last_day_month: last_day.month,
            last_day_year: last_day.year,
        },
    })
}

/// Saves the plan, or shows the form again with what to fix.
pub async fn set_plan(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<PlanForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let outcome = match form.input(viewer.timezone()) {
        Ok(input) => setup::set_plan(&state, &actor, &id, &input).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/admin/events/{id}?notice=plan")).into_response()),
        Err(e) => {
            let o = setup::overview(&state, &viewer, &id).await?;
            form_error(e, |errors| PlanPage {
                layout: layout(&state, &viewer, crate::i18n::t("events-plan-title"))
                    .with_errors(&errors),
                errors,
                programme_id: o.programme_id,
                title: o.title,
                f: form,
            })
        }
    }
}

/// A host as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct HostForm {
    pub name: String,
    pub description: String,
    pub address: String,
    pub min_per_slot: String,
    pub max_per_slot: String,
    pub contact_email: String,
}

impl HostForm {
    /// The use case's input; a number that does not read is named here, the rest by the use
    /// case (so every problem is shown at once when the numbers read).
    fn input(&self) -> Result<HostInput, revans_app::Error> {
        let number = |raw: &str, field: &str, message: &str, problems: &mut Vec<FieldError>| {
            raw.trim().parse::<i64>().unwrap_or_else(|_| {
                problems.push(FieldError {
                    field: field.into(),
                    message: message.into(),
                });
                0
            })
        };
        let mut problems = Vec::new();
        let min = number(
            &self.min_per_slot,
            "min_per_slot",
            "Enter the fewest visitors per slot, from 0 to 1000",
            &mut problems,
        );
        let max = number(
            &self.max_per_slot,
            "max_per_slot",
            "Enter the most visitors per slot, from 1 to 1000",
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(revans_app::Error::Invalid(problems));
        }
        Ok(HostInput {
            name: self.name.clone(),
            description: self.description.clone(),
            address: self.address.clone(),
            min_per_slot: min,
            max_per_slot: max,
            contact_email: Some(self.contact_email.clone()),
        })
    }
}

#[derive(Template)]
#[template(path = "event_admin_host.html")]
struct HostPage {
    layout: Layout,
    errors: Errors,
    programme_id: String,
    title: String,
    f: HostForm,
}

/// The form for a new host.
pub async fn host_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let o = setup::overview(&state, &viewer, &id).await?;
    render(&HostPage {
        layout: layout(&state, &viewer, crate::i18n::t("events-host-title")),
        errors: Errors::default(),
        programme_id: o.programme_id,
        title: o.title,
        f: HostForm::default(),
    })
}

/// Adds the host, or shows the form again with what to fix.
pub async fn add_host(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<HostForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let outcome = match form.input() {
        Ok(input) => setup::add_host(&state, &actor, &id, &input).await.map(drop),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/admin/events/{id}?notice=host")).into_response()),
        Err(e) => {
            let o = setup::overview(&state, &viewer, &id).await?;
            form_error(e, |errors| HostPage {
                layout: layout(&state, &viewer, crate::i18n::t("events-host-title"))
                    .with_errors(&errors),
                errors,
                programme_id: o.programme_id,
                title: o.title,
                f: form,
            })
        }
    }
}

#[derive(Template)]
#[template(path = "event_admin_allocation.html")]
struct AllocationPage {
    layout: Layout,
    errors: Errors,
    o: EventOverview,
    a: Option<AllocationView>,
    /// The "change a visit" form as typed.
    f: AdjustForm,
}

async fn allocation_page(
    state: &AppState,
    viewer: &Viewer,
    id: &revans_domain::Id,
) -> PageResult<AllocationPage> {
    let o = setup::overview(state, viewer, id).await?;
    let a = match allocation::view(state, viewer, id).await {
        Ok(a) => Some(a),
        Err(revans_app::Error::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(AllocationPage {
        layout: layout(state, viewer, crate::i18n::t("events-allocation-title")),
        errors: Errors::default(),
        o,
        a,
        f: AdjustForm::default(),
    })
}

/// The last allocation with its explanation, and the buttons to run and publish.
pub async fn allocation(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let page = allocation_page(&state, &viewer, &id).await?;
    let notice = match q.notice.as_deref() {
        Some("run") => Some(crate::i18n::t("events-notice-run")),
        Some("published") => Some(crate::i18n::t("events-notice-published")),
        Some("adjusted") => Some(crate::i18n::t("events-notice-adjusted")),
        _ => None,
    };
    render(&AllocationPage {
        layout: page.layout.with_notice(notice.as_deref()),
        ..page
    })
}

/// The empty form a button posts.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}

/// Runs the allocation; a rule it cannot meet is shown above the button, nothing stored.
pub async fn run(
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
    match allocation::run(&state, &actor, &id).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/events/{id}/allocation?notice=run")).into_response())
        }
        Err(revans_app::Error::Conflict(why)) => {
            let page = allocation_page(&state, &viewer, &id).await?;
            form_error(revans_app::Error::field("run", why), |errors| {
                AllocationPage {
                    layout: page.layout.with_errors(&errors),
                    errors,
                    ..page
                }
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Publishes the allocation: participants and host contacts can read it from now on.
pub async fn publish(
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
    publication::publish(&state, &actor, &id).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}/allocation?notice=published")).into_response())
}

/// "Change a visit" as typed: who, which visit, which host, and whom to swap with (optional).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AdjustForm {
    pub person_id: String,
    pub slot: String,
    pub host_id: String,
    pub swap_with: String,
}

impl AdjustForm {
    fn input(&self) -> Result<AdjustInput, revans_app::Error> {
        let slot = self
            .slot
            .trim()
            .parse::<i64>()
            .map_err(|_| revans_app::Error::field("slot", "Choose which visit to change"))?;
        Ok(AdjustInput {
            person_id: self.person_id.clone(),
            slot,
            host_id: self.host_id.clone(),
            swap_with: Some(self.swap_with.clone()).filter(|s| !s.is_empty()),
        })
    }
}

/// Changes one visit (re-checked against every rule), or shows the page again saying which
/// rule the change would break.
pub async fn adjust(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<AdjustForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let outcome = match form.input() {
        Ok(input) => adjust::adjust(&state, &actor, &id, &input).await.map(drop),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => Ok(
            Redirect::to(&format!("/admin/events/{id}/allocation?notice=adjusted")).into_response(),
        ),
        Err(e) => {
            let page = allocation_page(&state, &viewer, &id).await?;
            form_error(e, |errors| AllocationPage {
                layout: page.layout.with_errors(&errors),
                errors,
                f: form,
                ..page
            })
        }
    }
}
