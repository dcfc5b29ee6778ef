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
    /// The people with a place, by name, for the pair picker.
    pub people: Vec<Person>,
    /// The rules as typed, else as stored, else the suggested ones.
    pub rules: FormationInput,
    pub sets: Vec<FormedSet>,
    pub proposal: Option<Proposal>,
    /// The tenant's facilitators to choose from.
    pub facilitators: Vec<Person>,
}

pub async fn formation_page(
    app: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
    typed: Option<FormationInput>,
) -> Result<FormationPage, Error> {
    let mut conn = app.store.conn().await?;
    let cohort = cohorts::get(&mut conn, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut conn, actor, &cohort.programme_id).await?;
    let mut people = sets::cohort_participants(&mut conn, cohort_id).await?;
    let participants = people.len();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let stored = sets::formation_rules(&mut conn, cohort_id).await?;
    let rules = match (typed, stored) {
        (Some(f), _) => f,
        (None, Some(stored)) => serde_json::from_str(&stored).unwrap_or_else(|e| {
            // Reported, and the form offers the suggested rules; the stored ones stay until
            // the lead forms the sets again.
            tracing::warn!(cohort = %cohort_id, error = %e, "stored formation rules cannot be read");
            FormationInput::suggested()
        }),
        (None, None) => FormationInput::suggested(),
    };
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
        people,
        rules,
        sets: formed,
        proposal,
        facilitators,
    })
}

/// The cohort a set belongs to, for a lead of its programme.
pub async fn cohort_of_set(app: &App, actor: &Actor<'_>, set_id: &Id) -> Result<Id, Error> {
    let mut conn = app.store.conn().await?;
    let set = sets::get(&mut conn, set_id).await?.ok_or(Error::NotFound)?;
    cohort_for_admin(&mut conn, actor, &set.cohort_id).await?;
    Ok(set.cohort_id)
}
