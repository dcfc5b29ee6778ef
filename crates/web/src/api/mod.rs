//! The JSON API under `/api/v1`, authenticated by personal access tokens. Everything the
//! pages do goes through the same `actions`, so both say the same thing.

pub mod account;
pub mod application_detail;
pub mod applications;
pub mod audit;
// Certificates of completion (issue 16).
pub mod certificates;
pub mod circle_admin;
pub mod circles;
pub mod cohorts;
pub mod completion;
pub mod contracts;
// Erasure (issue 17).
pub mod erasure;
pub mod formation_runs;
pub mod home;
pub mod interests;
pub mod jobs;
pub mod me;
pub mod meeting_changes;
pub mod meeting_records;
pub mod meetings;
pub mod openapi;
pub mod openapi_errors;
pub mod organisations;
pub mod pagination;
pub mod people;
pub mod pool;
pub mod portfolio;
// Subject access export (issue 17).
pub mod privacy_export;
pub mod programme_edit;
pub mod programmes;
pub mod reporting_lines;
pub(crate) mod schema_values;
pub mod self_selection;
pub mod set_changes;
pub mod set_forming;
pub mod sets;
pub mod sponsor;
pub mod supervisors;
pub mod targets;
pub mod themes;
pub mod tokens;
// Learning diaries and the themes report (C5).
pub mod diaries;
pub mod evaluation;
pub mod events;
pub mod feedback360;
// Facilitator records (issue 15).
pub mod facilitator_records;

mod extract;
pub use extract::{ApiJson, ApiJsonOrCsv, ApiQuery};
