//! Evaluation (C9): instruments, waves of a programme's evaluation plan, answering by link,
//! and the results leads and evaluators read (aggregates only, after the small-number rule).

pub mod access;
pub mod feedback360;
pub mod instruments;
pub mod plan;
pub mod responding;
pub mod results;
