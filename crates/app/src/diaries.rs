//! Learning diaries (C5): entries and their sharing, links to set work, the themes report.
pub mod diary_pages;
pub mod entries;
pub mod links;
pub mod themes;
