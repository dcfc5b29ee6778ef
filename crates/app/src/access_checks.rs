//! Access checked before the API reads the ids in a body. The pages refuse someone who may
//! not change a cohort's sets (or see a meeting) whatever their form says; these let the API
//! do the same, so a lead of another tenant is told "not found" rather than which id is
//! malformed.

use revans_domain::Id;

use crate::Actor;
use crate::App;
use crate::Error;
use crate::places::programmes::load_for_admin;
use crate::sets::formation_rules::cohort_for_admin;
use crate::sets::set_access::load_meeting;

/// The viewer runs the cohort's programme (403 for a non-lead, 404 for anyone else).
pub async fn cohort_admin(state: &App, actor: &Actor<'_>, cohort: &Id) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    cohort_for_admin(&mut conn, actor, cohort).await.map(|_| ())
}

/// The viewer runs the programme (403 for a non-lead, 404 for anyone else).
pub async fn programme_admin(state: &App, actor: &Actor<'_>, programme: &Id) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    load_for_admin(&mut conn, actor, programme)
        .await
        .map(|_| ())
}

/// The viewer runs the programme of the set's cohort.
pub async fn set_admin(state: &App, actor: &Actor<'_>, set: &Id) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    let set = revans_storage::sets::get(&mut conn, set)
        .await?
        .ok_or(Error::NotFound)?;
    cohort_for_admin(&mut conn, actor, &set.cohort_id)
        .await
        .map(|_| ())
}

/// The viewer is a current member or facilitator of the meeting's set (404 otherwise).
pub async fn meeting_in_set(state: &App, actor: &Actor<'_>, meeting: &Id) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    load_meeting(&mut conn, actor.viewer, meeting)
        .await
        .map(|_| ())
}
