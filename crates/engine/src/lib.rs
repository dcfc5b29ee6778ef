//! Set formation engine (DOMAIN.md C3). Pure: no I/O, no async, deterministic for a seed.
//!
//! Two entry points: [`solve_mdgp`] for the bare Maximally Diverse Grouping Problem (the
//! literature benchmark) and [`form`] for action learning sets with people, attributes and
//! rules. Both compile to one internal problem (units, pair weights, count rules) searched by
//! the same iterated local search, or solved exactly when small.

use std::time::{Duration, Instant};

mod compile;
mod construct;
mod counts;
mod error;
mod exact;
mod explain;
mod form;
mod mdgp;
mod memetic;
mod model;
mod moves;
mod problem;
mod repair;
mod rng;
mod search;
mod state;
mod tabu;

pub use error::ModelError;
pub use explain::{
    Broken, Explanation, PersonExplanation, RuleCheck, SetExplanation, broken, explain, violations,
};
pub use form::{Formation, form, objective};
pub use mdgp::{MdgpInstance, MdgpSolution, mdgp_objective, solve_mdgp};
pub use model::{AttrValues, Attribute, Model, Never, Rule, SetBounds};
pub use moves::{SwapRefusal, fine_sets_for, fine_swaps_for, moved, swapped, unit_of};
pub use repair::{Move, Refusal, Repair, may_join, reoptimise, repair};
/// The seeded PRNG the engine searches with; other pure solvers (revans-events) share it so
/// their runs are reproducible in the same way.
pub use rng::Rng;

/// How long the search may run: a wall-clock deadline, a number of rounds, or both (the first
/// reached stops it). With rounds only, a run is fully deterministic for its seed.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub deadline: Option<Instant>,
    pub max_rounds: Option<u64>,
}

impl Budget {
    pub fn seconds(s: f64) -> Budget {
        Budget {
            deadline: Some(Instant::now() + Duration::from_secs_f64(s.max(0.0))),
            max_rounds: None,
        }
    }

    pub fn rounds(r: u64) -> Budget {
        Budget {
            deadline: None,
            max_rounds: Some(r),
        }
    }

    fn expired(&self, rounds: u64) -> bool {
        self.max_rounds.is_some_and(|m| rounds >= m)
            || (self.max_rounds.is_none() && self.deadline.is_none() && rounds >= 1000)
            || self.expired_hard()
    }

    fn expired_hard(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Options of one optimisation run.
#[derive(Debug, Clone, Copy)]
pub struct SolveOptions {
    pub seed: u64,
    pub budget: Budget,
    /// Solve exactly (proven optimum) when there are at most this many units (capped at 13).
    pub exact_up_to: usize,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            seed: 1,
            budget: Budget::rounds(200),
            exact_up_to: 12,
        }
    }
}

/// What the search reports while it runs.
#[derive(Debug, Clone, Copy)]
pub struct ProgressInfo {
    pub rounds: u64,
    pub best: f64,
    pub elapsed: Duration,
}

/// Receives progress; the engine never prints. The caller decides how to show it.
pub trait Progress {
    fn update(&mut self, info: &ProgressInfo);

    /// Asked once per round of the search: true stops it early, and the best formation found
    /// so far is returned (a caller cancelling a long search). Never asked by the exact solver.
    fn stop(&mut self) -> bool {
        false
    }
}

/// A progress sink that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _info: &ProgressInfo) {}
}
