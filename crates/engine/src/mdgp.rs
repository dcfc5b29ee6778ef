//! The bare Maximally Diverse Grouping Problem: n elements, a distance matrix, m groups with
//! size bounds; maximise the sum of distances inside groups.

use crate::problem::{Dense, Problem};
use crate::rng::Rng;
use crate::search::Searcher;
use crate::state::State;
use crate::{ModelError, Progress, SolveOptions, exact};

#[derive(Debug, Clone)]
pub struct MdgpInstance {
    pub n: usize,
    /// (min, max) size per group.
    pub bounds: Vec<(usize, usize)>,
    /// Symmetric n x n distances, zero diagonal.
    pub d: Vec<f64>,
}

#[derive(Debug, Clone)]
pub struct MdgpSolution {
    /// 0-based group of each element.
    pub group: Vec<usize>,
    pub objective: f64,
    pub proven_optimal: bool,
    pub rounds: u64,
    /// Tabu iterations (full neighbourhood scans) performed.
    pub iterations: u64,
}

/// The objective straight from its definition, independent of the search's bookkeeping.
pub fn mdgp_objective(inst: &MdgpInstance, group: &[usize]) -> f64 {
    let mut s = 0.0;
    for i in 0..inst.n {
        for j in (i + 1)..inst.n {
            if group[i] == group[j] {
                s += inst.d[i * inst.n + j];
            }
        }
    }
    s
}

fn check(inst: &MdgpInstance) -> Result<(), ModelError> {
    if inst.n == 0 {
        return Err(ModelError::NoPeople);
    }
    if inst.bounds.is_empty() {
        return Err(ModelError::NoSets);
    }
    for (g, &(a, b)) in inst.bounds.iter().enumerate() {
        if a > b {
            return Err(ModelError::BadBounds {
                set: g + 1,
                min: a,
                max: b,
            });
        }
    }
    let lo: usize = inst.bounds.iter().map(|b| b.0).sum();
    let hi: usize = inst.bounds.iter().map(|b| b.1).sum();
    if lo > inst.n || hi < inst.n {
        return Err(ModelError::SizesCannotHold {
            people: inst.n,
            min_total: lo,
            max_total: hi,
        });
    }
    Ok(())
}

pub fn solve_mdgp(
    inst: &MdgpInstance,
    opts: &SolveOptions,
    progress: &mut dyn Progress,
) -> Result<MdgpSolution, ModelError> {
    check(inst)?;
    let n = inst.n;
    let m = inst.bounds.len();
    let mut p = Problem {
        n,
        m,
        size: vec![1; n],
        min: inst.bounds.iter().map(|b| b.0 as u32).collect(),
        max: inst.bounds.iter().map(|b| b.1 as u32).collect(),
        w: Dense {
            n,
            d: inst.d.clone(),
        },
        sparse: vec![Vec::new(); n],
        conflicts: vec![Vec::new(); n],
        fixed: vec![None; n],
        counted: Vec::new(),
        unary: None,
        inner: 0.0,
        nonneg: inst.d.iter().all(|&x| x >= 0.0),
    };
    if n <= opts.exact_up_to.min(exact::EXACT_MAX_UNITS)
        && let Some((g, v)) = exact::solve(&p)
    {
        {
            return Ok(MdgpSolution {
                group: g.into_iter().map(|x| x as usize).collect(),
                objective: v,
                proven_optimal: true,
                rounds: 0,
                iterations: 0,
            });
        }
    }
    // Every element weighs 1, so the sizes with the most pairs are best; fixing them turns
    // the search into swaps only, which measured clearly better on the "ds" instances.
    {
        let t = crate::construct::size_profile(&p);
        p.min = t.clone();
        p.max = t;
    }
    let mut rng = Rng::new(opts.seed);
    let start = crate::construct::construct(&p, &mut rng).map_err(|_| ModelError::Infeasible {
        reason: "the group sizes cannot be filled".into(),
    })?;
    let mut searcher = Searcher::new(&p, opts.seed ^ 0x5EED);
    let best = searcher.run(State::new(&p, start), &opts.budget, progress);
    Ok(MdgpSolution {
        group: best.group.iter().map(|&x| x as usize).collect(),
        objective: best.value,
        proven_optimal: false,
        rounds: searcher.rounds,
        iterations: searcher.iterations,
    })
}
