//! A cohort's sets as its programme lead reads them through the API: each set's view (status,
//! attendance, meetings), who is in it, and how many problems it holds; never content.

use std::collections::HashMap;

use revans_domain::Id;
use revans_storage::{cohorts, set_reports};

pub use revans_storage::sets::Member;

use crate::places::programmes::load_for_admin;
use crate::sets::formation_rules::sets_with_members;
use crate::sets::set_view::{self, SetView};
use crate::{Actor, App, Error};

pub struct CohortSet {
    pub view: SetView,
    pub members: Vec<Member>,
    /// Problems brought to the set (the caller applies the small-number rule before showing).
    pub problems: i64,
}

/// Every set of the cohort, for a lead of its programme; anyone else gets "not found".
pub async fn cohort_sets(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Vec<CohortSet>, Error> {
    let mut conn = state.store.conn().await?;
    let found = cohorts::get(&mut conn, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    load_for_admin(&mut conn, actor, &found.programme_id).await?;
    let counts = set_reports::set_counts(&mut conn, cohort).await?;
    let mut members: HashMap<Id, Vec<Member>> = sets_with_members(&mut conn, cohort)
        .await?
        .into_iter()
        .map(|(s, m)| (s.id, m))
        .collect();
    Ok(set_view::build_for_cohort(&mut conn, cohort)
        .await?
        .into_iter()
        .map(|view| CohortSet {
            problems: counts.get(&view.set.id).map_or(0, |(p, _)| *p),
            members: members.remove(&view.set.id).unwrap_or_default(),
            view,
        })
        .collect())
}
