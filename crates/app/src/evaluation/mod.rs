//! Evaluation (C9): instruments, waves of a programme's evaluation plan, answering by link,
//! the results leads and evaluators read (aggregates only, after the small-number rule), the
//! report, and targets set at scoping.

pub mod access;
pub mod feedback360;
pub mod instruments;
pub mod plan;
pub mod report;
pub mod responding;
pub mod results;
pub mod targets;
