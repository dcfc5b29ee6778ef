//! Proven optimum for small instances: dynamic programming over subsets of units, one set at a
//! time. Every term of the objective is a sum over sets, so the best formation of the units in
//! `mask` using sets `0..g` extends optimally; work is m * 3^n, trivial for n <= 13.

use crate::problem::{Problem, Weights};

/// Largest number of units solved exactly.
pub(crate) const EXACT_MAX_UNITS: usize = 13;

pub(crate) fn solve<W: Weights>(p: &Problem<W>) -> Option<(Vec<u32>, f64)> {
    let n = p.n;
    let m = p.m;
    if n > EXACT_MAX_UNITS {
        return None;
    }
    let full: usize = (1 << n) - 1;
    let mut val = vec![f64::NEG_INFINITY; m << n];
    let mut units = Vec::with_capacity(n);
    for s in 0..=full {
        units.clear();
        units.extend((0..n).filter(|&u| s >> u & 1 == 1));
        for g in 0..m {
            if let Some(v) = p.group_score(g, &units) {
                val[(g << n) | s] = v;
            }
        }
    }
    let mut f = vec![f64::NEG_INFINITY; 1 << n];
    f[0] = 0.0;
    let mut choice = vec![0u32; m << n];
    for g in 0..m {
        let mut nf = vec![f64::NEG_INFINITY; 1 << n];
        for mask in 0..=full {
            let base = f[mask];
            if base == f64::NEG_INFINITY {
                continue;
            }
            let comp = full ^ mask;
            // The last set must take everyone left.
            let mut s = comp;
            loop {
                let v = val[(g << n) | s];
                if v > f64::NEG_INFINITY && base + v > nf[mask | s] {
                    nf[mask | s] = base + v;
                    choice[(g << n) | mask | s] = s as u32;
                }
                if s == 0 || g + 1 == m {
                    break;
                }
                s = (s - 1) & comp;
            }
        }
        f = nf;
    }
    if f[full] == f64::NEG_INFINITY {
        return None;
    }
    let mut group = vec![0u32; n];
    let mut mask = full;
    for g in (0..m).rev() {
        let s = choice[(g << n) | mask] as usize;
        for (u, slot) in group.iter_mut().enumerate() {
            if s >> u & 1 == 1 {
                *slot = g as u32;
            }
        }
        mask ^= s;
    }
    Some((group, f[full] + p.inner))
}
