//! A solution under search with the per-unit per-set weight sums that make every move and swap
//! gain O(1): `d[g * n + u]` = sum of weights between unit u and the units of set g.

use crate::problem::{Problem, Weights};

#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) group: Vec<u32>,
    pub(crate) gsize: Vec<u32>,
    pub(crate) d: Vec<f64>,
    /// Per counted attribute: `g * nvals + value`.
    pub(crate) counts: Vec<Vec<u32>>,
    pub(crate) value: f64,
}

impl State {
    pub(crate) fn new<W: Weights>(p: &Problem<W>, group: Vec<u32>) -> State {
        let (n, m) = (p.n, p.m);
        let mut d = vec![0.0; n * m];
        for u in 0..n {
            for v in (u + 1)..n {
                let w = p.w.w(u, v);
                d[group[v] as usize * n + u] += w;
                d[group[u] as usize * n + v] += w;
            }
            for &(v, w) in &p.sparse[u] {
                d[group[v as usize] as usize * n + u] += w;
            }
        }
        let mut gsize = vec![0; m];
        for u in 0..n {
            gsize[group[u] as usize] += p.size[u];
        }
        let counts = p
            .counted
            .iter()
            .map(|c| {
                let mut t = vec![0u32; m * c.nvals];
                for u in 0..n {
                    for &(val, k) in &c.contrib[u] {
                        t[group[u] as usize * c.nvals + val as usize] += k;
                    }
                }
                t
            })
            .collect();
        let mut s = State {
            group,
            gsize,
            d,
            counts,
            value: 0.0,
        };
        s.value = s.recompute(p);
        s
    }

    /// The objective from the sums (used once at creation; tests compare it to the definition).
    pub(crate) fn recompute<W: Weights>(&self, p: &Problem<W>) -> f64 {
        let n = p.n;
        let mut v = p.inner;
        for u in 0..n {
            let g = self.group[u] as usize;
            v += 0.5 * self.d[g * n + u] + p.unary(u, g);
        }
        for (c, t) in p.counted.iter().zip(&self.counts) {
            if c.isolate != 0.0 {
                v -= t.iter().map(|&k| c.penalty(k)).sum::<f64>();
            }
        }
        v
    }

    #[inline]
    fn unary_gain<W>(p: &Problem<W>, u: usize, g: usize, h: usize) -> f64 {
        match &p.unary {
            Some(t) => t[u * p.m + h] - t[u * p.m + g],
            None => 0.0,
        }
    }

    /// Isolation penalty change (as a gain) when `out` leaves g for h and `inn` leaves h for g.
    fn iso_gain<W>(
        &self,
        p: &Problem<W>,
        out: usize,
        inn: Option<usize>,
        g: usize,
        h: usize,
    ) -> f64 {
        let mut gain = 0.0;
        for (ci, c) in p.counted.iter().enumerate() {
            if c.isolate == 0.0 {
                continue;
            }
            let t = &self.counts[ci];
            let delta = |val: u32| -> i64 {
                let a = c.contrib[out]
                    .iter()
                    .find(|x| x.0 == val)
                    .map_or(0, |x| x.1) as i64;
                let b = inn.map_or(0, |v| {
                    c.contrib[v].iter().find(|x| x.0 == val).map_or(0, |x| x.1)
                }) as i64;
                b - a
            };
            let mut one = |val: u32| {
                let dv = delta(val);
                if dv == 0 {
                    return;
                }
                let cg = t[g * c.nvals + val as usize];
                let ch = t[h * c.nvals + val as usize];
                let ng = (cg as i64 + dv) as u32;
                let nh = (ch as i64 - dv) as u32;
                gain -= c.penalty(ng) - c.penalty(cg) + c.penalty(nh) - c.penalty(ch);
            };
            for &(val, _) in &c.contrib[out] {
                one(val);
            }
            if let Some(v) = inn {
                for &(val, _) in &c.contrib[v] {
                    if !c.contrib[out].iter().any(|x| x.0 == val) {
                        one(val);
                    }
                }
            }
        }
        gain
    }

    #[inline]
    pub(crate) fn move_gain<W: Weights>(&self, p: &Problem<W>, u: usize, h: usize) -> f64 {
        let n = p.n;
        let g = self.group[u] as usize;
        let mut gain = self.d[h * n + u] - self.d[g * n + u] + Self::unary_gain(p, u, g, h);
        if !p.counted.is_empty() {
            gain += self.iso_gain(p, u, None, g, h);
        }
        gain
    }

    #[inline]
    pub(crate) fn swap_gain<W: Weights>(&self, p: &Problem<W>, u: usize, v: usize) -> f64 {
        let n = p.n;
        let g = self.group[u] as usize;
        let h = self.group[v] as usize;
        let mut gain = self.d[h * n + u] - self.d[g * n + u] + self.d[g * n + v]
            - self.d[h * n + v]
            - 2.0 * p.pair(u, v);
        if p.unary.is_some() {
            gain += Self::unary_gain(p, u, g, h) + Self::unary_gain(p, v, h, g);
        }
        if !p.counted.is_empty() {
            gain += self.iso_gain(p, u, Some(v), g, h);
        }
        gain
    }

    /// Do the count rules still hold in set `g` after `out` leaves and `inn` (if any) joins?
    fn counts_ok<W>(
        &self,
        p: &Problem<W>,
        g: usize,
        out: Option<usize>,
        inn: Option<usize>,
    ) -> bool {
        for (ci, c) in p.counted.iter().enumerate() {
            if c.max.is_none() && c.min.iter().all(|&k| k == 0) {
                continue;
            }
            let t = &self.counts[ci];
            let get = |u: Option<usize>, val: u32| {
                u.map_or(0, |u| {
                    c.contrib[u].iter().find(|x| x.0 == val).map_or(0, |x| x.1)
                }) as i64
            };
            let check = |val: u32| {
                let k = t[g * c.nvals + val as usize] as i64 + get(inn, val) - get(out, val);
                c.max.is_none_or(|mx| k <= mx as i64) && k >= c.min[val as usize] as i64
            };
            for u in [out, inn].into_iter().flatten() {
                if !c.contrib[u].iter().all(|&(val, _)| check(val)) {
                    return false;
                }
            }
        }
        true
    }

    fn conflict_free<W>(&self, p: &Problem<W>, u: usize, h: usize, except: Option<usize>) -> bool {
        p.conflicts[u]
            .iter()
            .all(|&x| self.group[x as usize] as usize != h || Some(x as usize) == except)
    }

    pub(crate) fn move_ok<W>(&self, p: &Problem<W>, u: usize, h: usize) -> bool {
        let g = self.group[u] as usize;
        g != h
            && p.fixed[u].is_none()
            && self.gsize[g] - p.size[u] >= p.min[g]
            && self.gsize[h] + p.size[u] <= p.max[h]
            && self.conflict_free(p, u, h, None)
            && (p.counted.is_empty()
                || (self.counts_ok(p, g, Some(u), None) && self.counts_ok(p, h, None, Some(u))))
    }

    pub(crate) fn swap_ok<W>(&self, p: &Problem<W>, u: usize, v: usize) -> bool {
        let g = self.group[u] as usize;
        let h = self.group[v] as usize;
        if g == h || p.fixed[u].is_some() || p.fixed[v].is_some() {
            return false;
        }
        if p.size[u] != p.size[v] {
            let sg = self.gsize[g] - p.size[u] + p.size[v];
            let sh = self.gsize[h] - p.size[v] + p.size[u];
            if sg < p.min[g] || sg > p.max[g] || sh < p.min[h] || sh > p.max[h] {
                return false;
            }
        }
        self.conflict_free(p, u, h, Some(v))
            && self.conflict_free(p, v, g, Some(u))
            && (p.counted.is_empty()
                || (self.counts_ok(p, g, Some(u), Some(v))
                    && self.counts_ok(p, h, Some(v), Some(u))))
    }

    /// Moves u to h, updating the sums in O(n); the caller adds the gain to `value`.
    fn shift<W: Weights>(&mut self, p: &Problem<W>, u: usize, h: usize) {
        let n = p.n;
        let g = self.group[u] as usize;
        let (lo, hi) = (g.min(h), g.max(h));
        let (a, b) = self.d.split_at_mut(hi * n);
        let (rl, rh) = (&mut a[lo * n..(lo + 1) * n], &mut b[..n]);
        let (rg, rnew) = if g < h { (rl, rh) } else { (rh, rl) };
        for x in 0..n {
            let w = p.w.w(u, x);
            rg[x] -= w;
            rnew[x] += w;
        }
        for &(x, w) in &p.sparse[u] {
            rg[x as usize] -= w;
            rnew[x as usize] += w;
        }
        for (ci, c) in p.counted.iter().enumerate() {
            let t = &mut self.counts[ci];
            for &(val, k) in &c.contrib[u] {
                t[g * c.nvals + val as usize] -= k;
                t[h * c.nvals + val as usize] += k;
            }
        }
        self.gsize[g] -= p.size[u];
        self.gsize[h] += p.size[u];
        self.group[u] = h as u32;
    }

    pub(crate) fn apply_move<W: Weights>(&mut self, p: &Problem<W>, u: usize, h: usize) {
        let gain = self.move_gain(p, u, h);
        self.shift(p, u, h);
        self.value += gain;
    }

    pub(crate) fn apply_swap<W: Weights>(&mut self, p: &Problem<W>, u: usize, v: usize) {
        let gain = self.swap_gain(p, u, v);
        let (g, h) = (self.group[u] as usize, self.group[v] as usize);
        self.shift(p, u, h);
        self.shift(p, v, g);
        self.value += gain;
    }

    pub(crate) fn copy_from(&mut self, other: &State) {
        self.group.copy_from_slice(&other.group);
        self.gsize.copy_from_slice(&other.gsize);
        self.d.copy_from_slice(&other.d);
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            a.copy_from_slice(b);
        }
        self.value = other.value;
    }
}
