//! Forming sets from a [`Model`]: compile, then the exact solver when small, else a feasible
//! start and the local search. Also the objective and hard-rule checks straight from the model
//! (independent of the search's bookkeeping, so tests can compare the two).

use crate::compile::{Compiled, Weighted, compile};
use crate::construct::{Stuck, construct};
use crate::model::{AttrValues, Model, Rule};
use crate::problem::{Problem, Weights};
use crate::rng::Rng;
use crate::search::Searcher;
use crate::state::State;
use crate::{ModelError, Progress, SolveOptions, exact};

#[derive(Debug, Clone, PartialEq)]
pub struct Formation {
    /// 0-based set of each person.
    pub set_of: Vec<usize>,
    pub objective: f64,
    /// True when the exact solver proved no formation scores higher.
    pub proven_optimal: bool,
    pub rounds: u64,
}

pub fn form(
    model: &Model,
    opts: &SolveOptions,
    progress: &mut dyn Progress,
) -> Result<Formation, ModelError> {
    let c = compile(model)?;
    run_compiled(model, &c, opts, None, None, progress)
}

/// Runs the optimiser on a compiled model; `start` (unit groups) is used when feasible;
/// `unary` adds a per (unit, set) bonus (repair).
pub(crate) fn run_compiled(
    model: &Model,
    c: &Compiled,
    opts: &SolveOptions,
    start: Option<Vec<u32>>,
    unary: Option<Vec<f64>>,
    progress: &mut dyn Progress,
) -> Result<Formation, ModelError> {
    let (groups, value, proven, rounds) = match &c.problem {
        Weighted::Dense(p) => optimise(model, c, p, opts, start, unary, progress)?,
        Weighted::Features(p) => optimise(model, c, p, opts, start, unary, progress)?,
    };
    let set_of = c.unit_of.iter().map(|&u| groups[u] as usize).collect();
    Ok(Formation {
        set_of,
        objective: value,
        proven_optimal: proven,
        rounds,
    })
}

fn feasible<W: Weights>(p: &Problem<W>, groups: &[u32]) -> bool {
    if groups.len() != p.n || groups.iter().any(|&g| g as usize >= p.m) {
        return false;
    }
    (0..p.m).all(|g| {
        let units: Vec<usize> = (0..p.n).filter(|&u| groups[u] as usize == g).collect();
        p.group_score(g, &units).is_some()
    })
}

fn optimise<W: Weights>(
    model: &Model,
    c: &Compiled,
    p0: &Problem<W>,
    opts: &SolveOptions,
    start: Option<Vec<u32>>,
    unary: Option<Vec<f64>>,
    progress: &mut dyn Progress,
) -> Result<(Vec<u32>, f64, bool, u64), ModelError> {
    // The unary table only exists for repair; borrow the problem otherwise.
    let owned;
    let p: &Problem<W> = match unary {
        Some(t) => {
            owned = Problem {
                n: p0.n,
                m: p0.m,
                size: p0.size.clone(),
                min: p0.min.clone(),
                max: p0.max.clone(),
                w: WeightsRef(&p0.w),
                sparse: p0.sparse.clone(),
                conflicts: p0.conflicts.clone(),
                fixed: p0.fixed.clone(),
                counted: p0.counted.clone(),
                unary: Some(t),
                inner: p0.inner,
                nonneg: p0.nonneg,
            };
            return optimise_on(model, c, &owned, opts, start, progress);
        }
        None => p0,
    };
    optimise_on(model, c, p, opts, start, progress)
}

/// Borrowed weights, so a repair problem can share the matrix of the original.
struct WeightsRef<'a, W>(&'a W);

impl<W: Weights> Weights for WeightsRef<'_, W> {
    #[inline]
    fn w(&self, u: usize, v: usize) -> f64 {
        self.0.w(u, v)
    }
}

fn optimise_on<W: Weights>(
    model: &Model,
    c: &Compiled,
    p: &Problem<W>,
    opts: &SolveOptions,
    start: Option<Vec<u32>>,
    progress: &mut dyn Progress,
) -> Result<(Vec<u32>, f64, bool, u64), ModelError> {
    let mut rng = Rng::new(opts.seed);
    if p.n <= opts.exact_up_to.min(exact::EXACT_MAX_UNITS) {
        return match exact::solve(p) {
            Some((g, v)) => Ok((g, v, true, 0)),
            None => Err(match construct(p, &mut rng) {
                Err(stuck) => describe(model, c, p, &stuck),
                Ok(_) => ModelError::Infeasible {
                    reason: "the rules cannot all hold at once".into(),
                },
            }),
        };
    }
    let start = match start.filter(|s| feasible(p, s)) {
        Some(s) => s,
        None => construct(p, &mut rng).map_err(|stuck| describe(model, c, p, &stuck))?,
    };
    let mut searcher = Searcher::new(p, opts.seed ^ 0x5EED);
    let best = searcher.run(State::new(p, start), &opts.budget, progress);
    Ok((best.group, best.value, false, searcher.rounds))
}

/// Why construction failed, in the model's words.
pub(crate) fn describe<W>(
    model: &Model,
    c: &Compiled,
    p: &Problem<W>,
    stuck: &Stuck,
) -> ModelError {
    let attr_name = |ci: usize| model.attributes[c.counted_attr[ci].0].name.clone();
    let reason = match stuck {
        Stuck::Full { unit } => format!(
            "{} does not fit: every set it may join is full",
            c.unit_name(model, *unit)
        ),
        Stuck::Conflict { unit } => format!(
            "{} has someone from a reporting line or a never-together pair in every set with room",
            c.unit_name(model, *unit)
        ),
        Stuck::MaxPer { unit, attr } => format!(
            "{} would break the at-most rule on '{}' in every set with room",
            c.unit_name(model, *unit),
            attr_name(*attr)
        ),
        Stuck::MinPer { attr, value, set } => format!(
            "set {} needs at least {} '{}' ({}), but nobody left with that value may join it",
            set + 1,
            p.counted[*attr].min[*value as usize],
            c.counted_attr[*attr].1[*value as usize],
            attr_name(*attr)
        ),
        Stuck::Undersized { set } => {
            format!(
                "set {} cannot be filled to its minimum of {} people",
                set + 1,
                p.min[*set]
            )
        }
    };
    ModelError::Infeasible { reason }
}

fn cat_value(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Weights of pairs of people from the diverse/similar rules, straight from the model (the
/// numeric ranges are computed once).
pub(crate) struct Scorer<'a> {
    model: &'a Model,
    /// (min, range) per attribute; unused for categorical ones.
    scale: Vec<(f64, f64)>,
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        let scale = model
            .attributes
            .iter()
            .map(|a| match &a.values {
                AttrValues::Numeric(v) => {
                    let lo = v.iter().flatten().copied().fold(f64::INFINITY, f64::min);
                    let hi = v
                        .iter()
                        .flatten()
                        .copied()
                        .fold(f64::NEG_INFINITY, f64::max);
                    (lo, if hi > lo { hi - lo } else { 1.0 })
                }
                AttrValues::Categorical(_) => (0.0, 1.0),
            })
            .collect();
        Scorer { model, scale }
    }

    pub(crate) fn pair(&self, a: usize, b: usize) -> f64 {
        let mut s = 0.0;
        for rule in &self.model.rules {
            let (attr, w) = match rule {
                Rule::Diverse { attr, weight } => (*attr, *weight),
                Rule::Similar { attr, weight } => (*attr, -*weight),
                _ => continue,
            };
            match &self.model.attributes[attr].values {
                AttrValues::Categorical(v) => {
                    if let (Some(x), Some(y)) = (cat_value(&v[a]), cat_value(&v[b]))
                        && x != y
                    {
                        s += w;
                    }
                }
                AttrValues::Numeric(v) => {
                    if let (Some(x), Some(y)) = (v[a], v[b]) {
                        s += w * (x - y).abs() / self.scale[attr].1;
                    }
                }
            }
        }
        s
    }
}

/// The objective of a formation straight from the model: weighted diversity of every pair in
/// the same set, minus earlier meetings, minus isolated values.
pub fn objective(model: &Model, set_of: &[usize]) -> f64 {
    let scorer = Scorer::new(model);
    let mut s = 0.0;
    let mut members = vec![Vec::new(); model.sets.len()];
    for (p, &g) in set_of.iter().enumerate() {
        members[g].push(p);
    }
    for ms in &members {
        for (i, &a) in ms.iter().enumerate() {
            for &b in &ms[i + 1..] {
                s += scorer.pair(a, b);
            }
        }
    }
    for &(a, b) in &model.history {
        if a != b && set_of[a] == set_of[b] {
            s -= model.history_weight;
        }
    }
    for rule in &model.rules {
        if let Rule::DontIsolate { attr, weight } = rule
            && let AttrValues::Categorical(v) = &model.attributes[*attr].values
        {
            {
                for ms in &members {
                    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
                    for &p in ms {
                        if let Some(x) = cat_value(&v[p]) {
                            *counts.entry(x).or_default() += 1;
                        }
                    }
                    s -= weight * counts.values().filter(|&&k| k == 1).count() as f64;
                }
            }
        }
    }
    s
}
