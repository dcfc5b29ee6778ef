//! A first formation that satisfies every hard rule: pins, then the "at least k" rules, then
//! everyone else largest unit first into the set that most needs people. Randomised by the seed
//! and retried, because a greedy order can paint itself into a corner.

use crate::problem::{Problem, Weights};
use crate::rng::Rng;

/// Why a unit could not be placed anywhere (the most frequent reason over the sets).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stuck {
    /// Every set that could take the unit is full.
    Full { unit: usize },
    /// The unit conflicts (never-together) with someone in every set with room.
    Conflict { unit: usize },
    /// A max-per rule on counted attribute `attr` blocks the unit everywhere.
    MaxPer { unit: usize, attr: usize },
    /// No one left can meet the min-per rule of counted attribute `attr`, value `value`, set `set`.
    MinPer { attr: usize, value: u32, set: usize },
    /// Some set ends below its minimum size.
    Undersized { set: usize },
}

struct Builder<'a, W> {
    p: &'a Problem<W>,
    group: Vec<Option<u32>>,
    gsize: Vec<u32>,
    counts: Vec<Vec<u32>>,
}

impl<'a, W: Weights> Builder<'a, W> {
    fn new(p: &'a Problem<W>) -> Self {
        Builder {
            p,
            group: vec![None; p.n],
            gsize: vec![0; p.m],
            counts: p.counted.iter().map(|c| vec![0; p.m * c.nvals]).collect(),
        }
    }

    /// None if u may go to g, else the reason it may not.
    fn blocker(&self, u: usize, g: usize) -> Option<Stuck> {
        let p = self.p;
        if p.fixed[u].is_some_and(|f| f as usize != g) || self.gsize[g] + p.size[u] > p.max[g] {
            return Some(Stuck::Full { unit: u });
        }
        if p.conflicts[u]
            .iter()
            .any(|&x| self.group[x as usize] == Some(g as u32))
        {
            return Some(Stuck::Conflict { unit: u });
        }
        for (ci, c) in p.counted.iter().enumerate() {
            if let Some(mx) = c.max {
                let t = &self.counts[ci];
                if c.contrib[u]
                    .iter()
                    .any(|&(v, k)| t[g * c.nvals + v as usize] + k > mx)
                {
                    return Some(Stuck::MaxPer { unit: u, attr: ci });
                }
            }
        }
        None
    }

    fn place(&mut self, u: usize, g: usize) {
        self.group[u] = Some(g as u32);
        self.gsize[g] += self.p.size[u];
        for (ci, c) in self.p.counted.iter().enumerate() {
            for &(v, k) in &c.contrib[u] {
                self.counts[ci][g * c.nvals + v as usize] += k;
            }
        }
    }

    fn build(mut self, rng: &mut Rng, target: &[u32]) -> Result<Vec<u32>, Stuck> {
        let p = self.p;
        for u in 0..p.n {
            if let Some(g) = p.fixed[u] {
                if let Some(why) = self.blocker(u, g as usize) {
                    return Err(why);
                }
                self.place(u, g as usize);
            }
        }
        let mut order: Vec<usize> = (0..p.n).collect();
        rng.shuffle(&mut order);
        for (ci, c) in p.counted.iter().enumerate() {
            for val in 0..c.nvals {
                if c.min[val] == 0 {
                    continue;
                }
                for g in 0..p.m {
                    while self.counts[ci][g * c.nvals + val] < c.min[val] {
                        let pick = order.iter().copied().find(|&u| {
                            self.group[u].is_none()
                                && c.contrib[u].iter().any(|x| x.0 as usize == val)
                                && self.blocker(u, g).is_none()
                        });
                        match pick {
                            Some(u) => self.place(u, g),
                            None => {
                                return Err(Stuck::MinPer {
                                    attr: ci,
                                    value: val as u32,
                                    set: g,
                                });
                            }
                        }
                    }
                }
            }
        }
        // Largest units first: they are the hardest to fit.
        order.sort_by_key(|&u| std::cmp::Reverse(p.size[u]));
        let mut options = Vec::with_capacity(p.m);
        for &u in &order {
            if self.group[u].is_some() {
                continue;
            }
            options.clear();
            let mut last_reason = None;
            for g in 0..p.m {
                match self.blocker(u, g) {
                    None => options.push(g),
                    Some(r) => {
                        if last_reason.is_none() || !matches!(r, Stuck::Full { .. }) {
                            last_reason = Some(r);
                        }
                    }
                }
            }
            let need = |g: usize| target[g] as i64 - self.gsize[g] as i64;
            let room = |g: usize| p.max[g] as i64 - self.gsize[g] as i64;
            let best = options.iter().copied().max_by_key(|&g| (need(g), room(g)));
            let Some(best) = best else {
                return Err(last_reason.unwrap_or(Stuck::Full { unit: u }));
            };
            let key = (need(best), room(best));
            let ties: Vec<usize> = options
                .iter()
                .copied()
                .filter(|&g| (need(g), room(g)) == key)
                .collect();
            let g = ties[rng.below(ties.len())];
            self.place(u, g);
        }
        if let Some(g) = (0..p.m).find(|&g| self.gsize[g] < p.min[g]) {
            return Err(Stuck::Undersized { set: g });
        }
        Ok(self.group.into_iter().map(|g| g.unwrap_or(0)).collect())
    }
}

/// A feasible start, or the reason of the first failure after several randomised attempts.
pub(crate) fn construct<W: Weights>(p: &Problem<W>, rng: &mut Rng) -> Result<Vec<u32>, Stuck> {
    let mut first_err = None;
    let target = size_profile(p);
    for _ in 0..30 {
        match Builder::new(p).build(rng, &target) {
            Ok(g) => return Ok(g),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or(Stuck::Undersized { set: 0 }))
}

/// Set sizes within the bounds, summing to everyone, with the most pairs (sum of C(s, 2)):
/// the objective grows with the number of pairs, so this is where good formations live when
/// set sizes may differ (MDGPLIB "ds"). A small DP over sets and people placed so far.
pub(crate) fn size_profile<W>(p: &Problem<W>) -> Vec<u32> {
    let total: usize = p.size.iter().map(|&s| s as usize).sum();
    let m = p.m;
    let neg = i64::MIN / 4;
    // best[g][t]: most pairs using sets 0..g holding t people.
    let mut best = vec![vec![neg; total + 1]; m + 1];
    let mut pick = vec![vec![0u32; total + 1]; m + 1];
    best[0][0] = 0;
    for g in 0..m {
        for t in 0..=total {
            if best[g][t] == neg {
                continue;
            }
            for s in p.min[g]..=p.max[g] {
                let nt = t + s as usize;
                if nt > total {
                    break;
                }
                let v = best[g][t] + (s as i64) * (s as i64 - 1) / 2;
                if v > best[g + 1][nt] {
                    best[g + 1][nt] = v;
                    pick[g + 1][nt] = s;
                }
            }
        }
    }
    if best[m][total] == neg {
        return p.min.clone();
    }
    let mut out = vec![0u32; m];
    let mut t = total;
    for g in (0..m).rev() {
        out[g] = pick[g + 1][t];
        t -= out[g] as usize;
    }
    out
}
