//! Facilitator records (C6, issue 15): a facilitator's profile and qualifications, the
//! qualification a programme's completers gain, supervision logged and totalled for
//! accreditation, and mentor pairings between cohorts.

pub mod access;
pub mod awards;
pub mod mentors;
pub mod profile;
pub mod qualifications;
pub mod supervision;
