//! The public catalogue's reads (no sign-in needed): published programmes with their cohorts
//! and sessions, one programme's page, and a cohort's sessions as a calendar file.

use revans_domain::{ApplicationState, Id, ProgrammeStatus, Session};
use revans_storage::cohorts::{self, CohortsOf};
use revans_storage::{Conn, applications, now_ms, programmes};

pub use revans_storage::cohorts::Cohort;
pub use revans_storage::programmes::Programme;

use crate::{App, Error, Viewer};

/// A cohort with its sessions, and whether it takes applications now.
pub struct CohortListing {
    pub cohort: Cohort,
    pub sessions: Vec<Session>,
    /// Its programme is published and the cohort is open today.
    pub open: bool,
}

/// A published programme and its cohorts.
pub struct CatalogueEntry {
    pub programme: Programme,
    pub cohorts: Vec<CohortListing>,
}

fn listings(programme: &Programme, loaded: Vec<(Cohort, Vec<Session>)>) -> Vec<CohortListing> {
    let now = now_ms();
    loaded
        .into_iter()
        .map(|(cohort, sessions)| CohortListing {
            open: programme.status == ProgrammeStatus::Published && cohort.is_open(now),
            cohort,
            sessions,
        })
        .collect()
}

/// One programme's cohorts with their sessions (two queries, however many cohorts).
pub(crate) async fn cohort_listings(
    conn: &mut Conn,
    programme: &Programme,
) -> Result<Vec<CohortListing>, Error> {
    let loaded = cohorts::with_sessions(conn, CohortsOf::Programme(&programme.id)).await?;
    Ok(listings(programme, loaded))
}

/// A programme anyone may see (any but a draft), else "not found".
pub(crate) async fn visible_programme(conn: &mut Conn, id: &Id) -> Result<Programme, Error> {
    match programmes::get(conn, id).await? {
        Some(p) if p.status != ProgrammeStatus::Draft => Ok(p),
        _ => Err(Error::NotFound),
    }
}

/// Every published programme with its cohorts, in three queries.
pub async fn catalogue(app: &App) -> Result<Vec<CatalogueEntry>, Error> {
    let mut conn = app.store.conn().await?;
    let published = programmes::list_published(&mut conn).await?;
    let mut by_programme = cohorts::by_programme(&mut conn, CohortsOf::Published).await?;
    Ok(published
        .into_iter()
        .map(|programme| {
            let mine = by_programme.remove(&programme.id).unwrap_or_default();
            let cohorts = listings(&programme, mine);
            CatalogueEntry { programme, cohorts }
        })
        .collect())
}

/// One programme's page as this viewer (or anyone, signed out) may see it.
pub struct ProgrammeDetails {
    pub programme: Programme,
    pub cohorts: Vec<CohortListing>,
    /// The programme people go on to, when it is in the catalogue: (id, title).
    pub follow_on: Option<(Id, String)>,
    /// Where it meets: a virtual meeting's link only for someone with a place.
    pub location: String,
}

pub async fn programme(
    app: &App,
    viewer: Option<&Viewer>,
    id: &Id,
) -> Result<ProgrammeDetails, Error> {
    let mut conn = app.store.conn().await?;
    let programme = visible_programme(&mut conn, id).await?;
    let cohorts = cohort_listings(&mut conn, &programme).await?;
    let follow_on = match &programme.fields.follow_on_id {
        Some(next) => programmes::get(&mut conn, next)
            .await?
            .filter(|n| n.status != ProgrammeStatus::Draft)
            .map(|n| (n.id, n.fields.title)),
        None => None,
    };
    let has_place = match viewer {
        Some(v) => applications::find_for_person(&mut conn, &programme.id, &v.person.id)
            .await?
            .is_some_and(|a| a.state == ApplicationState::Accepted),
        None => false,
    };
    let location = if has_place {
        programme.fields.delivery_detail.clone()
    } else {
        crate::calendar::public_location(&programme).to_owned()
    };
    Ok(ProgrammeDetails {
        programme,
        cohorts,
        follow_on,
        location,
    })
}

/// A cohort's sessions as an .ics file (public, like the catalogue that lists them).
pub async fn cohort_calendar(app: &App, id: &Id) -> Result<String, Error> {
    let mut conn = app.store.conn().await?;
    let cohort = cohorts::get(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let programme = visible_programme(&mut conn, &cohort.programme_id).await?;
    let sessions = cohorts::sessions(&mut conn, id).await?;
    Ok(crate::calendar::public_cohort_calendar(
        &programme, &cohort, &sessions,
    ))
}
