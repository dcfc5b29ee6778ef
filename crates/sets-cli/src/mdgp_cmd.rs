//! `revans sets mdgp INSTANCE --seconds S [--seed N] [--threads T] [--assignment FILE]`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use revans_engine::{Budget, MdgpInstance, MdgpSolution, SolveOptions, mdgp_objective, solve_mdgp};

use crate::instance::parse_mdgp;
use crate::output::write_atomic;
use crate::progress::Reporter;

#[derive(Debug, clap::Args)]
pub struct MdgpArgs {
    /// MDGPLIB instance file.
    pub instance: PathBuf,
    /// Time limit in seconds.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Independent searches with seeds seed, seed+1, ...; the best is kept.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Write the 0-based group of element i on line i.
    #[arg(long)]
    pub assignment: Option<PathBuf>,
}

pub fn load(path: &Path) -> Result<MdgpInstance> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read instance {}", path.display()))?;
    parse_mdgp(&text).with_context(|| format!("malformed instance {}", path.display()))
}

/// Runs `threads` independent seeds for `seconds` and returns the best.
pub fn solve(
    inst: &MdgpInstance,
    seconds: f64,
    seed: u64,
    threads: usize,
    quiet: bool,
) -> Result<MdgpSolution> {
    let threads = threads.max(1);
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let opts = SolveOptions {
                        seed: seed.wrapping_add(t as u64),
                        budget: Budget::seconds(seconds),
                        ..SolveOptions::default()
                    };
                    let mut rep = Reporter::new(seconds, quiet || t > 0);
                    let r = solve_mdgp(inst, &opts, &mut rep);
                    rep.finish();
                    r
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    });
    let mut best: Option<MdgpSolution> = None;
    for r in results {
        let sol = r.map_err(|_| anyhow::anyhow!("a search thread panicked"))??;
        if best.as_ref().is_none_or(|b| sol.objective > b.objective) {
            best = Some(sol);
        }
    }
    best.context("no search ran")
}

pub fn run(args: MdgpArgs) -> Result<()> {
    let inst = load(&args.instance)?;
    let sol = solve(&inst, args.seconds, args.seed, args.threads, false)?;
    // Report the value recomputed from the assignment, not the search's running sum.
    let value = mdgp_objective(&inst, &sol.group);
    if let Some(path) = &args.assignment {
        let text: String = sol.group.iter().map(|g| format!("{g}\n")).collect();
        write_atomic(path, &text)?;
    }
    eprintln!(
        "{} elements, {} groups, {} rounds, {} tabu iterations{}",
        inst.n,
        inst.bounds.len(),
        sol.rounds,
        sol.iterations,
        if sol.proven_optimal {
            ", proven optimum"
        } else {
            ""
        }
    );
    println!("objective: {value:.6}");
    Ok(())
}
