//! The regional pool (C6, issue 15) as pages: a facilitator opts in (form, check your answers,
//! confirmation), changes or leaves, and says when they are away; every lead of the region
//! reads the pool.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::state::AppState;
use revans_app::Actor;
use revans_app::facilitators::opt_in::{self, AbsenceInput, MyPool, PoolInput, WindowInput};
use revans_app::facilitators::pool_view::{self, RegionPool};
use revans_app::facilitators::{clock, describe_windows};

/// The seven weekday rows of the form: (weekday, name, from, to).
pub type DayRow = (i64, String, String, String);

/// A weekday's name in the reader's language (1 is Monday).
fn weekday(day: i64) -> String {
    crate::i18n::t(match day {
        1 => "pool-monday",
        2 => "pool-tuesday",
        3 => "pool-wednesday",
        4 => "pool-thursday",
        5 => "pool-friday",
        6 => "pool-saturday",
        _ => "pool-sunday",
    })
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct PoolForm {
    capacity: String,
    outside_own_org: String,
    timezone: String,
    d1_from: String,
    d1_to: String,
    d2_from: String,
    d2_to: String,
    d3_from: String,
    d3_to: String,
    d4_from: String,
    d4_to: String,
    d5_from: String,
    d5_to: String,
    d6_from: String,
    d6_to: String,
    d7_from: String,
    d7_to: String,
    action: String,
}

impl PoolForm {
    fn days(&self) -> Vec<DayRow> {
        let pairs = [
            (&self.d1_from, &self.d1_to),
            (&self.d2_from, &self.d2_to),
            (&self.d3_from, &self.d3_to),
            (&self.d4_from, &self.d4_to),
            (&self.d5_from, &self.d5_to),
            (&self.d6_from, &self.d6_to),
            (&self.d7_from, &self.d7_to),
        ];
        pairs
            .iter()
            .enumerate()
            .map(|(i, (f, t))| {
                let d = i as i64 + 1;
                (d, weekday(d), (*f).clone(), (*t).clone())
            })
            .collect()
    }

    fn input(&self) -> PoolInput {
        PoolInput {
            capacity: self.capacity.clone(),
            outside_own_org: self.outside_own_org.clone(),
            timezone: self.timezone.clone(),
            availability: self
                .days()
                .into_iter()
                .filter(|(_, _, f, t)| !f.trim().is_empty() || !t.trim().is_empty())
                .map(|(d, _, f, t)| WindowInput {
                    weekday: d.to_string(),
                    from: f,
                    to: t,
                })
                .collect(),
        }
    }

    fn from_pool(p: &MyPool, viewer: &Viewer) -> Self {
        let mut f = PoolForm {
            timezone: viewer.timezone().to_owned(),
            ..Default::default()
        };
        if let Some(m) = &p.membership {
            f.capacity = m.capacity.to_string();
            f.outside_own_org = if m.outside_own_org { "yes" } else { "no" }.into();
            f.timezone = m.timezone.clone();
            for w in &m.availability {
                let (from, to) = (clock(w.from_minute), clock(w.to_minute));
                let slot = match w.weekday {
                    1 => (&mut f.d1_from, &mut f.d1_to),
                    2 => (&mut f.d2_from, &mut f.d2_to),
                    3 => (&mut f.d3_from, &mut f.d3_to),
                    4 => (&mut f.d4_from, &mut f.d4_to),
                    5 => (&mut f.d5_from, &mut f.d5_to),
                    6 => (&mut f.d6_from, &mut f.d6_to),
                    _ => (&mut f.d7_from, &mut f.d7_to),
                };
                *slot.0 = from;
                *slot.1 = to;
            }
        }
        f
    }
}

#[derive(Template)]
#[template(path = "pool_mine.html")]
struct MinePage {
    layout: Layout,
    errors: Errors,
    p: MyPool,
    first_day: String,
    last_day: String,
}

fn mine_page(state: &AppState, viewer: &Viewer, p: MyPool, notice: Option<&str>) -> MinePage {
    MinePage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("pool-title"),
            "/facilitators/pool",
        )
        .with_notice(notice),
        errors: Errors::default(),
        p,
        first_day: String::new(),
        last_day: String::new(),
    }
}

/// The facilitator's place in their region's pool, with Change links and days away.
pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let p = opt_in::my_pool(&state, &viewer).await?;
    render(&mine_page(&state, &viewer, p, None))
}

#[derive(Template)]
#[template(path = "pool_form.html")]
struct FormPage {
    layout: Layout,
    errors: Errors,
    region: String,
    f: PoolForm,
    days: Vec<DayRow>,
}

async fn form_page(state: &AppState, viewer: &Viewer, f: PoolForm) -> PageResult<FormPage> {
    let p = opt_in::my_pool(state, viewer).await?;
    Ok(FormPage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("pool-form-title"),
            "/facilitators/pool",
        ),
        errors: Errors::default(),
        region: p.region_name,
        days: f.days(),
        f,
    })
}

/// The form: capacity, whether outside their organisation, time zone, weekly times.
pub async fn form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let p = opt_in::my_pool(&state, &viewer).await?;
    let f = PoolForm::from_pool(&p, &viewer);
    render(&form_page(&state, &viewer, f).await?)
}

#[derive(Template)]
#[template(path = "pool_check.html")]
struct CheckPage {
    layout: Layout,
    region: String,
    f: PoolForm,
    availability: String,
}

/// Checks the answers; shows them back with Change links, or the form with its errors.
pub async fn check(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    CsrfForm(f): CsrfForm<PoolForm>,
) -> PageResult<Response> {
    match opt_in::parse(&f.input()) {
        Ok(m) => {
            let p = opt_in::my_pool(&state, &viewer).await?;
            render(&CheckPage {
                layout: Layout::new(
                    &state,
                    Some(&viewer),
                    viewer.csrf.clone(),
                    crate::i18n::t("check-answers-title"),
                    "/facilitators/pool",
                ),
                region: p.region_name,
                availability: describe_windows(&m.availability),
                f,
            })
        }
        Err(e) => {
            let page = form_page(&state, &viewer, f).await?;
            form_error(e, |errors| FormPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

/// Saves the checked answers (or goes back to change them).
pub async fn save(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(f): CsrfForm<PoolForm>,
) -> PageResult<Response> {
    if f.action == "change" {
        return render(&form_page(&state, &viewer, f).await?);
    }
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match opt_in::join(&state, &actor, &f.input()).await {
        Ok(_) => Ok(Redirect::to("/facilitators/pool/confirmed").into_response()),
        Err(e) => {
            let page = form_page(&state, &viewer, f).await?;
            form_error(e, |errors| FormPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "pool_confirmed.html")]
struct ConfirmedPage {
    layout: Layout,
    p: MyPool,
}

pub async fn confirmed(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let p = opt_in::my_pool(&state, &viewer).await?;
    render(&ConfirmedPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("pool-confirmed-title"),
            "/facilitators/pool",
        ),
        p,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Empty {}

pub async fn leave(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    opt_in::leave(&state, &actor).await?;
    let p = opt_in::my_pool(&state, &viewer).await?;
    render(&mine_page(
        &state,
        &viewer,
        p,
        Some(&crate::i18n::t("pool-notice-left")),
    ))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AbsenceForm {
    first_day: String,
    last_day: String,
}

/// Days away, or unavailable from a day on (no last day).
pub async fn add_absence(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(f): CsrfForm<AbsenceForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let input = AbsenceInput {
        first_day: f.first_day.clone(),
        last_day: f.last_day.clone(),
    };
    match opt_in::add_absence(&state, &actor, &input).await {
        Ok(_) => {
            let p = opt_in::my_pool(&state, &viewer).await?;
            render(&mine_page(
                &state,
                &viewer,
                p,
                Some(&crate::i18n::t("pool-notice-days-saved")),
            ))
        }
        Err(e) => {
            let p = opt_in::my_pool(&state, &viewer).await?;
            let page = mine_page(&state, &viewer, p, None);
            form_error(e, |errors| MinePage {
                layout: page.layout.with_errors(&errors),
                errors,
                first_day: f.first_day,
                last_day: f.last_day,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "pool_admin.html")]
struct AdminPage {
    layout: Layout,
    pools: Vec<RegionPool>,
}

/// The pool of each region the lead leads in.
pub async fn admin(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let pools = pool_view::pools(&state, &viewer).await?;
    render(&AdminPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("pool-title"),
            "/admin/pool",
        ),
        pools,
    })
}
