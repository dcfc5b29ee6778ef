//! `revans events cafe`: seat participants at guest leaders' tables over rounds and write the
//! rota as CSV (`round,participant,guest`, all numbered from 1).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use revans_engine::Budget;
use revans_events::cafe::{self, CafeProblem, Rota};

#[derive(Debug, clap::Args)]
pub struct CafeArgs {
    /// How many participants rotate between the tables.
    #[arg(long)]
    pub participants: usize,
    /// How many guest leaders (one table each).
    #[arg(long)]
    pub guests: usize,
    /// How many rounds of conversation.
    #[arg(long)]
    pub rounds: usize,
    /// Seed of the search: the same seed and time give a comparable rota.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The CSV file to write (`round,participant,guest`).
    #[arg(long)]
    pub out: PathBuf,
    /// Search for at most this many seconds (less when the rota is provably best).
    #[arg(long, default_value_t = 2.0)]
    pub seconds: f64,
}

pub fn run(args: CafeArgs) -> anyhow::Result<()> {
    if !(args.seconds.is_finite() && (0.0..=3600.0).contains(&args.seconds)) {
        bail!("--seconds must be between 0 and 3600");
    }
    let problem = CafeProblem::new(args.participants, args.guests, args.rounds)
        .map_err(|e| anyhow::anyhow!("--{}: {e}", e.field()))?;
    let started = Instant::now();
    let solution = cafe::solve(&problem, args.seed, Budget::seconds(args.seconds));
    let took = started.elapsed().as_secs_f64();
    // Recount from scratch rather than trusting the search's own books.
    cafe::check(&problem, &solution.rota)
        .map_err(|e| anyhow::anyhow!("internal error, the rota breaks a rule: {e}"))?;
    let repeats = cafe::repeats(&problem, &solution.rota);
    write_rota(&args.out, &solution.rota, args.participants)?;
    let (fewest, most) = problem.guest_visits();
    println!(
        "{} participants, {} guests, {} rounds: written to {}",
        args.participants,
        args.guests,
        args.rounds,
        args.out.display()
    );
    if most <= 1 {
        println!("nobody meets a guest twice");
    } else {
        println!("each participant meets each guest {fewest} to {most} times");
    }
    let verdict = if repeats == solution.lower_bound {
        "best possible"
    } else {
        "not proven best"
    };
    println!("searched {took:.2} s ({verdict})");
    println!("lower bound: {}", solution.lower_bound);
    println!("repeats: {repeats}");
    Ok(())
}

/// Writes through a temporary file beside the target, so a failure leaves no file.
fn write_rota(path: &Path, rota: &Rota, participants: usize) -> anyhow::Result<()> {
    let name = path.display();
    let tmp = path.with_extension("partial");
    let written = (|| -> anyhow::Result<()> {
        let mut out = csv::Writer::from_path(&tmp)?;
        out.write_record(["round", "participant", "guest"])?;
        for round in 0..rota.rounds() {
            for participant in 0..participants {
                let guest = rota.table(round, participant);
                out.write_record([
                    (round + 1).to_string(),
                    (participant + 1).to_string(),
                    (guest + 1).to_string(),
                ])?;
            }
        }
        out.flush()?;
        Ok(())
    })();
    if let Err(e) = written.and_then(|()| Ok(std::fs::rename(&tmp, path)?)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("Cannot write {name}"));
    }
    Ok(())
}
