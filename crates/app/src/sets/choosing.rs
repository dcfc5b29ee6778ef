//! Choosing a set as the API does it: as on the page, someone without a place in the cohort
//! learns nothing about its sets (404) before their choice is read.

use revans_domain::Id;

use crate::Actor;
use crate::App;
use crate::Error;
use crate::sets::self_selection::{choices, join};

/// Joins the set, returning its name; a place in the cohort is checked first.
pub async fn choose(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    set: Result<Id, Error>,
) -> Result<String, Error> {
    {
        let mut conn = state.store.conn().await?;
        choices(&mut conn, actor.viewer, cohort).await?;
    }
    join(state, actor, cohort, &set?).await
}
