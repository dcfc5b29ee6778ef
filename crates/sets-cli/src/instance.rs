//! Reading MDGPLIB instance files: `n m ds|ss a_1 b_1 ... a_m b_m`, then `i j d_ij` lines.

use std::collections::HashSet;

use anyhow::{Context, Result, bail};
use revans_engine::MdgpInstance;

pub fn parse_mdgp(text: &str) -> Result<MdgpInstance> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().context("the instance file is empty")?;
    let h: Vec<&str> = header.split_whitespace().collect();
    if h.len() < 3 {
        bail!("line 1: expected `n m ds|ss a_1 b_1 ...`, found `{header}`");
    }
    let num = |s: &str, what: &str| -> Result<usize> {
        s.parse::<usize>()
            .with_context(|| format!("line 1: {what} `{s}` is not a whole number"))
    };
    let n = num(h[0], "n")?;
    let m = num(h[1], "m")?;
    if h[2] != "ds" && h[2] != "ss" {
        bail!(
            "line 1: the third field must be `ds` or `ss`, found `{}`",
            h[2]
        );
    }
    if Some(h.len() - 3) != m.checked_mul(2) {
        bail!(
            "line 1: {m} groups need {} size bounds, found {}",
            m.saturating_mul(2),
            h.len() - 3
        );
    }
    let mut bounds = Vec::with_capacity(m);
    for g in 0..m {
        let a = num(h[3 + 2 * g], "a lower bound")?;
        let b = num(h[4 + 2 * g], "an upper bound")?;
        bounds.push((a, b));
    }
    // Read every distance line before making the n x n matrix, so a large n in a short (or
    // hostile) file is refused instead of allocated.
    let mut entries: Vec<(usize, usize, f64)> = Vec::new();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for (ln, line) in lines {
        let f: Vec<&str> = line.split_whitespace().collect();
        let lno = ln + 1;
        if f.len() != 3 {
            bail!("line {lno}: expected `i j d_ij`, found `{line}`");
        }
        let i: usize = f[0]
            .parse()
            .with_context(|| format!("line {lno}: bad element `{}`", f[0]))?;
        let j: usize = f[1]
            .parse()
            .with_context(|| format!("line {lno}: bad element `{}`", f[1]))?;
        let v: f64 = f[2]
            .parse()
            .with_context(|| format!("line {lno}: bad distance `{}`", f[2]))?;
        if i >= n || j >= n || i == j {
            bail!("line {lno}: elements {i} and {j} must be different and below n = {n}");
        }
        if !v.is_finite() {
            bail!("line {lno}: the distance `{}` is not a finite number", f[2]);
        }
        if !seen.insert((i.min(j), i.max(j))) {
            bail!("line {lno}: the pair {i} {j} appears twice");
        }
        entries.push((i, j, v));
    }
    let needed = n.checked_mul(n.saturating_sub(1)).map(|p| p / 2);
    if needed != Some(entries.len()) {
        bail!(
            "the file has {} distance lines, but n = {n} needs {}",
            entries.len(),
            needed.map_or_else(|| "more than can be stored".to_owned(), |k| k.to_string())
        );
    }
    let mut d = vec![0.0; n * n];
    for (i, j, v) in entries {
        d[i * n + j] = v;
        d[j * n + i] = v;
    }
    Ok(MdgpInstance { n, bounds, d })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> String {
        match parse_mdgp(text) {
            Ok(_) => panic!("{text:?} was accepted"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn a_small_instance_reads() {
        let inst = parse_mdgp("3 1 ss 1 3\n0 1 2.5\n0 2 1\n1 2 4\n").expect("valid");
        assert_eq!((inst.n, inst.bounds.clone()), (3, vec![(1, 3)]));
        assert_eq!(inst.d[1], 2.5);
        assert_eq!(inst.d[3], 2.5);
    }

    /// Found by `cargo fuzz run mdgp`: n = 0 underflowed `n - 1`, a huge n or m overflowed or
    /// asked for the whole memory before a single distance line was read.
    #[test]
    fn sizes_the_file_cannot_back_are_refused_before_anything_is_allocated() {
        assert!(parse_mdgp("0 0 ds").is_ok_and(|i| i.n == 0 && i.d.is_empty()));
        assert!(parse_mdgp("1 0 ds").is_ok_and(|i| i.n == 1));
        assert!(refused("4294967296 0 ds\n0 1 1").contains("distance lines"));
        assert!(refused("18446744073709551615 0 ds").contains("more than can be stored"));
        assert!(refused("3 9223372036854775808 ss 1 2").contains("size bounds"));
        assert!(refused("3 1 ss 1 3\n0 1 1\n0 2 1").contains("has 2 distance lines"));
    }
}
