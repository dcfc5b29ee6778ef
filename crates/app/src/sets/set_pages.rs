//! The reads of a set's own pages, for its current members and facilitators only (everyone
//! else is told it does not exist): the viewer's sets, one set, and one of its meetings.

use std::collections::HashMap;

use revans_domain::{Id, ThemeVocabulary};
use revans_storage::{cohorts, programmes, set_content, sets};

pub use revans_storage::set_content::{Action, Problem};
pub use revans_storage::sets::ActionSet;

use crate::sets::set_access::load_set;
use crate::sets::set_view::{self, SetView};
use crate::{App, Error, Viewer};

/// The viewer's published sets, and the cohorts where they can choose one: (id, name).
pub struct MySets {
    pub sets: Vec<ActionSet>,
    /// Each set's programme title and cohort name: sets of different cohorts share names
    /// ("Set 1"), so lists say which is which.
    pub placed_in: HashMap<Id, (String, String)>,
    pub choosing: Vec<(Id, String)>,
}

pub async fn my_sets(app: &App, viewer: &Viewer) -> Result<MySets, Error> {
    let mut conn = app.store.conn().await?;
    let sets = sets::list_for_person(&mut conn, &viewer.person.id).await?;
    let ids: Vec<Id> = sets.iter().map(|s| s.id.clone()).collect();
    let placed_in = sets::contexts(&mut conn, &ids).await?;
    let choosing = sets::choosing_cohorts_for(&mut conn, &viewer.person.id).await?;
    Ok(MySets {
        sets,
        placed_in,
        choosing,
    })
}

/// One set as a member or facilitator sees it.
pub struct SetPage {
    pub view: SetView,
    /// The viewer may schedule and run meetings.
    pub runner: bool,
    pub member: bool,
    pub problems: Vec<Problem>,
    /// Actions not yet reviewed.
    pub open_actions: Vec<Action>,
    /// The themes a problem may be tagged with: the programme organisation's list.
    pub themes: Vec<String>,
}

pub async fn set_page(app: &App, viewer: &Viewer, set_id: &Id) -> Result<SetPage, Error> {
    let mut conn = app.store.conn().await?;
    let in_set = load_set(&mut conn, viewer, set_id).await?;
    let runner = in_set.can_run_meetings();
    let member = in_set.standing == sets::Standing::Member;
    let problems = set_content::problems(&mut conn, &in_set.set.id).await?;
    let open_actions = set_content::actions(&mut conn, &in_set.set.id)
        .await?
        .into_iter()
        .filter(|a| a.outcome.is_none())
        .collect();
    let cohort = cohorts::get(&mut conn, &in_set.set.cohort_id).await?;
    let programme = match &cohort {
        Some(c) => programmes::get(&mut conn, &c.programme_id).await?,
        None => None,
    };
    let vocabulary = match &programme {
        Some(p) => set_content::vocabulary(&mut conn, &p.organisation_id).await?,
        None => String::new(),
    };
    let themes = ThemeVocabulary::parse(&vocabulary)
        .map(|v| v.themes().to_vec())
        .unwrap_or_default();
    let view = set_view::build(&mut conn, in_set.set, Some(&viewer.person.id)).await?;
    Ok(SetPage {
        view,
        runner,
        member,
        problems,
        open_actions,
        themes,
    })
}

/// The sets of a cohort open for choosing, as someone with a place there sees them; anyone
/// else learns nothing about the cohort's sets.
pub async fn set_choices(
    app: &App,
    viewer: &Viewer,
    cohort: &Id,
) -> Result<Vec<crate::sets::self_selection::Choice>, Error> {
    let mut conn = app.store.conn().await?;
    crate::sets::self_selection::choices(&mut conn, viewer, cohort).await
}
