//! Applications as the API lists and returns them: one's own, a page at a time; a programme's
//! review queue for its lead; and an application as it stands after a change.

use revans_domain::{ApplicationState, Id};
use revans_storage::applications;

pub use revans_storage::applications::Application;

use crate::places::programmes::load_for_admin;
use crate::places::review_queue::QueueFilters;
use crate::{Actor, App, Error, Viewer};

/// The application as it is now, for the caller of a command that has just changed it (the
/// command checked they may).
pub async fn after_change(state: &App, id: &Id) -> Result<Application, Error> {
    let mut conn = state.store.conn().await?;
    applications::get(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)
}

/// The viewer's own applications, newest first: up to `limit` before the one with id `before`.
pub async fn mine_page(
    state: &App,
    viewer: &Viewer,
    before: Option<&Id>,
    limit: i64,
) -> Result<Vec<Application>, Error> {
    let mut conn = state.store.conn().await?;
    Ok(applications::page_for_person(&mut conn, &viewer.person.id, before, limit).await?)
}

/// A page of a programme's review queue for its lead (drafts are the applicant's own),
/// filtered in SQL, in id order: up to `limit` after the id `after`, plus one more if there is
/// more. Anyone else is told the programme does not exist.
pub async fn review_queue(
    state: &App,
    actor: &Actor<'_>,
    programme: &Id,
    wanted: Option<ApplicationState>,
    filters: &QueueFilters,
    after: Option<&Id>,
    limit: usize,
) -> Result<Vec<Application>, Error> {
    let mut conn = state.store.conn().await?;
    load_for_admin(&mut conn, actor, programme).await?;
    if wanted == Some(ApplicationState::Draft) {
        return Ok(Vec::new());
    }
    Ok(applications::queue_seek(
        &mut conn,
        programme,
        &filters.sql(wanted, false),
        after.map(Id::as_str),
        revans_storage::Direction::Forward,
        limit as i64 + 1,
    )
    .await?)
}
