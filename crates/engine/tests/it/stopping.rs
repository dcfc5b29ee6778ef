//! A progress sink can stop a long search early (a lead cancelling a forming run).

use std::time::{Duration, Instant};

use revans_engine::{Budget, NoProgress, Progress, ProgressInfo, SolveOptions, form};

use crate::helpers::{cat_idx, model};

struct StopAfter {
    updates: usize,
    asked: usize,
    after: usize,
}

impl Progress for StopAfter {
    fn update(&mut self, _info: &ProgressInfo) {
        self.updates += 1;
    }
    fn stop(&mut self) -> bool {
        self.asked += 1;
        self.asked > self.after
    }
}

fn sixty(seconds: f64) -> (revans_engine::Model, SolveOptions) {
    let mut m = model(60, 10);
    m.attributes
        .push(cat_idx("org", &(0..60).map(|i| i % 7).collect::<Vec<_>>()));
    let opts = SolveOptions {
        seed: 3,
        budget: Budget::seconds(seconds),
        ..SolveOptions::default()
    };
    (m, opts)
}

#[test]
fn a_stop_ends_a_long_search_with_a_feasible_formation() {
    let (m, opts) = sixty(60.0);
    let mut p = StopAfter {
        updates: 0,
        asked: 0,
        after: 1,
    };
    let begun = Instant::now();
    let f = form(&m, &opts, &mut p).expect("form");
    assert!(
        begun.elapsed() < Duration::from_secs(20),
        "a 60 s search asked to stop ran {:?}",
        begun.elapsed()
    );
    // Once per round until it said stop (the memetic search asks again as its second loop
    // begins).
    assert!((2..=3).contains(&p.asked), "asked {} times", p.asked);
    assert_eq!(f.set_of.len(), 60);
    assert!(f.set_of.iter().all(|&s| s < 10));
}

#[test]
fn never_stopping_runs_its_rounds() {
    let (m, mut opts) = sixty(0.0);
    opts.budget = Budget::rounds(5);
    let f = form(&m, &opts, &mut NoProgress).expect("form");
    assert_eq!(f.rounds, 5);
}
