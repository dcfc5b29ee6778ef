//! The search's incremental view of a rota: who sits where, guest visits and meeting counts.

use super::CafeProblem;

pub(super) struct State {
    pub p: usize,
    pub g: usize,
    pub rounds: usize,
    /// Fewest and most visits of one participant to one guest.
    pub fewest: u16,
    pub most: u16,
    /// Smallest and largest table sizes of a balanced round.
    pub smallest: usize,
    pub largest: usize,
    /// `seat[round * p + i]`: the table of `i` in `round`.
    pub seat: Vec<u32>,
    /// `members[round * g + table]`: who sits there, in no order.
    members: Vec<Vec<u32>>,
    /// `at[round * p + i]`: the index of `i` in its table's `members`.
    at: Vec<u32>,
    /// `visits[i * g + table]`: rounds `i` spends at `table`.
    visits: Vec<u16>,
    /// `meet[i * p + j]`: rounds `i` and `j` share a table.
    meet: Vec<u16>,
    /// Repeated pairs (a pair meeting `k` times counts `k - 1`).
    pub repeats: u64,
}

impl State {
    pub fn new(problem: &CafeProblem, seat: Vec<u32>) -> Self {
        let (p, g, rounds) = (problem.participants(), problem.guests(), problem.rounds());
        let (fewest, most) = problem.guest_visits();
        let (small, big_tables) = problem.table_sizes();
        let mut state = State {
            p,
            g,
            rounds,
            fewest: fewest as u16,
            most: most as u16,
            smallest: small,
            largest: small + usize::from(big_tables > 0),
            members: vec![Vec::new(); rounds * g],
            at: vec![0; rounds * p],
            visits: vec![0; p * g],
            meet: vec![0; p * p],
            repeats: 0,
            seat,
        };
        for round in 0..rounds {
            for i in 0..p {
                let table = state.seat[round * p + i];
                state.join(i, round, table);
            }
        }
        state
    }

    pub fn table(&self, round: usize, i: usize) -> u32 {
        self.seat[round * self.p + i]
    }

    pub fn size(&self, round: usize, table: u32) -> usize {
        self.members[round * self.g + table as usize].len()
    }

    pub fn members(&self, round: usize, table: u32) -> &[u32] {
        &self.members[round * self.g + table as usize]
    }

    /// Whether `i` sits in `round` with someone it meets in another round too.
    pub fn repeating(&self, i: usize, round: usize) -> bool {
        let row = &self.meet[i * self.p..(i + 1) * self.p];
        self.members(round, self.table(round, i))
            .iter()
            .any(|&k| row[k as usize] >= 2)
    }

    /// How many people at `table` in `round` `i` meets in some round already.
    pub fn known_at(&self, i: usize, round: usize, table: u32) -> usize {
        let row = &self.meet[i * self.p..(i + 1) * self.p];
        self.members(round, table)
            .iter()
            .filter(|&&k| row[k as usize] >= 1)
            .count()
    }

    /// Whether `i` meets guests `a` and `b` an allowed number of times.
    pub fn person_ok(&self, i: usize, a: u32, b: u32) -> bool {
        let fine =
            |t: u32| (self.fewest..=self.most).contains(&self.visits[i * self.g + t as usize]);
        fine(a) && fine(b)
    }

    /// Whether tables `a` and `b` of `round` have balanced sizes.
    pub fn round_ok(&self, round: usize, a: u32, b: u32) -> bool {
        let fine = |t: u32| (self.smallest..=self.largest).contains(&self.size(round, t));
        fine(a) && fine(b)
    }

    /// Moves `i` to `to` in `round`; returns the change in repeats. Table sizes and guest
    /// visits are the caller's business.
    pub fn relocate(&mut self, i: usize, round: usize, to: u32) -> i64 {
        let before = self.repeats as i64;
        self.leave(i, round);
        self.join(i, round, to);
        self.repeats as i64 - before
    }

    fn leave(&mut self, i: usize, round: usize) {
        let p = self.p;
        let table = self.seat[round * p + i];
        let list = &mut self.members[round * self.g + table as usize];
        let index = self.at[round * p + i] as usize;
        list.swap_remove(index);
        if let Some(&moved) = list.get(index) {
            self.at[round * p + moved as usize] = index as u32;
        }
        for &k in list.iter() {
            let k = k as usize;
            let count = &mut self.meet[i * p + k];
            if *count >= 2 {
                self.repeats -= 1;
            }
            *count -= 1;
            self.meet[k * p + i] -= 1;
        }
        self.visits[i * self.g + table as usize] -= 1;
    }

    fn join(&mut self, i: usize, round: usize, table: u32) {
        let p = self.p;
        let list = &mut self.members[round * self.g + table as usize];
        for &k in list.iter() {
            let k = k as usize;
            let count = &mut self.meet[i * p + k];
            if *count >= 1 {
                self.repeats += 1;
            }
            *count += 1;
            self.meet[k * p + i] += 1;
        }
        self.at[round * p + i] = list.len() as u32;
        list.push(i as u32);
        self.seat[round * p + i] = table;
        self.visits[i * self.g + table as usize] += 1;
    }
}
