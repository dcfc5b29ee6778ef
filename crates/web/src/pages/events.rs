//! Events with choices (issue 18, C8) for the people taking part and the hosts: "Your events",
//! an event's page (ranking the hosts while rankings are open, then the itinerary with why),
//! the ranking form (a select box per host: works by keyboard and on a phone), the itinerary
//! and a host's visitor list as CSV and PDF. Every rule is in `revans_app::events`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::events::allocation::PersonAllocation;
use revans_app::events::cafe::{self, MySeat};
use revans_app::events::choices::{self, ChoicesInput, ChoicesView, RankedHost};
use revans_app::events::documents;
use revans_app::events::itinerary::{self, HostVisitors};
use revans_app::events::mine::{MyEvents, my_events};
use revans_domain::FieldError;

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::evaluation_results::download;
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

const NAV: &str = "/events";

fn layout(state: &AppState, viewer: &Viewer, title: String) -> Layout {
    Layout::new(state, Some(viewer), viewer.csrf.clone(), title, NAV)
}

#[derive(Template)]
#[template(path = "events_mine.html")]
struct MinePage {
    layout: Layout,
    v: MyEvents,
}

/// The events the viewer takes part in or hosts visitors for.
pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let v = my_events(&state, &viewer).await?;
    render(&MinePage {
        layout: layout(&state, &viewer, crate::i18n::t("events-mine-title")),
        v,
    })
}

/// A host in the participant's view: its details and the rank they gave it.
pub struct HostLine {
    pub id: String,
    pub name: String,
    pub description: String,
    pub address: String,
    /// The rank as typed or stored; empty when not ranked.
    pub rank: String,
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPage {
    layout: Layout,
    v: ChoicesView,
    /// The hosts they ranked, by rank.
    ranked: Vec<HostLine>,
    closes: String,
    itinerary: Option<PersonAllocation>,
    /// Their cafe tables, once published.
    cafe: Vec<MySeat>,
}

/// The event as its participant sees it: their choices, then (once published) their visits.
pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let v = choices::my_choices(&state, &viewer, &id).await?;
    let itinerary = match itinerary::mine(&state, &viewer, &id).await {
        Ok(p) => Some(p),
        Err(revans_app::Error::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let cafe = match cafe::mine(&state, &viewer, &id).await {
        Ok(seats) => seats,
        Err(revans_app::Error::NotFound) => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let mut ranked: Vec<HostLine> = host_lines(&v, None)
        .into_iter()
        .filter(|h| !h.rank.is_empty())
        .collect();
    ranked.sort_by_key(|h| h.rank.parse::<i64>().unwrap_or(i64::MAX));
    let notice =
        (q.notice.as_deref() == Some("saved")).then(|| crate::i18n::t("events-notice-saved"));
    render(&EventPage {
        layout: layout(&state, &viewer, v.title.clone()).with_notice(notice.as_deref()),
        closes: crate::layout::when_in(v.rankings_close_at, viewer.timezone()),
        ranked,
        itinerary,
        cafe,
        v,
    })
}

/// Each host with the rank shown: the one typed when the form comes back, else the stored one.
fn host_lines(v: &ChoicesView, typed: Option<&RankForm>) -> Vec<HostLine> {
    v.hosts
        .iter()
        .map(|h| HostLine {
            rank: match typed {
                Some(f) => f.rank_of(&h.id).to_owned(),
                None => v
                    .ranking
                    .iter()
                    .find(|r| r.host_id == h.id)
                    .map(|r| r.rank.to_string())
                    .unwrap_or_default(),
            },
            id: h.id.clone(),
            name: h.name.clone(),
            description: h.description.clone(),
            address: h.address.clone(),
        })
        .collect()
}

/// The ranking form as posted: `rank-<host id>` per host (empty for not ranked) and needs.
#[derive(Debug, Clone, Default)]
pub struct RankForm {
    ranks: Vec<(String, String)>,
    needs: String,
}

impl<'de> serde::Deserialize<'de> for RankForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs = Vec::<(String, String)>::deserialize(d)?;
        let mut form = RankForm::default();
        for (key, value) in pairs {
            if let Some(host) = key.strip_prefix("rank-") {
                form.ranks.push((host.to_owned(), value));
            } else if key == "needs" {
                form.needs = value;
            }
        }
        Ok(form)
    }
}

impl RankForm {
    fn rank_of(&self, host: &str) -> &str {
        self.ranks
            .iter()
            .find(|(h, _)| h == host)
            .map(|(_, r)| r.trim())
            .unwrap_or("")
    }

    /// The use case's input (the hosts ranked, in the form's order) and each entry's field on
    /// the page, so `ranking[i]` errors point at the right select box.
    fn input(&self) -> Result<(ChoicesInput, Vec<String>), Vec<FieldError>> {
        let mut ranking = Vec::new();
        let mut fields = Vec::new();
        let mut problems = Vec::new();
        for (host, raw) in &self.ranks {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<i64>() {
                Ok(rank) => {
                    ranking.push(RankedHost {
                        host_id: host.clone(),
                        rank,
                    });
                    fields.push(format!("rank-{host}"));
                }
                Err(_) => problems.push(FieldError {
                    field: format!("rank-{host}"),
                    message: "Choose a rank from the list".into(),
                }),
            }
        }
        if problems.is_empty() {
            Ok((
                ChoicesInput {
                    ranking,
                    needs: self.needs.clone(),
                },
                fields,
            ))
        } else {
            Err(problems)
        }
    }
}

#[derive(Template)]
#[template(path = "event_choices.html")]
struct ChoicesPage {
    layout: Layout,
    errors: Errors,
    v: ChoicesView,
    hosts: Vec<HostLine>,
    /// 1..=number of hosts, the choices of each select box.
    ranks: Vec<usize>,
    needs: String,
    /// The first host's field, where the error summary's whole-ranking message points.
    first_field: String,
}

fn choices_page(
    state: &AppState,
    viewer: &Viewer,
    v: ChoicesView,
    typed: Option<&RankForm>,
) -> ChoicesPage {
    let hosts = host_lines(&v, typed);
    ChoicesPage {
        layout: layout(state, viewer, crate::i18n::t("events-rank-title")),
        errors: Errors::default(),
        ranks: (1..=hosts.len()).collect(),
        needs: typed.map_or_else(|| v.needs.clone(), |f| f.needs.clone()),
        first_field: hosts
            .first()
            .map(|h| format!("rank-{}", h.id))
            .unwrap_or_default(),
        hosts,
        v,
    }
}

/// The ranking form.
pub async fn choices_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let v = choices::my_choices(&state, &viewer, &id).await?;
    render(&choices_page(&state, &viewer, v, None))
}

/// Saves the ranking, or shows the form again with every problem next to its host.
pub async fn save_choices(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<RankForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let outcome = match form.input() {
        Ok((input, fields)) => choices::save_choices(&state, &actor, &id, &input)
            .await
            .map_err(|e| on_the_page(e, &fields)),
        Err(problems) => Err(revans_app::Error::Invalid(problems)),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/events/{id}?notice=saved")).into_response()),
        Err(e) => {
            let v = choices::my_choices(&state, &viewer, &id).await?;
            let page = choices_page(&state, &viewer, v, Some(&form));
            let first = page.first_field.clone();
            form_error(e, |errors| {
                let errors = Errors(
                    errors
                        .0
                        .into_iter()
                        .map(|mut e| {
                            if e.field == "ranking" {
                                e.field = first.clone();
                            }
                            e
                        })
                        .collect(),
                );
                ChoicesPage {
                    layout: page.layout.with_errors(&errors),
                    errors,
                    ..page
                }
            })
        }
    }
}

/// The use case names entries `ranking[i]`; the page names the host's select box.
fn on_the_page(e: revans_app::Error, fields: &[String]) -> revans_app::Error {
    match e {
        revans_app::Error::Invalid(problems) => revans_app::Error::Invalid(
            problems
                .into_iter()
                .map(|mut p| {
                    if let Some(i) = p
                        .field
                        .strip_prefix("ranking[")
                        .and_then(|rest| rest.strip_suffix(']'))
                        .and_then(|i| i.parse::<usize>().ok())
                        && let Some(field) = fields.get(i)
                    {
                        p.field = field.clone();
                    }
                    p
                })
                .collect(),
        ),
        other => other,
    }
}

/// The viewer's itinerary as CSV.
pub async fn itinerary_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let (name, body) = documents::itinerary_csv(&state, &viewer, &id).await?;
    Ok(download("text/csv; charset=utf-8", name, body))
}

/// The viewer's itinerary as a PDF.
pub async fn itinerary_pdf(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let (name, bytes) = documents::itinerary_pdf(&state, &viewer, &id).await?;
    Ok(download("application/pdf", name, bytes))
}

#[derive(Template)]
#[template(path = "event_host_visitors.html")]
struct VisitorsPage {
    layout: Layout,
    h: HostVisitors,
}

/// A host's contact reads their own visitors, by slot.
pub async fn visitors(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let h = itinerary::for_host(&state, &viewer, &id).await?;
    render(&VisitorsPage {
        layout: layout(
            &state,
            &viewer,
            crate::i18n::t1("events-visitors-to", "host", &h.name),
        ),
        h,
    })
}

/// The host's visitors as CSV.
pub async fn visitors_csv(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let (name, body) = documents::visitors_csv(&state, &viewer, &id).await?;
    Ok(download("text/csv; charset=utf-8", name, body))
}

/// The host's visitors as a PDF.
pub async fn visitors_pdf(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let (name, bytes) = documents::visitors_pdf(&state, &viewer, &id).await?;
    Ok(download("application/pdf", name, bytes))
}
