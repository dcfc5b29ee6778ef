//! Population search for plain grouping problems (after Yang et al.'s three-phase search with
//! a population): children from a group-matching crossover of two elite formations, each
//! improved by tabu search with kicks; a child replaces the worst member when better and new.
//! Used only when every unit has size 1, set sizes are fixed and no hard rule could be broken
//! by recombination (the MDGP benchmark); the rule-laden model uses the single-trajectory
//! search.

use std::time::Instant;

use crate::problem::{Problem, Weights};
use crate::search::Searcher;
use crate::state::State;
use crate::tabu::Tabu;
use crate::{Budget, Progress, ProgressInfo};

const EPS: f64 = 1e-9;

pub(crate) fn applies<W>(p: &Problem<W>) -> bool {
    p.counted.is_empty()
        && p.unary.is_none()
        && p.size.iter().all(|&s| s == 1)
        && p.fixed.iter().all(Option::is_none)
        && p.conflicts.iter().all(Vec::is_empty)
        && p.min == p.max
}

fn members(s: &State, m: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); m];
    for (u, &g) in s.group.iter().enumerate() {
        out[g as usize].push(u);
    }
    out
}

/// Pairs of units in the same set.
fn co_pairs(s: &State) -> Vec<(u32, u32)> {
    let n = s.group.len();
    let mut out = Vec::new();
    for i in 0..n {
        for j in (i + 1)..n {
            if s.group[i] == s.group[j] {
                out.push((i as u32, j as u32));
            }
        }
    }
    out
}

/// How many of `pairs` are split in `s`.
fn distance(pairs: &[(u32, u32)], s: &State) -> usize {
    pairs
        .iter()
        .filter(|&&(i, j)| s.group[i as usize] != s.group[j as usize])
        .count()
}

impl<W: Weights> Searcher<'_, W> {
    /// Takes whole sets alternately from each parent (the set with the most still-unplaced
    /// members), then places the rest where they add most.
    fn crossover(&mut self, a: &State, b: &State) -> Vec<u32> {
        let p = self.p;
        let (n, m) = (p.n, p.m);
        let parents = [members(a, m), members(b, m)];
        let mut child = vec![u32::MAX; n];
        let mut used = vec![false; m];
        let first = self.rng.below(2);
        for k in 0..m {
            let par = &parents[(k + first) % 2];
            let mut best = (0usize, usize::MAX);
            for g in (0..m).filter(|&g| !used[g]) {
                let free = par[g].iter().filter(|&&x| child[x] == u32::MAX).count();
                if best.1 == usize::MAX || free > best.0 {
                    best = (free, g);
                }
            }
            let g = best.1;
            used[g] = true;
            for &x in &par[g] {
                if child[x] == u32::MAX {
                    child[x] = g as u32;
                }
            }
        }
        let mut size = vec![0u32; m];
        for &g in child.iter().filter(|&&g| g != u32::MAX) {
            size[g as usize] += 1;
        }
        let mut rest: Vec<usize> = (0..n).filter(|&x| child[x] == u32::MAX).collect();
        self.rng.shuffle(&mut rest);
        for x in rest {
            let mut gain = vec![0.0; m];
            for y in 0..n {
                if child[y] != u32::MAX {
                    gain[child[y] as usize] += p.w.w(x, y);
                }
            }
            let g = (0..m)
                .filter(|&g| size[g] < p.max[g])
                .max_by(|&g, &h| gain[g].total_cmp(&gain[h]))
                .unwrap_or(0);
            child[x] = g as u32;
            size[g] += 1;
        }
        child
    }

    /// Tabu runs separated by kicks, `rounds` times; leaves the best in `s`.
    fn improve(&mut self, s: &mut State, tabu: &mut Tabu, rounds: usize, budget: &Budget) {
        let n = self.p.n;
        let mut best = s.clone();
        let patience = (self.patience_factor * n as f64) as u64;
        for r in 0..rounds {
            if budget.expired_hard() {
                break;
            }
            tabu.run(self.p, s, &self.order, &mut self.rng, patience, budget);
            if tabu.best.value > best.value + EPS {
                best.copy_from(&tabu.best);
            }
            if r + 1 < rounds {
                s.copy_from(&best);
                let k = (self.kick * n as f64) as usize + 2;
                self.perturb(s, k);
            }
        }
        s.copy_from(&best);
    }

    pub(crate) fn memetic(
        &mut self,
        start: State,
        budget: &Budget,
        progress: &mut dyn Progress,
    ) -> State {
        let begun = Instant::now();
        let p = self.p;
        // One tabu run per child: 2-3 runs per child spent too long on each (MDGPLIB n=120/240).
        // Dynamic population (after Yang et al. 2022): 10 members at first, the worst dropped
        // as time passes down to 4 at the end. Measured on RanReal n=120 at 3 s: starting at
        // 10 beat a fixed 4 (mean gap 0.015 % vs 0.023 % over seeds 1-2); 7 did not.
        let pop_final = 4;
        let pop_size = 10;
        let rounds = 1;
        let mut tabu = Tabu::new(&start, p.n, p.m);
        let mut pop: Vec<State> = Vec::with_capacity(pop_size);
        let mut s = start;
        self.improve(&mut s, &mut tabu, rounds, budget);
        let mut best = s.clone();
        pop.push(s);
        while pop.len() < pop_size && !budget.expired(self.rounds) && !progress.stop() {
            let g = match crate::construct::construct(p, &mut self.rng) {
                Ok(g) => g,
                Err(_) => break,
            };
            let mut s = State::new(p, g);
            self.improve(&mut s, &mut tabu, rounds, budget);
            if s.value > best.value + EPS {
                best.copy_from(&s);
            }
            pop.push(s);
        }
        progress.update(&ProgressInfo {
            rounds: self.rounds,
            best: best.value,
            elapsed: begun.elapsed(),
        });
        let total = budget.deadline.map(|d| d.saturating_duration_since(begun));
        while pop.len() >= 2 && !budget.expired(self.rounds) && !progress.stop() {
            self.rounds += 1;
            // Dynamic population: shrink linearly from pop_size to pop_final over the budget.
            let frac = match (total, budget.max_rounds) {
                (Some(t), _) if !t.is_zero() => begun.elapsed().as_secs_f64() / t.as_secs_f64(),
                (_, Some(r)) if r > 0 => self.rounds as f64 / r as f64,
                // Neither: `Budget::expired` stops at 1000 rounds.
                _ => self.rounds as f64 / 1000.0,
            };
            let target = pop_size as f64 - (pop_size as f64 - pop_final as f64) * frac.min(1.0);
            while pop.len() > pop_final && (pop.len() as f64) > target.ceil() {
                let worst = (0..pop.len())
                    .min_by(|&i, &j| pop[i].value.total_cmp(&pop[j].value))
                    .unwrap_or(0);
                pop.swap_remove(worst);
            }
            let a = self.rng.below(pop.len());
            let mut b = self.rng.below(pop.len() - 1);
            if b >= a {
                b += 1;
            }
            let g = self.crossover(&pop[a], &pop[b]);
            let mut child = State::new(p, g);
            // A few random swaps first, so that a child of two close parents does not fall
            // straight back into their basin (n/20 swaps: 0.009 % vs 0.015 % mean gap on
            // RanReal n=120, seeds 1-2).
            self.perturb(&mut child, p.n / 20);
            self.improve(&mut child, &mut tabu, rounds, budget);
            self.iterations = tabu.iter;
            if child.value > best.value + EPS {
                best.copy_from(&child);
                progress.update(&ProgressInfo {
                    rounds: self.rounds,
                    best: best.value,
                    elapsed: begun.elapsed(),
                });
            }
            let worst = (0..pop.len())
                .min_by(|&i, &j| pop[i].value.total_cmp(&pop[j].value))
                .unwrap_or(0);
            // Keep the population spread (measured on MDGPLIB RanReal n=120: the plain
            // replace-the-worst rule let 4 members collapse into one basin within a second): a
            // child that splits fewer than a tenth of its set-mate pairs from its nearest member
            // competes with that member only; a child far from all replaces the worst.
            let pairs = co_pairs(&child);
            let close = pairs.len() / 10;
            let (near, dmin) = (0..pop.len())
                .map(|i| (i, distance(&pairs, &pop[i])))
                .min_by_key(|x| x.1)
                .unwrap_or((0, usize::MAX));
            if dmin == 0 {
                continue;
            }
            if dmin < close {
                if child.value > pop[near].value + EPS {
                    pop[near] = child;
                }
            } else if child.value > pop[worst].value {
                pop[worst] = child;
            }
        }
        best
    }
}
