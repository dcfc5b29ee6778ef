//! Hand changes to a formation: where a person (with their unit) could go without breaking a
//! hard rule, and swapping two people (with their units) between two sets. Pure; the caller
//! writes the result.

use crate::explain::violations;
use crate::model::Model;

/// The people who move with `p`: everyone in p's unit, or p alone.
pub fn unit_of(model: &Model, p: usize) -> Vec<usize> {
    model
        .units
        .iter()
        .find(|u| u.contains(&p))
        .cloned()
        .unwrap_or_else(|| vec![p])
}

/// The assignment after moving p's unit to set `to`.
pub fn moved(model: &Model, set_of: &[usize], p: usize, to: usize) -> Vec<usize> {
    let mut out = set_of.to_vec();
    for q in unit_of(model, p) {
        out[q] = to;
    }
    out
}

/// The sets other than p's own where p's unit could go with every hard rule still kept,
/// in set order.
pub fn fine_sets_for(model: &Model, set_of: &[usize], p: usize) -> Vec<usize> {
    (0..model.sets.len())
        .filter(|&g| g != set_of[p])
        .filter(|&g| violations(model, &moved(model, set_of, p, g)).is_empty())
        .collect()
}

/// Why two people cannot be swapped, before any rule is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwapRefusal {
    /// Both are in the same set already.
    SameSet,
    /// They come together as one unit.
    SameUnit,
}

/// The assignment after p's unit and q's unit change places. The rules are not checked here:
/// `violations` of the result says whether the swap keeps them.
pub fn swapped(
    model: &Model,
    set_of: &[usize],
    p: usize,
    q: usize,
) -> Result<Vec<usize>, SwapRefusal> {
    let (up, uq) = (unit_of(model, p), unit_of(model, q));
    if up.contains(&q) {
        return Err(SwapRefusal::SameUnit);
    }
    let (gp, gq) = (set_of[p], set_of[q]);
    if gp == gq {
        return Err(SwapRefusal::SameSet);
    }
    let mut out = set_of.to_vec();
    for x in up {
        out[x] = gq;
    }
    for x in uq {
        out[x] = gp;
    }
    Ok(out)
}

/// The people in set `g` whom p could swap with, keeping every hard rule; in person order,
/// one per unit.
pub fn fine_swaps_for(model: &Model, set_of: &[usize], p: usize, g: usize) -> Vec<usize> {
    let mut seen_units: Vec<Vec<usize>> = Vec::new();
    (0..model.ids.len())
        .filter(|&q| set_of[q] == g && g != set_of[p])
        .filter(|&q| {
            let u = unit_of(model, q);
            if seen_units.contains(&u) {
                return false;
            }
            seen_units.push(u);
            true
        })
        .filter(|&q| swapped(model, set_of, p, q).is_ok_and(|s| violations(model, &s).is_empty()))
        .collect()
}
