//! Simulated annealing over moves that keep every rule, so every state visited is a valid rota.
//!
//! The move is a chain between two tables (see `chain`); every state visited is valid.

use std::time::{Duration, Instant};

use revans_engine::{Budget, Rng};

use super::bound::lower_bound;
use super::chain::{redo, try_chain, undo};
use super::start::random_start;
use super::state::State;
use super::{CafeProblem, CafeSolution, Rota};

/// Start and end temperatures of the annealing (repeats are small integers).
const HOT: f64 = 0.5;
const COLD: f64 = 0.02;
/// Rounds of the budget when it gives neither rounds nor a deadline.
const DEFAULT_ROUNDS: u64 = 1000;

/// Seats everyone for `problem`, searching until the budget is spent or the rota meets the
/// [`lower_bound`]. With a budget of rounds only (a round is `P * R` attempted moves), the
/// result depends on `seed` alone.
pub fn solve(problem: &CafeProblem, seed: u64, budget: Budget) -> CafeSolution {
    let lower_bound = lower_bound(problem);
    let mut rng = Rng::new(seed);
    let mut state = State::new(problem, random_start(problem, &mut rng));
    let movable = state.g >= 2 && state.p >= 2;
    let sweep = (state.p * state.rounds).max(100) as u64;
    let clock = Clock::new(budget, sweep);
    let mut best = state.seat.clone();
    let mut best_repeats = state.repeats;
    // The current state is a best one not yet copied into `best`.
    let mut pending = false;
    let mut temperature = HOT;
    let mut attempts = 0u64;
    let mut flips = Vec::new();
    while movable && state.repeats > lower_bound {
        if attempts.is_multiple_of(1024) {
            let Some(used) = clock.used(attempts) else {
                break;
            };
            temperature = HOT * (COLD / HOT).powf(used);
        }
        attempts += 1;
        let Some(delta) = try_chain(&mut state, &mut rng, &mut flips) else {
            continue;
        };

        if delta > 0 {
            if unit(&mut rng) >= (-(delta as f64) / temperature).exp() {
                undo(&mut state, &flips);
                continue;
            }
            if pending {
                undo(&mut state, &flips);
                best.copy_from_slice(&state.seat);
                pending = false;
                redo(&mut state, &flips);
            }
        }
        if state.repeats < best_repeats {
            best_repeats = state.repeats;
            pending = true;
        }
    }
    if pending {
        best.copy_from_slice(&state.seat);
    }
    let p = state.p;
    CafeSolution {
        rota: Rota::from_rounds(
            best.chunks(p.max(1))
                .take(state.rounds)
                .map(|round| round.iter().map(|&t| t as usize).collect())
                .collect(),
        ),
        repeats: best_repeats,
        lower_bound,
    }
}

/// Uniform in `[0, 1)`.
fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// How much of the budget is used.
struct Clock {
    max_attempts: Option<u64>,
    timed: Option<(Instant, Duration)>,
}

impl Clock {
    fn new(budget: Budget, sweep: u64) -> Self {
        let rounds = match (budget.max_rounds, budget.deadline) {
            (None, None) => Some(DEFAULT_ROUNDS),
            (rounds, _) => rounds,
        };
        Clock {
            max_attempts: rounds.map(|r| r.saturating_mul(sweep)),
            timed: budget.deadline.map(|deadline| {
                let now = Instant::now();
                (now, deadline.saturating_duration_since(now))
            }),
        }
    }

    /// The share of the budget used after `attempts` moves, or `None` once it is spent.
    fn used(&self, attempts: u64) -> Option<f64> {
        let mut used: f64 = 0.0;
        if let Some(max) = self.max_attempts {
            if attempts >= max {
                return None;
            }
            used = attempts as f64 / max as f64;
        }
        if let Some((start, total)) = self.timed {
            let elapsed = start.elapsed();
            if elapsed >= total {
                return None;
            }
            used = used.max(elapsed.as_secs_f64() / total.as_secs_f64());
        }
        Some(used)
    }
}
