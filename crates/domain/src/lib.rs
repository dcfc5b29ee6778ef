//! The Revans domain: types that validate on construction, so an invalid value cannot
//! exist past the edge of the system ("parse, don't validate"). Pure: no I/O, no async.

mod allocation;
mod application;
mod attendance;
mod cadence;
mod capacity;
pub mod circle;
mod completion;
pub mod cpd;
mod dates;
mod diary;
mod email;
mod error;
pub mod evaluation;
mod facilitator_fit;
pub mod facilitator_profile;
mod field_errors;
pub mod framework;
mod id;
pub mod interest;
mod keyword;
pub mod locale;
mod nomination;
mod problem;
mod programme;
mod question;
mod reporting_lines;
mod role;
mod rota;
mod schedule;
mod small_numbers;
mod text;

pub use allocation::{Allocation, Candidate, CohortPlaces, Order, allocate};
pub use application::{ApplicationState, Event, TransitionError};
pub use attendance::{Attendance, AttendanceSummary, Membership, summarise};
pub use cadence::{Cadence, outside_window, overlaps};
pub use capacity::{Capacity, SetSize};
pub use completion::CompletionRule;
pub use dates::{
    DateParts, date_parts, day_in, end_of_day, last_day, month_number, parse_uk_date, when_in,
};
pub use diary::{DIARY_MAX_CHARS, DiarySharing, EntryBody, LogSharing};
pub use email::EmailAddress;
pub use error::ValidationError;
pub use facilitator_fit::{
    EXPERIENCED_YEARS, Exclusion, Fit, Need, PoolCandidate, Ranking, WeeklyWindow, exclusion,
    pairs, rank,
};
pub use field_errors::{FieldError, FieldErrors, when};
pub use id::Id;
pub use locale::Locale;
pub use nomination::{Cap, CapReached, Holder, OrgTree, check_caps};
pub use problem::{
    ActionOutcome, MAX_THEMES, REVIEW_NOTE_MAX_CHARS, THEME_MAX_CHARS, ThemeVocabulary, review_note,
};
pub use programme::{
    AllocationRule, Delivery, DeliveryMode, PhaseKind, ProgrammeKind, ProgrammeStatus, bounded,
    line_list, parse_cpd_minutes, parse_fee_pence, required_line,
};
pub use question::{Question, check_question_line};
pub use reporting_lines::{
    ReportingLines, ReportingRow, RowError, in_reporting_line, pairs_in_reporting_lines,
};
pub use role::Role;
pub use rota::{MeetingFacts, ReviewEvery, Slot, plan_rota};
pub use schedule::{
    MAX_SESSIONS, RecurrenceInput, Schedule, Session, describe_session,
    parse_date as schedule_date, parse_zone,
};
pub use small_numbers::{
    HIDDEN_UP_TO, Published, SuppressedTable, publish, publish_count, suppress,
};
pub use text::{OrganisationName, Password, PersonName, SetName, TokenName};

/// 20000 -> "20,000", as people write numbers.
pub use diary::thousands;
