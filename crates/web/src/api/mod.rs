//! The JSON API under `/api/v1`, authenticated by personal access tokens. Everything the
//! pages do goes through the same `actions`, so both say the same thing.

pub mod audit;
pub mod cohorts;
pub mod contracts;
pub mod me;
pub mod openapi;
mod openapi_errors;
pub mod organisations;
pub mod people;
pub mod programmes;
pub(crate) mod schema_values;
pub mod sets;
pub mod tokens;
// Learning diaries and the themes report (C5).
pub mod diaries;

mod extract;
pub use extract::{ApiJson, ApiQuery};
