//! The compiled problem the search works on: units (blocks of people that move together),
//! pair weights between units, per-set size bounds and the hard/soft count rules.

/// Weight of putting two units in the same set (sum over their members' pairs).
pub(crate) trait Weights: Sync {
    /// `w(u, u)` must be 0: a unit's inner pairs are a constant kept in `Problem::inner`.
    fn w(&self, u: usize, v: usize) -> f64;
}

/// A flat symmetric matrix: the fastest form, used when n is at most a few thousand.
pub(crate) struct Dense {
    pub(crate) n: usize,
    pub(crate) d: Vec<f64>,
}

impl Weights for Dense {
    #[inline]
    fn w(&self, u: usize, v: usize) -> f64 {
        self.d[u * self.n + v]
    }
}

/// Weights computed from people's attributes on demand, for instances too large for a matrix.
pub(crate) struct Features {
    pub(crate) members: Vec<Vec<u32>>,
    /// Categorical attributes: signed weight per mismatch; code 0 means "missing".
    pub(crate) cats: Vec<(f64, Vec<u32>)>,
    /// Numeric attributes scaled to [0, 1]: signed weight times the absolute difference.
    pub(crate) nums: Vec<(f64, Vec<Option<f64>>)>,
}

impl Features {
    #[inline]
    pub(crate) fn person_pair(&self, a: usize, b: usize) -> f64 {
        let mut s = 0.0;
        for (w, codes) in &self.cats {
            let (x, y) = (codes[a], codes[b]);
            if x != y && x != 0 && y != 0 {
                s += w;
            }
        }
        for (w, vals) in &self.nums {
            if let (Some(x), Some(y)) = (vals[a], vals[b]) {
                s += w * (x - y).abs();
            }
        }
        s
    }
}

impl Weights for Features {
    #[inline]
    fn w(&self, u: usize, v: usize) -> f64 {
        if u == v {
            return 0.0;
        }
        let mut s = 0.0;
        for &a in &self.members[u] {
            for &b in &self.members[v] {
                s += self.person_pair(a as usize, b as usize);
            }
        }
        s
    }
}

/// One categorical attribute that carries count rules (max per value, min per value, isolation).
#[derive(Debug, Clone)]
pub(crate) struct Counted {
    pub(crate) nvals: usize,
    /// Per unit: (value code, how many of its members have it); missing values are left out.
    pub(crate) contrib: Vec<Vec<(u32, u32)>>,
    pub(crate) max: Option<u32>,
    /// Minimum per value and set (0 = no minimum).
    pub(crate) min: Vec<u32>,
    /// Soft penalty for each set where a value appears exactly once.
    pub(crate) isolate: f64,
}

impl Counted {
    pub(crate) fn penalty(&self, c: u32) -> f64 {
        if c == 1 { self.isolate } else { 0.0 }
    }
}

pub(crate) struct Problem<W> {
    pub(crate) n: usize,
    pub(crate) m: usize,
    pub(crate) size: Vec<u32>,
    pub(crate) min: Vec<u32>,
    pub(crate) max: Vec<u32>,
    pub(crate) w: W,
    /// Extra sparse pair weights (history when weights are not a matrix), stored both ways.
    pub(crate) sparse: Vec<Vec<(u32, f64)>>,
    pub(crate) conflicts: Vec<Vec<u32>>,
    pub(crate) fixed: Vec<Option<u32>>,
    pub(crate) counted: Vec<Counted>,
    /// Optional per (unit, set) bonus, `u * m + g` (repair: staying where one was).
    pub(crate) unary: Option<Vec<f64>>,
    /// Constant: weights of pairs inside units.
    pub(crate) inner: f64,
    /// Every pair weight is >= 0 (plain MDGP): lets the tabu scan skip whole sets.
    pub(crate) nonneg: bool,
}

impl<W: Weights> Problem<W> {
    pub(crate) fn pair(&self, u: usize, v: usize) -> f64 {
        let mut s = self.w.w(u, v);
        for &(x, wx) in &self.sparse[u] {
            if x as usize == v {
                s += wx;
            }
        }
        s
    }

    pub(crate) fn unary(&self, u: usize, g: usize) -> f64 {
        self.unary.as_ref().map_or(0.0, |t| t[u * self.m + g])
    }

    /// Score of set `g` holding exactly `units`, or None when a hard rule fails. Straight from
    /// the definitions: the exact solver and the checks use it.
    pub(crate) fn group_score(&self, g: usize, units: &[usize]) -> Option<f64> {
        let persons: u32 = units.iter().map(|&u| self.size[u]).sum();
        if persons < self.min[g] || persons > self.max[g] {
            return None;
        }
        let mut s = 0.0;
        for (i, &u) in units.iter().enumerate() {
            if self.fixed[u].is_some_and(|f| f as usize != g) {
                return None;
            }
            for &v in &units[i + 1..] {
                if self.conflicts[u].contains(&(v as u32)) {
                    return None;
                }
                s += self.pair(u, v);
            }
            s += self.unary(u, g);
        }
        for c in &self.counted {
            let mut counts = vec![0u32; c.nvals];
            for &u in units {
                for &(val, k) in &c.contrib[u] {
                    counts[val as usize] += k;
                }
            }
            for (val, &k) in counts.iter().enumerate() {
                if c.max.is_some_and(|mx| k > mx) || k < c.min[val] {
                    return None;
                }
                s -= c.penalty(k);
            }
        }
        Some(s)
    }
}
