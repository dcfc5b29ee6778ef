//! A random valid rota to start the search from.

use revans_engine::Rng;

use super::CafeProblem;

/// Seats as `seats[round * P + participant]`, valid for `problem`.
///
/// Participants are shuffled and cut into blocks of `G` (the last block may be short). Block
/// `b` gets its own random table labelling `sigma`, and for each window of `G` consecutive
/// rounds a random permutation `phi`; the member at position `x` sits at
/// `sigma[(x + phi[k]) % G]` in the window's `k`-th round. So in every round a block fills
/// distinct tables (a full block one at each table, the short block `P % G` of them: balanced),
/// and within a window a participant's tables are distinct (a full window visits every table
/// once: each guest `floor(R / G)` or `ceil(R / G)` times). Different blocks mix at random.
pub(super) fn random_start(problem: &CafeProblem, rng: &mut Rng) -> Vec<u32> {
    let (p, g, rounds) = (problem.participants(), problem.guests(), problem.rounds());
    let mut order: Vec<usize> = (0..p).collect();
    rng.shuffle(&mut order);
    let mut seats = vec![0u32; p * rounds];
    let mut sigma: Vec<u32> = (0..g as u32).collect();
    let mut phi: Vec<usize> = (0..g).collect();
    for block in order.chunks(g) {
        rng.shuffle(&mut sigma);
        for window in (0..rounds).step_by(g) {
            rng.shuffle(&mut phi);
            for (k, round) in (window..rounds.min(window + g)).enumerate() {
                for (x, &i) in block.iter().enumerate() {
                    seats[round * p + i] = sigma[(x + phi[k]) % g];
                }
            }
        }
    }
    seats
}
