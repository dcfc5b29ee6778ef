//! Engine tests in one binary: properties, exact solver, errors, repair, self-selection.

mod errors;
mod moves;
mod helpers;
pub(crate) mod props;
mod repair;
