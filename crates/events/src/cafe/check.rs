//! Checking and scoring a rota from scratch, sharing nothing with the search.

use std::fmt;

use super::{CafeProblem, Rota};

/// The first rule a rota breaks. Displayed with rounds, participants and tables numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CafeViolation {
    /// The rota has the wrong number of rounds.
    Rounds { expected: usize, found: usize },
    /// A round seats the wrong number of participants.
    Participants {
        round: usize,
        expected: usize,
        found: usize,
    },
    /// A participant is at a table that does not exist.
    Table {
        round: usize,
        participant: usize,
        table: usize,
    },
    /// The table sizes of a round differ by more than one.
    Unbalanced {
        round: usize,
        smallest: usize,
        largest: usize,
    },
    /// A participant meets a guest too often or too rarely.
    Guest {
        participant: usize,
        guest: usize,
        times: usize,
        fewest: usize,
        most: usize,
    },
}

impl fmt::Display for CafeViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CafeViolation::Rounds { expected, found } => {
                write!(f, "the rota has {found} rounds, not {expected}")
            }
            CafeViolation::Participants {
                round,
                expected,
                found,
            } => write!(
                f,
                "round {} seats {found} participants, not {expected}",
                round + 1
            ),
            CafeViolation::Table {
                round,
                participant,
                table,
            } => write!(
                f,
                "in round {} participant {} is at table {}, which does not exist",
                round + 1,
                participant + 1,
                table + 1
            ),
            CafeViolation::Unbalanced {
                round,
                smallest,
                largest,
            } => write!(
                f,
                "round {} has a table of {smallest} and a table of {largest}",
                round + 1
            ),
            CafeViolation::Guest {
                participant,
                guest,
                times,
                fewest,
                most,
            } => write!(
                f,
                "participant {} meets guest {} {times} times, not between {fewest} and {most}",
                participant + 1,
                guest + 1
            ),
        }
    }
}

impl std::error::Error for CafeViolation {}

/// Whether `rota` seats everyone in every round at balanced tables and keeps the guest rule.
pub fn check(problem: &CafeProblem, rota: &Rota) -> Result<(), CafeViolation> {
    let (p, g) = (problem.participants(), problem.guests());
    if rota.rounds() != problem.rounds() {
        return Err(CafeViolation::Rounds {
            expected: problem.rounds(),
            found: rota.rounds(),
        });
    }
    let mut visits = vec![0usize; p * g];
    for round in 0..rota.rounds() {
        let seats = rota.round(round);
        if seats.len() != p {
            return Err(CafeViolation::Participants {
                round,
                expected: p,
                found: seats.len(),
            });
        }
        let mut sizes = vec![0usize; g];
        for (participant, &table) in seats.iter().enumerate() {
            if table >= g {
                return Err(CafeViolation::Table {
                    round,
                    participant,
                    table,
                });
            }
            sizes[table] += 1;
            visits[participant * g + table] += 1;
        }
        let smallest = sizes.iter().copied().min().unwrap_or(0);
        let largest = sizes.iter().copied().max().unwrap_or(0);
        if largest > smallest + 1 {
            return Err(CafeViolation::Unbalanced {
                round,
                smallest,
                largest,
            });
        }
    }
    let (fewest, most) = problem.guest_visits();
    for (at, &times) in visits.iter().enumerate() {
        if times < fewest || times > most {
            return Err(CafeViolation::Guest {
                participant: at / g,
                guest: at % g,
                times,
                fewest,
                most,
            });
        }
    }
    Ok(())
}

/// The repeated pairs of `rota`: a pair seated together in `k` rounds counts `k - 1`. Counted
/// from the rota alone (any shape), listing each participant's tablemates over all rounds.
pub fn repeats(_problem: &CafeProblem, rota: &Rota) -> u64 {
    let participants = (0..rota.rounds())
        .map(|r| rota.round(r).len())
        .max()
        .unwrap_or(0);
    // members[round][table]: who sits there.
    let members: Vec<Vec<Vec<usize>>> = (0..rota.rounds())
        .map(|r| {
            let seats = rota.round(r);
            let tables = seats.iter().map(|&t| t + 1).max().unwrap_or(0);
            let mut at = vec![Vec::new(); tables];
            for (i, &t) in seats.iter().enumerate() {
                at[t].push(i);
            }
            at
        })
        .collect();
    let mut twice = 0u64;
    let mut mates = Vec::new();
    for i in 0..participants {
        mates.clear();
        for (r, tables) in members.iter().enumerate() {
            if let Some(&t) = rota.round(r).get(i) {
                mates.extend(tables[t].iter().copied().filter(|&j| j != i));
            }
        }
        let all = mates.len();
        mates.sort_unstable();
        mates.dedup();
        twice += (all - mates.len()) as u64;
    }
    twice / 2
}
