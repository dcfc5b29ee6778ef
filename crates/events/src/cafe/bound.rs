//! How few repeated pairs any valid rota can have.

use super::CafeProblem;

/// A lower bound on the repeated pairs of every valid rota for `problem`: the larger of two
/// bounds, each valid for every rota, so the larger is too.
///
/// **Per participant.** Let `s = P / G` and `m = P % G`: every round has `m` tables of `s + 1`
/// and `G - m` of `s`. Participant `i` sits at a big table in `b_i` rounds (`0 <= b_i <= R`) and
/// so meets `M_i = R (s - 1) + b_i` people counted with repetition, at most `P - 1` of them
/// distinct. The repeats involving `i`, `sum_j max(0, k_ij - 1)` where `k_ij` counts the rounds
/// `i` and `j` share, are therefore at least `e(b_i) = max(0, M_i - (P - 1))`. Summing over `i`
/// counts every repeat twice, so repeats `>= ceil(sum_i e(b_i) / 2)`. The `b_i` depend on the
/// rota but their sum does not (the big-table seats, `B = R m (s + 1)`); as `e` is convex,
/// `sum_i e(b_i)` is smallest with the `b_i` as even as possible, which is what is counted. This
/// is never weaker than the pair count `R S - C(P, 2)` (`S` pairs seated together per round), as
/// `sum_i (M_i - (P - 1)) = 2 (R S - C(P, 2))`; it is exact with one guest.
///
/// **Per pair of rounds (only while `2 <= R <= G`).** The guest rule forbids anyone at guest
/// `x`'s table in round `r` to sit there again in round `r'`, so those `n_x` people fill at most
/// `G - 1` tables in `r'` and at least `f(n_x)` of their pairs sit together again, where `f(n)`
/// is the fewest pairs when `n` people split into `G - 1` groups (as evenly as possible). So any
/// two rounds share at least `L = sum_x f(n_x)` pairs. A pair seated together in rounds
/// `t_1 < ... < t_k` counts `k - 1`: once for each of its rounds after the first that it had
/// already shared. In each round `r' > 1` at least `L` pairs sit together that shared round 1,
/// each counted there, so repeats `>= (R - 1) L`. With 30 participants, 5 guests and 4 rounds
/// this gives 30 where the first bound gives 0.
pub fn lower_bound(problem: &CafeProblem) -> u64 {
    per_participant(problem).max(per_round_pair(problem))
}

fn per_participant(problem: &CafeProblem) -> u64 {
    let p = problem.participants() as i64;
    let r = problem.rounds() as i64;
    let (small, big_tables) = problem.table_sizes();
    let (small, big_tables) = (small as i64, big_tables as i64);
    let big_seats = r * big_tables * (small + 1);
    let (even, extra) = (big_seats / p, big_seats % p);
    let excess = |b: i64| (r * (small - 1) + b - (p - 1)).max(0);
    let twice = (p - extra) * excess(even) + extra * excess(even + 1);
    (twice as u64).div_ceil(2)
}

fn per_round_pair(problem: &CafeProblem) -> u64 {
    let (g, r) = (problem.guests(), problem.rounds());
    if r < 2 || r > g {
        return 0;
    }
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as u64;
    // The fewest pairs among `n` people split into `G - 1` groups.
    let spread = |n: usize| {
        let (each, rest) = (n / (g - 1), n % (g - 1));
        rest as u64 * pairs(each + 1) + (g - 1 - rest) as u64 * pairs(each)
    };
    let (small, big_tables) = problem.table_sizes();
    let shared = big_tables as u64 * spread(small + 1) + (g - big_tables) as u64 * spread(small);
    (r as u64 - 1) * shared
}
