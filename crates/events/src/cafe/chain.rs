//! The search's one move: an alternating chain between two tables that keeps every rule.
//!
//! Take two tables `a` and `b` and look only at seats at one of them. Moving participant `i`
//! from `a` to `b` in round `r` gives `i` one visit too many to `b` (maybe) and round `r` one
//! person too many at `b` (maybe). Each excess is passed on: a participant with too many `b`
//! visits moves from `b` to `a` in another round, which gives that round too many at `a`, so
//! someone there moves from `a` to `b`, and so on, until both ends of the chain are within the
//! rules or the chain closes on itself. Every participant and round in the middle of the chain
//! gains one seat and loses one, so only the ends need checking. Short chains are the familiar
//! moves: a lone move to a smaller table, a swap of two people in one round, two people trading
//! tables in two rounds (`i` at `a` then `b`, `j` at `b` then `a`), one person exchanging tables
//! between two rounds.

use revans_engine::Rng;

use super::state::State;

/// At most this many seats change in one chain.
const MAX_FLIPS: usize = 10;
/// Random seats looked at to find one in a repeated pair to start a chain from.
const FOCUS_TRIES: usize = 8;
/// Tables looked at to choose where the first participant goes.
const TARGET_TRIES: usize = 5;

/// One changed seat: participant, round, table before, table after.
pub(super) type Flip = (usize, usize, u32, u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Person(usize),
    Round(usize),
}

/// Tries a random chain. On success the state holds it, `flips` lists its seats and the change
/// in repeats is returned; otherwise the state is as before.
pub(super) fn try_chain(state: &mut State, rng: &mut Rng, flips: &mut Vec<Flip>) -> Option<i64> {
    flips.clear();
    let (i0, r0) = start(state, rng);
    let a = state.table(r0, i0);
    let b = target(state, rng, i0, r0, a);
    let mut delta = flip(state, flips, i0, r0, b);
    // Walk from one end of the first seat; the other end waits to be closed or found fine.
    let (mut end, other) = if rng.below(2) == 0 {
        (End::Person(i0), End::Round(r0))
    } else {
        (End::Round(r0), End::Person(i0))
    };
    // The table the walking end has one too many of.
    let mut excess = b;
    loop {
        if ok(state, end, a, b) && ok(state, other, a, b) {
            return Some(delta);
        }
        if flips.len() >= MAX_FLIPS {
            break;
        }
        let short = if excess == a { b } else { a };
        let next = match end {
            End::Person(k) => pick_round(state, rng, flips, k, excess, short, other)
                .map(|r| (k, r, End::Round(r))),
            End::Round(r) => pick_person(state, rng, flips, r, excess, short, other)
                .map(|k| (k, r, End::Person(k))),
        };
        let Some((k, r, new_end)) = next else {
            break;
        };
        delta += flip(state, flips, k, r, short);
        end = new_end;
        excess = short;
    }
    undo(state, flips);
    None
}

/// A seat to change first: usually one where its participant meets someone again.
fn start(state: &State, rng: &mut Rng) -> (usize, usize) {
    let mut seat = (0, 0);
    for _ in 0..FOCUS_TRIES {
        seat = (rng.below(state.p), rng.below(state.rounds));
        if state.repeating(seat.0, seat.1) {
            break;
        }
    }
    seat
}

/// A table other than `a` for `i` in `round`: the one with the fewest people `i` has met, of a
/// few drawn at random.
fn target(state: &State, rng: &mut Rng, i: usize, round: usize, a: u32) -> u32 {
    let mut best = (usize::MAX, a);
    for _ in 0..TARGET_TRIES {
        let b = ((a as usize + 1 + rng.below(state.g - 1)) % state.g) as u32;
        let known = state.known_at(i, round, b);
        if known < best.0 {
            best = (known, b);
        }
    }
    best.1
}

/// Takes the chain back, latest seat first.
pub(super) fn undo(state: &mut State, flips: &[Flip]) {
    for &(i, round, from, _) in flips.iter().rev() {
        state.relocate(i, round, from);
    }
}

/// Does the chain again after [`undo`].
pub(super) fn redo(state: &mut State, flips: &[Flip]) {
    for &(i, round, _, to) in flips {
        state.relocate(i, round, to);
    }
}

fn flip(state: &mut State, flips: &mut Vec<Flip>, i: usize, round: usize, to: u32) -> i64 {
    flips.push((i, round, state.table(round, i), to));
    state.relocate(i, round, to)
}

fn ok(state: &State, end: End, a: u32, b: u32) -> bool {
    match end {
        End::Person(k) => state.person_ok(k, a, b),
        End::Round(r) => state.round_ok(r, a, b),
    }
}

fn flipped(flips: &[Flip], i: usize, round: usize) -> bool {
    flips.iter().any(|&(j, r, _, _)| j == i && r == round)
}

/// A round where `k` sits at `excess` (not yet changed), to move it to `short`: preferably one
/// that closes the chain (the waiting round itself) or lets the next step close it.
fn pick_round(
    state: &State,
    rng: &mut Rng,
    flips: &[Flip],
    k: usize,
    excess: u32,
    short: u32,
    other: End,
) -> Option<usize> {
    let rounds = state.rounds;
    let usable = |r: usize| state.table(r, k) == excess && !flipped(flips, k, r);
    let closes = |r: usize| match other {
        End::Round(r0) => r == r0,
        // After the move, round `r` has one too many at `short`; the waiting person can close
        // the chain there if it sits at `short` and may still move.
        End::Person(i0) => state.table(r, i0) == short && !flipped(flips, i0, r),
    };
    let from = rng.below(rounds);
    let mut fallback = None;
    for step in 0..rounds {
        let r = (from + step) % rounds;
        if usable(r) {
            if closes(r) {
                return Some(r);
            }
            fallback = fallback.or(Some(r));
        }
    }
    fallback
}

/// A participant at `excess` in `round` (not yet changed), to move to `short`: preferably the
/// waiting participant (closing the chain) or one that can close it next.
fn pick_person(
    state: &State,
    rng: &mut Rng,
    flips: &[Flip],
    round: usize,
    excess: u32,
    short: u32,
    other: End,
) -> Option<usize> {
    let there = state.members(round, excess);
    if there.is_empty() {
        return None;
    }
    let closes = |k: usize| match other {
        End::Person(i0) => k == i0,
        // After the move, `k` has one visit too many to `short`; it can close the chain in the
        // waiting round if it sits at `short` there.
        End::Round(r0) => state.table(r0, k) == short && !flipped(flips, k, r0),
    };
    let from = rng.below(there.len());
    let mut fallback = None;
    for step in 0..there.len() {
        let k = there[(from + step) % there.len()] as usize;
        if flipped(flips, k, round) {
            continue;
        }
        if closes(k) {
            return Some(k);
        }
        fallback = fallback.or(Some(k));
    }
    fallback
}
