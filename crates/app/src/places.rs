//! Places on programmes (C2, C3): programmes, cohorts, applications and nominations, offers, the review queue.
pub mod application_reads;
pub mod application_view;
pub mod applications;
pub mod applying;
pub mod catalogue;
pub mod cohort_edit;
pub mod nomination_caps;
pub mod programme_admin;
pub mod programmes;
pub mod review_queue;
pub mod sponsor;
pub mod sponsor_decisions;
