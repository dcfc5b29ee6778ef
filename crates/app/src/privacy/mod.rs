//! Data protection (issue 17, C11): erasing a person and the retention sweep (and, beside
//! them, the subject access export).
pub mod erase;
pub mod export;
pub mod retention;
