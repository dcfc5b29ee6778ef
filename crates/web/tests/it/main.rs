//! One integration-test binary for the web layer (one link step, shared fixtures).
//! Each test gets a fresh database: SQLite by default, PostgreSQL when
//! REVANS_TEST_DATABASE_URL is set.

mod access_matrix;
mod account_security;
mod accounts;
mod admin;
mod api;
mod api_admin;
mod api_contracts;
mod api_hygiene;
mod api_inputs;
mod api_parity;
mod api_sets;
mod applications_review;
mod caching;
mod catalogue_paging;
mod certificates;
mod circle_admin;
mod circle_sweep;
mod circles;
mod circles_concurrency;
mod completion;
mod confidentiality;
mod dates;
mod dead_letters;
mod diaries;
mod evaluation;
mod evaluation_360;
mod evaluation_targets;
mod facilitator_records;
mod forming;
mod forming_runs;
mod helpers;
mod homes;
mod ics;
mod masterclass_interests;
mod meeting_pages;
mod national;
mod offers;
mod openapi_snapshot;
mod oversell;
mod paging;
mod paging_applications;
mod paging_sets;
mod places_stress;
mod pool;
mod portfolio;
// Erasure and retention (issue 17).
mod privacy_erasure;
mod privacy_retention;
mod programmes;
mod reports_scale;
mod sets;
mod slow_smtp;
mod smoke;
mod smtp;
