//! Locks, repair and self-selection.
//!
//! Repair keeps the same model and adds, for each unit, a large bonus for staying in its
//! previous set: one moved person costs more than any diversity gain, so the optimum moves as
//! few people as possible and, among those, is the most diverse.

use std::fmt;

use crate::compile::compile;
use crate::explain::never_pairs;
use crate::form::{Formation, objective, run_compiled};
use crate::model::{AttrValues, Model, Rule};
use crate::{ModelError, Progress, SolveOptions};

/// One person changing set in a repair (`from` is None for a newcomer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub person: usize,
    pub from: Option<usize>,
    pub to: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    pub formation: Formation,
    /// People who changed set (newcomers are listed with `from: None`).
    pub moves: Vec<Move>,
}

impl Repair {
    /// People moved from one set to another (newcomers not counted).
    pub fn moved(&self) -> usize {
        self.moves.iter().filter(|m| m.from.is_some()).count()
    }
}

/// Keeps `locked` people in their current sets and re-optimises everyone else, starting from
/// the current formation.
pub fn reoptimise(
    model: &Model,
    current: &[usize],
    locked: &[usize],
    opts: &SolveOptions,
    progress: &mut dyn Progress,
) -> Result<Formation, ModelError> {
    let mut m2 = model.clone();
    for &p in locked {
        let g = *current.get(p).ok_or(ModelError::BadPerson { index: p })?;
        m2.pins.push((p, g));
    }
    let c = compile(&m2)?;
    let start = (0..c.members.len())
        .map(|u| current.get(c.members[u][0]).copied().unwrap_or(0) as u32)
        .collect();
    run_compiled(&m2, &c, opts, Some(start), None, progress)
}

/// A valid formation for the changed model (people joined, left or became unavailable) that
/// moves as few of the `previous` members as possible, then maximises diversity.
/// `previous[p]` is p's earlier set, or None for a newcomer.
pub fn repair(
    model: &Model,
    previous: &[Option<usize>],
    opts: &SolveOptions,
    progress: &mut dyn Progress,
) -> Result<Repair, ModelError> {
    let n = model.ids.len();
    if previous.len() != n {
        return Err(ModelError::BadPerson {
            index: previous.len(),
        });
    }
    let c = compile(model)?;
    let m = model.sets.len();
    // A bonus larger than the whole objective can ever swing.
    let weights: f64 = model
        .rules
        .iter()
        .map(|r| match r {
            Rule::Diverse { weight, .. }
            | Rule::Similar { weight, .. }
            | Rule::DontIsolate { weight, .. } => weight.abs(),
            _ => 0.0,
        })
        .sum::<f64>()
        + model.history_weight.abs() * (1 + model.history.len()) as f64;
    let pairs: f64 = model
        .sets
        .iter()
        .map(|b| (b.max * b.max.saturating_sub(1)) as f64 / 2.0)
        .sum();
    let big = 1.0 + 2.0 * weights * (pairs + n as f64);
    let nu = c.members.len();
    let mut unary = vec![0.0; nu * m];
    let mut start = vec![u32::MAX; nu];
    for (u, ms) in c.members.iter().enumerate() {
        for &p in ms {
            if let Some(g) = previous[p].filter(|&g| g < m) {
                unary[u * m + g] += big;
                start[u] = g as u32;
            }
        }
    }
    // Newcomers go to the set with the most room; the search fixes the rest.
    let mut size = vec![0usize; m];
    for (u, &g) in start.iter().enumerate() {
        if g != u32::MAX {
            size[g as usize] += c.members[u].len();
        }
    }
    for (u, slot) in start.iter_mut().enumerate() {
        if *slot == u32::MAX {
            let g = (0..m)
                .max_by_key(|&g| model.sets[g].max as i64 - size[g] as i64)
                .unwrap_or(0);
            *slot = g as u32;
            size[g] += c.members[u].len();
        }
    }
    let mut formation = run_compiled(model, &c, opts, Some(start), Some(unary), progress)?;
    formation.objective = objective(model, &formation.set_of);
    let moves = (0..n)
        .filter(|&p| previous[p] != Some(formation.set_of[p]))
        .map(|p| Move {
            person: p,
            from: previous[p],
            to: formation.set_of[p],
        })
        .collect();
    Ok(Repair { formation, moves })
}

/// Why a person may not join a set themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub rule: String,
    pub reason: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.reason, self.rule)
    }
}

fn cat(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Self-selection: may `person` (with their unit) join `set`, given who has signed up so far
/// (`current[p]` = Some(set) for people already in a set)? Checks every hard rule, and that the
/// people still free can meet the other sets' minimums afterwards.
pub fn may_join(
    model: &Model,
    current: &[Option<usize>],
    person: usize,
    set: usize,
) -> Result<(), Refusal> {
    let n = model.ids.len();
    let m = model.sets.len();
    let refuse = |rule: &str, reason: String| {
        Err(Refusal {
            rule: rule.to_string(),
            reason,
        })
    };
    if person >= n || current.len() != n {
        return refuse("input", "unknown person".into());
    }
    let id = &model.ids[person];
    if set >= m {
        return refuse("sets", format!("there is no set {}", set + 1));
    }
    let mut unit = vec![person];
    for u in model.units.iter().filter(|u| u.contains(&person)) {
        for &q in u {
            if !unit.contains(&q) {
                unit.push(q);
            }
        }
    }
    for &(p, g) in &model.pins {
        if unit.contains(&p) && g != set {
            return refuse(
                "pin",
                format!("'{}' is pinned to set {}", model.ids[p], g + 1),
            );
        }
    }
    let joining: Vec<usize> = unit
        .iter()
        .copied()
        .filter(|&q| current[q] != Some(set))
        .collect();
    let members: Vec<usize> = (0..n)
        .filter(|&q| current[q] == Some(set) && !unit.contains(&q))
        .collect();
    let after = members.len() + unit.len();
    if after > model.sets[set].max {
        return refuse(
            "set size",
            format!(
                "set {} is full (at most {} people)",
                set + 1,
                model.sets[set].max
            ),
        );
    }
    for (a, b, why) in never_pairs(model) {
        let (x, y) = if unit.contains(&a) {
            (a, b)
        } else if unit.contains(&b) {
            (b, a)
        } else {
            continue;
        };
        if members.contains(&y) {
            return refuse(
                "never together",
                format!(
                    "'{}' is in set {} and may not share it with '{}' ({why})",
                    model.ids[y],
                    set + 1,
                    model.ids[x]
                ),
            );
        }
    }
    let free_after: Vec<usize> = (0..n)
        .filter(|&q| current[q].is_none() && !joining.contains(&q))
        .collect();
    for rule in &model.rules {
        match rule {
            Rule::MaxPer { attr, k } => {
                let AttrValues::Categorical(v) = &model.attributes[*attr].values else {
                    continue;
                };
                for &q in &unit {
                    let Some(x) = cat(&v[q]) else { continue };
                    let c = members
                        .iter()
                        .chain(unit.iter())
                        .filter(|&&r| cat(&v[r]) == Some(x))
                        .count();
                    if c > *k {
                        let name = &model.attributes[*attr].name;
                        return refuse(
                            &format!("at most {k} per {name}"),
                            format!(
                                "set {} already has {} with {name} '{x}'",
                                set + 1,
                                c - unit.iter().filter(|&&r| cat(&v[r]) == Some(x)).count()
                            ),
                        );
                    }
                }
            }
            Rule::MinPer { attr, value, k } => {
                let AttrValues::Categorical(v) = &model.attributes[*attr].values else {
                    continue;
                };
                let has = |q: usize| cat(&v[q]) == Some(value.trim());
                if !joining.iter().any(|&q| has(q)) {
                    continue;
                }
                let need: usize = (0..m)
                    .filter(|&g| g != set)
                    .map(|g| {
                        k.saturating_sub(
                            (0..n).filter(|&q| current[q] == Some(g) && has(q)).count(),
                        )
                    })
                    .sum();
                let left = free_after.iter().filter(|&&q| has(q)).count();
                if left < need {
                    return refuse(
                        &format!("at least {k} {value} per set"),
                        format!(
                            "the other sets still need {need} {value} and only {left} would be left besides '{id}'"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    let short: usize = (0..m)
        .filter(|&g| g != set)
        .map(|g| {
            model.sets[g]
                .min
                .saturating_sub((0..n).filter(|&q| current[q] == Some(g)).count())
        })
        .sum();
    if free_after.len() < short {
        return refuse(
            "set size",
            format!(
                "the other sets still need {short} people to reach their minimum and only {} would be left",
                free_after.len()
            ),
        );
    }
    Ok(())
}
