//! A programme lead's read of a cohort's sets: the rules, the engine's explanation, each set
//! with its members and, once published, its status and counts (never what is said in it,
//! and counts only under the small-number rule), a repair proposal, and the facilitators to
//! choose from. Outside the lead's organisations the cohort is "not found".

use std::collections::HashMap;

use revans_domain::{Id, publish_count};
use revans_storage::{cohorts, set_reports, sets};

pub use revans_engine::SetExplanation;
pub use revans_storage::Person;
pub use revans_storage::cohorts::Cohort;
pub use revans_storage::programmes::Programme;
pub use revans_storage::sets::{ActionSet, Member};

use crate::paging::{Page, Seek};
use crate::places::programmes::load_for_admin;
use crate::sets::formation::{FormationInput, facilitators_of, sets_with_members};
use crate::sets::formation_rules::cohort_for_admin;
use crate::sets::formation_rules::cohort_model;
pub use crate::sets::formation_words::SetInWords;
use crate::sets::formation_words::{Names, describe};
use crate::sets::forming_changes::{names_of, set_of};
use crate::sets::set_repair::{self, Proposal};
use crate::sets::set_view;
use crate::{Actor, App, Error};
use revans_storage::Conn;

/// One member line of a set: `paired` when they come with someone (a unit of two or more).
pub struct FormedMember {
    pub member: Member,
    pub paired: bool,
}

/// One set of the cohort as its lead sees it.
pub struct FormedSet {
    pub set: ActionSet,
    pub members: Vec<FormedMember>,
    pub facilitators: Vec<String>,
    /// What the engine says about it, once the cohort has been formed.
    pub explanation: Option<SetExplanation>,
    /// The same in a lead's words: what the set is like, wishes not met, rules broken.
    pub words: Option<SetInWords>,
    pub meetings_held: usize,
    /// Meetings not cancelled.
    pub meetings_planned: usize,
    /// Present over counted meetings, 0-100; None before any meeting.
    pub attendance_percent: Option<u32>,
    /// Counts under the small-number rule: `None` when 1 to 7 (hidden).
    pub problems: Option<u32>,
    pub diary_entries: Option<u32>,
}

pub struct FormationPage {
    pub cohort: Cohort,
    pub programme: Programme,
    /// How many people have a place in the cohort.
    pub participants: usize,
    /// How many sets the cohort has, and how many people with a place are in none of its
    /// published sets (aggregates, whatever page is shown).
    pub set_count: usize,
    pub unplaced: usize,
    /// The people with a place, by name, for the pair picker.
    pub people: Vec<Person>,
    /// The rules as typed, else as stored, else the suggested ones.
    pub rules: FormationInput,
    /// Every set while the cohort is being formed; once every set is published, one page of
    /// them in the cohort's order (key `(position, id)`).
    pub sets: Page<FormedSet>,
    pub proposal: Option<Proposal>,
    /// The tenant's facilitators to choose from.
    pub facilitators: Vec<Person>,
}

/// Which page of a published cohort's sets to show, and whether to check them against the
/// rules (the engine reads the whole cohort, so it runs when asked, or when someone with a
/// place is in no set).
#[derive(Debug, Clone)]
pub struct SetsWindow {
    pub seek: Seek<(i64, String)>,
    pub limit: usize,
    pub check: bool,
}

impl Default for SetsWindow {
    fn default() -> Self {
        SetsWindow {
            seek: Seek::First,
            limit: 50,
            check: false,
        }
    }
}

pub async fn formation_page(
    app: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
    typed: Option<FormationInput>,
) -> Result<FormationPage, Error> {
    formation_page_in(app, actor, cohort_id, typed, &SetsWindow::default()).await
}

/// The page. While any set is a draft (or open for choosing), or there are none yet, it is
/// the forming tool over the whole cohort; once every set is published it reads one page of
/// sets in a fixed number of statements, with the cohort's figures as aggregates.
pub async fn formation_page_in(
    app: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
    typed: Option<FormationInput>,
    window: &SetsWindow,
) -> Result<FormationPage, Error> {
    let mut conn = app.store.conn().await?;
    let cohort = cohorts::get(&mut conn, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut conn, actor, &cohort.programme_id).await?;
    let summary = sets::cohort_summary(&mut conn, cohort_id).await?;
    if summary.sets > 0 && summary.unpublished == 0 {
        return published_page(&mut conn, actor, cohort, programme, typed, summary, window).await;
    }
    let mut people = sets::cohort_participants(&mut conn, cohort_id).await?;
    let participants = people.len();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let rules = rules_of(&mut conn, cohort_id, typed).await?;
    let (explanation, words) = match cohort_model(&mut conn, actor, cohort_id, false).await? {
        Some(cm) => {
            let now = set_of(&cm);
            let (people, set_names) = names_of(&cm);
            let names = Names {
                people: &people,
                sets: &set_names,
            };
            (
                Some(revans_engine::explain(&cm.model, &now)),
                describe(&cm.model, &now, &names, &cm.dropped_pairs),
            )
        }
        None => (None, Vec::new()),
    };
    let counts = set_reports::set_counts(&mut conn, cohort_id).await?;
    let mut views: HashMap<Id, set_view::SetView> =
        set_view::build_for_cohort(&mut conn, cohort_id)
            .await?
            .into_iter()
            .map(|v| (v.set.id.clone(), v))
            .collect();
    let mut formed = Vec::new();
    for (i, (set, members)) in sets_with_members(&mut conn, cohort_id)
        .await?
        .into_iter()
        .enumerate()
    {
        let explained = explanation.as_ref().and_then(|x| x.sets.get(i).cloned());
        let (problems, diary_entries) = counts.get(&set.id).copied().unwrap_or_default();
        let view = views.remove(&set.id).ok_or(Error::NotFound)?;
        let members = members
            .iter()
            .map(|m| FormedMember {
                paired: members.iter().filter(|x| x.unit_key == m.unit_key).count() > 1,
                member: m.clone(),
            })
            .collect();
        formed.push(FormedSet {
            set,
            members,
            facilitators: view.facilitators.clone(),
            explanation: explained,
            words: words.get(i).cloned(),
            meetings_held: view.meetings.iter().filter(|m| m.held).count(),
            meetings_planned: view
                .meetings
                .iter()
                .filter(|m| m.kind != "cancelled")
                .count(),
            attendance_percent: set_view::attendance_percent(&view.members),
            problems: publish_count(problems),
            diary_entries: publish_count(diary_entries),
        });
    }
    let proposal = set_repair::proposal(&mut conn, actor, cohort_id).await?;
    let facilitators = facilitators_of(&mut conn, &programme.organisation_id).await?;
    Ok(FormationPage {
        cohort,
        programme,
        participants,
        set_count: summary.sets as usize,
        unplaced: summary.unplaced as usize,
        people,
        rules,
        sets: Page {
            items: formed,
            has_previous: false,
            has_next: false,
        },
        proposal,
        facilitators,
    })
}

/// The rules as typed, else as stored, else the suggested ones.
async fn rules_of(
    conn: &mut Conn,
    cohort_id: &Id,
    typed: Option<FormationInput>,
) -> Result<FormationInput, Error> {
    let stored = sets::formation_rules(conn, cohort_id).await?;
    Ok(match (typed, stored) {
        (Some(f), _) => f,
        (None, Some(stored)) => serde_json::from_str(&stored).unwrap_or_else(|e| {
            // Reported, and the form offers the suggested rules; the stored ones stay until
            // the lead forms the sets again.
            tracing::warn!(cohort = %cohort_id, error = %e, "stored formation rules cannot be read");
            FormationInput::suggested()
        }),
        (None, None) => FormationInput::suggested(),
    })
}

/// A published cohort's page of sets: the page's sets with their members, facilitators,
/// meetings, attendance and counts, read for those sets only. No pair picker or facilitator
/// choices (they are for drafts), and the repair proposal only when asked for or when a set is
/// outside the size the rules allow.
async fn published_page(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: Cohort,
    programme: Programme,
    typed: Option<FormationInput>,
    summary: sets::CohortSetSummary,
    window: &SetsWindow,
) -> Result<FormationPage, Error> {
    let rules = rules_of(conn, &cohort.id, typed).await?;
    let from = window.seek.key().map(|(p, i)| (*p, i.as_str()));
    let rows = sets::page_for_cohort(
        conn,
        &cohort.id,
        from,
        window.seek.direction(),
        window.limit as i64 + 1,
    )
    .await?;
    let page = window.seek.page(rows, window.limit);
    let ids: Vec<Id> = page.items.iter().map(|s| s.id.clone()).collect();
    let counts = set_reports::set_counts_for(conn, &ids).await?;
    let views = set_view::build_for_sets(conn, page.items).await?;
    let formed = views
        .into_iter()
        .map(|(view, current)| {
            let (problems, diary_entries) = counts.get(&view.set.id).copied().unwrap_or_default();
            let members = current
                .iter()
                .map(|m| FormedMember {
                    paired: current.iter().filter(|x| x.unit_key == m.unit_key).count() > 1,
                    member: m.clone(),
                })
                .collect();
            FormedSet {
                members,
                facilitators: view.facilitators.clone(),
                explanation: None,
                words: None,
                meetings_held: view.meetings.iter().filter(|m| m.held).count(),
                meetings_planned: view
                    .meetings
                    .iter()
                    .filter(|m| m.kind != "cancelled")
                    .count(),
                attendance_percent: set_view::attendance_percent(&view.members),
                problems: publish_count(problems),
                diary_entries: publish_count(diary_entries),
                set: view.set,
            }
        })
        .collect();
    // The engine reads the whole cohort: it runs when asked (the page says how many people
    // with a place are in no set, and offers the check), or when an aggregate says a set is
    // now too small or too large (people left).
    let size = |v: &str, or: i64| v.trim().parse::<i64>().unwrap_or(or);
    let out_of_size = sets::published_out_of_size(
        conn,
        &cohort.id,
        size(&rules.size_min, 0),
        size(&rules.size_max, i64::MAX),
    )
    .await?;
    let proposal = if window.check || out_of_size > 0 {
        set_repair::proposal(conn, actor, &cohort.id).await?
    } else {
        None
    };
    Ok(FormationPage {
        cohort,
        programme,
        participants: summary.participants as usize,
        set_count: summary.sets as usize,
        unplaced: summary.unplaced as usize,
        people: Vec::new(),
        rules,
        sets: Page {
            items: formed,
            has_previous: page.has_previous,
            has_next: page.has_next,
        },
        proposal,
        facilitators: Vec::new(),
    })
}

/// The cohort a set belongs to, for a lead of its programme.
pub async fn cohort_of_set(app: &App, actor: &Actor<'_>, set_id: &Id) -> Result<Id, Error> {
    let mut conn = app.store.conn().await?;
    let set = sets::get(&mut conn, set_id).await?.ok_or(Error::NotFound)?;
    cohort_for_admin(&mut conn, actor, &set.cohort_id).await?;
    Ok(set.cohort_id)
}
