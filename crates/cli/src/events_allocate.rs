//! `revans events allocate`: visit allocation from CSV files (docs/ENGINE.md, "Visits").

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use revans_events::visits::{Allocation, check, closed_hosts, solve, visits_by_rank};

use crate::events_allocate_read::{Event, read};

#[derive(Debug, clap::Args)]
pub struct AllocateArgs {
    /// Host organisations: header `host,min,max` (places per slot; min applies if it opens).
    #[arg(long, value_name = "HOSTS.csv")]
    hosts: PathBuf,
    /// Rankings: header `person,host,rank` (1 = most wanted; each person ranks at least
    /// --slots hosts).
    #[arg(long, value_name = "PREFS.csv")]
    preferences: PathBuf,
    /// Time slots: each person visits a different host in each.
    #[arg(long, value_name = "K")]
    slots: usize,
    /// Where to write the allocation: header `person,slot,host`, slots numbered from 1.
    #[arg(long, value_name = "ALLOC.csv")]
    out: PathBuf,
    /// Stop proving after this long and give the best allocation with its bound.
    #[arg(long, value_name = "S", default_value_t = 10.0)]
    seconds: f64,
}

pub fn run(args: AllocateArgs) -> anyhow::Result<()> {
    if !(args.seconds.is_finite() && args.seconds > 0.0) {
        bail!("--seconds must be a positive number of seconds");
    }
    if args.slots == 0 {
        bail!("--slots must be 1 or more");
    }
    let event = match read(&args.hosts, &args.preferences, args.slots) {
        Ok(event) => event,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            bail!("the input has problems (listed above); nothing was written");
        }
    };
    let deadline = Instant::now() + Duration::from_secs_f64(args.seconds);
    let started = Instant::now();
    let outcome = solve(&event.problem, Some(deadline));
    let elapsed = started.elapsed();
    let Some(allocation) = outcome.allocation else {
        if outcome.proven_optimal {
            bail!(
                "no allocation meets every host's minimum and maximum with these rankings: \
                 lower some minimums, raise some maximums, or ask people to rank more hosts"
            );
        }
        bail!(
            "no allocation was found in {} s; allow more time with --seconds",
            args.seconds
        );
    };
    // The solver's answer is checked independently before anyone sees it.
    if let Err(broken) = check(&event.problem, &allocation) {
        bail!("internal error: the allocation breaks a rule ({broken}); nothing was written");
    }
    write_allocation(&args.out, &event, &allocation)?;
    let objective = outcome.objective.unwrap_or_default();
    println!("{}", summary(&event, &allocation));
    println!(
        "Solved in {:.3} s ({} branch-and-bound node(s)); wrote {}.",
        elapsed.as_secs_f64(),
        outcome.nodes,
        args.out.display()
    );
    println!("objective: {objective}");
    if outcome.proven_optimal {
        println!("optimal: yes");
    } else {
        println!("optimal: no (bound {})", outcome.bound);
    }
    Ok(())
}

/// How many visits were each person's 1st, 2nd... choice, and which hosts stay closed.
fn summary(event: &Event, allocation: &Allocation) -> String {
    let problem = &event.problem;
    let by_rank = visits_by_rank(problem, allocation);
    let closed: Vec<&str> = closed_hosts(problem, allocation)
        .into_iter()
        .map(|h| event.hosts[h].as_str())
        .collect();
    let ranks: Vec<String> = by_rank
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(r, n)| format!("{n} at rank {}", r + 1))
        .collect();
    format!(
        "{} people, {} hosts, {} slots: visits {}.\nClosed: {}.",
        problem.people(),
        event.hosts.len(),
        problem.slots(),
        ranks.join(", "),
        if closed.is_empty() {
            "none".to_owned()
        } else {
            closed.join(", ")
        }
    )
}

/// Writes beside the target, then renames, so a failure never leaves half a file.
fn write_allocation(out: &Path, event: &Event, allocation: &Allocation) -> anyhow::Result<()> {
    let folder = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    {
        let mut writer = csv::Writer::from_writer(temp.as_file_mut());
        writer.write_record(["person", "slot", "host"])?;
        for (p, row) in allocation.visits.iter().enumerate() {
            for (slot, &h) in row.iter().enumerate() {
                let slot = (slot + 1).to_string();
                writer.write_record([
                    event.people[p].as_str(),
                    slot.as_str(),
                    event.hosts[h].as_str(),
                ])?;
            }
        }
        writer.flush()?;
    }
    temp.as_file_mut().flush()?;
    temp.persist(out)
        .with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}
