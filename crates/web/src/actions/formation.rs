//! Forming a cohort's action learning sets (C3): the lead's rules become an engine model, the
//! engine's formation becomes draft sets, hand moves are re-checked against the same rules,
//! and publishing tells members and facilitators.

use revans_domain::{Id, Role, SetSize, in_reporting_line};
use revans_engine::{AttrValues, Attribute, Model, Never, Rule, SolveOptions};
use revans_storage::people::Person;
use revans_storage::sets::{self, ActionSet, Member, NewMember, NewSet};
use revans_storage::{Conn, cohorts, organisations, people, reporting_lines};

use crate::actions::Actor;
use crate::actions::programmes::load_for_admin;
use crate::error::{AppError, FieldError};
use crate::mail::{self, ApplicationEmail};
use crate::state::AppState;

/// The rules as the lead typed them; also what is stored to re-check moves later.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct FormationInput {
    pub size_min: String,
    pub size_max: String,
    /// Blank for no limit.
    pub max_per_organisation: String,
    /// One pair per line: two email addresses separated by a comma.
    pub pairs: String,
    pub review_every: String,
}

impl FormationInput {
    pub fn suggested() -> Self {
        FormationInput {
            size_min: "5".into(),
            size_max: "7".into(),
            max_per_organisation: "2".into(),
            pairs: String::new(),
            review_every: "7".into(),
        }
    }
}

/// The smallest and largest set size as typed, checked.
pub(crate) fn size_bounds(f: &FormationInput) -> Result<(usize, usize), AppError> {
    let number = |raw: &str| raw.trim().parse::<i64>().ok();
    match (number(&f.size_min), number(&f.size_max)) {
        (Some(a), Some(b)) => {
            let s = SetSize::new(a, b).map_err(|e| AppError::field("size_min", e.message))?;
            Ok((usize::from(s.min()), usize::from(s.max())))
        }
        _ => Err(AppError::field(
            "size_min",
            "Enter the smallest and largest set size as whole numbers, like 5 and 7",
        )),
    }
}

/// The parsed rules.
struct Rules {
    size: SetSize,
    max_per_org: Option<usize>,
    /// Pairs as indexes into the participant list.
    pairs: Vec<(usize, usize)>,
    review_every: i64,
}

fn parse_rules(f: &FormationInput, people: &[Person]) -> Result<Rules, AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.into(),
            message,
        })
    };
    let number = |raw: &str| raw.trim().parse::<i64>().ok();
    let size = match (number(&f.size_min), number(&f.size_max)) {
        (Some(a), Some(b)) => SetSize::new(a, b)
            .map_err(|e| err("size_min", e.message))
            .ok(),
        _ => {
            err(
                "size_min",
                "Enter the smallest and largest set size as whole numbers, like 5 and 7".into(),
            );
            None
        }
    };
    let max_per_org = match f.max_per_organisation.trim() {
        "" => None,
        raw => match raw.parse::<usize>() {
            Ok(k) if k >= 1 => Some(k),
            _ => {
                err("max_per_organisation", "Enter the most people from one organisation in a set as a whole number of 1 or more, or leave it blank".into());
                None
            }
        },
    };
    let review_every = match number(&f.review_every) {
        Some(n) if (2..=52).contains(&n) => n,
        _ => {
            err(
                "review_every",
                "Enter how often a review meeting comes as a whole number from 2 to 52, like 7"
                    .into(),
            );
            7
        }
    };
    let mut pairs = Vec::new();
    let mut paired: Vec<usize> = Vec::new();
    for (i, line) in f
        .pairs
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let found: Vec<Option<usize>> = line
            .split(',')
            .map(|e| {
                let e = e.trim().to_lowercase();
                people.iter().position(|p| p.email.to_lowercase() == e)
            })
            .collect();
        match found.as_slice() {
            [Some(a), Some(b)] if a != b => {
                if let Some(x) = [a, b].into_iter().find(|x| paired.contains(x)) {
                    err(
                        "pairs",
                        format!(
                            "Line {}: {} is already in another pair",
                            i + 1,
                            people[*x].email
                        ),
                    );
                } else {
                    paired.extend([*a, *b]);
                    pairs.push((*a, *b));
                }
            }
            [_, _] => err(
                "pairs",
                format!(
                    "Line {}: both people must have a place in this cohort, and be two different people",
                    i + 1
                ),
            ),
            _ => err(
                "pairs",
                format!(
                    "Line {}: write two email addresses separated by a comma",
                    i + 1
                ),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Rules {
        size: size.ok_or_else(|| AppError::field("size_min", "Enter the set sizes"))?,
        max_per_org,
        pairs,
        review_every,
    })
}

/// The engine's model of the cohort: people (named so messages are readable), organisation as
/// the attribute to mix, pairs as units, anyone in each other's management chain kept apart.
async fn model(
    conn: &mut Conn,
    tenant: &Id,
    people: &[Person],
    rules: &Rules,
    sets_count: Option<usize>,
) -> Result<Model, AppError> {
    let mut m = Model::new(
        people
            .iter()
            .map(|p| format!("{} ({})", p.name, p.email))
            .collect(),
    );
    m.attributes.push(Attribute {
        name: "organisation".into(),
        values: AttrValues::Categorical(
            people
                .iter()
                .map(|p| Some(p.organisation_name.clone()))
                .collect(),
        ),
    });
    m.rules.push(Rule::Diverse {
        attr: 0,
        weight: 1.0,
    });
    m.rules.push(Rule::DontIsolate {
        attr: 0,
        weight: 0.5,
    });
    if let Some(k) = rules.max_per_org {
        m.rules.push(Rule::MaxPer { attr: 0, k });
    }
    let (min, max) = (usize::from(rules.size.min()), usize::from(rules.size.max()));
    m.sets = match sets_count {
        Some(count) => vec![revans_engine::SetBounds { min, max }; count],
        None => Model::sets_by_size(people.len(), min, max)
            .map_err(|e| AppError::field("size_min", e.to_string()))?,
    };
    m.units = rules.pairs.iter().map(|&(a, b)| vec![a, b]).collect();
    let lines: Vec<(String, String)> = reporting_lines::in_tree(conn, tenant)
        .await?
        .into_iter()
        .map(|(p, mgr)| (p.to_string(), mgr.to_string()))
        .collect();
    for a in 0..people.len() {
        for b in a + 1..people.len() {
            if in_reporting_line(&lines, people[a].id.as_str(), people[b].id.as_str()) {
                m.never.push(Never {
                    a,
                    b,
                    reason: "one manages the other".into(),
                });
            }
        }
    }
    Ok(m)
}

/// The cohort's draft or published sets with their current members, in set order.
pub async fn sets_with_members(
    conn: &mut Conn,
    cohort: &Id,
) -> Result<Vec<(ActionSet, Vec<Member>)>, AppError> {
    let mut out = Vec::new();
    for s in sets::list_for_cohort(conn, cohort).await? {
        let members = sets::members(conn, &s.id)
            .await?
            .into_iter()
            .filter(|m| m.left_at.is_none())
            .collect();
        out.push((s, members));
    }
    Ok(out)
}

/// Loads the cohort and checks the viewer runs its programme; returns (tenant, timezone).
async fn cohort_for_admin(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<(Id, String), AppError> {
    let c = cohorts::get(conn, cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = load_for_admin(conn, actor, &c.programme_id).await?;
    Ok((p.organisation_id, c.timezone))
}

/// Runs the engine and replaces the cohort's draft sets with its formation.
pub async fn form(
    state: &AppState,
    actor: &Actor<'_>,
    cohort: &Id,
    f: &FormationInput,
    seconds: f64,
) -> Result<usize, AppError> {
    // Read and search outside the write transaction: the search takes seconds and must not
    // hold the database's write lock meanwhile.
    let mut conn = state.store.conn().await?;
    let (tenant, timezone) = cohort_for_admin(&mut conn, actor, cohort).await?;
    if sets::list_for_cohort(&mut conn, cohort)
        .await?
        .iter()
        .any(ActionSet::is_published)
    {
        return Err(AppError::Conflict("This cohort's sets are already published. Change them by moving members one at a time.".into()));
    }
    let people = sets::cohort_participants(&mut conn, cohort).await?;
    if people.len() < 2 {
        return Err(AppError::field(
            "size_min",
            format!(
                "Sets are formed from people with a confirmed place, and this cohort has {}",
                people.len()
            ),
        ));
    }
    let rules = parse_rules(f, &people)?;
    let m = model(&mut conn, &tenant, &people, &rules, None).await?;
    drop(conn);
    let opts = SolveOptions {
        seed: 1,
        budget: revans_engine::Budget::seconds(seconds),
        ..SolveOptions::default()
    };
    let search_model = m.clone();
    let formation = tokio::task::spawn_blocking(move || {
        revans_engine::form(&search_model, &opts, &mut revans_engine::NoProgress)
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|e| AppError::field("size_min", e.to_string()))?;
    let mut tx = state.store.begin().await?;
    let now_people = sets::cohort_participants(&mut tx, cohort).await?;
    if now_people
        .iter()
        .map(|p| &p.id)
        .ne(people.iter().map(|p| &p.id))
    {
        return Err(AppError::Conflict(
            "Places in this cohort changed while the sets were being formed. Form them again."
                .into(),
        ));
    }
    sets::delete_drafts(&mut tx, cohort).await?;
    let count = m.sets.len();
    let mut set_ids = Vec::new();
    for i in 0..count {
        let name = format!("Set {}", i + 1);
        let new = NewSet {
            cohort_id: cohort,
            name: &name,
            position: i as i64,
            review_every: rules.review_every,
            timezone: &timezone,
        };
        set_ids.push(sets::insert(&mut tx, &new).await?);
    }
    let now = revans_storage::now_ms();
    for (p, person) in people.iter().enumerate() {
        let unit = rules
            .pairs
            .iter()
            .find(|(a, b)| *a == p || *b == p)
            .map_or(p, |(a, _)| *a);
        let member = NewMember {
            set_id: &set_ids[formation.set_of[p]],
            person_id: &person.id,
            unit_key: people[unit].id.as_str(),
            rota_position: unit as i64,
            locked: false,
            joined_at: now,
        };
        sets::add_member(&mut tx, &member).await?;
    }
    let stored = serde_json::to_string(f).map_err(AppError::internal)?;
    sets::save_formation_rules(&mut tx, cohort, &stored).await?;
    actor
        .audit(
            &mut tx,
            "sets.formed",
            "cohort",
            cohort.as_str(),
            &format!("{count} draft sets of {} people", people.len()),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(count)
}

/// What the engine says about the cohort's current sets: one explanation per set, in order.
pub async fn explain(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Option<revans_engine::Explanation>, AppError> {
    let Some((m, set_of)) = current_model(conn, actor, cohort).await? else {
        return Ok(None);
    };
    Ok(Some(revans_engine::explain(&m, &set_of)))
}

/// The model of the stored rules and the current assignment, or None before any forming.
async fn current_model(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Option<(Model, Vec<usize>)>, AppError> {
    Ok(cohort_model(conn, actor, cohort, false).await?.map(|c| {
        let set_of = c.previous.iter().map(|s| s.unwrap_or(0)).collect();
        (c.model, set_of)
    }))
}

/// A cohort's sets as the engine sees them.
pub(crate) struct CohortModel {
    /// The organisation running the programme, for audit entries.
    pub tenant: Id,
    pub model: Model,
    pub people: Vec<Person>,
    /// Each person's current set (index into `sets`), or None for a newcomer.
    pub previous: Vec<Option<usize>>,
    pub sets: Vec<(ActionSet, Vec<Member>)>,
}

/// The stored rules over the current members and, with `newcomers`, everyone with a place who
/// has never been in one of the cohort's sets. None before any forming.
pub(crate) async fn cohort_model(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
    newcomers: bool,
) -> Result<Option<CohortModel>, AppError> {
    cohort_for_admin(conn, actor, cohort).await?;
    cohort_model_for(conn, cohort, newcomers).await
}

/// `cohort_model` without the programme lead check, for self-selection, where each person
/// with a place is checked against the rules.
pub(crate) async fn cohort_model_for(
    conn: &mut Conn,
    cohort: &Id,
    newcomers: bool,
) -> Result<Option<CohortModel>, AppError> {
    let c = cohorts::get(conn, cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenant = revans_storage::programmes::get(conn, &c.programme_id)
        .await?
        .ok_or(AppError::NotFound)?
        .organisation_id;
    let Some(stored) = sets::formation_rules(conn, cohort).await? else {
        return Ok(None);
    };
    let f: FormationInput = serde_json::from_str(&stored).map_err(AppError::internal)?;
    let sets = sets_with_members(conn, cohort).await?;
    let mut people = Vec::new();
    let mut previous = Vec::new();
    for (i, (_, members)) in sets.iter().enumerate() {
        for mem in members {
            if let Some(p) = people::get(conn, &mem.person_id).await? {
                people.push(p);
                previous.push(Some(i));
            }
        }
    }
    if newcomers {
        let mut ever = Vec::new();
        for (s, _) in &sets {
            ever.extend(
                sets::members(conn, &s.id)
                    .await?
                    .into_iter()
                    .map(|m| m.person_id),
            );
        }
        for p in sets::cohort_participants(conn, cohort).await? {
            if !ever.contains(&p.id) {
                people.push(p);
                previous.push(None);
            }
        }
    }
    // Pairs as stored; if someone in a pair has gone, the pairs are dropped (a pair of one).
    let rules = parse_rules(&f, &people).or_else(|_| {
        parse_rules(
            &FormationInput {
                pairs: String::new(),
                ..f.clone()
            },
            &people,
        )
    })?;
    let model = model(conn, &tenant, &people, &rules, Some(sets.len())).await?;
    Ok(Some(CohortModel {
        tenant,
        model,
        people,
        previous,
        sets,
    }))
}

/// Moves a member (with their pair) to another set of the cohort, if every rule still holds.
pub async fn move_member(
    state: &AppState,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
    to_set: &Id,
) -> Result<(), AppError> {
    let mut tx = state.store.begin().await?;
    let (tenant, _) = cohort_for_admin(&mut tx, actor, cohort).await?;
    let sets = sets_with_members(&mut tx, cohort).await?;
    let to_index = sets
        .iter()
        .position(|(s, _)| &s.id == to_set)
        .ok_or_else(|| AppError::field("to_set", "Choose one of this cohort's sets"))?;
    let moving: &Member = sets
        .iter()
        .flat_map(|(_, ms)| ms)
        .find(|m| &m.id == member)
        .ok_or_else(|| AppError::field("member", "Choose a member of this cohort's sets"))?;
    let unit: Vec<Member> = sets
        .iter()
        .flat_map(|(_, ms)| ms)
        .filter(|m| m.unit_key == moving.unit_key)
        .cloned()
        .collect();
    let Some((m, mut set_of)) = current_model(&mut tx, actor, cohort).await? else {
        return Err(AppError::NotFound);
    };
    let order: Vec<&Member> = sets.iter().flat_map(|(_, ms)| ms).collect();
    for u in &unit {
        if let Some(i) = order.iter().position(|o| o.id == u.id) {
            set_of[i] = to_index;
        }
    }
    let broken = revans_engine::violations(&m, &set_of);
    if !broken.is_empty() {
        return Err(AppError::field(
            "member",
            format!(
                "{} cannot move to {}: {}",
                moving.name,
                sets[to_index].0.name,
                broken.join("; ")
            ),
        ));
    }
    for u in &unit {
        sets::move_member(&mut tx, &u.id, to_set).await?;
    }
    let detail = format!("{} moved to {}", moving.name, sets[to_index].0.name);
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
    revans_storage::commit(tx).await.map_err(AppError::from)
}

/// Assigns one or two facilitators to a set. A facilitator must hold the facilitator role in
/// the tenant and must not be in any member's management chain.
pub async fn assign_facilitators(
    state: &AppState,
    actor: &Actor<'_>,
    set_id: &Id,
    chosen: &[Id],
) -> Result<(), AppError> {
    let mut tx = state.store.begin().await?;
    let set = sets::get(&mut tx, set_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (tenant, _) = cohort_for_admin(&mut tx, actor, &set.cohort_id).await?;
    if chosen.is_empty() || chosen.len() > 2 {
        return Err(AppError::field(
            "facilitators",
            "Choose one or two facilitators",
        ));
    }
    let allowed = facilitators_of(&mut tx, &tenant).await?;
    let lines: Vec<(String, String)> = reporting_lines::in_tree(&mut tx, &tenant)
        .await?
        .into_iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    let members = sets::members(&mut tx, set_id).await?;
    for id in chosen {
        let f = allowed.iter().find(|p| &p.id == id).ok_or_else(|| {
            AppError::field(
                "facilitators",
                "Choose people who hold the facilitator role",
            )
        })?;
        if let Some(m) = members.iter().find(|m| {
            m.left_at.is_none() && in_reporting_line(&lines, f.id.as_str(), m.person_id.as_str())
        }) {
            return Err(AppError::field(
                "facilitators",
                format!(
                    "{} cannot facilitate {}: they are in {}'s reporting line",
                    f.name, set.name, m.name
                ),
            ));
        }
    }
    sets::replace_facilitators(&mut tx, set_id, chosen).await?;
    actor
        .audit(
            &mut tx,
            "sets.facilitators",
            "set",
            set_id.as_str(),
            &format!("{} facilitator(s)", chosen.len()),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// People holding the facilitator role anywhere in the tenant.
pub async fn facilitators_of(conn: &mut Conn, tenant: &Id) -> Result<Vec<Person>, AppError> {
    let mut out = Vec::new();
    for p in people::list_in_tree(conn, tenant).await? {
        if people::roles(conn, &p.id)
            .await?
            .iter()
            .any(|g| g.role == Role::Facilitator)
        {
            out.push(p);
        }
    }
    Ok(out)
}

/// Publishes the cohort's draft sets and emails every member and facilitator.
pub async fn publish(state: &AppState, actor: &Actor<'_>, cohort: &Id) -> Result<usize, AppError> {
    let mut tx = state.store.begin().await?;
    let c = cohorts::get(&mut tx, cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let programme = load_for_admin(&mut tx, actor, &c.programme_id).await?;
    let all = sets_with_members(&mut tx, cohort).await?;
    let drafts: Vec<&(ActionSet, Vec<Member>)> =
        all.iter().filter(|(s, _)| !s.is_published()).collect();
    if drafts.is_empty() {
        return Err(AppError::field(
            "publish",
            "There are no draft sets to publish: form the sets first",
        ));
    }
    for (s, _) in &drafts {
        if sets::facilitators(&mut tx, &s.id).await?.is_empty() {
            return Err(AppError::field(
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
                headline: format!("Your action learning set is {}", s.name),
                lines: vec![
                    format!("Members: {}.", names.join(", ")),
                    format!("Facilitated by {}.", facilitator_names.join(" and ")),
                    "Your facilitator will send the dates of your meetings.".into(),
                ],
                link: format!("{}/sets/{}", state.settings.base_url(), s.id),
                link_label: "See your set".into(),
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
