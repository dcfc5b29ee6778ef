//! The readable report of `revans sets form`.

use std::time::Duration;

use revans_engine::{Explanation, Formation, Model};

/// Above this many sets the report summarises instead of listing every set.
const LIST_SETS: usize = 40;
const LIST_PEOPLE: usize = 60;

pub fn print_report(model: &Model, f: &Formation, e: &Explanation, elapsed: Duration) {
    let sizes: Vec<usize> = e.sets.iter().map(|s| s.members.len()).collect();
    println!(
        "Formed {} sets ({} to {} people) from {} people in {:.2} s; objective {:.3}{}",
        sizes.len(),
        sizes.iter().min().unwrap_or(&0),
        sizes.iter().max().unwrap_or(&0),
        model.ids.len(),
        elapsed.as_secs_f64(),
        f.objective,
        if f.proven_optimal {
            " (proven optimum)"
        } else {
            ""
        }
    );
    let failed: usize = e
        .sets
        .iter()
        .map(|s| s.checks.iter().filter(|c| !c.ok).count())
        .sum();
    println!("Soft aims not fully met: {failed} (hard rules all hold)");
    if e.sets.len() > LIST_SETS {
        let scores: Vec<f64> = e.sets.iter().map(|s| s.score).collect();
        let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        println!("Set scores from {lo:.3} to {hi:.3}; run with fewer people for a per-set report.");
        return;
    }
    for s in &e.sets {
        println!();
        println!(
            "Set {} ({} people), score {:.3}",
            s.set + 1,
            s.members.len(),
            s.score
        );
        let names: Vec<&str> = s.members.iter().map(|&p| model.ids[p].as_str()).collect();
        println!("  members: {}", names.join(", "));
        for m in &s.mixes {
            println!("  mixes {m}");
        }
        for c in &s.checks {
            println!(
                "  [{}] {}: {}",
                if c.ok { "ok" } else { "--" },
                c.rule,
                c.detail
            );
        }
    }
    let bound: Vec<_> = e.people.iter().filter(|p| !p.binding.is_empty()).collect();
    if !bound.is_empty() {
        println!();
        println!("Why people are where they are:");
        for p in bound.iter().take(LIST_PEOPLE) {
            println!(
                "  {} (set {}): {}",
                model.ids[p.person],
                p.set + 1,
                p.binding.join("; ")
            );
        }
        if bound.len() > LIST_PEOPLE {
            println!("  ... and {} more", bound.len() - LIST_PEOPLE);
        }
    }
}
