//! Support circles (C7, issue 15).

pub mod aggregates;
pub mod manage;
pub mod sweep;
