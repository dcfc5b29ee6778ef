//! Tabu search over the move and swap neighbourhoods: every iteration applies the best
//! admissible neighbour even when it worsens the objective; a unit may not return to the set it
//! just left for a random tenure. The swap scan uses `a[u * m + h]` = gain of u's half of
//! moving to h, so one swap costs three loads (after Lai & Hao 2016 and Yang et al. 2022).

use crate::Budget;
use crate::problem::{Problem, Weights};
use crate::rng::Rng;
use crate::state::State;

const EPS: f64 = 1e-9;

pub(crate) struct Tabu {
    tabu: Vec<u64>,
    a: Vec<f64>,
    /// Fast scan only: units per set and `maxa[h * m + g]` = max over v in h of `a[v][g]`.
    members: Vec<Vec<usize>>,
    maxa: Vec<f64>,
    /// The unit attaining `maxa`.
    arga: Vec<usize>,
    pub(crate) iter: u64,
    pub(crate) best: State,
}

impl Tabu {
    pub(crate) fn new(s: &State, n: usize, m: usize) -> Tabu {
        Tabu {
            tabu: vec![0; n * m],
            a: vec![0.0; n * m],
            members: vec![Vec::new(); m],
            maxa: vec![0.0; m * m],
            arga: vec![0; m * m],
            iter: 0,
            best: s.clone(),
        }
    }

    /// Runs from `s` until `patience` iterations pass without beating the best of this run.
    /// `self.best` holds that best afterwards.
    pub(crate) fn run<W: Weights>(
        &mut self,
        p: &Problem<W>,
        s: &mut State,
        movable: &[usize],
        rng: &mut Rng,
        patience: u64,
        budget: &Budget,
    ) {
        let (n, m) = (p.n, p.m);
        // Without count rules, repair bonuses or sparse weights the gain is the matrix alone.
        let simple =
            p.counted.is_empty() && p.unary.is_none() && p.sparse.iter().all(Vec::is_empty);
        let moves_possible = (0..m).any(|g| p.min[g] != p.max[g]);
        // Plain grouping with non-negative weights: a swap gain is at most a[u][h] + a[v][g],
        // so a whole target set can be skipped when its best partner cannot win.
        let fast = simple
            && p.nonneg
            && p.size.iter().all(|&x| x == 1)
            && p.fixed.iter().all(Option::is_none)
            && p.conflicts.iter().all(Vec::is_empty)
            && movable.len() == n;
        self.best.copy_from(s);
        // Tenure about n/20 plus a little noise: n/10 and n/50 did worse on MDGPLIB n=120.
        let tenure_base = (n as u64 / 20).max(2);
        let mut since = 0u64;
        while since < patience {
            self.iter += 1;
            since += 1;
            if self.iter.is_multiple_of(64) && budget.expired_hard() {
                break;
            }
            for &u in movable {
                let g = s.group[u] as usize;
                let base = s.d[g * n + u];
                for h in 0..m {
                    self.a[u * m + h] = s.d[h * n + u] - base;
                }
            }
            let aspire = self.best.value - s.value;
            let mut best_gain = f64::NEG_INFINITY;
            let mut ties = 0u32;
            let mut pick: Option<(usize, usize, bool)> = None;
            let it = self.iter;
            if fast {
                for list in &mut self.members {
                    list.clear();
                }
                for u in 0..n {
                    self.members[s.group[u] as usize].push(u);
                }
                for h in 0..m {
                    for g in 0..m {
                        let mut mx = f64::NEG_INFINITY;
                        let mut arg = 0;
                        for &v in &self.members[h] {
                            let x = self.a[v * m + g];
                            if x > mx {
                                mx = x;
                                arg = v;
                            }
                        }
                        self.maxa[h * m + g] = mx;
                        self.arga[h * m + g] = arg;
                    }
                }
                // Seed the best gain with each pair of sets' most promising swap, so the
                // bound below prunes from the start.
                for g in 0..m {
                    for h in (g + 1)..m {
                        if self.members[g].is_empty() || self.members[h].is_empty() {
                            continue;
                        }
                        let u = self.arga[g * m + h];
                        let v = self.arga[h * m + g];
                        let gain = self.a[u * m + h] + self.a[v * m + g] - 2.0 * p.w.w(u, v);
                        if gain <= best_gain + EPS {
                            continue;
                        }
                        let tabu = (self.tabu[u * m + h] > it || self.tabu[v * m + g] > it)
                            && gain <= aspire + EPS;
                        if !tabu {
                            best_gain = gain;
                            ties = 0;
                            pick = Some((u, v, true));
                        }
                    }
                }
            }
            for (i, &u) in movable.iter().enumerate() {
                if fast && !moves_possible {
                    break;
                }
                let g = s.group[u] as usize;
                if moves_possible {
                    for h in 0..m {
                        if h == g {
                            continue;
                        }
                        let gain = if simple {
                            self.a[u * m + h]
                        } else {
                            s.move_gain(p, u, h)
                        };
                        if gain < best_gain - EPS {
                            continue;
                        }
                        let tabu = self.tabu[u * m + h] > it && gain <= aspire + EPS;
                        if tabu || !s.move_ok(p, u, h) {
                            continue;
                        }
                        consider(
                            gain,
                            &mut best_gain,
                            &mut ties,
                            rng,
                            &mut pick,
                            (u, h, false),
                        );
                    }
                }
                if fast {
                    continue;
                }
                for &v in &movable[i + 1..] {
                    let h = s.group[v] as usize;
                    if h == g {
                        continue;
                    }
                    let gain = if simple {
                        self.a[u * m + h] + self.a[v * m + g] - 2.0 * p.w.w(u, v)
                    } else {
                        s.swap_gain(p, u, v)
                    };
                    if gain < best_gain - EPS {
                        continue;
                    }
                    let tabu = (self.tabu[u * m + h] > it || self.tabu[v * m + g] > it)
                        && gain <= aspire + EPS;
                    if tabu || !s.swap_ok(p, u, v) {
                        continue;
                    }
                    consider(
                        gain,
                        &mut best_gain,
                        &mut ties,
                        rng,
                        &mut pick,
                        (u, v, true),
                    );
                }
            }
            if fast {
                for g in 0..m {
                    for &u in &self.members[g] {
                        for h in (g + 1)..m {
                            let au = self.a[u * m + h];
                            if au + self.maxa[h * m + g] < best_gain - EPS {
                                continue;
                            }
                            for &v in &self.members[h] {
                                let gain = au + self.a[v * m + g] - 2.0 * p.w.w(u, v);
                                if gain < best_gain - EPS {
                                    continue;
                                }
                                let tabu = (self.tabu[u * m + h] > it || self.tabu[v * m + g] > it)
                                    && gain <= aspire + EPS;
                                if !tabu {
                                    consider(
                                        gain,
                                        &mut best_gain,
                                        &mut ties,
                                        rng,
                                        &mut pick,
                                        (u, v, true),
                                    );
                                }
                            }
                        }
                    }
                }
            }
            let Some((u, x, is_swap)) = pick else { break };
            let tenure = || tenure_base + (it % 7);
            if is_swap {
                let (g, h) = (s.group[u] as usize, s.group[x] as usize);
                s.apply_swap(p, u, x);
                self.tabu[u * m + g] = it + tenure() + rng.below(5) as u64;
                self.tabu[x * m + h] = it + tenure() + rng.below(5) as u64;
            } else {
                let g = s.group[u] as usize;
                s.apply_move(p, u, x);
                self.tabu[u * m + g] = it + tenure() + rng.below(5) as u64;
            }
            if s.value > self.best.value + EPS {
                self.best.copy_from(s);
                since = 0;
            }
        }
    }
}

/// Keeps the best gain; among equal gains picks one uniformly (reservoir sampling).
fn consider(
    gain: f64,
    best: &mut f64,
    ties: &mut u32,
    rng: &mut Rng,
    pick: &mut Option<(usize, usize, bool)>,
    cand: (usize, usize, bool),
) {
    if gain > *best + EPS {
        *best = gain;
        *ties = 1;
        *pick = Some(cand);
    } else {
        *ties += 1;
        if rng.below(*ties as usize) == 0 {
            *pick = Some(cand);
        }
    }
}
