//! Reading MDGPLIB instance files: `n m ds|ss a_1 b_1 ... a_m b_m`, then `i j d_ij` lines.

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
    if h.len() != 3 + 2 * m {
        bail!(
            "line 1: {m} groups need {} size bounds, found {}",
            2 * m,
            h.len() - 3
        );
    }
    let mut bounds = Vec::with_capacity(m);
    for g in 0..m {
        let a = num(h[3 + 2 * g], "a lower bound")?;
        let b = num(h[4 + 2 * g], "an upper bound")?;
        bounds.push((a, b));
    }
    let mut d = vec![0.0; n * n];
    let mut seen = vec![false; n * n];
    let mut count = 0usize;
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
        if seen[i * n + j] {
            bail!("line {lno}: the pair {i} {j} appears twice");
        }
        seen[i * n + j] = true;
        seen[j * n + i] = true;
        d[i * n + j] = v;
        d[j * n + i] = v;
        count += 1;
    }
    if count != n * (n - 1) / 2 {
        bail!(
            "the file has {count} distance lines, but n = {n} needs {}",
            n * (n - 1) / 2
        );
    }
    Ok(MdgpInstance { n, bounds, d })
}
