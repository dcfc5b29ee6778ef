//! Cafe conversations (DOMAIN.md C8): participants rotate between guest leaders' tables.
//!
//! `P` participants, `G` guests (one table each) and `R` rounds. Every round seats every
//! participant at exactly one table and the table sizes of a round differ by at most one. Hard
//! rule: nobody meets a guest twice while `R <= G`; beyond that each participant meets each
//! guest `floor(R / G)` or `ceil(R / G)` times. Objective: as few repeated pairs as possible (a
//! pair of participants seated together in `k` rounds counts `k - 1`), so people mix.
//!
//! [`solve`] searches, [`lower_bound`] says how good any rota can be, and [`check`] and
//! [`repeats`] recompute a rota's validity and score from scratch.

use std::fmt;

mod bound;
mod chain;
mod check;
mod search;
mod start;
mod state;

pub use bound::lower_bound;
pub use check::{CafeViolation, check, repeats};
pub use search::solve;

/// At most this many participants: the search keeps a participant-by-participant table of
/// meeting counts (two bytes a pair, 50 MB at the limit).
pub const MAX_PARTICIPANTS: usize = 5_000;
/// At most this many guests (tables).
pub const MAX_GUESTS: usize = 1_000;
/// At most this many rounds.
pub const MAX_ROUNDS: usize = 1_000;
/// At most this many pair meetings over the whole event (rounds times the pairs seated together
/// in one round), so building and checking a rota stays quick.
pub const MAX_PAIR_MEETINGS: u64 = 20_000_000;

/// A valid cafe-conversation problem: the sizes are checked once, here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CafeProblem {
    participants: usize,
    guests: usize,
    rounds: usize,
}

/// Why [`CafeProblem::new`] refused its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CafeError {
    Participants(usize),
    Guests(usize),
    Rounds(usize),
    /// Rounds times pairs per round is over [`MAX_PAIR_MEETINGS`].
    TooManyMeetings(u64),
}

impl CafeError {
    /// The input to change: `participants`, `guests` or `rounds`.
    pub fn field(&self) -> &'static str {
        match self {
            CafeError::Participants(_) => "participants",
            CafeError::Guests(_) => "guests",
            CafeError::Rounds(_) | CafeError::TooManyMeetings(_) => "rounds",
        }
    }
}

impl fmt::Display for CafeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CafeError::Participants(n) => write!(
                f,
                "the number of participants must be between 1 and {MAX_PARTICIPANTS} \
                 (the search keeps a count for every pair), not {n}"
            ),
            CafeError::Guests(n) => write!(
                f,
                "the number of guests must be between 1 and {MAX_GUESTS} (one table each), not {n}"
            ),
            CafeError::Rounds(n) => {
                write!(
                    f,
                    "the number of rounds must be between 1 and {MAX_ROUNDS}, not {n}"
                )
            }
            CafeError::TooManyMeetings(n) => write!(
                f,
                "these rounds would seat {n} pairs together in all, more than \
                 {MAX_PAIR_MEETINGS} can be checked quickly: use fewer rounds or more guests"
            ),
        }
    }
}

impl std::error::Error for CafeError {}

impl CafeProblem {
    pub fn new(participants: usize, guests: usize, rounds: usize) -> Result<Self, CafeError> {
        if !(1..=MAX_PARTICIPANTS).contains(&participants) {
            return Err(CafeError::Participants(participants));
        }
        if !(1..=MAX_GUESTS).contains(&guests) {
            return Err(CafeError::Guests(guests));
        }
        if !(1..=MAX_ROUNDS).contains(&rounds) {
            return Err(CafeError::Rounds(rounds));
        }
        let problem = CafeProblem {
            participants,
            guests,
            rounds,
        };
        let meetings = problem.pairs_per_round() * rounds as u64;
        if meetings > MAX_PAIR_MEETINGS {
            return Err(CafeError::TooManyMeetings(meetings));
        }
        Ok(problem)
    }

    pub fn participants(&self) -> usize {
        self.participants
    }

    pub fn guests(&self) -> usize {
        self.guests
    }

    pub fn rounds(&self) -> usize {
        self.rounds
    }

    /// The balanced table sizes of one round: `(small, big_tables)` means `big_tables` tables
    /// seat `small + 1` and the others seat `small` (which is 0 with fewer participants than
    /// guests).
    pub fn table_sizes(&self) -> (usize, usize) {
        (
            self.participants / self.guests,
            self.participants % self.guests,
        )
    }

    /// Pairs of participants seated together in one round (the same for every balanced round).
    pub fn pairs_per_round(&self) -> u64 {
        let (small, big) = self.table_sizes();
        let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as u64;
        (self.guests - big) as u64 * pairs(small) + big as u64 * pairs(small + 1)
    }

    /// `(fewest, most)` times one participant may meet one guest: `(0, 1)` while
    /// `rounds <= guests` (except `(1, 1)` when equal), else `floor` and `ceil` of
    /// `rounds / guests`.
    pub fn guest_visits(&self) -> (usize, usize) {
        let fewest = self.rounds / self.guests;
        (fewest, self.rounds.div_ceil(self.guests))
    }
}

/// Who sits at which table in each round (tables and participants numbered from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rota {
    tables: Vec<Vec<usize>>,
}

impl Rota {
    /// One list per round, giving each participant's table; [`check`] says whether it fits a
    /// problem.
    pub fn from_rounds(tables: Vec<Vec<usize>>) -> Self {
        Rota { tables }
    }

    pub fn rounds(&self) -> usize {
        self.tables.len()
    }

    /// The table of `participant` in `round`. Panics when either is out of range.
    pub fn table(&self, round: usize, participant: usize) -> usize {
        self.tables[round][participant]
    }

    /// Every participant's table in `round`.
    pub fn round(&self, round: usize) -> &[usize] {
        &self.tables[round]
    }
}

/// A rota found by [`solve`], with its repeated pairs and the [`lower_bound`] for the problem
/// (`repeats == lower_bound` proves it optimal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CafeSolution {
    pub rota: Rota,
    pub repeats: u64,
    pub lower_bound: u64,
}
