//! Engine tests in one binary: properties, exact solver, errors, repair, self-selection.

mod errors;
mod helpers;
mod moves;
pub(crate) mod props;
mod repair;
mod stopping;
