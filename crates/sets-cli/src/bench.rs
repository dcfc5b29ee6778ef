//! `revans sets bench DIR [--filter PATTERN]`: the literature protocol on MDGPLIB. Each instance
//! runs for its paper time limit (3 s n=120, 20 s n=240, 120 s n=480; 1 s below n=120) with
//! one thread; the table gives the gap to `best_known.csv` per family and size.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use revans_engine::mdgp_objective;

use crate::mdgp_cmd::{load, solve};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Directory with `instances/` and `best_known.csv`.
    pub dir: PathBuf,
    /// Only instances whose name contains this text.
    #[arg(long)]
    pub filter: Option<String>,
    /// Override every time limit (seconds).
    #[arg(long)]
    pub seconds: Option<f64>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Runs per instance (the literature uses 20); seeds seed, seed+1, ...
    #[arg(long, default_value_t = 1)]
    pub runs: u64,
}

struct Known {
    best: f64,
    limit: Option<f64>,
}

fn read_best(dir: &std::path::Path) -> Result<BTreeMap<String, Known>> {
    let path = dir.join("best_known.csv");
    let mut rdr =
        csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = BTreeMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{} row {}", path.display(), i + 2))?;
        let best: f64 = rec
            .get(3)
            .unwrap_or("")
            .parse()
            .with_context(|| format!("{} row {}: bad best_known", path.display(), i + 2))?;
        let limit = rec.get(4).and_then(|s| s.parse().ok());
        out.insert(rec.get(0).unwrap_or("").to_string(), Known { best, limit });
    }
    Ok(out)
}

fn default_limit(n: usize) -> f64 {
    match n {
        0..=12 => 1.0,
        13..=60 => 1.0,
        61..=120 => 3.0,
        121..=240 => 20.0,
        241..=480 => 120.0,
        _ => 600.0,
    }
}

/// "RanReal_n120_ds_01" -> "RanReal n120 ds".
fn class_of(name: &str) -> String {
    let parts: Vec<&str> = name.split('_').collect();
    if parts.len() >= 3 {
        format!("{} {} {}", parts[0], parts[1], parts[2])
    } else {
        name.to_string()
    }
}

pub fn run(args: BenchArgs) -> Result<()> {
    let known = read_best(&args.dir)?;
    let inst_dir = args.dir.join("instances");
    let mut names: Vec<String> = std::fs::read_dir(&inst_dir)
        .with_context(|| format!("cannot list {}", inst_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|s| s.strip_suffix(".txt"))
                .map(String::from)
        })
        .filter(|n| args.filter.as_ref().is_none_or(|f| n.contains(f.as_str())))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("no instance in {} matches the filter", inst_dir.display());
    }
    let mut by_class: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    println!(
        "{:<24} {:>14} {:>14} {:>9} {:>6}",
        "instance", "best_known", "ours", "gap %", "secs"
    );
    for name in &names {
        let inst = load(&inst_dir.join(format!("{name}.txt")))?;
        let k = known.get(name);
        let secs = args
            .seconds
            .or(k.and_then(|k| k.limit))
            .unwrap_or_else(|| default_limit(inst.n));
        for r in 0..args.runs.max(1) {
            let sol = solve(&inst, secs, args.seed + r, 1, true)?;
            let ours = mdgp_objective(&inst, &sol.group);
            match k {
                Some(k) => {
                    let gap = 100.0 * (k.best - ours) / k.best;
                    println!(
                        "{name:<24} {:>14.6} {ours:>14.6} {gap:>9.4} {secs:>6}",
                        k.best
                    );
                    by_class.entry(class_of(name)).or_default().push(gap);
                }
                None => println!("{name:<24} {:>14} {ours:>14.6} {:>9} {secs:>6}", "-", "-"),
            }
        }
    }
    println!();
    println!(
        "{:<20} {:>5} {:>11} {:>11} {:>11}",
        "family size type", "runs", "mean gap %", "best gap %", "worst gap %"
    );
    for (class, gaps) in &by_class {
        let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
        let lo = gaps.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        println!(
            "{class:<20} {:>5} {mean:>11.4} {lo:>11.4} {hi:>11.4}",
            gaps.len()
        );
    }
    Ok(())
}
