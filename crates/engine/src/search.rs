//! Iterated local search (after Lai & Hao's iterated maxima search): a best-improvement
//! descent over the move and swap neighbourhoods, then a weak random perturbation, accepting
//! results that are no worse; after a long stall it restarts from the best with a stronger kick.

use std::time::Instant;

use crate::problem::{Problem, Weights};
use crate::rng::Rng;
use crate::state::State;
use crate::tabu::Tabu;

/// Above this many units, iterated descent replaces tabu search.
const TABU_MAX_UNITS: usize = 1200;
use crate::{Budget, Progress, ProgressInfo};

const EPS: f64 = 1e-9;

pub(crate) struct Searcher<'a, W> {
    pub(crate) p: &'a Problem<W>,
    pub(crate) rng: Rng,
    pub(crate) order: Vec<usize>,
    /// Above this many units the swap scan looks at a random sample only.
    swap_sample: Option<usize>,
    pub(crate) rounds: u64,
    /// Tabu iterations so far (each scans the whole neighbourhood).
    pub(crate) iterations: u64,
    /// A tabu run stops after `patience_factor * n` iterations without improving its best
    /// (tuned on MDGPLIB n=120: 30; 2 and 10 were clearly worse).
    pub(crate) patience_factor: f64,
    /// Random swaps applied between tabu runs, as a fraction of n (tuned: 0.1).
    pub(crate) kick: f64,
}

impl<'a, W: Weights> Searcher<'a, W> {
    pub(crate) fn new(p: &'a Problem<W>, seed: u64) -> Self {
        let order: Vec<usize> = (0..p.n).filter(|&u| p.fixed[u].is_none()).collect();
        let swap_sample = (p.n > 1500).then_some(300);
        Searcher {
            p,
            rng: Rng::new(seed),
            order,
            swap_sample,
            rounds: 0,
            iterations: 0,
            patience_factor: 30.0,
            kick: 0.1,
        }
    }

    /// Best-improvement per unit, sweeping until no unit can improve.
    pub(crate) fn descent(&mut self, s: &mut State, budget: &Budget) {
        let p = self.p;
        let n = p.n;
        let moves_possible = (0..p.m).any(|g| p.min[g] != p.max[g]);
        loop {
            let mut improved = false;
            self.rng.shuffle(&mut self.order);
            for oi in 0..self.order.len() {
                let u = self.order[oi];
                let g = s.group[u] as usize;
                let mut best = EPS;
                let mut action: Option<(bool, usize)> = None;
                if moves_possible {
                    for h in 0..p.m {
                        if h != g {
                            let gain = s.move_gain(p, u, h);
                            if gain > best && s.move_ok(p, u, h) {
                                best = gain;
                                action = Some((false, h));
                            }
                        }
                    }
                }
                let mut consider = |v: usize, s: &State| {
                    if s.group[v] as usize != g {
                        let gain = s.swap_gain(p, u, v);
                        if gain > best && s.swap_ok(p, u, v) {
                            best = gain;
                            action = Some((true, v));
                        }
                    }
                };
                match self.swap_sample {
                    Some(k) => {
                        for _ in 0..k {
                            let v = self.rng.below(n);
                            consider(v, s);
                        }
                    }
                    None => {
                        for v in 0..n {
                            consider(v, s);
                        }
                    }
                }
                match action {
                    Some((false, h)) => s.apply_move(p, u, h),
                    Some((true, v)) => s.apply_swap(p, u, v),
                    None => continue,
                }
                improved = true;
            }
            if !improved || budget.expired_hard() {
                break;
            }
        }
    }

    /// `k` random feasible swaps or moves, whatever their gain.
    pub(crate) fn perturb(&mut self, s: &mut State, k: usize) {
        let p = self.p;
        if self.order.len() < 2 {
            return;
        }
        let mut done = 0;
        let mut tries = 0;
        while done < k && tries < 20 * k + 20 {
            tries += 1;
            let u = self.order[self.rng.below(self.order.len())];
            if self.rng.below(4) == 0 {
                let h = self.rng.below(p.m);
                if s.move_ok(p, u, h) {
                    s.apply_move(p, u, h);
                    done += 1;
                }
            } else {
                let v = self.order[self.rng.below(self.order.len())];
                if s.swap_ok(p, u, v) {
                    s.apply_swap(p, u, v);
                    done += 1;
                }
            }
        }
    }

    pub(crate) fn run(
        &mut self,
        start: State,
        budget: &Budget,
        progress: &mut dyn Progress,
    ) -> State {
        if self.p.n <= TABU_MAX_UNITS && crate::memetic::applies(self.p) {
            return self.memetic(start, budget, progress);
        }
        let begun = Instant::now();
        let mut cur = start;
        self.descent(&mut cur, budget);
        let mut best = cur.clone();
        let n = self.order.len().max(1);
        progress.update(&ProgressInfo {
            rounds: 0,
            best: best.value,
            elapsed: begun.elapsed(),
        });
        if self.p.n > TABU_MAX_UNITS {
            return self.iterated_descent(cur, best, budget, progress, begun);
        }
        let mut tabu = Tabu::new(&cur, self.p.n, self.p.m);
        let patience = (self.patience_factor * n as f64) as u64;
        while !budget.expired(self.rounds) && !progress.stop() {
            self.rounds += 1;
            tabu.run(
                self.p,
                &mut cur,
                &self.order,
                &mut self.rng,
                patience,
                budget,
            );
            if tabu.best.value > best.value + EPS {
                best.copy_from(&tabu.best);
                progress.update(&ProgressInfo {
                    rounds: self.rounds,
                    best: best.value,
                    elapsed: begun.elapsed(),
                });
            }
            // Restart from the best of this run, or from the overall best, then kick.
            if self.rng.below(2) == 0 {
                cur.copy_from(&best);
            } else {
                cur.copy_from(&tabu.best);
            }
            let k = (self.kick * n as f64) as usize + 2;
            self.perturb(&mut cur, k);
            self.iterations = tabu.iter;
            if self.rounds.is_multiple_of(64) {
                progress.update(&ProgressInfo {
                    rounds: self.rounds,
                    best: best.value,
                    elapsed: begun.elapsed(),
                });
            }
        }
        best
    }

    /// For very large instances, where one tabu iteration (all swaps) costs too much.
    fn iterated_descent(
        &mut self,
        mut cur: State,
        mut best: State,
        budget: &Budget,
        progress: &mut dyn Progress,
        begun: Instant,
    ) -> State {
        let mut trial = cur.clone();
        let n = self.order.len().max(1);
        let weak_max = (n / 25).max(3);
        while !budget.expired(self.rounds) && !progress.stop() {
            self.rounds += 1;
            trial.copy_from(&cur);
            let k = 2 + self.rng.below(weak_max);
            self.perturb(&mut trial, k);
            self.descent(&mut trial, budget);
            if trial.value >= cur.value - EPS {
                std::mem::swap(&mut cur, &mut trial);
            }
            if cur.value > best.value + EPS {
                best.copy_from(&cur);
                progress.update(&ProgressInfo {
                    rounds: self.rounds,
                    best: best.value,
                    elapsed: begun.elapsed(),
                });
            }
        }
        best
    }
}
