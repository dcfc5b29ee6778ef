//! Spreading each person's K chosen hosts over the K slots so that every host's visitors are
//! as even across slots as possible: an equitable edge colouring of the bipartite person-host
//! graph with K colours (the slots).
//!
//! Each host with d visits is split into copies of K visits (the last copy takes the rest); the
//! graph of people and copies has maximum degree K, so by König's theorem it has a proper K-edge
//! colouring, found edge by edge with alternating-path (Kempe chain) swaps. A full copy then
//! sees every slot once and the last copy each slot at most once, so a host gets floor(d/K) or
//! ceil(d/K) visitors in every slot: within [min, max] whenever d is within [K min, K max].

use super::model::VisitProblem;

/// `chosen[p]` is the set of K hosts person p visits; returns `visits[p][slot]`.
pub(crate) fn spread_over_slots(problem: &VisitProblem, chosen: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let k = problem.slots();
    let people = chosen.len();
    // Right-hand vertices: host copies, numbered after the people.
    let mut copy_of_visit: Vec<Vec<usize>> = Vec::with_capacity(people);
    let mut copy_host: Vec<usize> = Vec::new();
    let mut filling: Vec<Option<(usize, usize)>> = vec![None; problem.hosts().len()];
    for hosts in chosen {
        let copies = hosts
            .iter()
            .map(|&h| {
                let (copy, used) = match filling[h] {
                    Some((copy, used)) if used < k => (copy, used),
                    _ => {
                        copy_host.push(h);
                        (people + copy_host.len() - 1, 0)
                    }
                };
                filling[h] = Some((copy, used + 1));
                copy
            })
            .collect();
        copy_of_visit.push(copies);
    }
    let vertices = people + copy_host.len();
    // at[v][c]: the other end of v's edge coloured c.
    let mut at: Vec<Vec<Option<usize>>> = vec![vec![None; k]; vertices];
    for (p, copies) in copy_of_visit.iter().enumerate() {
        for &v in copies {
            colour_edge(&mut at, p, v);
        }
    }
    (0..people)
        .map(|p| {
            (0..k)
                .map(|slot| {
                    let copy = at[p][slot].expect("every person has a visit in every slot");
                    copy_host[copy - people]
                })
                .collect()
        })
        .collect()
}

/// Colours edge u-v (u a person, v a copy), swapping an alternating path if no colour is free
/// at both ends.
fn colour_edge(at: &mut [Vec<Option<usize>>], u: usize, v: usize) {
    let free = |at: &[Vec<Option<usize>>], x: usize| {
        at[x]
            .iter()
            .position(Option::is_none)
            .expect("degree at most K")
    };
    let a = free(at, u);
    if at[v][a].is_some() {
        let b = free(at, v);
        // The path from v alternating a, b, a, ... never reaches u (bipartite, a free at u);
        // swapping its colours frees a at v.
        let mut path = Vec::new();
        let (mut x, mut colour) = (v, a);
        while let Some(y) = at[x][colour] {
            path.push((x, y, colour));
            x = y;
            colour = if colour == a { b } else { a };
        }
        for &(x, y, c) in &path {
            at[x][c] = None;
            at[y][c] = None;
        }
        for &(x, y, c) in &path {
            let swapped = if c == a { b } else { a };
            at[x][swapped] = Some(y);
            at[y][swapped] = Some(x);
        }
    }
    at[u][a] = Some(v);
    at[v][a] = Some(u);
}
