//! The lead's manual adjustment of an unpublished allocation: move one person's visit in one
//! slot to another host, optionally swapping with someone already there (a full host has no
//! room otherwise). The whole changed allocation is re-checked against every rule by
//! `revans_events::visits::check`, and its cost recomputed; anything that breaks a rule is
//! refused by name and nothing changes.

use revans_domain::Id;
use revans_events::visits::{self, Violation};
use revans_storage::events as store;

use super::allocation::rows_of;
use super::{Indexed, allocation_of, event_for_admin, index, plan_of};
use crate::{Actor, App, Error};

/// One visit to change.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AdjustInput {
    pub person_id: String,
    /// From 1.
    pub slot: i64,
    /// The host they visit instead.
    pub host_id: String,
    /// Someone visiting that host in that slot who takes this person's place in exchange.
    pub swap_with: Option<String>,
}

/// What changed: the allocation's new cost (its lower bound stays as proven).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Adjusted {
    pub objective: i64,
    pub bound: i64,
}

fn field(name: &str, message: impl Into<String>) -> Error {
    Error::field(name, message)
}

/// Moves the visit, re-checks every rule and stores the result; refused after publication.
pub async fn adjust(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &AdjustInput,
) -> Result<Adjusted, Error> {
    let mut tx = app.store.begin().await?;
    let event = event_for_admin(&mut tx, actor, programme).await?;
    let plan = plan_of(&mut tx, programme).await?;
    if plan.published_at.is_some() {
        return Err(Error::Conflict(
            "The visits are published, so they can no longer be changed here".into(),
        ));
    }
    let Some(bound) = plan.bound else {
        return Err(Error::Conflict(
            "Run the allocation before changing it".into(),
        ));
    };
    let hosts = store::hosts(&mut tx, programme).await?;
    let rankings = store::rankings(&mut tx, programme).await?;
    let stored = store::visits(&mut tx, programme).await?;
    let indexed = index(&plan, hosts, &rankings)?;
    let mut allocation = allocation_of(&indexed, &stored).ok_or_else(|| {
        Error::Conflict(
            "The rankings or hosts have changed since the allocation was run; run it again".into(),
        )
    })?;
    let person_of = |id: &str| indexed.people.iter().position(|(p, _)| p == id);
    let p = person_of(&input.person_id)
        .ok_or_else(|| field("person_id", "Choose someone who has visits in this event"))?;
    let h = indexed
        .hosts
        .iter()
        .position(|x| x.id == input.host_id)
        .ok_or_else(|| field("host_id", "Choose a host of this event"))?;
    let slot = usize::try_from(input.slot - 1)
        .ok()
        .filter(|s| *s < indexed.problem.slots())
        .ok_or_else(|| {
            field(
                "slot",
                format!("Choose a visit from 1 to {}", indexed.problem.slots()),
            )
        })?;
    let was = allocation.visits[p][slot];
    if was == h {
        return Err(field(
            "host_id",
            format!(
                "{} already visits {} in visit {}",
                indexed.people[p].1, indexed.hosts[h].name, input.slot
            ),
        ));
    }
    allocation.visits[p][slot] = h;
    if let Some(other) = input.swap_with.as_deref().filter(|s| !s.is_empty()) {
        let q = person_of(other)
            .filter(|&q| q != p && allocation.visits[q][slot] == h)
            .ok_or_else(|| {
                field(
                    "swap_with",
                    format!(
                        "Choose someone who visits {} in visit {}",
                        indexed.hosts[h].name, input.slot
                    ),
                )
            })?;
        allocation.visits[q][slot] = was;
    }
    visits::check(&indexed.problem, &allocation).map_err(|v| broken(&indexed, v))?;
    let objective =
        i64::try_from(visits::objective(&indexed.problem, &allocation)).map_err(Error::internal)?;
    let rows = rows_of(&indexed, &allocation)?;
    store::replace_visits(&mut tx, programme, &rows, objective, bound).await?;
    actor
        .audit(
            &mut tx,
            "event.adjusted",
            "programme",
            programme.as_str(),
            &format!(
                "Moved {}'s visit {} from {} to {} (sum of squared ranks now {objective})",
                indexed.people[p].1, input.slot, indexed.hosts[was].name, indexed.hosts[h].name
            ),
            &event.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(Adjusted { objective, bound })
}

/// The rule the change would break, in words, on the field that caused it.
fn broken(indexed: &Indexed, v: Violation) -> Error {
    let person = |p: usize| indexed.people[p].1.as_str();
    let host = |h: usize| indexed.hosts[h].name.as_str();
    match v {
        Violation::NotRanked { person: p, host: h } => field(
            "host_id",
            format!(
                "{} did not rank {}; give them a host they ranked",
                person(p),
                host(h)
            ),
        ),
        Violation::SameHostTwice { person: p, host: h } => field(
            "host_id",
            format!("{} would visit {} twice", person(p), host(h)),
        ),
        Violation::AboveMaximum {
            host: h,
            slot,
            count,
            max,
        } => field(
            "host_id",
            format!(
                "{} would have {count} visitors in visit {}; it takes at most {max}. Swap with one of its visitors instead",
                host(h),
                slot + 1
            ),
        ),
        Violation::BelowMinimum {
            host: h,
            slot,
            count,
            min,
        } => field(
            "host_id",
            format!(
                "{} would have {count} visitors in visit {}; it needs at least {min}",
                host(h),
                slot + 1
            ),
        ),
        other => Error::internal(format!("{other:?}")),
    }
}
