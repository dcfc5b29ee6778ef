//! The public catalogue's reads (no sign-in needed): published programmes with their cohorts
//! and sessions, one programme's page, and a cohort's sessions as a calendar file.

use revans_domain::{ApplicationState, Id, ProgrammeStatus, Session};
use revans_storage::cohorts::{self, CohortsOf};
use revans_storage::{Conn, applications, now_ms, programmes};

pub use revans_storage::cohorts::Cohort;
pub use revans_storage::programmes::Programme;

use crate::paging::{Page, Seek};
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

/// One page of the catalogue: published programmes by title (the key is `(title, id)`), each
/// with its cohorts and sessions, in three queries however many programmes are published.
pub async fn catalogue_page(
    app: &App,
    seek: &Seek<(String, String)>,
    limit: usize,
) -> Result<Page<CatalogueEntry>, Error> {
    let mut conn = app.store.conn().await?;
    let from = seek.key().map(|(t, i)| (t.as_str(), i.as_str()));
    let rows =
        programmes::published_page(&mut conn, from, seek.direction(), limit as i64 + 1).await?;
    let page = seek.page(rows, limit);
    let items = with_cohorts(&mut conn, page.items).await?;
    Ok(Page {
        items,
        has_previous: page.has_previous,
        has_next: page.has_next,
    })
}

/// Up to `limit` published programmes after the id `after`, by id, plus one more if there is
/// more (the API's keyset), each with its cohorts and sessions: three queries.
pub async fn catalogue_after(
    app: &App,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<CatalogueEntry>, Error> {
    let mut conn = app.store.conn().await?;
    let rows = programmes::published_after(&mut conn, after, limit as i64 + 1).await?;
    with_cohorts(&mut conn, rows).await
}

/// The programmes with their cohorts and sessions (two queries for all of them).
async fn with_cohorts(
    conn: &mut Conn,
    published: Vec<Programme>,
) -> Result<Vec<CatalogueEntry>, Error> {
    let ids: Vec<Id> = published.iter().map(|p| p.id.clone()).collect();
    let mut by_programme = cohorts::by_programme(conn, CohortsOf::Programmes(&ids)).await?;
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
