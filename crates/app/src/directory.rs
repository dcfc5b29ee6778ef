//! The directory: people (invitations, roles, supervisors, attributes) and organisations.
pub mod operator;
pub mod organisations;
pub mod people;
pub mod reporting_lines;
