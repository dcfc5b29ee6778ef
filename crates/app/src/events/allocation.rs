//! The lead's allocation: run revans-events on the rankings (off the async threads, with a
//! deadline), check the answer independently, store it unpublished with its objective and
//! bound; read it back with each person's and each host's explanation; publish it.

use std::time::{Duration, Instant};

use revans_domain::Id;
use revans_events::visits::{self, Missed};
use revans_storage::events as store;

use super::{Indexed, allocation_of, event_for_admin, index, plan_of};
use crate::{Actor, App, Error, Viewer};

/// How long the lead waits for a proof before taking the best allocation with its bound.
const SECONDS: u64 = 10;

/// What a run found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RunSummary {
    /// The sum over all visits of rank squared.
    pub objective: i64,
    /// No allocation costs less; equal to `objective` when proven optimal.
    pub bound: i64,
    pub proven_optimal: bool,
    /// People allocated (everyone who ranked).
    pub people: u32,
    /// `visits_by_rank[r - 1]`: visits that were someone's r-th choice.
    pub visits_by_rank: Vec<u32>,
    /// Hosts that stay closed (too few wanted them to reach their minimum).
    pub closed_hosts: Vec<String>,
}

/// Runs the allocation and stores it (replacing, and unpublishing, the last one).
pub async fn run(app: &App, actor: &Actor<'_>, programme: &Id) -> Result<RunSummary, Error> {
    let (indexed, event_org) = {
        let mut conn = app.store.conn().await?;
        let event = event_for_admin(&mut conn, actor, programme).await?;
        let plan = plan_of(&mut conn, programme).await?;
        let hosts = store::hosts(&mut conn, programme).await?;
        let rankings = store::rankings(&mut conn, programme).await?;
        (index(&plan, hosts, &rankings)?, event.organisation_id)
    };
    let (indexed, outcome) = tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + Duration::from_secs(SECONDS);
        let outcome = visits::solve(&indexed.problem, Some(deadline));
        (indexed, outcome)
    })
    .await
    .map_err(Error::internal)?;
    let Some(allocation) = outcome.allocation else {
        return Err(Error::Conflict(if outcome.proven_optimal {
            "No allocation meets every host's minimum and maximum with these rankings: lower a minimum, raise a maximum or add a host".into()
        } else {
            format!("No allocation was found within {SECONDS} seconds; try again")
        }));
    };
    visits::check(&indexed.problem, &allocation).map_err(Error::internal)?;
    let objective =
        i64::try_from(outcome.objective.unwrap_or_default()).map_err(Error::internal)?;
    let bound = i64::try_from(outcome.bound).map_err(Error::internal)?;
    let rows = rows_of(&indexed, &allocation)?;
    let mut tx = app.store.begin().await?;
    // The event may have changed while the solver ran: the lead still runs it.
    event_for_admin(&mut tx, actor, programme).await?;
    store::replace_visits(&mut tx, programme, &rows, objective, bound).await?;
    actor
        .audit(
            &mut tx,
            "event.allocated",
            "programme",
            programme.as_str(),
            &format!(
                "Allocated {} people's visits (sum of squared ranks {objective}, {})",
                indexed.people.len(),
                if outcome.proven_optimal {
                    "proven optimal".to_owned()
                } else {
                    format!("lower bound {bound}")
                }
            ),
            &event_org,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(summary(&indexed, &allocation, objective, bound))
}

pub(crate) fn rows_of(
    indexed: &Indexed,
    allocation: &visits::Allocation,
) -> Result<Vec<(Id, i64, Id)>, Error> {
    let mut rows = Vec::with_capacity(allocation.visits.len() * indexed.problem.slots());
    for (p, row) in allocation.visits.iter().enumerate() {
        let person = Id::parse(&indexed.people[p].0).ok_or_else(|| Error::internal("person id"))?;
        for (slot, &h) in row.iter().enumerate() {
            let host = Id::parse(&indexed.hosts[h].id).ok_or_else(|| Error::internal("host id"))?;
            rows.push((person.clone(), slot as i64 + 1, host));
        }
    }
    Ok(rows)
}

fn summary(
    indexed: &Indexed,
    allocation: &visits::Allocation,
    objective: i64,
    bound: i64,
) -> RunSummary {
    let problem = &indexed.problem;
    RunSummary {
        objective,
        bound,
        proven_optimal: objective == bound,
        people: indexed.people.len() as u32,
        visits_by_rank: visits::visits_by_rank(problem, allocation),
        closed_hosts: visits::closed_hosts(problem, allocation)
            .into_iter()
            .map(|h| indexed.hosts[h].name.clone())
            .collect(),
    }
}

/// Why someone did not get a host they ranked above one they got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MissedReason {
    /// It did not open: too few people wanted it to reach its minimum.
    Closed,
    /// Every place was taken.
    Full,
    /// It had room, but moving them there would have left another host below its minimum or
    /// cost others more.
    HadRoom,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MissedHost {
    pub host: String,
    /// The rank they gave it.
    pub rank: u32,
    pub reason: MissedReason,
    /// For a full host: how many of its visitors ranked it at least as high.
    pub ranked_as_high: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct VisitOut {
    /// From 1.
    pub slot: i64,
    pub host_id: String,
    pub host: String,
    pub address: String,
    /// The rank they gave this host.
    pub rank: u32,
}

/// One person's allocation and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct PersonAllocation {
    pub person_id: String,
    pub name: String,
    pub visits: Vec<VisitOut>,
    pub missed: Vec<MissedHost>,
}

/// One host's visitors per slot.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HostAllocation {
    pub host_id: String,
    pub name: String,
    pub open: bool,
    pub per_slot: Vec<u32>,
    /// `visitors_by_rank[r - 1]`: visitors who ranked it r-th.
    pub visitors_by_rank: Vec<u32>,
    pub ranked_by: u32,
    pub first_choice_of: u32,
}

/// The lead's view of the stored allocation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct AllocationView {
    pub objective: i64,
    pub bound: i64,
    pub proven_optimal: bool,
    pub published_at: Option<i64>,
    pub people: Vec<PersonAllocation>,
    pub hosts: Vec<HostAllocation>,
}

/// The stored allocation with every explanation (the event, its plan, hosts, rankings and
/// visits: five statements). 404 before the first run.
pub async fn view(app: &App, viewer: &Viewer, programme: &Id) -> Result<AllocationView, Error> {
    let actor = Actor { viewer, ip: "" };
    let mut conn = app.store.conn().await?;
    event_for_admin(&mut conn, &actor, programme).await?;
    let plan = plan_of(&mut conn, programme).await?;
    let (Some(objective), Some(bound)) = (plan.objective, plan.bound) else {
        return Err(Error::NotFound);
    };
    let hosts = store::hosts(&mut conn, programme).await?;
    let rankings = store::rankings(&mut conn, programme).await?;
    let stored = store::visits(&mut conn, programme).await?;
    let indexed = index(&plan, hosts, &rankings)?;
    let allocation = allocation_of(&indexed, &stored).ok_or_else(|| {
        Error::Conflict(
            "The rankings or hosts have changed since the allocation was run; run it again".into(),
        )
    })?;
    Ok(AllocationView {
        objective,
        bound,
        proven_optimal: objective == bound,
        published_at: plan.published_at,
        people: (0..indexed.people.len())
            .map(|p| person_allocation(&indexed, &allocation, p))
            .collect(),
        hosts: (0..indexed.hosts.len())
            .map(|h| {
                let r = visits::explain_host(&indexed.problem, &allocation, h);
                HostAllocation {
                    host_id: indexed.hosts[h].id.clone(),
                    name: indexed.hosts[h].name.clone(),
                    open: r.open,
                    per_slot: r.per_slot,
                    visitors_by_rank: r.by_rank,
                    ranked_by: r.ranked_by,
                    first_choice_of: r.first_choice_of,
                }
            })
            .collect(),
    })
}

pub(crate) fn person_allocation(
    indexed: &Indexed,
    allocation: &visits::Allocation,
    p: usize,
) -> PersonAllocation {
    let report = visits::explain_person(&indexed.problem, allocation, p);
    let host = |h: usize| &indexed.hosts[h];
    PersonAllocation {
        person_id: indexed.people[p].0.clone(),
        name: indexed.people[p].1.clone(),
        visits: report
            .visits
            .iter()
            .map(|&(slot, h, rank)| VisitOut {
                slot: slot as i64 + 1,
                host_id: host(h).id.clone(),
                host: host(h).name.clone(),
                address: host(h).address.clone(),
                rank,
            })
            .collect(),
        missed: report
            .missed
            .iter()
            .map(|m| match *m {
                Missed::Closed { host: h, rank } => MissedHost {
                    host: host(h).name.clone(),
                    rank,
                    reason: MissedReason::Closed,
                    ranked_as_high: None,
                },
                Missed::Full {
                    host: h,
                    rank,
                    ranked_as_high,
                    ..
                } => MissedHost {
                    host: host(h).name.clone(),
                    rank,
                    reason: MissedReason::Full,
                    ranked_as_high: Some(ranked_as_high),
                },
                Missed::HadRoom { host: h, rank } => MissedHost {
                    host: host(h).name.clone(),
                    rank,
                    reason: MissedReason::HadRoom,
                    ranked_as_high: None,
                },
            })
            .collect(),
    }
}
