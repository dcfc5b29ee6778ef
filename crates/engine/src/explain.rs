//! Explaining a formation: per set its score, its rule checks and the attributes it mixes;
//! per person the rules that hold them where they are. Also the independent hard-rule check.

use std::collections::BTreeMap;

use crate::form::Scorer;
use crate::model::{AttrValues, Model, Rule};

#[derive(Debug, Clone, PartialEq)]
pub struct RuleCheck {
    pub rule: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetExplanation {
    /// 0-based set index (shown 1-based).
    pub set: usize,
    pub members: Vec<usize>,
    /// Diversity of the set's pairs minus its penalties.
    pub score: f64,
    pub checks: Vec<RuleCheck>,
    /// Per attribute in a diverse/similar rule: "organisation: 4 values (A x2, B, C, D)".
    pub mixes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonExplanation {
    pub person: usize,
    pub set: usize,
    /// Rules that keep the person in this set, in words.
    pub binding: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub sets: Vec<SetExplanation>,
    pub people: Vec<PersonExplanation>,
}

/// A test on the value counts of one set.
type CountCheck<'a> = Box<dyn Fn(&BTreeMap<&str, usize>) -> bool + 'a>;

fn cat(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Every never-together pair with its reason: the given ones and each management chain.
pub(crate) fn never_pairs(model: &Model) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = model
        .never
        .iter()
        .map(|x| (x.a, x.b, x.reason.clone()))
        .collect();
    for p in 0..model.managers.len() {
        let mut x = model.managers[p];
        let mut steps = 0;
        while let Some(b) = x {
            if steps > model.ids.len() {
                break;
            }
            steps += 1;
            out.push((p, b, "reporting line".to_string()));
            x = model.managers.get(b).copied().flatten();
        }
    }
    out
}

fn values_in<'a>(v: &'a [Option<String>], members: &[usize]) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for &p in members {
        if let Some(x) = cat(&v[p]) {
            *counts.entry(x).or_insert(0) += 1;
        }
    }
    counts
}

/// One hard rule a formation breaks, with the people and sets it names (indexes), so a caller
/// can say it in its own words.
#[derive(Debug, Clone, PartialEq)]
pub enum Broken {
    /// Not everyone is in one of the sets.
    Unassigned,
    /// A set's size is outside its bounds.
    Size {
        set: usize,
        people: usize,
        min: usize,
        max: usize,
    },
    /// A unit (people who come together) is split; `person` is its first member.
    UnitSplit { person: usize },
    /// Two people who may never share a set share one.
    Together { a: usize, b: usize, reason: String },
    /// A pinned person is elsewhere.
    NotPinned { person: usize, set: usize },
    /// A count rule (at most / at least) fails in a set; `rule` indexes `model.rules`.
    Count { set: usize, rule: usize },
}

/// Hard rules the formation breaks (empty when it is valid). Straight from the model; the
/// property tests hold the engine to it.
pub fn broken(model: &Model, set_of: &[usize]) -> Vec<Broken> {
    let mut out = Vec::new();
    let m = model.sets.len();
    let members =
        |g: usize| -> Vec<usize> { (0..model.ids.len()).filter(|&p| set_of[p] == g).collect() };
    if set_of.len() != model.ids.len() || set_of.iter().any(|&g| g >= m) {
        return vec![Broken::Unassigned];
    }
    for (g, b) in model.sets.iter().enumerate() {
        let k = members(g).len();
        if k < b.min || k > b.max {
            out.push(Broken::Size {
                set: g,
                people: k,
                min: b.min,
                max: b.max,
            });
        }
    }
    for unit in &model.units {
        if unit.iter().any(|&p| set_of[p] != set_of[unit[0]]) {
            out.push(Broken::UnitSplit { person: unit[0] });
        }
    }
    for (a, b, reason) in never_pairs(model) {
        if set_of[a] == set_of[b] {
            out.push(Broken::Together { a, b, reason });
        }
    }
    for &(p, g) in &model.pins {
        if set_of[p] != g {
            out.push(Broken::NotPinned { person: p, set: g });
        }
    }
    for (i, rule) in model.rules.iter().enumerate() {
        let (attr, check): (usize, CountCheck) = match rule {
            Rule::MaxPer { attr, k } => (*attr, Box::new(move |c| c.values().all(|&x| x <= *k))),
            Rule::MinPer { attr, value, k } => (
                *attr,
                Box::new(move |c| c.get(value.trim()).copied().unwrap_or(0) >= *k),
            ),
            _ => continue,
        };
        if let AttrValues::Categorical(v) = &model.attributes[attr].values {
            for g in 0..m {
                if !check(&values_in(v, &members(g))) {
                    out.push(Broken::Count { set: g, rule: i });
                }
            }
        }
    }
    out
}

/// Hard rules the formation breaks, in the engine's words (empty when it is valid).
pub fn violations(model: &Model, set_of: &[usize]) -> Vec<String> {
    broken(model, set_of)
        .into_iter()
        .map(|b| match b {
            Broken::Unassigned => "not everyone is in a set".into(),
            Broken::Size {
                set,
                people,
                min,
                max,
            } => format!("set {} has {people} people, outside {min}..{max}", set + 1),
            Broken::UnitSplit { person } => {
                format!("unit of '{}' is split", model.ids[person])
            }
            Broken::Together { a, b, reason } => format!(
                "'{}' and '{}' share a set ({reason})",
                model.ids[a], model.ids[b]
            ),
            Broken::NotPinned { person, set } => {
                format!("'{}' is not in pinned set {}", model.ids[person], set + 1)
            }
            Broken::Count { set, rule } => format!(
                "set {} breaks {}",
                set + 1,
                crate::compile::rule_name(model, &model.rules[rule])
            ),
        })
        .collect()
}

pub fn explain(model: &Model, set_of: &[usize]) -> Explanation {
    let m = model.sets.len();
    let n = model.ids.len();
    let never = never_pairs(model);
    let scorer = Scorer::new(model);
    let mut members_of = vec![Vec::new(); m];
    for (p, &g) in set_of.iter().enumerate() {
        members_of[g].push(p);
    }
    let mut apart_in = vec![0usize; m];
    let mut partners = vec![Vec::new(); n];
    for (a, b, _) in &never {
        partners[*a].push(*b);
        partners[*b].push(*a);
        if set_of[*a] == set_of[*b] {
            apart_in[set_of[*a]] += 1;
        }
    }
    let mut met_in = vec![0usize; m];
    for &(a, b) in &model.history {
        if a != b && set_of[a] == set_of[b] {
            met_in[set_of[a]] += 1;
        }
    }
    let mut sets = Vec::with_capacity(m);
    for g in 0..m {
        let members = members_of[g].clone();
        let mut score = 0.0;
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                score += scorer.pair(a, b);
            }
        }
        let met = met_in[g];
        score -= met as f64 * model.history_weight;
        let b = model.sets[g];
        let mut checks = vec![RuleCheck {
            rule: format!("size {}..{}", b.min, b.max),
            ok: (b.min..=b.max).contains(&members.len()),
            detail: format!("{} people", members.len()),
        }];
        let apart = apart_in[g];
        checks.push(RuleCheck {
            rule: "never together / reporting lines".into(),
            ok: apart == 0,
            detail: if apart == 0 {
                "no pair in a reporting line".into()
            } else {
                format!("{apart} pairs together")
            },
        });
        if !model.history.is_empty() {
            checks.push(RuleCheck {
                rule: "mix people who have not met".into(),
                ok: met == 0,
                detail: format!("{met} earlier pairs meet again"),
            });
        }
        for rule in &model.rules {
            let (attr, name) = match rule {
                Rule::MaxPer { attr, .. }
                | Rule::MinPer { attr, .. }
                | Rule::DontIsolate { attr, .. } => (*attr, crate::compile::rule_name(model, rule)),
                _ => continue,
            };
            let AttrValues::Categorical(v) = &model.attributes[attr].values else {
                continue;
            };
            let counts = values_in(v, &members);
            let (ok, detail) = match rule {
                Rule::MaxPer { k, .. } => {
                    let (top, c) = counts
                        .iter()
                        .max_by_key(|x| *x.1)
                        .map_or(("-", 0), |(a, b)| (*a, *b));
                    (c <= *k, format!("most: {c} {top}"))
                }
                Rule::MinPer { value, k, .. } => {
                    let c = counts.get(value.trim()).copied().unwrap_or(0);
                    (c >= *k, format!("{c} {value}"))
                }
                Rule::DontIsolate { weight, .. } => {
                    let lone: Vec<&str> =
                        counts.iter().filter(|x| *x.1 == 1).map(|x| *x.0).collect();
                    score -= weight * lone.len() as f64;
                    (
                        lone.is_empty(),
                        if lone.is_empty() {
                            "nobody alone".into()
                        } else {
                            format!("alone: {}", lone.join(", "))
                        },
                    )
                }
                _ => continue,
            };
            checks.push(RuleCheck {
                rule: name,
                ok,
                detail,
            });
        }
        let mut mixes = Vec::new();
        for rule in &model.rules {
            let attr = match rule {
                Rule::Diverse { attr, .. } | Rule::Similar { attr, .. } => *attr,
                _ => continue,
            };
            let a = &model.attributes[attr];
            match &a.values {
                AttrValues::Categorical(v) => {
                    let counts = values_in(v, &members);
                    let list: Vec<String> = counts
                        .iter()
                        .map(|(x, c)| {
                            if *c > 1 {
                                format!("{x} x{c}")
                            } else {
                                x.to_string()
                            }
                        })
                        .collect();
                    mixes.push(format!(
                        "{}: {} values ({})",
                        a.name,
                        counts.len(),
                        list.join(", ")
                    ));
                }
                AttrValues::Numeric(v) => {
                    let xs: Vec<f64> = members.iter().filter_map(|&p| v[p]).collect();
                    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    if !xs.is_empty() {
                        mixes.push(format!("{}: {lo} to {hi}", a.name));
                    }
                }
            }
        }
        sets.push(SetExplanation {
            set: g,
            members,
            score,
            checks,
            mixes,
        });
    }
    let people = (0..n)
        .map(|p| PersonExplanation {
            person: p,
            set: set_of[p],
            binding: binding(model, set_of, &members_of[set_of[p]], &partners[p], p),
        })
        .collect();
    Explanation { sets, people }
}

/// Why a person is where they are: pins, units, and rules at their limit in their set.
fn binding(
    model: &Model,
    set_of: &[usize],
    members: &[usize],
    partners: &[usize],
    p: usize,
) -> Vec<String> {
    let g = set_of[p];
    let mut out = Vec::new();
    if model.pins.iter().any(|&(q, s)| q == p && s == g) {
        out.push(format!("pinned to set {}", g + 1));
    }
    for unit in model.units.iter().filter(|u| u.contains(&p)) {
        let others: Vec<&str> = unit
            .iter()
            .filter(|&&q| q != p)
            .map(|&q| model.ids[q].as_str())
            .collect();
        if !others.is_empty() {
            out.push(format!("stays with {} (one unit)", others.join(", ")));
        }
    }
    for rule in &model.rules {
        match rule {
            Rule::MinPer { attr, value, k } => {
                let AttrValues::Categorical(v) = &model.attributes[*attr].values else {
                    continue;
                };
                if cat(&v[p]) != Some(value.trim()) {
                    continue;
                }
                let c = members
                    .iter()
                    .filter(|&&q| cat(&v[q]) == Some(value.trim()))
                    .count();
                if c <= *k {
                    out.push(if c == 1 {
                        format!("the only {value} in set {} (at least {k} per set)", g + 1)
                    } else {
                        format!(
                            "one of the {c} {value}s set {} needs (at least {k} per set)",
                            g + 1
                        )
                    });
                }
            }
            Rule::MaxPer { attr, k } => {
                let AttrValues::Categorical(v) = &model.attributes[*attr].values else {
                    continue;
                };
                let Some(x) = cat(&v[p]) else { continue };
                let c = members.iter().filter(|&&q| cat(&v[q]) == Some(x)).count();
                if c >= *k {
                    out.push(format!(
                        "set {} is at the limit of {k} per {} for '{x}'",
                        g + 1,
                        model.attributes[*attr].name
                    ));
                }
            }
            _ => {}
        }
    }
    let apart: Vec<&str> = partners
        .iter()
        .map(|&q| model.ids[q].as_str())
        .take(3)
        .collect();
    if !apart.is_empty() {
        out.push(format!("kept apart from {}", apart.join(", ")));
    }
    out
}
