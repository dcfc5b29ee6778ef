//! Turns a [`Model`] into the search's [`Problem`]: checks every input, merges people into
//! units, derives never-together pairs from management chains, encodes the count rules and
//! precomputes pair weights. Each impossibility is reported as a [`ModelError`] sentence.

use std::collections::HashMap;

use crate::ModelError;
use crate::counts::{categorical, count_rules, encode};
use crate::model::{AttrValues, Model, Rule};
use crate::problem::{Dense, Features, Problem};

/// Above this many units the pair weights are computed on demand instead of stored.
const DENSE_MAX_UNITS: usize = 2000;

pub(crate) enum Weighted {
    Dense(Problem<Dense>),
    Features(Problem<Features>),
}

pub(crate) struct Compiled {
    pub(crate) unit_of: Vec<usize>,
    pub(crate) members: Vec<Vec<usize>>,
    pub(crate) problem: Weighted,
    /// Per counted attribute: the model attribute and value names by code.
    pub(crate) counted_attr: Vec<(usize, Vec<String>)>,
}

impl Compiled {
    pub(crate) fn unit_name(&self, model: &Model, u: usize) -> String {
        let names: Vec<&str> = self.members[u]
            .iter()
            .map(|&p| model.ids[p].as_str())
            .collect();
        if names.len() == 1 {
            format!("'{}'", names[0])
        } else {
            format!("the unit {}", names.join(" + "))
        }
    }
}

fn union_find_units(model: &Model, n: usize) -> Result<(Vec<usize>, Vec<Vec<usize>>), ModelError> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for unit in &model.units {
        for &p in unit {
            if p >= n {
                return Err(ModelError::BadPerson { index: p });
            }
            let (a, b) = (root(&mut parent, unit[0]), root(&mut parent, p));
            parent[b] = a;
        }
    }
    let mut index = vec![usize::MAX; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut unit_of = vec![0; n];
    for (p, slot) in unit_of.iter_mut().enumerate() {
        let r = root(&mut parent, p);
        if index[r] == usize::MAX {
            index[r] = members.len();
            members.push(Vec::new());
        }
        *slot = index[r];
        members[index[r]].push(p);
    }
    Ok((unit_of, members))
}

/// Everyone above or below each person in the management chain, with cycle detection.
fn chain_pairs(model: &Model, n: usize) -> Result<Vec<(usize, usize, String)>, ModelError> {
    if model.managers.is_empty() {
        return Ok(Vec::new());
    }
    if model.managers.len() != n {
        return Err(ModelError::BadPerson {
            index: model.managers.len(),
        });
    }
    let mut out = Vec::new();
    // 0 = unvisited, 1 = on the current path, 2 = done (chain known to end).
    let mut state = vec![0u8; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut x = start;
        while state[x] == 0 {
            state[x] = 1;
            path.push(x);
            match model.managers[x] {
                Some(mgr) if mgr >= n => return Err(ModelError::BadPerson { index: mgr }),
                Some(mgr) => x = mgr,
                None => break,
            }
        }
        if state[x] == 1 && model.managers[x].is_some() && path.contains(&x) {
            let from = path.iter().position(|&p| p == x).unwrap_or(0);
            let mut chain: Vec<String> =
                path[from..].iter().map(|&p| model.ids[p].clone()).collect();
            chain.push(model.ids[x].clone());
            return Err(ModelError::ManagerCycle { chain });
        }
        for p in path {
            state[p] = 2;
        }
    }
    for p in 0..n {
        let mut x = model.managers[p];
        while let Some(boss) = x {
            out.push((
                p,
                boss,
                format!(
                    "'{}' is in the management chain of '{}'",
                    model.ids[boss], model.ids[p]
                ),
            ));
            x = model.managers[boss];
        }
    }
    Ok(out)
}

pub(crate) fn rule_name(model: &Model, rule: &Rule) -> String {
    let name = |a: usize| {
        model
            .attributes
            .get(a)
            .map_or("?".to_string(), |x| x.name.clone())
    };
    match rule {
        Rule::Diverse { attr, .. } => format!("diverse {}", name(*attr)),
        Rule::Similar { attr, .. } => format!("similar {}", name(*attr)),
        Rule::MaxPer { attr, k } => format!("at most {k} per {}", name(*attr)),
        Rule::MinPer { attr, value, k } => format!("at least {k} {value} ({})", name(*attr)),
        Rule::DontIsolate { attr, .. } => format!("don't isolate {}", name(*attr)),
    }
}

pub(crate) fn compile(model: &Model) -> Result<Compiled, ModelError> {
    let n = model.ids.len();
    if n == 0 {
        return Err(ModelError::NoPeople);
    }
    let m = model.sets.len();
    if m == 0 {
        return Err(ModelError::NoSets);
    }
    let mut seen = HashMap::new();
    for id in &model.ids {
        if seen.insert(id.as_str(), ()).is_some() {
            return Err(ModelError::DuplicateId { id: id.clone() });
        }
    }
    for (g, b) in model.sets.iter().enumerate() {
        if b.min > b.max {
            return Err(ModelError::BadBounds {
                set: g + 1,
                min: b.min,
                max: b.max,
            });
        }
    }
    let lo: usize = model.sets.iter().map(|b| b.min).sum();
    let hi: usize = model.sets.iter().map(|b| b.max).sum();
    if lo > n || hi < n {
        return Err(ModelError::SizesCannotHold {
            people: n,
            min_total: lo,
            max_total: hi,
        });
    }
    let (unit_of, members) = union_find_units(model, n)?;
    let nu = members.len();
    let largest = model.sets.iter().map(|b| b.max).max().unwrap_or(0);
    let unit_label = |u: usize| -> String {
        members[u]
            .iter()
            .map(|&p| model.ids[p].as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    if let Some(u) = (0..nu).find(|&u| members[u].len() > largest) {
        return Err(ModelError::UnitTooLarge {
            unit: unit_label(u),
            size: members[u].len(),
            largest,
        });
    }

    // Never-together pairs, direct and from management chains.
    let mut never: Vec<(usize, usize, String)> = Vec::new();
    for nv in &model.never {
        if nv.a >= n || nv.b >= n {
            return Err(ModelError::BadPerson {
                index: nv.a.max(nv.b),
            });
        }
        never.push((nv.a, nv.b, nv.reason.clone()));
    }
    never.extend(chain_pairs(model, n)?);
    let mut conflicts: Vec<Vec<u32>> = vec![Vec::new(); nu];
    for (a, b, reason) in &never {
        let (ua, ub) = (unit_of[*a], unit_of[*b]);
        if ua == ub {
            return Err(ModelError::NeverInsideUnit {
                a: model.ids[*a].clone(),
                b: model.ids[*b].clone(),
                reason: reason.clone(),
            });
        }
        if !conflicts[ua].contains(&(ub as u32)) {
            conflicts[ua].push(ub as u32);
            conflicts[ub].push(ua as u32);
        }
    }

    // Pins.
    let mut fixed: Vec<Option<u32>> = vec![None; nu];
    let mut pinned_by: Vec<Option<usize>> = vec![None; nu];
    for &(p, g) in &model.pins {
        if p >= n {
            return Err(ModelError::BadPerson { index: p });
        }
        if g >= m {
            return Err(ModelError::PinOutOfRange {
                person: model.ids[p].clone(),
                set: g + 1,
                sets: m,
            });
        }
        let u = unit_of[p];
        match fixed[u] {
            Some(f) if f as usize != g => {
                return Err(ModelError::PinSplitsUnit {
                    a: model.ids[pinned_by[u].unwrap_or(p)].clone(),
                    b: model.ids[p].clone(),
                });
            }
            _ => {
                fixed[u] = Some(g as u32);
                pinned_by[u] = Some(p);
            }
        }
    }
    for (a, b, reason) in &never {
        let (fa, fb) = (fixed[unit_of[*a]], fixed[unit_of[*b]]);
        if fa.is_some() && fa == fb {
            return Err(ModelError::PinnedTogether {
                a: model.ids[*a].clone(),
                b: model.ids[*b].clone(),
                set: fa.unwrap_or(0) as usize + 1,
                reason: reason.clone(),
            });
        }
    }

    let (counted, counted_attr) = count_rules(model, &unit_of, nu)?;

    // Pair weights.
    let mut feats = Features {
        members: members
            .iter()
            .map(|u| u.iter().map(|&p| p as u32).collect())
            .collect(),
        cats: Vec::new(),
        nums: Vec::new(),
    };
    for rule in &model.rules {
        let (attr, w) = match rule {
            Rule::Diverse { attr, weight } => (*attr, *weight),
            Rule::Similar { attr, weight } => (*attr, -*weight),
            _ => continue,
        };
        let label = rule_name(model, rule);
        let a = model
            .attributes
            .get(attr)
            .ok_or_else(|| ModelError::BadAttribute {
                rule: label.clone(),
                reason: format!("there is no attribute number {attr}"),
            })?;
        match &a.values {
            AttrValues::Categorical(v) => {
                let v = categorical(model, attr, &label).map(|_| v)?;
                feats.cats.push((w, encode(v).0));
            }
            AttrValues::Numeric(v) => {
                if v.len() != n {
                    return Err(ModelError::BadAttribute {
                        rule: label,
                        reason: format!("column '{}' does not have one value per person", a.name),
                    });
                }
                let lo = v.iter().flatten().copied().fold(f64::INFINITY, f64::min);
                let hi = v
                    .iter()
                    .flatten()
                    .copied()
                    .fold(f64::NEG_INFINITY, f64::max);
                let range = if hi > lo { hi - lo } else { 1.0 };
                feats
                    .nums
                    .push((w, v.iter().map(|x| x.map(|x| (x - lo) / range)).collect()));
            }
        }
    }
    let mut inner = 0.0;
    for ms in &members {
        for (i, &a) in ms.iter().enumerate() {
            for &b in &ms[i + 1..] {
                inner += feats.person_pair(a, b);
            }
        }
    }
    let mut hist: HashMap<(usize, usize), f64> = HashMap::new();
    for &(a, b) in &model.history {
        if a >= n || b >= n {
            return Err(ModelError::BadPerson { index: a.max(b) });
        }
        let (ua, ub) = (unit_of[a], unit_of[b]);
        if a == b {
            continue;
        }
        if ua == ub {
            inner -= model.history_weight;
        } else {
            *hist.entry((ua.min(ub), ua.max(ub))).or_insert(0.0) -= model.history_weight;
        }
    }
    let size: Vec<u32> = members.iter().map(|u| u.len() as u32).collect();
    let min = model.sets.iter().map(|b| b.min as u32).collect();
    let max = model.sets.iter().map(|b| b.max as u32).collect();
    let problem = if nu <= DENSE_MAX_UNITS {
        let mut d = vec![0.0; nu * nu];
        for u in 0..nu {
            for v in (u + 1)..nu {
                let w = crate::problem::Weights::w(&feats, u, v)
                    + hist.get(&(u, v)).copied().unwrap_or(0.0);
                d[u * nu + v] = w;
                d[v * nu + u] = w;
            }
        }
        Weighted::Dense(Problem {
            n: nu,
            m,
            size,
            min,
            max,
            w: Dense { n: nu, d },
            sparse: vec![Vec::new(); nu],
            conflicts,
            fixed,
            counted,
            unary: None,
            inner,
            nonneg: false,
        })
    } else {
        let mut sparse = vec![Vec::new(); nu];
        for (&(u, v), &w) in &hist {
            sparse[u].push((v as u32, w));
            sparse[v].push((u as u32, w));
        }
        // HashMap order varies between runs; sorted lists keep sums bit-for-bit reproducible.
        for list in &mut sparse {
            list.sort_by_key(|x| x.0);
        }
        Weighted::Features(Problem {
            n: nu,
            m,
            size,
            min,
            max,
            w: feats,
            sparse,
            conflicts,
            fixed,
            counted,
            unary: None,
            inner,
            nonneg: false,
        })
    };
    Ok(Compiled {
        unit_of,
        members,
        problem,
        counted_attr,
    })
}
