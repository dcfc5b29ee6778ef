//! A programme lead's reads: their programmes, one programme's page (cohorts, the review
//! queue with its filters, nomination caps), the queue as rows for a file, and a programme's
//! current details for its edit form. Anything outside the lead's organisations is "not found".

use revans_domain::{ApplicationState, Id, Session};
use revans_storage::cohorts::{Cohort, CohortsOf};
use revans_storage::{Organisation, applications, cohorts, organisations, programmes};

pub use revans_storage::applications::Application;
pub use revans_storage::programmes::{NominationCap, Programme};

use crate::places::catalogue::{CohortListing, cohort_listings};
use crate::places::programmes::{ProgrammeInput, input_from, load_for_admin};
use crate::places::review_queue::QueueFilters;
use crate::{Actor, App, Error, Viewer};

/// Every programme the lead administers, once each.
pub async fn programmes_of(app: &App, viewer: &Viewer) -> Result<Vec<Programme>, Error> {
    let mut conn = app.store.conn().await?;
    let mut all: Vec<Programme> = Vec::new();
    for root in viewer.admin_roots() {
        for p in programmes::list_in_tree(&mut conn, &root).await? {
            if !all.iter().any(|x| x.id == p.id) {
                all.push(p);
            }
        }
    }
    Ok(all)
}

/// What the programme page shows its lead.
pub struct ProgrammeAdmin {
    pub programme: Programme,
    pub cohorts: Vec<CohortListing>,
    /// The queue after the filters, each with its waiting-list rank.
    pub applications: Vec<Application>,
    /// Every applicant organisation in the (state-filtered) queue, by name: (id, name).
    pub organisations: Vec<(Id, String)>,
    pub caps: Vec<NominationCap>,
    /// The organisations one may cap: the programme's organisation and all below it.
    pub cap_organisations: Vec<Organisation>,
}

/// The review queue: a sent application, or a sponsor's nomination waiting for the nominee
/// (status only, nothing they wrote, so it is never lost from view). A draft is the
/// applicant's own until sent.
fn in_queue(a: &Application) -> bool {
    a.state != ApplicationState::Draft || a.nominated_by.is_some()
}

pub async fn programme_admin(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    state: Option<ApplicationState>,
    chosen: &QueueFilters,
) -> Result<ProgrammeAdmin, Error> {
    let mut conn = app.store.conn().await?;
    let programme = load_for_admin(&mut conn, actor, id).await?;
    let mut list = Vec::new();
    let mut organisations: Vec<(Id, String)> = Vec::new();
    for a in applications::list_for_programme(&mut conn, id, state).await? {
        if !in_queue(&a) {
            continue;
        }
        if !organisations.iter().any(|(o, _)| o == &a.organisation_id) {
            organisations.push((a.organisation_id.clone(), a.organisation_name.clone()));
        }
        if chosen.keeps(&a) {
            list.push(a);
        }
    }
    organisations.sort_by(|a, b| a.1.cmp(&b.1));
    let cohorts = cohort_listings(&mut conn, &programme).await?;
    let caps = programmes::caps(&mut conn, &programme.id).await?;
    let cap_organisations = organisations::tree(&mut conn, &programme.organisation_id).await?;
    Ok(ProgrammeAdmin {
        programme,
        cohorts,
        applications: list,
        organisations,
        caps,
        cap_organisations,
    })
}

/// The sent applications a lead downloads, after the same filters as the queue on the page.
pub async fn applications_for_export(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    state: Option<ApplicationState>,
    chosen: &QueueFilters,
) -> Result<(Programme, Vec<Application>), Error> {
    let mut conn = app.store.conn().await?;
    let programme = load_for_admin(&mut conn, actor, id).await?;
    let rows = applications::list_for_programme(&mut conn, id, state)
        .await?
        .into_iter()
        .filter(|a| a.state != ApplicationState::Draft && chosen.keeps(a))
        .collect();
    Ok((programme, rows))
}

/// The programme's details as its edit form starts (its own organisation's cap included).
pub async fn programme_for_editing(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
) -> Result<ProgrammeInput, Error> {
    let mut conn = app.store.conn().await?;
    let programme = load_for_admin(&mut conn, actor, id).await?;
    let cap = programmes::caps(&mut conn, id)
        .await?
        .into_iter()
        .find(|c| c.organisation_id == programme.organisation_id)
        .map(|c| c.cap);
    Ok(input_from(&programme, cap))
}

/// The programme a cohort belongs to, for a lead of that programme.
pub async fn programme_of_cohort(
    app: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
) -> Result<Id, Error> {
    let mut conn = app.store.conn().await?;
    let cohort = cohorts::get(&mut conn, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(load_for_admin(&mut conn, actor, &cohort.programme_id)
        .await?
        .id)
}

/// A programme and its cohorts with their sessions, for a lead of the programme.
pub async fn programme_with_cohorts(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
) -> Result<(Programme, Vec<(Cohort, Vec<Session>)>), Error> {
    let mut conn = app.store.conn().await?;
    let programme = load_for_admin(&mut conn, actor, id).await?;
    let cohorts = cohorts::with_sessions(&mut conn, CohortsOf::Programme(&programme.id)).await?;
    Ok((programme, cohorts))
}
