//! Random events shaped like real ones, for tests, benchmarks and the demo: some hosts are much
//! more popular than others (people's rankings follow a skewed popularity), capacities vary,
//! and a few hosts have a minimum that makes opening them a real decision.

use revans_engine::Rng;

use super::model::{Host, VisitProblem};

/// `people` people each ranking `ranked` of `hosts` hosts over `slots` slots; places total
/// about 115% of the people per slot.
pub fn generate(
    people: usize,
    hosts: usize,
    slots: usize,
    ranked: usize,
    seed: u64,
) -> VisitProblem {
    let mut rng = Rng::new(seed);
    let ranked = ranked.clamp(slots, hosts.max(slots));
    let per_host = ((people as f64 * 1.15) / hosts as f64).ceil() as u32;
    let host_list: Vec<Host> = (0..hosts)
        .map(|_| {
            let max = (per_host / 2 + rng.below(per_host as usize + 1) as u32).max(1);
            let min = if rng.below(3) == 0 { max / 2 } else { max / 5 };
            Host { min, max }
        })
        .collect();
    let places: u32 = host_list.iter().map(|h| h.max).sum();
    let mut host_list = host_list;
    // Top up so there are always enough places per slot.
    let mut i = 0;
    let mut total = places;
    while (total as usize) < people + people / 10 {
        host_list[i % hosts].max += 1;
        total += 1;
        i += 1;
    }
    // Popularity: host h is picked with weight proportional to 1 / (h + 2).
    let weights: Vec<f64> = (0..hosts).map(|h| 1.0 / (h as f64 + 2.0)).collect();
    let rankings = (0..people)
        .map(|_| {
            let mut left: Vec<usize> = (0..hosts).collect();
            let mut ranking = Vec::with_capacity(ranked);
            while ranking.len() < ranked {
                let sum: f64 = left.iter().map(|&h| weights[h]).sum();
                let mut x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * sum;
                let mut pick = left.len() - 1;
                for (i, &h) in left.iter().enumerate() {
                    x -= weights[h];
                    if x <= 0.0 {
                        pick = i;
                        break;
                    }
                }
                ranking.push(left.swap_remove(pick));
            }
            ranking
        })
        .collect();
    VisitProblem::new(host_list, rankings, slots).expect("generated events are valid")
}
