//! Choosing a set as the API does it: as on the page, someone without a place in the cohort
//! learns nothing about its sets (404) before their choice is read.

use revans_domain::Id;

use crate::actions::Actor;
use crate::actions::self_selection::{choices, join};
use crate::error::AppError;
use crate::state::AppState;

/// Joins the set, returning its name; a place in the cohort is checked first.
pub async fn choose(
    state: &AppState,
    actor: &Actor<'_>,
    cohort: &Id,
    set: Result<Id, AppError>,
) -> Result<String, AppError> {
    {
        let mut conn = state.store.conn().await?;
        choices(&mut conn, actor.viewer, cohort).await?;
    }
    join(state, actor, cohort, &set?).await
}
