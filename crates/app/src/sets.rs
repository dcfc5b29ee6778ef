//! Action learning sets (C4): forming them, rules and attributes, meetings, self-selection, access, repair.
pub mod choosing;
pub mod cohort_sets;
pub mod formation;
pub mod formation_attributes;
pub mod formation_page;
pub mod formation_rules;
pub mod formation_words;
pub mod forming_changes;
pub mod meeting_detail;
pub mod meetings;
pub mod self_selection;
pub mod set_access;
pub mod set_pages;
pub mod set_repair;
pub mod set_view;
pub mod sets_overview;
