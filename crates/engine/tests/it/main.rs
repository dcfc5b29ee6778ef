//! Engine tests in one binary: properties, exact solver, errors, repair, self-selection.

mod errors;
mod helpers;
mod props;
mod repair;
