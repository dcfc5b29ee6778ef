//! A lead's hand changes to a cohort's draft sets (issue 11): where someone could move instead
//! of a move that breaks a rule, swapping two people between sets, renaming a set. Each change
//! is checked against the stored rules as a move is, made in one transaction, and audited.

use revans_domain::{Id, SetName};
use revans_storage::sets::{self, Member};

use crate::sets::formation_rules::{CohortModel, cohort_for_admin, cohort_model};
use crate::sets::formation_words::{Names, broken_in_words};
use crate::{Actor, App, Error};
use revans_storage::Conn;

/// The people's and the sets' names of a cohort model, in the model's order.
pub(crate) fn names_of(cm: &CohortModel) -> (Vec<String>, Vec<String>) {
    (
        cm.people.iter().map(|p| p.name.clone()).collect(),
        cm.sets.iter().map(|(s, _)| s.name.clone()).collect(),
    )
}

/// The current assignment: each person's set index.
pub(crate) fn set_of(cm: &CohortModel) -> Vec<usize> {
    cm.previous.iter().map(|s| s.unwrap_or(0)).collect()
}

/// A member of the cohort's current sets, and their index in the model.
fn find<'a>(cm: &'a CohortModel, member: &Id, field: &str) -> Result<(&'a Member, usize), Error> {
    let m = cm
        .sets
        .iter()
        .flat_map(|(_, ms)| ms)
        .find(|m| &m.id == member)
        .ok_or_else(|| Error::field(field, "Choose a member of this cohort's sets"))?;
    let i = cm
        .people
        .iter()
        .position(|p| p.id == m.person_id)
        .ok_or_else(|| Error::field(field, "Choose a member of this cohort's sets"))?;
    Ok((m, i))
}

/// One way to move someone without breaking a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetChoice {
    pub set_id: Id,
    pub set_name: String,
}

/// Someone a person could swap with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwapChoice {
    /// The other person's membership.
    pub member_id: Id,
    pub name: String,
    pub set_name: String,
}

/// What a lead can do instead of a move that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveOptions {
    pub member_id: Id,
    pub name: String,
    /// The set the lead tried.
    pub to_set_name: String,
    /// Why that move breaks a rule, in words (empty when it does not).
    pub reasons: Vec<String>,
    /// Sets where the person (with their pair) could go and every rule still holds.
    pub sets: Vec<SetChoice>,
    /// People in the set the lead tried whom the person could swap with.
    pub swaps: Vec<SwapChoice>,
}

/// Where a member could go instead of `to_set`, and whom in `to_set` they could swap with.
pub async fn move_options(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
    to_set: &Id,
) -> Result<MoveOptions, Error> {
    let mut conn = app.store.conn().await?;
    let cm = cohort_model(&mut conn, actor, cohort, false)
        .await?
        .ok_or(Error::NotFound)?;
    options_in(&cm, member, to_set)
}

pub(crate) fn options_in(cm: &CohortModel, member: &Id, to_set: &Id) -> Result<MoveOptions, Error> {
    let (m, p) = find(cm, member, "member")?;
    let to = cm
        .sets
        .iter()
        .position(|(s, _)| &s.id == to_set)
        .ok_or_else(|| Error::field("to_set", "Choose one of this cohort's sets"))?;
    let now = set_of(cm);
    let (people, set_names) = names_of(cm);
    let names = Names {
        people: &people,
        sets: &set_names,
    };
    let after = revans_engine::moved(&cm.model, &now, p, to);
    let reasons = revans_engine::broken(&cm.model, &after)
        .iter()
        .map(|b| broken_in_words(&cm.model, &names, b))
        .collect();
    let sets = revans_engine::fine_sets_for(&cm.model, &now, p)
        .into_iter()
        .map(|g| SetChoice {
            set_id: cm.sets[g].0.id.clone(),
            set_name: set_names[g].clone(),
        })
        .collect();
    let member_of = |q: usize| {
        cm.sets[now[q]]
            .1
            .iter()
            .find(|x| x.person_id == cm.people[q].id)
            .map(|x| x.id.clone())
    };
    let swaps = revans_engine::fine_swaps_for(&cm.model, &now, p, to)
        .into_iter()
        .filter_map(|q| {
            Some(SwapChoice {
                member_id: member_of(q)?,
                name: people[q].clone(),
                set_name: set_names[to].clone(),
            })
        })
        .collect();
    Ok(MoveOptions {
        member_id: m.id.clone(),
        name: m.name.clone(),
        to_set_name: set_names[to].clone(),
        reasons,
        sets,
        swaps,
    })
}

/// Why a move breaks the rules, as one field error naming the person and the set.
pub(crate) fn refusal(options: &MoveOptions) -> Error {
    Error::field(
        "member",
        format!(
            "{} cannot move to {}: {}",
            options.name,
            options.to_set_name,
            options.reasons.join("; ")
        ),
    )
}

/// Swaps two members of different draft sets (each with their pair), if every rule still
/// holds; both are then kept where they are put when the sets are repaired.
pub async fn swap_members(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    a: &Id,
    b: &Id,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (tenant, _) = cohort_for_admin(&mut tx, actor, cohort).await?;
    let cm = cohort_model(&mut tx, actor, cohort, false)
        .await?
        .ok_or(Error::NotFound)?;
    let (ma, pa) = find(&cm, a, "member_a")?;
    let (mb, pb) = find(&cm, b, "member_b")?;
    let now = set_of(&cm);
    if [now[pa], now[pb]]
        .iter()
        .any(|&g| cm.sets[g].0.is_published())
    {
        return Err(Error::Conflict(
            "Published sets are changed through proposed changes, not swaps: their members have been told which set they are in".into(),
        ));
    }
    let after = revans_engine::swapped(&cm.model, &now, pa, pb).map_err(|e| match e {
        revans_engine::SwapRefusal::SameSet => Error::field(
            "member_b",
            format!(
                "{} and {} are in the same set: choose someone in another set",
                ma.name, mb.name
            ),
        ),
        revans_engine::SwapRefusal::SameUnit => Error::field(
            "member_b",
            format!(
                "{} and {} come as a pair: choose someone else",
                ma.name, mb.name
            ),
        ),
    })?;
    let (people, set_names) = names_of(&cm);
    let names = Names {
        people: &people,
        sets: &set_names,
    };
    let broken: Vec<String> = revans_engine::broken(&cm.model, &after)
        .iter()
        .map(|x| broken_in_words(&cm.model, &names, x))
        .collect();
    if !broken.is_empty() {
        return Err(Error::field(
            "member_b",
            format!(
                "{} and {} cannot swap: {}",
                ma.name,
                mb.name,
                broken.join("; ")
            ),
        ));
    }
    let moving = moved_memberships(&cm, &now, &after);
    for (member, to) in &moving {
        sets::move_member(&mut tx, member, to).await?;
    }
    let detail = format!(
        "{} ({} to {}) and {} ({} to {}) swapped sets",
        ma.name,
        set_names[now[pa]],
        set_names[now[pb]],
        mb.name,
        set_names[now[pb]],
        set_names[now[pa]]
    );
    actor
        .audit(
            &mut tx,
            "sets.swapped",
            "cohort",
            cohort.as_str(),
            &detail,
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await.map_err(Error::from)
}

/// The memberships whose set changes from `now` to `after`, with their new set.
pub(crate) fn moved_memberships(cm: &CohortModel, now: &[usize], after: &[usize]) -> Vec<(Id, Id)> {
    (0..now.len())
        .filter(|&q| now[q] != after[q])
        .filter_map(|q| {
            let member = cm.sets[now[q]]
                .1
                .iter()
                .find(|x| x.person_id == cm.people[q].id)?;
            Some((member.id.clone(), cm.sets[after[q]].0.id.clone()))
        })
        .collect()
}

/// Renames a set of a cohort the viewer leads; names are unique within the cohort.
pub async fn rename_set(app: &App, actor: &Actor<'_>, set_id: &Id, raw: &str) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let set = sets::get(&mut tx, set_id).await?.ok_or(Error::NotFound)?;
    let (tenant, _) = cohort_for_admin(&mut tx, actor, &set.cohort_id).await?;
    let name = SetName::parse(raw)?;
    if set.name == name.as_str() {
        return Ok(set.cohort_id);
    }
    taken(&mut tx, &set.cohort_id, set_id, &name).await?;
    sets::rename(&mut tx, set_id, name.as_str()).await?;
    actor
        .audit(
            &mut tx,
            "sets.renamed",
            "set",
            set_id.as_str(),
            &format!("{} renamed {}", set.name, name),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(set.cohort_id)
}

/// Refuses a name another set of the cohort has (ignoring case), naming it.
async fn taken(conn: &mut Conn, cohort: &Id, set_id: &Id, name: &SetName) -> Result<(), Error> {
    if sets::list_for_cohort(conn, cohort)
        .await?
        .iter()
        .any(|s| &s.id != set_id && s.name.to_lowercase() == name.as_str().to_lowercase())
    {
        return Err(Error::field(
            "name",
            format!("Another set of this cohort is called {name}: choose a different name"),
        ));
    }
    Ok(())
}

/// One set on the "facilitators for every set" page.
pub struct SetFacilitators {
    pub set: revans_storage::sets::ActionSet,
    pub members: usize,
    /// Its facilitators now, by id.
    pub chosen: Vec<Id>,
}

/// Everything the "facilitators for every set" page shows, in a fixed number of queries.
pub struct FacilitatorChoices {
    pub cohort: revans_storage::cohorts::Cohort,
    pub sets: Vec<SetFacilitators>,
    /// The tenant's facilitators to choose from.
    pub facilitators: Vec<revans_storage::Person>,
}

pub async fn facilitator_choices(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<FacilitatorChoices, Error> {
    let mut conn = app.store.conn().await?;
    let (tenant, _) = cohort_for_admin(&mut conn, actor, cohort).await?;
    let c = revans_storage::cohorts::get(&mut conn, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    let ids = sets::facilitator_ids_of_cohort(&mut conn, cohort).await?;
    let sets = crate::sets::formation_rules::sets_with_members(&mut conn, cohort)
        .await?
        .into_iter()
        .map(|(set, members)| SetFacilitators {
            chosen: ids
                .iter()
                .filter(|(s, _)| s == &set.id)
                .map(|(_, p)| p.clone())
                .collect(),
            members: members.len(),
            set,
        })
        .collect();
    let facilitators = crate::sets::formation::facilitators_of(&mut conn, &tenant).await?;
    Ok(FacilitatorChoices {
        cohort: c,
        sets,
        facilitators,
    })
}

/// Facilitators for every set of a cohort at once: `(set, chosen)` for each set; the same
/// checks as for one set, all in one transaction, so one refusal changes nothing. Errors name
/// the set: field `set-N` for the Nth set of the cohort (1-based).
pub async fn assign_all_facilitators(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    choices: &[(Id, Vec<Id>)],
) -> Result<usize, Error> {
    let mut tx = app.store.begin().await?;
    cohort_for_admin(&mut tx, actor, cohort).await?;
    let all = sets::list_for_cohort(&mut tx, cohort).await?;
    if all.is_empty() {
        return Err(Error::field(
            "sets",
            "This cohort has no sets yet: form them first",
        ));
    }
    let mut errors = Vec::new();
    for (i, set) in all.iter().enumerate() {
        let field = format!("set-{}", i + 1);
        let chosen = choices
            .iter()
            .find(|(s, _)| s == &set.id)
            .map(|(_, c)| c.as_slice())
            .unwrap_or_default();
        if chosen.is_empty() {
            errors.push(revans_domain::FieldError {
                field,
                message: format!("Choose a facilitator for {}", set.name),
            });
            continue;
        }
        match crate::sets::formation::assign_in(app, &mut tx, actor, &set.id, chosen).await {
            Ok(()) => {}
            Err(Error::Invalid(found)) => {
                errors.extend(found.into_iter().map(|e| revans_domain::FieldError {
                    field: field.clone(),
                    message: e.message,
                }))
            }
            Err(e) => return Err(e),
        }
    }
    if let Some((s, _)) = choices
        .iter()
        .find(|(s, _)| !all.iter().any(|x| &x.id == s))
    {
        errors.push(revans_domain::FieldError {
            field: "sets".into(),
            message: format!("{s} is not one of this cohort's sets"),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    revans_storage::commit(tx).await?;
    Ok(all.len())
}

/// A set of a cohort the viewer leads (for its rename page); anyone else gets "not found".
pub async fn set_for_lead(
    app: &App,
    actor: &Actor<'_>,
    set_id: &Id,
) -> Result<revans_storage::sets::ActionSet, Error> {
    let mut conn = app.store.conn().await?;
    let set = sets::get(&mut conn, set_id).await?.ok_or(Error::NotFound)?;
    cohort_for_admin(&mut conn, actor, &set.cohort_id).await?;
    Ok(set)
}
