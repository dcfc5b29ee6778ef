//! The rules a lead chooses for forming a cohort's sets, and the engine model built from them
//! and from the people, pairs and reporting lines stored: shared by forming, moving, repair
//! and self-selection.

use revans_domain::{Id, SetSize, pairs_in_reporting_lines};
use revans_engine::{AttrValues, Attribute, Model, Never, Rule};
use revans_storage::people::Person;
use revans_storage::sets::{self, ActionSet, Member};
use revans_storage::{Conn, cohorts, people, reporting_lines};

use crate::Actor;
use crate::Error;
use crate::places::programmes::load_for_admin;
use crate::sets::formation_attributes::{self, AttributeRules};
use revans_domain::FieldError;

/// The rules as the lead typed them; also what is stored to re-check moves later.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct FormationInput {
    pub size_min: String,
    pub size_max: String,
    /// Blank for no limit.
    pub max_per_organisation: String,
    /// One pair per line: two email addresses separated by a comma.
    pub pairs: String,
    pub review_every: String,
    /// `yes`: a set's facilitators come from an organisation none of its members is from
    /// (some programmes ask this so a set can speak freely about its employers).
    pub facilitators_elsewhere: String,
    /// CSV: `email`, then one column per attribute (profession, grade, timezone...).
    pub attributes: String,
    /// One rule per line on those columns ("diverse profession", "at most 2 per department").
    pub attribute_rules: String,
}

impl FormationInput {
    pub fn facilitators_elsewhere(&self) -> bool {
        self.facilitators_elsewhere.trim() == "yes"
    }
}

impl FormationInput {
    pub fn suggested() -> Self {
        FormationInput {
            size_min: "5".into(),
            size_max: "7".into(),
            max_per_organisation: "2".into(),
            pairs: String::new(),
            review_every: "7".into(),
            facilitators_elsewhere: String::new(),
            attributes: String::new(),
            attribute_rules: String::new(),
        }
    }
}

/// The smallest and largest set size as typed, checked.
pub(crate) fn size_bounds(f: &FormationInput) -> Result<(usize, usize), Error> {
    let number = |raw: &str| raw.trim().parse::<i64>().ok();
    match (number(&f.size_min), number(&f.size_max)) {
        (Some(a), Some(b)) => {
            let s = SetSize::new(a, b).map_err(|e| Error::field("size_min", e.message))?;
            Ok((usize::from(s.min()), usize::from(s.max())))
        }
        _ => Err(Error::field(
            "size_min",
            "Enter the smallest and largest set size as whole numbers, like 5 and 7",
        )),
    }
}

/// The parsed rules.
pub(crate) struct Rules {
    pub size: SetSize,
    pub max_per_org: Option<usize>,
    /// Pairs as indexes into the participant list.
    pub pairs: Vec<(usize, usize)>,
    /// The line of the lead's list each pair is on (1-based).
    pub pair_lines: Vec<usize>,
    pub review_every: i64,
    /// The lead's own attributes and rules on them.
    pub extra: AttributeRules,
}

/// Checks the rules as typed. With `strict`, every row of the attributes CSV must be someone
/// with a place (a fresh form); rules stored earlier skip people who have since gone.
pub(crate) fn parse_rules(
    f: &FormationInput,
    people: &[Person],
    strict: bool,
) -> Result<Rules, Error> {
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
    let mut pair_lines = Vec::new();
    for (i, line) in f
        .pairs
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let typed: Vec<&str> = line.split(',').map(str::trim).collect();
        let found: Vec<Option<usize>> = typed
            .iter()
            .map(|e| {
                let e = e.to_lowercase();
                people.iter().position(|p| p.email.to_lowercase() == e)
            })
            .collect();
        let row = i + 1;
        match found.as_slice() {
            [Some(a), Some(b)] if a != b => {
                let earlier = [a, b].into_iter().find_map(|x| {
                    pairs
                        .iter()
                        .position(|(p, q)| p == x || q == x)
                        .map(|k| (x, pair_lines[k]))
                });
                if let Some((x, at)) = earlier {
                    err(
                        "pairs",
                        format!(
                            "Line {row}: {} ({}) is already in the pair on line {at}",
                            people[*x].name, people[*x].email
                        ),
                    );
                } else {
                    pairs.push((*a, *b));
                    pair_lines.push(row);
                }
            }
            [Some(a), Some(_)] => err(
                "pairs",
                format!(
                    "Line {row}: {} is named twice: a pair is two different people",
                    people[*a].name
                ),
            ),
            [_, _] => {
                for (t, _) in typed.iter().zip(&found).filter(|(_, x)| x.is_none()) {
                    err(
                        "pairs",
                        format!(
                            "Line {row}: {} has no place in this cohort (both people in a pair must have one)",
                            if t.is_empty() { "a blank address" } else { t }
                        ),
                    );
                }
            }
            _ => err(
                "pairs",
                format!("Line {row}: write two email addresses separated by a comma"),
            ),
        }
    }
    let extra = match formation_attributes::parse(&f.attributes, &f.attribute_rules, people, strict)
    {
        Ok(extra) => extra,
        Err(more) => {
            errors.extend(more);
            AttributeRules::default()
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(Rules {
        size: size.ok_or_else(|| Error::field("size_min", "Enter the set sizes"))?,
        max_per_org,
        pairs,
        pair_lines,
        review_every,
        extra,
    })
}

/// The engine's model of the cohort: people (named so messages are readable), organisation as
/// the attribute to mix, pairs as units, anyone in each other's management chain kept apart.
pub(crate) async fn model(
    conn: &mut Conn,
    tenant: &Id,
    cohort: &Id,
    people: &[Person],
    rules: &Rules,
    sets_count: Option<usize>,
) -> Result<Model, Error> {
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
    // The lead's own attributes come after organisation; their rules shift by as much.
    let offset = m.attributes.len();
    m.attributes.extend(rules.extra.attributes.iter().cloned());
    m.rules
        .extend(rules.extra.rules.iter().map(|r| match r.clone() {
            Rule::Diverse { attr, weight } => Rule::Diverse {
                attr: attr + offset,
                weight,
            },
            Rule::Similar { attr, weight } => Rule::Similar {
                attr: attr + offset,
                weight,
            },
            Rule::MaxPer { attr, k } => Rule::MaxPer {
                attr: attr + offset,
                k,
            },
            Rule::MinPer { attr, value, k } => Rule::MinPer {
                attr: attr + offset,
                value,
                k,
            },
            Rule::DontIsolate { attr, weight } => Rule::DontIsolate {
                attr: attr + offset,
                weight,
            },
        }));
    let (min, max) = (usize::from(rules.size.min()), usize::from(rules.size.max()));
    m.sets = match sets_count {
        Some(count) => vec![revans_engine::SetBounds { min, max }; count],
        None => Model::sets_by_size(people.len(), min, max)
            .map_err(|e| Error::field("size_min", e.to_string()))?,
    };
    m.units = rules.pairs.iter().map(|&(a, b)| vec![a, b]).collect();
    let lines: Vec<(String, String)> = reporting_lines::in_tree(conn, tenant)
        .await?
        .into_iter()
        .map(|(p, mgr)| (p.to_string(), mgr.to_string()))
        .collect();
    let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    for (a, b) in pairs_in_reporting_lines(&lines, &ids) {
        m.never.push(Never {
            a,
            b,
            reason: "one manages the other".into(),
        });
    }
    // A pair in one management chain cannot share a set: the wish to come together gives way
    // to the reporting line, and the lead's page says so (`dropped_pairs`).
    m.units
        .retain(|u| !m.never.iter().any(|x| u.contains(&x.a) && u.contains(&x.b)));
    // People who shared a set in an earlier cycle are kept apart where the rules allow, so a
    // new cycle mixes people. A pair meeting again costs more than any one pair can add in
    // diversity (at most 1 here), so the engine only pairs them when it must.
    let index: std::collections::HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    for (a, b) in sets::earlier_set_mates(conn, cohort).await? {
        if let (Some(&a), Some(&b)) = (index.get(a.as_str()), index.get(b.as_str())) {
            m.history.push((a, b));
        }
    }
    m.history_weight = 2.0;
    Ok(m)
}

/// The cohort's draft or published sets with their current members, in set order.
pub async fn sets_with_members(
    conn: &mut Conn,
    cohort: &Id,
) -> Result<Vec<(ActionSet, Vec<Member>)>, Error> {
    // Two queries for the whole cohort, however many sets it has.
    let all_sets = sets::list_for_cohort(conn, cohort).await?;
    let mut by_set: std::collections::HashMap<Id, Vec<Member>> = Default::default();
    for m in sets::members_of_cohort(conn, cohort).await? {
        if m.left_at.is_none() {
            by_set.entry(m.set_id.clone()).or_default().push(m);
        }
    }
    Ok(all_sets
        .into_iter()
        .map(|s| {
            let members = by_set.remove(&s.id).unwrap_or_default();
            (s, members)
        })
        .collect())
}

/// Loads the cohort and checks the viewer runs its programme; returns (tenant, timezone).
pub(crate) async fn cohort_for_admin(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<(Id, String), Error> {
    let c = cohorts::get(conn, cohort).await?.ok_or(Error::NotFound)?;
    let p = load_for_admin(conn, actor, &c.programme_id).await?;
    Ok((p.organisation_id, c.timezone))
}

/// The model of the stored rules and the current assignment, or None before any forming.
pub(crate) async fn current_model(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<Option<(Model, Vec<usize>)>, Error> {
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
    /// Pairs the lead listed (indexes into `people`) who cannot come together: one manages
    /// the other.
    pub dropped_pairs: Vec<(usize, usize)>,
}

/// The listed pairs the model could not keep together (they are in one management chain).
pub(crate) fn dropped_pairs(rules: &Rules, model: &Model) -> Vec<(usize, usize)> {
    rules
        .pairs
        .iter()
        .copied()
        .filter(|(a, b)| !model.units.iter().any(|u| u.contains(a) && u.contains(b)))
        .collect()
}

/// The stored rules over the current members and, with `newcomers`, everyone with a place who
/// has never been in one of the cohort's sets. None before any forming.
pub(crate) async fn cohort_model(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
    newcomers: bool,
) -> Result<Option<CohortModel>, Error> {
    cohort_for_admin(conn, actor, cohort).await?;
    cohort_model_for(conn, cohort, newcomers).await
}

/// `cohort_model` without the programme lead check, for self-selection, where each person
/// with a place is checked against the rules.
pub(crate) async fn cohort_model_for(
    conn: &mut Conn,
    cohort: &Id,
    newcomers: bool,
) -> Result<Option<CohortModel>, Error> {
    let c = cohorts::get(conn, cohort).await?.ok_or(Error::NotFound)?;
    let tenant = revans_storage::programmes::get(conn, &c.programme_id)
        .await?
        .ok_or(Error::NotFound)?
        .organisation_id;
    let Some(stored) = sets::formation_rules(conn, cohort).await? else {
        return Ok(None);
    };
    let f: FormationInput = serde_json::from_str(&stored).map_err(Error::internal)?;
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
    let rules = parse_rules(&f, &people, false).or_else(|_| {
        parse_rules(
            &FormationInput {
                pairs: String::new(),
                ..f.clone()
            },
            &people,
            false,
        )
    })?;
    let model = model(conn, &tenant, cohort, &people, &rules, Some(sets.len())).await?;
    let dropped_pairs = dropped_pairs(&rules, &model);
    Ok(Some(CohortModel {
        dropped_pairs,
        tenant,
        model,
        people,
        previous,
        sets,
    }))
}

/// One pair of the lead's list, by name and organisation, for the pair picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairByName {
    /// Its line in the list (1-based).
    pub line: usize,
    pub first: String,
    pub second: String,
}

fn label(p: &Person) -> String {
    format!("{} ({})", p.name, p.organisation_name)
}

/// The pairs listed so far, by name; a line naming someone without a place is left out here
/// (forming names it as an error).
pub fn pairs_by_name(f: &FormationInput, people: &[Person]) -> Vec<PairByName> {
    let find = |e: &str| {
        let e = e.trim().to_lowercase();
        people.iter().find(|p| p.email.to_lowercase() == e)
    };
    f.pairs
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (a, b) = line.split_once(',')?;
            Some(PairByName {
                line: i + 1,
                first: label(find(a)?),
                second: label(find(b)?),
            })
        })
        .collect()
}

/// Adds the pair chosen in the picker (two people's ids) to the end of the list, or says what
/// is wrong, naming the people: fields `pair_a` and `pair_b`.
pub fn add_pair(
    f: &mut FormationInput,
    people: &[Person],
    first: &str,
    second: &str,
) -> Result<(), Error> {
    let find = |raw: &str| people.iter().find(|p| p.id.as_str() == raw.trim());
    let (a, b) = match (find(first), find(second)) {
        (Some(a), Some(b)) => (a, b),
        (a, b) => {
            let mut errors = Vec::new();
            if a.is_none() {
                errors.push(FieldError {
                    field: "pair_a".into(),
                    message: "Choose the first person of the pair".into(),
                });
            }
            if b.is_none() {
                errors.push(FieldError {
                    field: "pair_b".into(),
                    message: "Choose the second person of the pair".into(),
                });
            }
            return Err(Error::Invalid(errors));
        }
    };
    if a.id == b.id {
        return Err(Error::field(
            "pair_b",
            format!(
                "Choose someone other than {}: a pair is two different people",
                a.name
            ),
        ));
    }
    for (i, line) in f.pairs.lines().enumerate() {
        let emails: Vec<String> = line.split(',').map(|e| e.trim().to_lowercase()).collect();
        for (field, p) in [("pair_a", a), ("pair_b", b)] {
            if emails.contains(&p.email.to_lowercase()) {
                return Err(Error::field(
                    field,
                    format!("{} is already in the pair on line {}", p.name, i + 1),
                ));
            }
        }
    }
    let mut list: Vec<&str> = f.pairs.lines().filter(|l| !l.trim().is_empty()).collect();
    let line = format!("{}, {}", a.email, b.email);
    list.push(&line);
    f.pairs = list.join("\n");
    Ok(())
}

/// Removes line `line` (1-based) of the list of pairs; another number changes nothing.
pub fn remove_pair(f: &mut FormationInput, line: usize) {
    f.pairs = f
        .pairs
        .lines()
        .enumerate()
        .filter(|(i, _)| i + 1 != line)
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
}
