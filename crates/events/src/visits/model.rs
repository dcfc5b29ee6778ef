//! The problem, an allocation, and the independent checks of both (used by the tests, the CLI
//! and manual adjustments in the app).

use std::fmt;

/// Places at one host organisation per slot; `min` applies only if the host opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Host {
    pub min: u32,
    pub max: u32,
}

/// Why a problem cannot be set up. Indices are 0-based; callers add names and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitError {
    NoSlots,
    NoPeople,
    TooLarge {
        what: &'static str,
        limit: usize,
    },
    MinAboveMax {
        host: usize,
        min: u32,
        max: u32,
    },
    UnknownHost {
        person: usize,
        host: usize,
    },
    RankedTwice {
        person: usize,
        host: usize,
    },
    TooFewRanked {
        person: usize,
        ranked: usize,
        slots: usize,
    },
    TooFewPlaces {
        people: usize,
        places: u64,
    },
}

impl fmt::Display for VisitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VisitError::NoSlots => write!(f, "there must be at least one time slot"),
            VisitError::NoPeople => write!(f, "nobody has ranked any host"),
            VisitError::TooLarge { what, limit } => {
                write!(f, "too many {what}: at most {limit}")
            }
            VisitError::MinAboveMax { host, min, max } => write!(
                f,
                "host {host} has a minimum of {min}, above its maximum of {max}"
            ),
            VisitError::UnknownHost { person, host } => {
                write!(f, "person {person} ranks host {host}, which does not exist")
            }
            VisitError::RankedTwice { person, host } => {
                write!(f, "person {person} ranks host {host} twice")
            }
            VisitError::TooFewRanked {
                person,
                ranked,
                slots,
            } => write!(
                f,
                "person {person} ranks {ranked} host(s) but visits one in each of {slots} slots"
            ),
            VisitError::TooFewPlaces { people, places } => write!(
                f,
                "{people} people visit in every slot but the hosts have only {places} places per slot"
            ),
        }
    }
}

impl std::error::Error for VisitError {}

/// Bounds that keep every cost inside an i64 and a run inside memory.
const MAX_PEOPLE: usize = 100_000;
const MAX_HOSTS: usize = 1_000;
const MAX_SLOTS: usize = 24;

#[derive(Debug, Clone)]
pub struct VisitProblem {
    hosts: Vec<Host>,
    /// Per person, the hosts in the order ranked: `rankings[p][0]` is p's first choice.
    rankings: Vec<Vec<usize>>,
    slots: usize,
}

impl VisitProblem {
    pub fn new(
        hosts: Vec<Host>,
        rankings: Vec<Vec<usize>>,
        slots: usize,
    ) -> Result<VisitProblem, VisitError> {
        if slots == 0 {
            return Err(VisitError::NoSlots);
        }
        if slots > MAX_SLOTS {
            return Err(VisitError::TooLarge {
                what: "slots",
                limit: MAX_SLOTS,
            });
        }
        if rankings.is_empty() {
            return Err(VisitError::NoPeople);
        }
        if rankings.len() > MAX_PEOPLE {
            return Err(VisitError::TooLarge {
                what: "people",
                limit: MAX_PEOPLE,
            });
        }
        if hosts.len() > MAX_HOSTS {
            return Err(VisitError::TooLarge {
                what: "hosts",
                limit: MAX_HOSTS,
            });
        }
        for (host, h) in hosts.iter().enumerate() {
            if h.min > h.max {
                return Err(VisitError::MinAboveMax {
                    host,
                    min: h.min,
                    max: h.max,
                });
            }
        }
        for (person, ranked) in rankings.iter().enumerate() {
            let mut seen = vec![false; hosts.len()];
            for &host in ranked {
                if host >= hosts.len() {
                    return Err(VisitError::UnknownHost { person, host });
                }
                if std::mem::replace(&mut seen[host], true) {
                    return Err(VisitError::RankedTwice { person, host });
                }
            }
            if ranked.len() < slots {
                return Err(VisitError::TooFewRanked {
                    person,
                    ranked: ranked.len(),
                    slots,
                });
            }
        }
        let places: u64 = hosts.iter().map(|h| u64::from(h.max)).sum();
        if (rankings.len() as u64) > places {
            return Err(VisitError::TooFewPlaces {
                people: rankings.len(),
                places,
            });
        }
        Ok(VisitProblem {
            hosts,
            rankings,
            slots,
        })
    }

    pub fn hosts(&self) -> &[Host] {
        &self.hosts
    }

    pub fn people(&self) -> usize {
        self.rankings.len()
    }

    pub fn slots(&self) -> usize {
        self.slots
    }

    /// The hosts a person ranked, first choice first.
    pub fn ranking(&self, person: usize) -> &[usize] {
        &self.rankings[person]
    }

    /// The rank (1-based) a person gave a host, if they ranked it.
    pub fn rank(&self, person: usize, host: usize) -> Option<u32> {
        self.rankings[person]
            .iter()
            .position(|&h| h == host)
            .map(|i| i as u32 + 1)
    }
}

/// Who visits whom when: `visits[person][slot]` is a host index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub visits: Vec<Vec<usize>>,
}

impl Allocation {
    /// How many people visit each host in each slot: `[host][slot]`.
    pub fn counts(&self, hosts: usize, slots: usize) -> Vec<Vec<u32>> {
        let mut counts = vec![vec![0u32; slots]; hosts];
        for row in &self.visits {
            for (slot, &host) in row.iter().enumerate() {
                if host < hosts && slot < slots {
                    counts[host][slot] += 1;
                }
            }
        }
        counts
    }
}

/// A rule an allocation breaks (from [`check`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    WrongPeople {
        expected: usize,
        found: usize,
    },
    WrongSlots {
        person: usize,
        found: usize,
    },
    NotRanked {
        person: usize,
        host: usize,
    },
    SameHostTwice {
        person: usize,
        host: usize,
    },
    BelowMinimum {
        host: usize,
        slot: usize,
        count: u32,
        min: u32,
    },
    AboveMaximum {
        host: usize,
        slot: usize,
        count: u32,
        max: u32,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::WrongPeople { expected, found } => {
                write!(f, "the allocation has {found} people, not {expected}")
            }
            Violation::WrongSlots { person, found } => {
                write!(f, "person {person} has {found} visit(s), not one per slot")
            }
            Violation::NotRanked { person, host } => {
                write!(
                    f,
                    "person {person} visits host {host}, which they did not rank"
                )
            }
            Violation::SameHostTwice { person, host } => {
                write!(f, "person {person} visits host {host} twice")
            }
            Violation::BelowMinimum {
                host,
                slot,
                count,
                min,
            } => write!(
                f,
                "host {host} has {count} visitor(s) in slot {}, below its minimum of {min}",
                slot + 1
            ),
            Violation::AboveMaximum {
                host,
                slot,
                count,
                max,
            } => write!(
                f,
                "host {host} has {count} visitor(s) in slot {}, above its maximum of {max}",
                slot + 1
            ),
        }
    }
}

/// Every rule, checked from scratch: each person one ranked host per slot, never the same one
/// twice; each host either unvisited in every slot or within its bounds in every slot.
pub fn check(problem: &VisitProblem, allocation: &Allocation) -> Result<(), Violation> {
    if allocation.visits.len() != problem.people() {
        return Err(Violation::WrongPeople {
            expected: problem.people(),
            found: allocation.visits.len(),
        });
    }
    for (person, row) in allocation.visits.iter().enumerate() {
        if row.len() != problem.slots() {
            return Err(Violation::WrongSlots {
                person,
                found: row.len(),
            });
        }
        for (i, &host) in row.iter().enumerate() {
            if problem.rank(person, host).is_none() {
                return Err(Violation::NotRanked { person, host });
            }
            if row[..i].contains(&host) {
                return Err(Violation::SameHostTwice { person, host });
            }
        }
    }
    let counts = allocation.counts(problem.hosts().len(), problem.slots());
    for (host, (bounds, per_slot)) in problem.hosts().iter().zip(&counts).enumerate() {
        if per_slot.iter().all(|&c| c == 0) {
            continue;
        }
        for (slot, &count) in per_slot.iter().enumerate() {
            if count < bounds.min {
                return Err(Violation::BelowMinimum {
                    host,
                    slot,
                    count,
                    min: bounds.min,
                });
            }
            if count > bounds.max {
                return Err(Violation::AboveMaximum {
                    host,
                    slot,
                    count,
                    max: bounds.max,
                });
            }
        }
    }
    Ok(())
}

/// The sum over all visits of rank squared; unranked visits count as if ranked last + 1
/// (only [`check`]ed allocations matter, this just never panics).
pub fn objective(problem: &VisitProblem, allocation: &Allocation) -> u64 {
    let mut total = 0u64;
    for (person, row) in allocation.visits.iter().enumerate().take(problem.people()) {
        for &host in row {
            let rank = problem
                .rank(person, host)
                .unwrap_or(problem.ranking(person).len() as u32 + 1);
            total += u64::from(rank) * u64::from(rank);
        }
    }
    total
}
