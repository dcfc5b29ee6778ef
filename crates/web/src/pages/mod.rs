//! Server-rendered pages, one module per resource.

pub mod about;
pub mod account;
pub mod admin_cohorts;
pub mod admin_forming_run;
pub mod admin_jobs;
pub mod admin_organisations;
pub mod admin_people;
pub mod admin_programmes;
pub mod admin_reporting_lines;
pub mod admin_set_changes;
pub mod admin_sets;
pub mod admin_targets;
pub mod application_review;
pub mod applications;
pub mod audit;
pub mod calendar;
pub mod catalogue;
// Certificates of completion (issue 16).
pub mod certificates;
pub mod choose_set;
pub mod circle_admin;
pub mod circles;
pub mod home;
pub mod interests;
pub mod invitation;
pub mod meeting_actions;
pub mod meetings;
pub mod password_reset;
pub mod respond;
pub mod set_leavers;
pub mod sets;
pub mod sign_in;
pub mod sponsor;
pub mod sso;
pub mod tokens;
// Learning diaries and the themes report (C5).
pub mod diary;
// Erasure (issue 17).
pub mod erasure;
pub mod evaluation;
pub mod evaluation_results;
pub mod events;
pub mod events_admin;
pub mod events_cafe;
pub mod facilitator_requests;
pub mod feedback360;
// Facilitator records (issue 15).
pub mod completion;
pub mod facilitator_profile;
pub mod mentors;
pub mod pool;
// The CPD portfolio (issue 16).
pub mod admin_frameworks;
pub mod portfolio;
// Subject access export (issue 17).
pub mod privacy_export;
pub mod reports;
pub mod supervision;
