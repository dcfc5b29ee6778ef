//! Keeping published sets valid when people leave or join mid-programme (C3): the lead marks
//! a member as left, and the engine proposes the fewest moves that make every set valid again
//! (newcomers placed, sizes restored); the lead accepts the moves they agree with, which are
//! re-checked against every rule before anything changes.

use revans_domain::Id;
use revans_engine::{Budget, NoProgress, SolveOptions};
use revans_storage::sets::{self, NewMember};
use revans_storage::{Conn, now_ms};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::mail::{self, ApplicationEmail, Text};
use crate::sets::formation::cohort_model;

#[derive(Debug, Clone, PartialEq)]
pub struct ProposedMove {
    pub person_id: Id,
    pub name: String,
    /// The set they are in now; None for someone joining.
    pub from: Option<String>,
    pub to_set: Id,
    pub to: String,
}

pub struct Proposal {
    /// Why a change is needed, in words.
    pub reasons: Vec<String>,
    pub moves: Vec<ProposedMove>,
}

/// As `proposal`, on a connection of its own.
pub async fn proposal_now(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Option<Proposal>, Error> {
    let mut conn = state.store.conn().await?;
    proposal(&mut conn, actor, cohort).await
}

/// The engine's proposal for a cohort with published sets, or None when nothing needs to
/// change (or the sets are still drafts, which are simply formed again).
pub async fn proposal(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Option<Proposal>, Error> {
    let Some(c) = cohort_model(conn, actor, cohort, true).await? else {
        return Ok(None);
    };
    if !c.sets.iter().any(|(s, _)| s.is_published()) {
        return Ok(None);
    }
    let mut reasons: Vec<String> = c
        .people
        .iter()
        .zip(&c.previous)
        .filter(|(_, p)| p.is_none())
        .map(|(person, _)| format!("{} has a place but no set", person.name))
        .collect();
    if reasons.is_empty() {
        let set_of: Vec<usize> = c.previous.iter().map(|p| p.unwrap_or(0)).collect();
        reasons = revans_engine::violations(&c.model, &set_of);
    }
    if reasons.is_empty() {
        return Ok(None);
    }
    let (model, previous) = (c.model.clone(), c.previous.clone());
    let opts = SolveOptions {
        seed: 1,
        budget: Budget::rounds(100),
        ..SolveOptions::default()
    };
    let repaired = tokio::task::spawn_blocking(move || {
        revans_engine::repair(&model, &previous, &opts, &mut NoProgress)
    })
    .await
    .map_err(Error::internal)?;
    let repaired = match repaired {
        Ok(r) => r,
        Err(e) => {
            reasons.push(format!("No valid change was found: {e}"));
            return Ok(Some(Proposal {
                reasons,
                moves: Vec::new(),
            }));
        }
    };
    let moves = repaired
        .moves
        .iter()
        .map(|m| ProposedMove {
            person_id: c.people[m.person].id.clone(),
            name: c.people[m.person].name.clone(),
            from: m.from.map(|f| c.sets[f].0.name.clone()),
            to_set: c.sets[m.to].0.id.clone(),
            to: c.sets[m.to].0.name.clone(),
        })
        .collect();
    Ok(Some(Proposal { reasons, moves }))
}

/// Marks a member of a published set as having left today: they stop seeing the set, their
/// attendance stops counting, their place in the cohort is given up, and they and the set's
/// facilitators are told (see `set_leavers`, which can undo it).
pub async fn leave(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
) -> Result<String, Error> {
    crate::sets::set_leavers::leave(state, actor, cohort, member).await
}

/// Applies the moves the lead accepted (each `person:set`), if every rule then holds.
pub async fn apply(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    moves: &[(Id, Id)],
) -> Result<usize, Error> {
    let mut tx = state.store.begin().await?;
    let Some(c) = cohort_model(&mut tx, actor, cohort, true).await? else {
        return Err(Error::field("moves", "Form the sets first"));
    };
    if moves.is_empty() {
        return Err(Error::field("moves", "Choose at least one change to make"));
    }
    let mut assignment = c.previous.clone();
    for (person, set) in moves {
        let p = c.people.iter().position(|x| &x.id == person);
        let s = c.sets.iter().position(|(x, _)| &x.id == set);
        let (Some(p), Some(s)) = (p, s) else {
            return Err(Error::field(
                "moves",
                "The proposal is out of date: look at it again",
            ));
        };
        assignment[p] = Some(s);
    }
    if let Some(i) = assignment.iter().position(Option::is_none) {
        return Err(Error::field(
            "moves",
            format!(
                "{} would still have no set: keep their change",
                c.people[i].name
            ),
        ));
    }
    let set_of: Vec<usize> = assignment.iter().map(|s| s.unwrap_or(0)).collect();
    let broken = revans_engine::violations(&c.model, &set_of);
    if !broken.is_empty() {
        return Err(Error::field(
            "moves",
            format!(
                "With only these changes a rule breaks: {}",
                broken.join("; ")
            ),
        ));
    }
    let now = now_ms();
    for (person, set) in moves {
        let current = c
            .sets
            .iter()
            .flat_map(|(_, ms)| ms)
            .find(|m| &m.person_id == person);
        if let Some(m) = current {
            if &m.set_id == set {
                continue;
            }
            sets::end_membership(&mut tx, &m.id, now).await?;
        }
        let (to, members) = c
            .sets
            .iter()
            .find(|(s, _)| &s.id == set)
            .ok_or(Error::NotFound)?;
        let unit = current.map_or_else(|| person.to_string(), |m| m.unit_key.clone());
        let position = members.iter().map(|m| m.rota_position).max().unwrap_or(0) + 1;
        let new = NewMember {
            set_id: set,
            person_id: person,
            unit_key: &unit,
            rota_position: position,
            locked: true,
            joined_at: now,
        };
        sets::add_member(&mut tx, &new).await?;
        if let Some(p) = c.people.iter().find(|p| &p.id == person) {
            let message = ApplicationEmail {
                tenant: state.settings.tenant_name.clone(),
                name: p.name.clone(),
                programme: to.name.clone(),
                headline: Text::new("email-now-member").arg("name", &to.name),
                lines: vec![Text::new("email-facilitator-next-meeting")],
                link: format!("{}/sets/{}", state.settings.base_url(), to.id),
                link_label: Text::new("email-see-your-set"),
            };
            mail::enqueue(&mut tx, &p.email, &message).await?;
        }
        actor
            .audit(
                &mut tx,
                "sets.repaired",
                "set",
                set.as_str(),
                &format!(
                    "{} joined {}",
                    c.people
                        .iter()
                        .find(|p| &p.id == person)
                        .map(|p| p.name.as_str())
                        .unwrap_or(""),
                    to.name
                ),
                &c.tenant,
            )
            .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(moves.len())
}
