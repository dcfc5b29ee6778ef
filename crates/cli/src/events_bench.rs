//! `revans events bench`: time to a proven optimum for visit allocation by size, and cafe
//! repeats against their lower bound (docs/BENCHMARKS.md, "Events with choices").

use std::time::{Duration, Instant};

use anyhow::bail;
use revans_engine::Budget;
use revans_events::cafe::{self, CafeProblem};
use revans_events::visits::{Host, VisitProblem, check, generate, solve};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// The small sizes only, two seeds each (CI's form).
    #[arg(long)]
    quick: bool,
    /// Seeds per size.
    #[arg(long, default_value_t = 5)]
    seeds: u64,
}

/// (people, hosts, slots, hosts ranked, minimum as a fraction of maximum; None = generated)
type VisitSize = (usize, usize, usize, usize, Option<f64>);

const VISIT_SIZES: [VisitSize; 7] = [
    (60, 8, 3, 5, None),
    (150, 12, 3, 6, None),
    (300, 20, 3, 8, None),
    (300, 20, 3, 20, Some(0.9)),
    (600, 30, 3, 10, None),
    (1000, 40, 4, 10, None),
    (2000, 60, 3, 10, None),
];

const CAFE_SIZES: [(usize, usize, usize); 6] = [
    (9, 3, 4),
    (30, 5, 4),
    (60, 6, 6),
    (120, 10, 8),
    (300, 20, 5),
    (300, 20, 20),
];

pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    if args.seeds == 0 {
        bail!("--seeds must be 1 or more");
    }
    let seeds = if args.quick { 2 } else { args.seeds };
    println!("visit allocation: seconds to a proven optimum (limit 10 s), over {seeds} seed(s)");
    println!("people  hosts  slots  ranked  minimums   median s    max s  max nodes  proven");
    for &(people, hosts, slots, ranked, tight) in
        &VISIT_SIZES[..if args.quick { 3 } else { VISIT_SIZES.len() }]
    {
        let mut times = Vec::new();
        let (mut nodes, mut proven) = (0, 0);
        for seed in 1..=seeds {
            let problem = tightened(generate(people, hosts, slots, ranked, seed), tight);
            let started = Instant::now();
            let outcome = solve(&problem, Some(started + Duration::from_secs(10)));
            times.push(started.elapsed().as_secs_f64());
            nodes = nodes.max(outcome.nodes);
            if let Some(allocation) = &outcome.allocation
                && let Err(broken) = check(&problem, allocation)
            {
                bail!("the allocation for seed {seed} breaks a rule: {broken}");
            }
            proven += u64::from(outcome.proven_optimal);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{people:>6} {hosts:>6} {slots:>6} {ranked:>7}  {:<9} {:>9.3} {:>8.3} {nodes:>10}  {proven}/{seeds}",
            tight.map_or("generated".to_owned(), |f| format!("{:.0}% max", f * 100.0)),
            times[times.len() / 2],
            times[times.len() - 1],
        );
    }
    let seconds = if args.quick { 0.5 } else { 2.0 };
    println!();
    println!("cafe conversations: repeats against the lower bound ({seconds} s a run, seed 1)");
    println!("participants  guests  rounds  repeats  lower bound  seconds");
    for &(p, g, r) in &CAFE_SIZES[..if args.quick { 3 } else { CAFE_SIZES.len() }] {
        let problem = CafeProblem::new(p, g, r).map_err(|e| anyhow::anyhow!("{e}"))?;
        let started = Instant::now();
        let solution = cafe::solve(&problem, 1, Budget::seconds(seconds));
        let took = started.elapsed().as_secs_f64();
        if let Err(broken) = cafe::check(&problem, &solution.rota) {
            bail!("the rota for {p}/{g}/{r} breaks a rule: {broken}");
        }
        println!(
            "{p:>12} {g:>7} {r:>7} {:>8} {:>12} {took:>8.3}",
            cafe::repeats(&problem, &solution.rota),
            solution.lower_bound
        );
    }
    Ok(())
}

/// The generated event with every open host's minimum raised to `fraction` of its maximum (and
/// four spare places a host, so most events stay feasible): opening hosts becomes the hard part.
fn tightened(problem: VisitProblem, fraction: Option<f64>) -> VisitProblem {
    let Some(fraction) = fraction else {
        return problem;
    };
    let hosts = problem
        .hosts()
        .iter()
        .map(|h| Host {
            min: (f64::from(h.max) * fraction) as u32,
            max: h.max + 4,
        })
        .collect();
    let rankings = (0..problem.people())
        .map(|p| problem.ranking(p).to_vec())
        .collect();
    VisitProblem::new(hosts, rankings, problem.slots()).expect("raising minimums keeps it valid")
}
