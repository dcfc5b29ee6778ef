//! Events with choices (DOMAIN.md C8). Pure: no I/O, no async, deterministic for a seed.
//!
//! Two solvers: [`visits`] allocates people to host organisations over time slots, minimising
//! the sum of squared ranks and proving the optimum; [`cafe`] seats participants at guest
//! leaders' tables over rounds so nobody meets a guest twice and people mix.

pub mod cafe;

pub mod visits;
