//! Self-selection (C3): the lead opens empty sets and the people with a place choose one
//! themselves (seed 003: 24 managers chose 4 sets under diversity criteria). Every choice is
//! checked by the engine against the same rules as a formed set, and a set closed to someone
//! says why.

use revans_domain::Id;
use revans_storage::sets::{self, ActionSet, NewMember, NewSet};
use revans_storage::{Conn, cohorts, now_ms};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::Viewer;
use crate::places::programmes::load_for_admin;
use crate::sets::formation::{FormationInput, sets_with_members};

/// Opens `count` empty sets for choosing, with the rules checked on every choice.
pub async fn open(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    f: &FormationInput,
) -> Result<usize, Error> {
    let mut tx = state.store.begin().await?;
    let c = cohorts::get(&mut tx, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut tx, actor, &c.programme_id).await?;
    if !sets::list_for_cohort(&mut tx, cohort).await?.is_empty() {
        return Err(Error::field(
            "size_min",
            "This cohort already has sets. Form them again instead, or publish them",
        ));
    }
    let people = sets::cohort_participants(&mut tx, cohort).await?;
    let (min, max) = crate::sets::formation::size_bounds(f)?;
    let count = revans_engine::Model::sets_by_size(people.len(), min, max)
        .map_err(|e| Error::field("size_min", e.to_string()))?
        .len();
    for i in 0..count {
        let name = format!("Set {}", i + 1);
        let new = NewSet {
            cohort_id: cohort,
            name: &name,
            position: i as i64,
            review_every: f.review_every.trim().parse().unwrap_or(7),
            timezone: &c.timezone,
        };
        let id = sets::insert(&mut tx, &new).await?;
        sets::set_status(&mut tx, &id, "choosing").await?;
    }
    let stored = serde_json::to_string(f).map_err(Error::internal)?;
    sets::save_formation_rules(&mut tx, cohort, &stored).await?;
    actor
        .audit(
            &mut tx,
            "sets.opened",
            "cohort",
            cohort.as_str(),
            &format!("{count} sets open for choosing"),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(count)
}

/// One set as a chooser sees it.
pub struct Choice {
    pub set: ActionSet,
    pub members: usize,
    pub organisations: Vec<String>,
    pub mine: bool,
    /// Why this set is closed to the viewer, if it is.
    pub closed: Option<String>,
}

/// The sets open for choosing in the cohort, for someone with a place in it (else not found).
pub async fn choices(conn: &mut Conn, viewer: &Viewer, cohort: &Id) -> Result<Vec<Choice>, Error> {
    let people = sets::cohort_participants(conn, cohort).await?;
    if !people.iter().any(|p| p.id == viewer.person.id) {
        return Err(Error::NotFound);
    }
    let all = sets_with_members(conn, cohort).await?;
    if !all.iter().any(|(s, _)| s.status == "choosing") {
        return Err(Error::NotFound);
    }
    let Some(c) = chooser_model(conn, cohort).await? else {
        return Err(Error::NotFound);
    };
    let me = c
        .people
        .iter()
        .position(|p| p.id == viewer.person.id)
        .ok_or(Error::NotFound)?;
    let mut out = Vec::new();
    for (i, (set, members)) in all.into_iter().enumerate() {
        let mut organisations: Vec<String> = members
            .iter()
            .map(|m| m.organisation_name.clone())
            .collect();
        organisations.sort();
        organisations.dedup();
        let mine = c.previous[me] == Some(i);
        let closed = if mine {
            None
        } else {
            revans_engine::may_join(&c.model, &c.previous, me, i)
                .err()
                .map(|r| r.reason)
        };
        out.push(Choice {
            members: members.len(),
            set,
            organisations,
            mine,
            closed,
        });
    }
    Ok(out)
}

/// The model of a cohort being chosen into. Anyone with a place is checked against it, so
/// this does not ask for a programme lead.
async fn chooser_model(
    conn: &mut Conn,
    cohort: &Id,
) -> Result<Option<crate::sets::formation::CohortModel>, Error> {
    crate::sets::formation::cohort_model_for(conn, cohort, true).await
}

/// The viewer joins a set (with their pair), leaving the one they chose before.
pub async fn join(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    set_id: &Id,
) -> Result<String, Error> {
    let mut tx = state.store.begin().await?;
    let all = sets_with_members(&mut tx, cohort).await?;
    let index = all
        .iter()
        .position(|(s, _)| &s.id == set_id && s.status == "choosing")
        .ok_or_else(|| Error::field("set", "Choose one of the sets open for choosing"))?;
    let Some(c) = chooser_model(&mut tx, cohort).await? else {
        return Err(Error::NotFound);
    };
    let me = c
        .people
        .iter()
        .position(|p| p.id == actor.viewer.person.id)
        .ok_or(Error::NotFound)?;
    if c.previous[me] == Some(index) {
        return Ok(all[index].0.name.clone());
    }
    // Choosing again: first step out of the earlier choice (with the pair).
    let mut unit = vec![me];
    for u in c.model.units.iter().filter(|u| u.contains(&me)) {
        unit.extend(u.iter().copied().filter(|q| *q != me));
    }
    let mut current = c.previous.clone();
    for &q in &unit {
        current[q] = None;
    }
    if let Err(refusal) = revans_engine::may_join(&c.model, &current, me, index) {
        return Err(Error::field(
            "set",
            format!("You cannot join {}: {}", all[index].0.name, refusal.reason),
        ));
    }
    for &q in &unit {
        for (_, members) in &all {
            if let Some(m) = members.iter().find(|m| m.person_id == c.people[q].id) {
                sets::remove_member(&mut tx, &m.id).await?;
            }
        }
        let key = c.people[unit[0]].id.to_string();
        let new = NewMember {
            set_id,
            person_id: &c.people[q].id,
            unit_key: &key,
            rota_position: now_ms(),
            locked: true,
            joined_at: now_ms(),
        };
        sets::add_member(&mut tx, &new).await?;
    }
    actor
        .audit(
            &mut tx,
            "sets.chosen",
            "set",
            set_id.as_str(),
            &format!("{} chose {}", actor.viewer.person.name, all[index].0.name),
            &c.tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(all[index].0.name.clone())
}
