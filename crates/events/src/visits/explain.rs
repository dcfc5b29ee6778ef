//! Why each person got what they got, and what each host receives: the facts a page or an
//! email turns into sentences ("you got your 1st and 3rd choices; your 2nd was full").

use super::model::{Allocation, VisitProblem};

/// A host a person ranked above one they were given, and why they did not get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missed {
    /// Nobody visits it: too few people wanted it for it to reach its minimum.
    Closed { host: usize, rank: u32 },
    /// Every place was taken; `ranked_as_high` of its visitors ranked it at least as high as
    /// this person did.
    Full {
        host: usize,
        rank: u32,
        places: u32,
        ranked_as_high: u32,
    },
    /// It had room, but moving this person there would have left another host below its
    /// minimum or cost others more (or, if the answer is not proven optimal, the search
    /// stopped first).
    HadRoom { host: usize, rank: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonReport {
    /// (slot, host, rank) in slot order.
    pub visits: Vec<(usize, usize, u32)>,
    pub missed: Vec<Missed>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostReport {
    pub open: bool,
    /// Visitors in each slot.
    pub per_slot: Vec<u32>,
    /// `by_rank[r - 1]`: visitors who ranked this host r-th.
    pub by_rank: Vec<u32>,
    /// People who ranked it at all, and first.
    pub ranked_by: u32,
    pub first_choice_of: u32,
}

/// Assumes a [`super::check`]ed allocation.
pub fn explain_person(
    problem: &VisitProblem,
    allocation: &Allocation,
    person: usize,
) -> PersonReport {
    let k = problem.slots() as u32;
    let row = &allocation.visits[person];
    let visits: Vec<(usize, usize, u32)> = row
        .iter()
        .enumerate()
        .map(|(slot, &h)| (slot, h, problem.rank(person, h).unwrap_or(0)))
        .collect();
    let worst = visits.iter().map(|v| v.2).max().unwrap_or(0);
    let loads: Vec<u32> = allocation
        .counts(problem.hosts().len(), problem.slots())
        .iter()
        .map(|slots| slots.iter().sum())
        .collect();
    let missed = problem
        .ranking(person)
        .iter()
        .enumerate()
        .take(worst.saturating_sub(1) as usize)
        .filter(|(_, h)| !row.contains(h))
        .map(|(i, &host)| {
            let rank = i as u32 + 1;
            let places = k * problem.hosts()[host].max;
            if loads[host] == 0 {
                Missed::Closed { host, rank }
            } else if loads[host] >= places {
                let ranked_as_high = allocation
                    .visits
                    .iter()
                    .enumerate()
                    .filter(|(_, visits)| visits.contains(&host))
                    .filter(|&(p, _)| problem.rank(p, host).is_some_and(|r| r <= rank))
                    .count() as u32;
                Missed::Full {
                    host,
                    rank,
                    places,
                    ranked_as_high,
                }
            } else {
                Missed::HadRoom { host, rank }
            }
        })
        .collect();
    PersonReport { visits, missed }
}

pub fn explain_host(problem: &VisitProblem, allocation: &Allocation, host: usize) -> HostReport {
    let per_slot = allocation.counts(problem.hosts().len(), problem.slots())[host].clone();
    let longest = (0..problem.people())
        .map(|p| problem.ranking(p).len())
        .max()
        .unwrap_or(0);
    let mut by_rank = vec![0u32; longest];
    let (mut ranked_by, mut first_choice_of) = (0, 0);
    for (p, visits) in allocation.visits.iter().enumerate() {
        let rank = problem.rank(p, host);
        if let Some(r) = rank {
            ranked_by += 1;
            first_choice_of += u32::from(r == 1);
            if visits.contains(&host) {
                by_rank[r as usize - 1] += 1;
            }
        }
    }
    HostReport {
        open: per_slot.iter().any(|&c| c > 0),
        per_slot,
        by_rank,
        ranked_by,
        first_choice_of,
    }
}

/// How many visits were someone's r-th choice, at `[r - 1]` (unranked visits are not counted).
pub fn visits_by_rank(problem: &VisitProblem, allocation: &Allocation) -> Vec<u32> {
    let mut by_rank: Vec<u32> = Vec::new();
    for (p, row) in allocation.visits.iter().enumerate().take(problem.people()) {
        for r in row.iter().filter_map(|&h| problem.rank(p, h)) {
            let r = r as usize;
            if by_rank.len() < r {
                by_rank.resize(r, 0);
            }
            by_rank[r - 1] += 1;
        }
    }
    by_rank
}

/// The hosts nobody visits in any slot.
pub fn closed_hosts(problem: &VisitProblem, allocation: &Allocation) -> Vec<usize> {
    allocation
        .counts(problem.hosts().len(), problem.slots())
        .iter()
        .enumerate()
        .filter(|(_, slots)| slots.iter().all(|&c| c == 0))
        .map(|(h, _)| h)
        .collect()
}
