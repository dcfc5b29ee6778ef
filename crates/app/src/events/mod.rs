//! Events with choices (C8, issue 18): an immersion event's host organisations and time slots
//! (`setup`), each participant's ranking (`choices`), the lead's allocation run with
//! revans-events and its publication (`allocation`), and the itineraries per person and per
//! host (`itinerary`).
//!
//! Who sees what: the lead of the programme sees everything; a participant (accepted place)
//! sees the hosts, their own ranking and, once published, their own itinerary; a host's contact
//! sees only their own visitors' names and needs, once published. Anyone else gets "not found".

pub mod adjust;
pub mod allocation;
pub mod cafe;
pub mod choices;
pub mod documents;
pub mod itinerary;
pub mod mine;
pub mod publication;
pub mod setup;

use revans_domain::{Id, ProgrammeKind};
use revans_events::visits::{Allocation, Host, VisitProblem};
use revans_storage::events::{self as store, Plan, Ranking, Visit};
use revans_storage::{Conn, programmes::Programme};

use crate::places::programmes::load_for_admin;
use crate::{Actor, Error};

/// The programme, run by the actor and of kind immersion event.
pub(crate) async fn event_for_admin(
    conn: &mut Conn,
    actor: &Actor<'_>,
    programme: &Id,
) -> Result<Programme, Error> {
    let programme = load_for_admin(conn, actor, programme).await?;
    if programme.fields.kind != ProgrammeKind::ImmersionEvent {
        return Err(Error::Conflict(
            "Only an immersion event has host visits; change the programme's kind first".into(),
        ));
    }
    Ok(programme)
}

/// The event's plan, or a clear refusal when the lead has not set its slots yet.
pub(crate) async fn plan_of(conn: &mut Conn, programme: &Id) -> Result<Plan, Error> {
    store::plan(conn, programme)
        .await?
        .ok_or_else(|| Error::Conflict("Set the event's time slots and closing date first".into()))
}

/// The solver's view of the event: hosts and rankings turned into indices, people in the order
/// of `rankings` (by name). Returns the problem with the host and person ids it indexes.
pub(crate) struct Indexed {
    pub problem: VisitProblem,
    pub hosts: Vec<store::Host>,
    pub people: Vec<(String, String)>,
}

pub(crate) fn index(
    plan: &Plan,
    hosts: Vec<store::Host>,
    rankings: &[Ranking],
) -> Result<Indexed, Error> {
    let host_index = |id: &str| hosts.iter().position(|h| h.id == id);
    let mut people: Vec<(String, String)> = Vec::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for r in rankings {
        if people.last().is_none_or(|(id, _)| *id != r.person_id) {
            people.push((r.person_id.clone(), r.person_name.clone()));
            lists.push(Vec::new());
        }
        if let (Some(h), Some(list)) = (host_index(&r.host_id), lists.last_mut()) {
            list.push(h);
        }
    }
    let bounds = hosts
        .iter()
        .map(|h| Host {
            min: u32::try_from(h.min_per_slot).unwrap_or(0),
            max: u32::try_from(h.max_per_slot).unwrap_or(0),
        })
        .collect();
    let slots = usize::try_from(plan.slots).unwrap_or(0);
    let problem = VisitProblem::new(bounds, lists, slots).map_err(|e| {
        Error::Conflict(match e {
            revans_events::visits::VisitError::NoPeople => {
                "Nobody has ranked the hosts yet".to_owned()
            }
            revans_events::visits::VisitError::TooFewPlaces { people, places } => format!(
                "Too few places: {people} people visit in every slot but the hosts take at most {places} per slot; add a host or raise a maximum"
            ),
            other => format!("The event cannot be allocated: {other}"),
        })
    })?;
    Ok(Indexed {
        problem,
        hosts,
        people,
    })
}

/// The stored visits as the solver's allocation (people in `indexed` order); `None` when a
/// stored visit no longer matches the event (a host or a person gone since).
pub(crate) fn allocation_of(indexed: &Indexed, visits: &[Visit]) -> Option<Allocation> {
    let slots = indexed.problem.slots();
    let mut rows = vec![vec![usize::MAX; slots]; indexed.people.len()];
    for v in visits {
        let p = indexed
            .people
            .iter()
            .position(|(id, _)| *id == v.person_id)?;
        let h = indexed.hosts.iter().position(|h| h.id == v.host_id)?;
        let slot = usize::try_from(v.slot - 1).ok().filter(|s| *s < slots)?;
        rows[p][slot] = h;
    }
    rows.iter()
        .all(|r| r.iter().all(|&h| h != usize::MAX))
        .then_some(Allocation { visits: rows })
}
