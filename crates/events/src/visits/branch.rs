//! Branch and bound over which hosts open. Each node fixes some hosts open (they must take at
//! least K x min visits) or closed (none); the rest are in doubt and may take anything from
//! none to K x max. The node's minimum-cost flow is a lower bound for every allocation below
//! it, and an allocation itself when no doubtful host ends between none and its minimum.
//! Nodes are taken cheapest bound first (so the gap closes steadily), diving into the better
//! child until the first allocation is found.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

use super::flow::Network;
use super::model::{Allocation, VisitProblem};
use super::slots::spread_over_slots;

/// What the solver found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The best allocation found; `None` when none exists (`proven_optimal`) or none was found
    /// in time.
    pub allocation: Option<Allocation>,
    /// Its sum of squared ranks.
    pub objective: Option<u64>,
    /// No allocation costs less than this.
    pub bound: u64,
    /// The allocation is optimal, or (with no allocation) none exists.
    pub proven_optimal: bool,
    /// Branch-and-bound nodes solved (each one minimum-cost flow).
    pub nodes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    InDoubt,
    Open,
    Closed,
}

/// A node's relaxation: cost (without the penalty scaffolding), the hosts each person visits,
/// and each host's number of visits.
struct Relaxed {
    cost: u64,
    chosen: Vec<Vec<usize>>,
    load: Vec<u64>,
}

struct Node {
    opening: Vec<Opening>,
    relaxed: Relaxed,
}

/// Solves to proven optimality, or until `deadline`, then returns the best allocation with the
/// bound proven so far.
pub fn solve(problem: &VisitProblem, deadline: Option<Instant>) -> Outcome {
    let k = problem.slots() as u64;
    let root = vec![Opening::InDoubt; problem.hosts().len()];
    let mut nodes = 0u64;
    let mut best: Option<Relaxed> = None;
    // Bound-ordered queue of nodes still to expand; `seq` keeps the order deterministic.
    let mut queue: BinaryHeap<Reverse<(u64, u64)>> = BinaryHeap::new();
    let mut waiting: Vec<Option<Node>> = Vec::new();
    let mut dive: Option<usize> = None;

    let push = |node: Node,
                queue: &mut BinaryHeap<Reverse<(u64, u64)>>,
                waiting: &mut Vec<Option<Node>>| {
        let id = waiting.len();
        queue.push(Reverse((node.relaxed.cost, id as u64)));
        waiting.push(Some(node));
        id
    };

    nodes += 1;
    if let Some(relaxed) = relax(problem, &root) {
        push(
            Node {
                opening: root,
                relaxed,
            },
            &mut queue,
            &mut waiting,
        );
    }
    let mut timed_out = false;
    loop {
        let incumbent = best.as_ref().map_or(u64::MAX, |b| b.cost);
        let id = match dive.take() {
            Some(id) => id,
            None => match queue.pop() {
                Some(Reverse((cost, id))) => {
                    if cost >= incumbent {
                        queue.push(Reverse((cost, id)));
                        break;
                    }
                    id as usize
                }
                None => break,
            },
        };
        let Some(node) = waiting[id].take() else {
            continue;
        };
        if node.relaxed.cost >= incumbent {
            continue;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            queue.push(Reverse((node.relaxed.cost, id as u64)));
            waiting[id] = Some(node);
            timed_out = true;
            break;
        }
        let Some(host) = most_doubtful(problem, &node, k) else {
            best = Some(node.relaxed);
            continue;
        };
        let mut children = Vec::with_capacity(2);
        for fixed in [Opening::Open, Opening::Closed] {
            let mut opening = node.opening.clone();
            opening[host] = fixed;
            nodes += 1;
            if let Some(relaxed) = relax(problem, &opening)
                && relaxed.cost < incumbent
            {
                children.push(Node { opening, relaxed });
            }
        }
        children.sort_by_key(|c| c.relaxed.cost);
        let mut ids = children
            .into_iter()
            .map(|c| push(c, &mut queue, &mut waiting));
        if best.is_none() {
            dive = ids.next();
        }
        ids.for_each(drop);
    }

    let open_bound = queue
        .iter()
        .filter(|Reverse((_, id))| waiting[*id as usize].is_some())
        .map(|Reverse((cost, _))| *cost)
        .min();
    let objective = best.as_ref().map(|b| b.cost);
    let bound = match (open_bound, objective) {
        (Some(open), Some(found)) => open.min(found),
        (Some(open), None) => open,
        (None, Some(found)) => found,
        (None, None) => 0,
    };
    let allocation = best.map(|b| Allocation {
        visits: spread_over_slots(problem, &b.chosen),
    });
    Outcome {
        proven_optimal: !timed_out && objective.is_none_or(|o| o == bound),
        allocation,
        objective,
        bound,
        nodes,
    }
}

/// The doubtful host whose load is furthest inside the forbidden gap (between none and K x min),
/// or `None` when the node's flow is an allocation.
fn most_doubtful(problem: &VisitProblem, node: &Node, k: u64) -> Option<usize> {
    (0..problem.hosts().len())
        .filter(|&h| node.opening[h] == Opening::InDoubt)
        .filter_map(|h| {
            let load = node.relaxed.load[h];
            let min = k * u64::from(problem.hosts()[h].min);
            (load > 0 && load < min).then(|| (load.min(min - load), h))
        })
        .max_by_key(|&(depth, h)| (depth, Reverse(h)))
        .map(|(_, h)| h)
}

/// The node's minimum-cost flow: source to each person (K), person to each ranked host (1, at
/// rank squared), host to sink (up to K x max; an open host's first K x min at a penalty large
/// enough that the flow takes them whenever it can). `None` when no flow meets the fixings.
fn relax(problem: &VisitProblem, opening: &[Opening]) -> Option<Relaxed> {
    let people = problem.people();
    let hosts = problem.hosts();
    let k = problem.slots() as i64;
    let (source, sink) = (0, 1 + people + hosts.len());
    let host_node = |h: usize| 1 + people + h;
    let mut net = Network::new(sink + 1);
    let mut worst = 0i64;
    let mut visit_arcs = Vec::with_capacity(people);
    for p in 0..people {
        net.add(source, 1 + p, k, 0);
        let ranking = problem.ranking(p);
        worst = worst.max((ranking.len() * ranking.len()) as i64);
        let arcs: Vec<(usize, usize)> = ranking
            .iter()
            .enumerate()
            .filter(|&(_, &h)| opening[h] != Opening::Closed)
            .map(|(i, &h)| {
                let rank = (i + 1) as i64;
                (h, net.add(1 + p, host_node(h), 1, rank * rank))
            })
            .collect();
        visit_arcs.push(arcs);
    }
    let penalty = (people as i64) * k * worst + 1;
    let mut required = 0i64;
    for (h, bounds) in hosts.iter().enumerate() {
        let (min, max) = (k * i64::from(bounds.min), k * i64::from(bounds.max));
        match opening[h] {
            Opening::Closed => {}
            Opening::InDoubt => {
                net.add(host_node(h), sink, max, 0);
            }
            Opening::Open => {
                if min > 0 {
                    net.add(host_node(h), sink, min, -penalty);
                    required += min;
                }
                if max > min {
                    net.add(host_node(h), sink, max - min, 0);
                }
            }
        }
    }
    let (flow, cost) = net.min_cost_max_flow(source, sink);
    if flow < (people as i64) * k {
        return None;
    }
    let real = cost + penalty * required;
    if real >= penalty {
        // An open host's minimum could not be met.
        return None;
    }
    let mut load = vec![0u64; hosts.len()];
    let chosen = visit_arcs
        .iter()
        .map(|arcs| {
            arcs.iter()
                .filter(|&&(_, arc)| net.flow(arc) > 0)
                .map(|&(h, _)| {
                    load[h] += 1;
                    h
                })
                .collect()
        })
        .collect();
    Some(Relaxed {
        cost: real as u64,
        chosen,
        load,
    })
}
