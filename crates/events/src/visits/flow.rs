//! Minimum-cost flow by the primal-dual method: Dijkstra on reduced costs finds the cheapest
//! distance to every node, then a blocking flow (Dinic) pushes as much as possible along all
//! cheapest paths at once. Rank costs are few distinct values, so there are few phases.
//! Integral capacities give an integral optimum: the allocation relaxation is exact on flows.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

#[derive(Debug, Clone)]
struct Arc {
    to: usize,
    cap: i64,
    cost: i64,
}

/// A flow network; arcs are stored in pairs (`a`, `a ^ 1` its reverse).
#[derive(Debug, Clone)]
pub(crate) struct Network {
    arcs: Vec<Arc>,
    out: Vec<Vec<usize>>,
}

impl Network {
    pub(crate) fn new(nodes: usize) -> Network {
        Network {
            arcs: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds an arc and returns its id (to read its flow later).
    pub(crate) fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let id = self.arcs.len();
        self.arcs.push(Arc { to, cap, cost });
        self.arcs.push(Arc {
            to: from,
            cap: 0,
            cost: -cost,
        });
        self.out[from].push(id);
        self.out[to].push(id + 1);
        id
    }

    /// The flow on an arc returned by [`Network::add`].
    pub(crate) fn flow(&self, arc: usize) -> i64 {
        self.arcs[arc + 1].cap
    }

    /// Sends as much flow as possible from `s` to `t` at the least cost; returns (flow, cost).
    /// The network must have no cycle of negative cost (ours are acyclic from `s`).
    pub(crate) fn min_cost_max_flow(&mut self, s: usize, t: usize) -> (i64, i64) {
        let mut potential = self.acyclic_distances(s);
        let (mut flow, mut cost) = (0, 0);
        let n = self.out.len();
        let mut dist = vec![i64::MAX; n];
        loop {
            if !self.dijkstra(s, t, &potential, &mut dist) {
                return (flow, cost);
            }
            let reach = dist[t];
            for v in 0..n {
                potential[v] += dist[v].min(reach);
            }
            let pushed = self.blocking_flows(s, t, &potential);
            flow += pushed;
            cost += pushed * (potential[t] - potential[s]);
        }
    }

    /// Shortest distances from `s` by relaxing in topological order (the network before any
    /// flow is acyclic), so the first reduced costs are non-negative despite negative arcs.
    fn acyclic_distances(&self, s: usize) -> Vec<i64> {
        let n = self.out.len();
        let mut indegree = vec![0usize; n];
        for arc in self.arcs.iter().step_by(2) {
            indegree[arc.to] += 1;
        }
        let mut order: VecDeque<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
        let mut dist = vec![i64::MAX; n];
        dist[s] = 0;
        let mut settled = Vec::with_capacity(n);
        while let Some(u) = order.pop_front() {
            settled.push(u);
            for &a in &self.out[u] {
                if a % 2 == 1 {
                    continue;
                }
                let arc = &self.arcs[a];
                if dist[u] != i64::MAX {
                    dist[arc.to] = dist[arc.to].min(dist[u] + arc.cost);
                }
                indegree[arc.to] -= 1;
                if indegree[arc.to] == 0 {
                    order.push_back(arc.to);
                }
            }
        }
        debug_assert_eq!(settled.len(), n, "the network has a cycle");
        // Unreachable nodes keep a potential that cannot make a reduced cost negative.
        let top = dist.iter().copied().filter(|&d| d != i64::MAX).max();
        dist.iter()
            .map(|&d| if d == i64::MAX { top.unwrap_or(0) } else { d })
            .collect()
    }

    /// Distances on reduced costs; false when `t` cannot be reached.
    fn dijkstra(&self, s: usize, t: usize, potential: &[i64], dist: &mut [i64]) -> bool {
        dist.fill(i64::MAX);
        dist[s] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0i64, s)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if d > dist[u] {
                continue;
            }
            if u == t {
                break;
            }
            for &a in &self.out[u] {
                let arc = &self.arcs[a];
                if arc.cap == 0 {
                    continue;
                }
                let next = d + arc.cost + potential[u] - potential[arc.to];
                if next < dist[arc.to] {
                    dist[arc.to] = next;
                    heap.push(Reverse((next, arc.to)));
                }
            }
        }
        dist[t] != i64::MAX
    }

    /// Dinic's blocking flows over the admissible arcs (reduced cost zero) until no cheapest
    /// path is left; returns the flow pushed.
    fn blocking_flows(&mut self, s: usize, t: usize, potential: &[i64]) -> i64 {
        let n = self.out.len();
        let mut total = 0;
        let mut level = vec![usize::MAX; n];
        let mut next_arc = vec![0usize; n];
        loop {
            level.fill(usize::MAX);
            level[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                for &a in &self.out[u] {
                    let arc = &self.arcs[a];
                    if arc.cap > 0
                        && level[arc.to] == usize::MAX
                        && arc.cost + potential[u] - potential[arc.to] == 0
                    {
                        level[arc.to] = level[u] + 1;
                        queue.push_back(arc.to);
                    }
                }
            }
            if level[t] == usize::MAX {
                return total;
            }
            next_arc.fill(0);
            loop {
                let pushed = self.augment(s, t, i64::MAX, &level, &mut next_arc, potential);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    fn augment(
        &mut self,
        u: usize,
        t: usize,
        limit: i64,
        level: &[usize],
        next_arc: &mut [usize],
        potential: &[i64],
    ) -> i64 {
        if u == t {
            return limit;
        }
        while next_arc[u] < self.out[u].len() {
            let a = self.out[u][next_arc[u]];
            let (to, cap, cost) = (self.arcs[a].to, self.arcs[a].cap, self.arcs[a].cost);
            if cap > 0 && level[to] == level[u] + 1 && cost + potential[u] - potential[to] == 0 {
                let pushed = self.augment(to, t, limit.min(cap), level, next_arc, potential);
                if pushed > 0 {
                    self.arcs[a].cap -= pushed;
                    self.arcs[a ^ 1].cap += pushed;
                    return pushed;
                }
            }
            next_arc[u] += 1;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::Network;

    #[test]
    fn cheapest_of_two_routes_then_the_dearer_one_when_full() {
        // s=0, a=1, b=2, t=3: s->a->t costs 1 (cap 1), s->b->t costs 5 (cap 5).
        let mut net = Network::new(4);
        net.add(0, 1, 1, 0);
        net.add(0, 2, 5, 0);
        let cheap = net.add(1, 3, 1, 1);
        let dear = net.add(2, 3, 5, 5);
        assert_eq!(net.min_cost_max_flow(0, 3), (6, 1 + 25));
        assert_eq!((net.flow(cheap), net.flow(dear)), (1, 5));
    }

    #[test]
    fn a_negative_arc_is_filled_first() {
        let mut net = Network::new(3);
        net.add(0, 1, 2, 0);
        let bonus = net.add(1, 2, 1, -100);
        let plain = net.add(1, 2, 5, 0);
        assert_eq!(net.min_cost_max_flow(0, 2), (2, -100));
        assert_eq!((net.flow(bonus), net.flow(plain)), (1, 1));
    }

    #[test]
    fn rerouting_through_a_reverse_arc() {
        // Two people, two hosts of one place each; person 0 prefers host A strongly, person 1
        // can only go to A or pay a lot for B: the flow must reroute person 0.
        // s=0, p0=1, p1=2, A=3, B=4, t=5.
        let mut net = Network::new(6);
        net.add(0, 1, 1, 0);
        net.add(0, 2, 1, 0);
        let p0a = net.add(1, 3, 1, 1);
        net.add(1, 4, 1, 4);
        net.add(2, 3, 1, 1);
        net.add(2, 4, 1, 100);
        net.add(3, 5, 1, 0);
        net.add(4, 5, 1, 0);
        assert_eq!(net.min_cost_max_flow(0, 5), (2, 1 + 4));
        assert_eq!(net.flow(p0a), 0);
    }
}
