//! Programme leads forming a cohort's sets (C3): choose the rules, run the engine, read its
//! explanation, move people by hand (re-checked), assign facilitators, publish. After
//! publishing the lead sees each set's status and counts, never what is said in it.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::sets::formation_page::{
    FormationPage, SetsWindow, cohort_of_set, formation_page_in,
};
use revans_domain::Id;

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::paging::{Cursor, Pagination, page_size, time_then_id};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::sets::formation::{FormationInput, assign_facilitators, move_member, publish};
use revans_app::sets::formation_rules::{PairByName, add_pair, pairs_by_name, remove_pair};
use revans_app::sets::formation_runs;
use revans_app::sets::forming_changes::{MoveOptions, move_options};

/// Set cards are heavy rows (a members table each): 25 to a page.
const CARDS_PER_PAGE: usize = 25;

pub struct SetCard {
    pub id: String,
    pub name: String,
    pub published: bool,
    pub choosing: bool,
    pub members: Vec<MemberLine>,
    pub facilitators: Vec<String>,
    /// In the lead's words: "6 people from 4 organisations", facts, wishes not met, breaks.
    pub words: revans_app::sets::formation_page::SetInWords,
    /// After publishing: counts only.
    pub meetings_held: usize,
    pub meetings_planned: usize,
    pub attendance: String,
    /// Counts under the small-number rule: `None` when 1 to 7 (hidden).
    pub problems: Option<u32>,
    pub diary_entries: Option<u32>,
}

pub struct MemberLine {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub paired: bool,
    pub locked: bool,
}

pub struct Choice {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "admin_sets.html")]
struct Page {
    layout: Layout,
    errors: Errors,
    /// Once every set is published the sets are shown a page at a time.
    pagination: Pagination,
    paged: bool,
    set_count: usize,
    /// People with a place in no published set.
    unplaced: usize,
    /// The lead asked to check the sets against the rules.
    checked: bool,
    cohort_id: String,
    cohort_name: String,
    programme_id: String,
    participants: usize,
    f: FormationInput,
    cards: Vec<SetCard>,
    any_draft: bool,
    facilitators: Vec<Choice>,
    proposal: Option<revans_app::sets::set_repair::Proposal>,
    /// People with a place, for the pair picker: (id, "Name (Organisation)").
    people: Vec<Choice>,
    pairs: Vec<PairByName>,
    /// After a refused move: where the person could go instead, and whom they could swap with.
    options: Option<MoveOptions>,
    /// What was chosen in the pair picker, kept when it is refused.
    pair_a: String,
    pair_b: String,
    /// How long the search runs, in milliseconds: the page's progress bar counts it down.
    forming_ms: u64,
    /// The cohort's unfinished forming run, if any: (id, who started it).
    running: Option<(String, String)>,
}

async fn build(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    cohort_id: &Id,
    errors: Errors,
    f: Option<FormationInput>,
    notice: Option<&str>,
) -> Result<Page, AppError> {
    let window = SetsWindow {
        limit: page_size(state, CARDS_PER_PAGE),
        ..SetsWindow::default()
    };
    build_in(state, viewer, ip, cohort_id, errors, f, notice, &window).await
}

#[allow(clippy::too_many_arguments)]
async fn build_in(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    cohort_id: &Id,
    errors: Errors,
    f: Option<FormationInput>,
    notice: Option<&str>,
    window: &SetsWindow,
) -> Result<Page, AppError> {
    let actor = Actor { viewer, ip };
    let FormationPage {
        cohort,
        programme,
        participants,
        set_count,
        unplaced,
        rules: f,
        sets,
        proposal,
        facilitators,
        people,
    } = formation_page_in(state, &actor, cohort_id, f, window).await?;
    let path = format!("/admin/cohorts/{cohort_id}/sets");
    let pagination = Pagination::new(&sets, &path, &[], |s| {
        format!("{}:{}", s.set.position, s.set.id)
    });
    let paged = sets.has_previous || sets.has_next;
    let sets = sets.items;
    let pairs = pairs_by_name(&f, &people);
    let people = people
        .into_iter()
        .map(|p| Choice {
            id: p.id.to_string(),
            name: format!("{} ({})", p.name, p.organisation_name),
        })
        .collect();
    let cards: Vec<SetCard> = sets
        .into_iter()
        .map(|s| SetCard {
            id: s.set.id.to_string(),
            name: s.set.name.clone(),
            published: s.set.is_published(),
            choosing: s.set.status == "choosing",
            members: s
                .members
                .into_iter()
                .map(|m| MemberLine {
                    id: m.member.id.to_string(),
                    name: m.member.name,
                    organisation: m.member.organisation_name,
                    paired: m.paired,
                    locked: m.member.locked,
                })
                .collect(),
            facilitators: s.facilitators,
            words: s.words.unwrap_or_default(),
            meetings_held: s.meetings_held,
            meetings_planned: s.meetings_planned,
            attendance: s
                .attendance_percent
                .map_or_else(|| "No meetings yet".into(), |p| format!("{p}%")),
            problems: s.problems,
            diary_entries: s.diary_entries,
        })
        .collect();
    let facilitators = facilitators
        .into_iter()
        .map(|p| Choice {
            id: p.id.to_string(),
            name: p.name,
        })
        .collect();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("forming-title", "cohort", &cohort.name),
        "/admin/programmes",
    )
    .with_errors(&errors)
    .with_notice(notice);
    Ok(Page {
        layout,
        errors,
        pagination,
        paged,
        set_count,
        unplaced,
        checked: window.check,
        cohort_id: cohort.id.to_string(),
        cohort_name: cohort.name,
        programme_id: programme.id.to_string(),
        participants,
        f,
        any_draft: cards.iter().any(|c| !c.published),
        cards,
        facilitators,
        proposal,
        people,
        pairs,
        options: None,
        pair_a: String::new(),
        pair_b: String::new(),
        forming_ms: (state.settings.formation_seconds * 1000.0) as u64,
        running: formation_runs::latest(state, cohort_id)
            .await?
            .filter(|r| r.status.is_active())
            .map(|r| (r.id.to_string(), r.started_by_name)),
    })
}

/// The sets page's query: a notice, the keyset cursor of a published cohort's sets, and
/// `check=rules` to check the sets against the rules.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SetsQuery {
    pub notice: Option<String>,
    pub after: Option<String>,
    pub before: Option<String>,
    pub check: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Query(q): Query<SetsQuery>,
) -> PageResult<Response> {
    // Each notice names its sentence in the catalogue (sets.ftl).
    let notice = match q.notice.as_deref() {
        Some("formed") => Some("forming-notice-formed"),
        Some("moved") => Some("forming-notice-moved"),
        Some("swapped") => Some("forming-notice-swapped"),
        Some("renamed") => Some("forming-notice-renamed"),
        Some("facilitators") => Some("forming-notice-facilitators"),
        Some("published") => Some("forming-notice-published"),
        Some("opened") => Some("forming-notice-opened"),
        Some("left") => Some("forming-notice-left"),
        Some("repaired") => Some("forming-notice-repaired"),
        _ => None,
    }
    .map(crate::i18n::t);
    let window = SetsWindow {
        seek: Cursor {
            after: q.after.clone(),
            before: q.before.clone(),
        }
        .seek(time_then_id),
        limit: page_size(&state, CARDS_PER_PAGE),
        check: q.check.as_deref() == Some("rules"),
    };
    render(
        &build_in(
            &state,
            &viewer,
            &ip,
            &id,
            Errors::default(),
            None,
            notice.as_deref(),
            &window,
        )
        .await?,
    )
}

/// Renders the page again with the errors and what was typed, or passes other errors on.
async fn again(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    id: &Id,
    e: AppError,
    f: Option<FormationInput>,
) -> PageResult<Response> {
    if !matches!(e, AppError::Invalid(_)) {
        return Err(e.into());
    }
    let page = build(state, viewer, ip, id, Errors::default(), f, None).await?;
    form_error(e, |errors| Page {
        layout: page.layout.with_errors(&errors),
        errors,
        ..page
    })
}

/// The rules form with the pair picker: `add_pair` adds the two people chosen to the list of
/// pairs, `remove_pair` takes line N off it; either shows the form again without forming.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct RulesForm {
    #[serde(flatten)]
    f: FormationInput,
    pair_a: String,
    pair_b: String,
    add_pair: String,
    remove_pair: String,
}

pub async fn run(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form_in): CsrfForm<RulesForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let RulesForm {
        mut f,
        pair_a,
        pair_b,
        add_pair: adding,
        remove_pair: removing,
    } = form_in;
    if let Ok(line) = removing.trim().parse::<usize>() {
        remove_pair(&mut f, line);
        let page = build(
            &state,
            &viewer,
            &ip,
            &id,
            Errors::default(),
            Some(f),
            Some(&crate::i18n::t("forming-notice-pair-removed")),
        )
        .await?;
        return render(&page);
    }
    if !adding.is_empty() {
        let people = revans_app::sets::formation_page::formation_page(&state, &actor, &id, None)
            .await?
            .people;
        return match add_pair(&mut f, &people, &pair_a, &pair_b) {
            Ok(()) => render(
                &build(
                    &state,
                    &viewer,
                    &ip,
                    &id,
                    Errors::default(),
                    Some(f),
                    Some(&crate::i18n::t("forming-notice-pair-added")),
                )
                .await?,
            ),
            Err(e) => {
                let page =
                    build(&state, &viewer, &ip, &id, Errors::default(), Some(f), None).await?;
                form_error(e, |errors| Page {
                    layout: page.layout.with_errors(&errors),
                    errors,
                    pair_a,
                    pair_b,
                    ..page
                })
            }
        };
    }
    // The search runs as a background job; the run's page follows it.
    match formation_runs::start(&state, &actor, &id, &f, state.settings.formation_seconds).await {
        Ok(run) => Ok(
            Redirect::to(&format!("/admin/formation-runs/{}?notice=started", run.id))
                .into_response(),
        ),
        // Someone is forming this cohort already: show their run, saying so.
        Err(revans_app::Error::Conflict(m)) if m.contains("already being formed") => {
            match formation_runs::latest(&state, &id).await? {
                Some(run) if run.status.is_active() => Ok(Redirect::to(&format!(
                    "/admin/formation-runs/{}?notice=busy",
                    run.id
                ))
                .into_response()),
                _ => {
                    again(
                        &state,
                        &viewer,
                        &ip,
                        &id,
                        revans_app::Error::Conflict(m).into(),
                        Some(f),
                    )
                    .await
                }
            }
        }
        Err(e) => again(&state, &viewer, &ip, &id, e.into(), Some(f)).await,
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    member: String,
    to_set: String,
}

pub async fn move_one(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<MoveForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let member = Id::parse(&f.member)
        .ok_or_else(|| revans_app::Error::field("member", "Choose who to move"));
    let to = Id::parse(&f.to_set)
        .ok_or_else(|| revans_app::Error::field("to_set", "Choose the set to move them to"));
    let (m, t) = match (member, to) {
        (Ok(m), Ok(t)) => (m, t),
        (Err(e), _) | (_, Err(e)) => {
            return again(&state, &viewer, &ip, &id, e.into(), None).await;
        }
    };
    match move_member(&state, &actor, &id, &m, &t).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=moved")).into_response())
        }
        Err(e @ revans_app::Error::Invalid(_)) => {
            // Refused: say why, and where they could go instead or whom to swap with.
            let options = move_options(&state, &actor, &id, &m, &t).await.ok();
            let page = build(&state, &viewer, &ip, &id, Errors::default(), None, None).await?;
            form_error(AppError::from(e), |errors| Page {
                layout: page.layout.with_errors(&errors),
                errors,
                options,
                ..page
            })
        }
        Err(e) => Err(AppError::from(e).into()),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct FacilitatorsForm {
    facilitators: Vec<String>,
}

pub async fn facilitators(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(set_id): PathId,
    CsrfForm(f): CsrfForm<FacilitatorsForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let cohort_id = cohort_of_set(&state, &actor, &set_id).await?;
    let chosen: Vec<Id> = f.facilitators.iter().filter_map(|s| Id::parse(s)).collect();
    match assign_facilitators(&state, &actor, &set_id, &chosen).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/admin/cohorts/{cohort_id}/sets?notice=facilitators"
        ))
        .into_response()),
        Err(e) => again(&state, &viewer, &ip, &cohort_id, e.into(), None).await,
    }
}

pub async fn publish_all(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<crate::pages::sign_in::Empty>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match publish(&state, &actor, &id).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=published")).into_response())
        }
        Err(e) => again(&state, &viewer, &ip, &id, e.into(), None).await,
    }
}

pub async fn leave_one(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<MoveForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let result = match Id::parse(&f.member) {
        Some(m) => revans_app::sets::set_repair::leave(&state, &actor, &id, &m)
            .await
            .map(|_| ()),
        None => Err(revans_app::Error::field("member", "Choose who has left")),
    };
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=left")).into_response())
        }
        Err(e) => again(&state, &viewer, &ip, &id, e.into(), None).await,
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct RepairForm {
    /// `person-id:set-id` for each change the lead accepts.
    moves: Vec<String>,
}

pub async fn repair(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<RepairForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let moves: Vec<(Id, Id)> = f
        .moves
        .iter()
        .filter_map(|m| m.split_once(':'))
        .filter_map(|(p, s)| Some((Id::parse(p)?, Id::parse(s)?)))
        .collect();
    match revans_app::sets::set_repair::apply(&state, &actor, &id, &moves).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=repaired")).into_response())
        }
        Err(e) => again(&state, &viewer, &ip, &id, e.into(), None).await,
    }
}

pub async fn open_choosing(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<FormationInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match revans_app::sets::self_selection::open(&state, &actor, &id, &f).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=opened")).into_response())
        }
        Err(e) => again(&state, &viewer, &ip, &id, e.into(), Some(f)).await,
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SwapForm {
    member_a: String,
    member_b: String,
}

pub async fn swap(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<SwapForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let a = Id::parse(&f.member_a)
        .ok_or_else(|| revans_app::Error::field("member_a", "Choose who to swap"));
    let b = Id::parse(&f.member_b)
        .ok_or_else(|| revans_app::Error::field("member_b", "Choose whom to swap them with"));
    let result = match (a, b) {
        (Ok(a), Ok(b)) => {
            revans_app::sets::forming_changes::swap_members(&state, &actor, &id, &a, &b).await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/cohorts/{id}/sets?notice=swapped")).into_response())
        }
        Err(e) => again(&state, &viewer, &ip, &id, e.into(), None).await,
    }
}
