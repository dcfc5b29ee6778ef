//! Forming a cohort's action learning sets (C3): the lead's rules become an engine model, the
//! engine's formation becomes draft sets, hand moves are re-checked against the same rules,
//! and publishing tells members and facilitators.

use revans_domain::{Id, in_reporting_line};
use revans_engine::SolveOptions;
use revans_storage::people::Person;
use revans_storage::sets::{self, ActionSet, Member, NewMember, NewSet};
use revans_storage::{Conn, cohorts, organisations, people, reporting_lines};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::mail::{self, ApplicationEmail, Text, Value};
use crate::places::programmes::load_for_admin;
pub(crate) use crate::sets::formation_rules::{
    CohortModel, cohort_model, cohort_model_for, size_bounds,
};
pub use crate::sets::formation_rules::{FormationInput, sets_with_members};
use crate::sets::formation_rules::{cohort_for_admin, current_model, model, parse_rules};
use crate::sets::forming_changes;
/// How well a formation keeps one of the lead's rules, as the engine reports it.
pub use revans_engine::RuleCheck;

/// Runs the engine and replaces the cohort's draft sets with its formation.
pub async fn form(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    f: &FormationInput,
    seconds: f64,
) -> Result<usize, Error> {
    // Read and search outside the write transaction: the search takes seconds and must not
    // hold the database's write lock meanwhile.
    let mut conn = state.store.conn().await?;
    let prepared = prepare(&mut conn, actor, cohort, f).await?;
    refuse_while_running(&mut conn, actor, cohort).await?;
    drop(conn);
    let opts = SolveOptions {
        seed: 1,
        budget: revans_engine::Budget::seconds(seconds),
        ..SolveOptions::default()
    };
    let search_model = prepared.model.clone();
    let formation = tokio::task::spawn_blocking(move || {
        revans_engine::form(&search_model, &opts, &mut revans_engine::NoProgress)
    })
    .await
    .map_err(Error::internal)?
    .map_err(|e| Error::field("size_min", e.to_string()))?;
    let mut tx = state.store.begin().await?;
    // Again in the transaction: a run may have started during the search.
    refuse_while_running(&mut tx, actor, cohort).await?;
    let count = write_formation(&mut tx, actor, cohort, f, &prepared, &formation.set_of).await?;
    revans_storage::commit(tx).await?;
    Ok(count)
}

/// Forming at once is refused while a background run forms the same cohort: two formations
/// written one over the other would lose the lead's wait for the first.
async fn refuse_while_running(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<(), Error> {
    match revans_storage::formation_runs::active_for_cohort(conn, cohort.as_str()).await? {
        Some(run) => Err(crate::sets::formation_runs::busy(
            &run,
            actor.viewer.timezone(),
        )),
        None => Ok(()),
    }
}

/// A cohort ready to form: its people with places, the lead's rules read, the engine model.
pub(crate) struct Prepared {
    pub tenant: Id,
    timezone: String,
    people: Vec<Person>,
    rules: crate::sets::formation_rules::Rules,
    pub model: revans_engine::Model,
}

/// Checks the cohort can be formed with these rules and builds the engine's model; bad input
/// is refused here, before any search (or background run) starts.
pub(crate) async fn prepare(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
    f: &FormationInput,
) -> Result<Prepared, Error> {
    let (tenant, timezone) = cohort_for_admin(conn, actor, cohort).await?;
    if sets::list_for_cohort(conn, cohort)
        .await?
        .iter()
        .any(ActionSet::is_published)
    {
        return Err(Error::Conflict("This cohort's sets are already published. Change them by moving members one at a time.".into()));
    }
    let people = sets::cohort_participants(conn, cohort).await?;
    if people.len() < 2 {
        return Err(Error::field(
            "size_min",
            format!(
                "Sets are formed from people with a confirmed place, and this cohort has {}",
                people.len()
            ),
        ));
    }
    let rules = parse_rules(f, &people, true)?;
    let m = model(conn, &tenant, cohort, &people, &rules, None).await?;
    let apart: Vec<revans_domain::FieldError> = crate::sets::formation_rules::dropped_pairs(&rules, &m)
        .into_iter()
        .map(|(a, b)| {
            let line = rules
                .pairs
                .iter()
                .position(|x| *x == (a, b))
                .map_or(0, |k| rules.pair_lines[k]);
            revans_domain::FieldError {
                field: "pairs".into(),
                message: format!(
                    "Line {line}: {} and {} cannot come as a pair: one manages the other, and people in one management chain are never in one set",
                    people[a].name, people[b].name
                ),
            }
        })
        .collect();
    if !apart.is_empty() {
        return Err(Error::Invalid(apart));
    }
    Ok(Prepared {
        tenant,
        timezone,
        people,
        rules,
        model: m,
    })
}

/// Replaces the cohort's draft sets with a formation (`set_of`: each person's set), inside the
/// caller's transaction, and records the rules and an audit entry.
pub(crate) async fn write_formation(
    tx: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
    f: &FormationInput,
    prepared: &Prepared,
    set_of: &[usize],
) -> Result<usize, Error> {
    let Prepared {
        tenant,
        timezone,
        people,
        rules,
        model: m,
    } = prepared;
    let now_people = sets::cohort_participants(&mut *tx, cohort).await?;
    if now_people
        .iter()
        .map(|p| &p.id)
        .ne(people.iter().map(|p| &p.id))
    {
        return Err(Error::Conflict(
            "Places in this cohort changed while the sets were being formed. Form them again."
                .into(),
        ));
    }
    sets::delete_drafts(&mut *tx, cohort).await?;
    let count = m.sets.len();
    let mut set_ids = Vec::new();
    for i in 0..count {
        let name = format!("Set {}", i + 1);
        let new = NewSet {
            cohort_id: cohort,
            name: &name,
            position: i as i64,
            review_every: rules.review_every,
            timezone,
        };
        set_ids.push(sets::insert(&mut *tx, &new).await?);
    }
    let now = revans_storage::now_ms();
    for (p, person) in people.iter().enumerate() {
        // A pair listed but in one management chain is not a unit (see `model`).
        let unit = m.units.iter().find(|u| u.contains(&p)).map_or(p, |u| u[0]);
        let member = NewMember {
            set_id: &set_ids[set_of[p]],
            person_id: &person.id,
            unit_key: people[unit].id.as_str(),
            rota_position: unit as i64,
            locked: false,
            joined_at: now,
        };
        sets::add_member(&mut *tx, &member).await?;
    }
    let stored = serde_json::to_string(f).map_err(Error::internal)?;
    sets::save_formation_rules(&mut *tx, cohort, &stored).await?;
    actor
        .audit(
            &mut *tx,
            "sets.formed",
            "cohort",
            cohort.as_str(),
            &format!("{count} draft sets of {} people", people.len()),
            tenant,
        )
        .await?;
    Ok(count)
}

/// What the engine says about the cohort's current sets: one explanation per set, in order.
pub async fn explain(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Option<revans_engine::Explanation>, Error> {
    let Some((m, set_of)) = current_model(conn, actor, cohort).await? else {
        return Ok(None);
    };
    Ok(Some(revans_engine::explain(&m, &set_of)))
}

/// Moves a member (with their pair) to another set of the cohort, if every rule still holds.
/// A move that breaks one is refused in words naming the people and sets
/// (`forming_changes::move_options` says where they could go instead).
pub async fn move_member(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
    to_set: &Id,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let (tenant, _) = cohort_for_admin(&mut tx, actor, cohort).await?;
    let Some(cm) = cohort_model(&mut tx, actor, cohort, false).await? else {
        return Err(Error::NotFound);
    };
    let options = forming_changes::options_in(&cm, member, to_set)?;
    if !options.reasons.is_empty() {
        return Err(forming_changes::refusal(&options));
    }
    let now = forming_changes::set_of(&cm);
    let p = cm
        .people
        .iter()
        .position(|x| {
            cm.sets
                .iter()
                .flat_map(|(_, ms)| ms)
                .any(|m| &m.id == member && m.person_id == x.id)
        })
        .ok_or_else(|| Error::field("member", "Choose a member of this cohort's sets"))?;
    let to = cm
        .sets
        .iter()
        .position(|(s, _)| &s.id == to_set)
        .ok_or_else(|| Error::field("to_set", "Choose one of this cohort's sets"))?;
    // The whole unit moves, and is locked where it is put (even into the set it is in).
    for q in revans_engine::unit_of(&cm.model, p) {
        if let Some(m) = cm.sets[now[q]]
            .1
            .iter()
            .find(|x| x.person_id == cm.people[q].id)
        {
            sets::move_member(&mut tx, &m.id, &cm.sets[to].0.id).await?;
        }
    }
    let detail = format!("{} moved to {}", options.name, options.to_set_name);
    actor
        .audit(
            &mut tx,
            "sets.moved",
            "cohort",
            cohort.as_str(),
            &detail,
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await.map_err(Error::from)
}

/// Assigns one or two facilitators to a set. A facilitator must hold the facilitator role in
/// the tenant and must not be in any member's management chain, nor, when the cohort's rules
/// say so, from any member's organisation.
pub async fn assign_facilitators(
    state: &App,
    actor: &Actor<'_>,
    set_id: &Id,
    chosen: &[Id],
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    assign_in(state, &mut tx, actor, set_id, chosen).await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// `assign_facilitators` inside the caller's transaction, so several sets change together.
pub(crate) async fn assign_in(
    state: &App,
    tx: &mut Conn,
    actor: &Actor<'_>,
    set_id: &Id,
    chosen: &[Id],
) -> Result<(), Error> {
    let set = sets::get(&mut *tx, set_id).await?.ok_or(Error::NotFound)?;
    let (tenant, _) = cohort_for_admin(&mut *tx, actor, &set.cohort_id).await?;
    if chosen.is_empty() || chosen.len() > 2 {
        return Err(Error::field(
            "facilitators",
            "Choose one or two facilitators",
        ));
    }
    let allowed = facilitators_of(&mut *tx, &tenant).await?;
    let lines: Vec<(String, String)> = reporting_lines::in_tree(&mut *tx, &tenant)
        .await?
        .into_iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    let members = sets::members(&mut *tx, set_id).await?;
    let elsewhere = match sets::formation_rules(&mut *tx, &set.cohort_id).await? {
        Some(stored) => serde_json::from_str::<FormationInput>(&stored)
            .map_err(Error::internal)?
            .facilitators_elsewhere(),
        None => false,
    };
    for id in chosen {
        let f = allowed.iter().find(|p| &p.id == id).ok_or_else(|| {
            Error::field(
                "facilitators",
                "Choose people who hold the facilitator role",
            )
        })?;
        if let Some(m) = members.iter().find(|m| {
            m.left_at.is_none() && in_reporting_line(&lines, f.id.as_str(), m.person_id.as_str())
        }) {
            return Err(Error::field(
                "facilitators",
                format!(
                    "{} cannot facilitate {}: they are in {}'s reporting line",
                    f.name, set.name, m.name
                ),
            ));
        }
        if elsewhere
            && let Some(m) = members
                .iter()
                .find(|m| m.left_at.is_none() && m.organisation_id == f.organisation_id)
        {
            return Err(Error::field(
                "facilitators",
                format!(
                    "{} cannot facilitate {}: {} is from the same organisation ({}), and this cohort's facilitators come from elsewhere",
                    f.name, set.name, m.name, m.organisation_name
                ),
            ));
        }
    }
    let before = sets::facilitators(&mut *tx, set_id).await?;
    if set.is_published()
        && chosen.contains(&actor.viewer.person.id)
        && !before.iter().any(|p| p.id == actor.viewer.person.id)
    {
        return Err(Error::field(
            "facilitators",
            format!(
                "You cannot add yourself to {}: its members are already meeting. Ask another programme lead",
                set.name
            ),
        ));
    }
    let added = sets::replace_facilitators(&mut *tx, set_id, chosen).await?;
    let name_of = |id: &Id| {
        allowed
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(String::new, |p| p.name.clone())
    };
    let removed: Vec<String> = before
        .iter()
        .filter(|p| !chosen.contains(&p.id))
        .map(|p| p.name.clone())
        .collect();
    let added_names: Vec<String> = added.iter().map(name_of).collect();
    let mut detail = format!(
        "Facilitators of {}: {}",
        set.name,
        chosen.iter().map(name_of).collect::<Vec<_>>().join(" and ")
    );
    if !added_names.is_empty() {
        detail.push_str(&format!(" (added {})", added_names.join(" and ")));
    }
    if !removed.is_empty() {
        detail.push_str(&format!(" (removed {})", removed.join(" and ")));
    }
    actor
        .audit(
            &mut *tx,
            "sets.facilitators",
            "set",
            set_id.as_str(),
            &detail,
            &tenant,
        )
        .await?;
    if set.is_published() && !added.is_empty() {
        tell_set_of_new_facilitators(state, tx, &set, &members, &added_names, &added, &allowed)
            .await?;
    }
    Ok(())
}

/// A facilitator joined a set that is meeting: its members are told who joined (and that the
/// newcomer reads only what is shared from now on), and the newcomer is told too.
async fn tell_set_of_new_facilitators(
    state: &App,
    conn: &mut Conn,
    set: &sets::ActionSet,
    members: &[sets::Member],
    added_names: &[String],
    added: &[Id],
    facilitators: &[Person],
) -> Result<(), Error> {
    let who = Value::Names(added_names.to_vec());
    let link = format!("{}/sets/{}", state.settings.base_url(), set.id);
    for m in members.iter().filter(|m| m.left_at.is_none()) {
        let message = ApplicationEmail {
            tenant: state.settings.tenant_name.clone(),
            name: m.name.clone(),
            programme: set.name.clone(),
            headline: Text::new("email-facilitates-your-set")
                .arg("names", who.clone())
                .arg("count", added_names.len()),
            lines: vec![
                Text::new("email-new-facilitator-reads")
                    .arg("names", who.clone())
                    .arg("count", added_names.len()),
                Text::new("email-share-again"),
            ],
            link: link.clone(),
            link_label: Text::new("email-see-your-set"),
        };
        mail::enqueue(conn, &m.email, &message).await?;
    }
    for p in facilitators.iter().filter(|p| added.contains(&p.id)) {
        let message = ApplicationEmail {
            tenant: state.settings.tenant_name.clone(),
            name: p.name.clone(),
            programme: set.name.clone(),
            headline: Text::new("email-you-now-facilitate").arg("name", &set.name),
            lines: vec![Text::new("email-members-told")],
            link: link.clone(),
            link_label: Text::new("email-see-the-set"),
        };
        mail::enqueue(conn, &p.email, &message).await?;
    }
    Ok(())
}

/// People holding the facilitator role anywhere in the tenant.
pub async fn facilitators_of(conn: &mut Conn, tenant: &Id) -> Result<Vec<Person>, Error> {
    Ok(people::facilitators_in_tree(conn, tenant).await?)
}

/// Publishes the cohort's draft sets and emails every member and facilitator.
pub async fn publish(state: &App, actor: &Actor<'_>, cohort: &Id) -> Result<usize, Error> {
    let mut tx = state.store.begin().await?;
    let c = cohorts::get(&mut tx, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut tx, actor, &c.programme_id).await?;
    let all = sets_with_members(&mut tx, cohort).await?;
    let drafts: Vec<&(ActionSet, Vec<Member>)> =
        all.iter().filter(|(s, _)| !s.is_published()).collect();
    if drafts.is_empty() {
        return Err(Error::field(
            "publish",
            "There are no draft sets to publish: form the sets first",
        ));
    }
    for (s, _) in &drafts {
        if sets::facilitators(&mut tx, &s.id).await?.is_empty() {
            return Err(Error::field(
                "publish",
                format!("{} has no facilitator yet", s.name),
            ));
        }
    }
    sets::publish(&mut tx, cohort).await?;
    let tenant_name = organisations::get(&mut tx, &programme.organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    for (s, members) in &drafts {
        let facilitators = sets::facilitators(&mut tx, &s.id).await?;
        let names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
        let facilitator_names: Vec<String> = facilitators.iter().map(|f| f.name.clone()).collect();
        let recipients = members
            .iter()
            .map(|m| (m.name.clone(), m.email.clone()))
            .chain(
                facilitators
                    .iter()
                    .map(|f| (f.name.clone(), f.email.clone())),
            );
        for (name, email) in recipients {
            let message = ApplicationEmail {
                tenant: tenant_name.clone(),
                name,
                programme: programme.fields.title.clone(),
                headline: Text::new("email-your-set-is").arg("name", &s.name),
                lines: vec![
                    Text::new("email-members").arg("names", names.join(", ")),
                    Text::new("email-facilitated-by")
                        .arg("names", Value::Names(facilitator_names.clone())),
                    Text::new("email-facilitator-sends-dates"),
                ],
                link: format!("{}/sets/{}", state.settings.base_url(), s.id),
                link_label: Text::new("email-see-your-set"),
            };
            mail::enqueue(&mut tx, &email, &message).await?;
        }
    }
    actor
        .audit(
            &mut tx,
            "sets.published",
            "cohort",
            cohort.as_str(),
            &format!("{} sets", drafts.len()),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(drafts.len())
}
