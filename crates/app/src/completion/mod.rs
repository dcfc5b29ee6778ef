//! Records and certificates (C10, issue 16): who completed a cohort, who is at risk, the
//! lead's exceptions, and CPD hours from attendance. `records` holds the one reading of the
//! rules that every screen and certificate shares.

pub mod records;

pub use records::{
    CohortRecords, ParticipantRecord, PersonCohort, PersonCpd, cohort_records, person_cpd,
};
