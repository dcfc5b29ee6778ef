//! The statistics evaluation reports use: a mean with its spread, the mean change of paired
//! before/after answers with its 95 % confidence interval (Student's t) and paired effect size
//! (Cohen's d_z), and the difference between two independent groups (Welch).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation; `None` below two values.
    pub sd: Option<f64>,
}

pub fn summarise(values: &[f64]) -> Option<Summary> {
    let _ = values;
    unimplemented!("summarise")
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedChange {
    pub n: usize,
    /// Mean of (after - before).
    pub mean_change: f64,
    /// 95 % confidence interval of the mean change; `None` below two pairs.
    pub ci95: Option<(f64, f64)>,
    /// Cohen's d_z: mean change / sd of the changes; `None` when the sd is 0 or n < 2.
    pub effect_size: Option<f64>,
}

/// Pairs are (before, after).
pub fn paired_change(pairs: &[(f64, f64)]) -> Option<PairedChange> {
    let _ = pairs;
    unimplemented!("paired_change")
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupDifference {
    /// mean(a) - mean(b).
    pub mean_difference: f64,
    /// Welch's 95 % interval; `None` when either group has fewer than two values.
    pub ci95: Option<(f64, f64)>,
    /// Hedges' g; `None` when it cannot be computed.
    pub effect_size: Option<f64>,
}

pub fn group_difference(a: &[f64], b: &[f64]) -> Option<GroupDifference> {
    let _ = (a, b);
    unimplemented!("group_difference")
}
