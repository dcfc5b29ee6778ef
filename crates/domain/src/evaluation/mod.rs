//! Evaluation (C9): questionnaire instruments, the answers to them, their scoring, the
//! Competing Values Framework culture profile and the statistics reports need. Pure: the app
//! layer stores instruments as their source text and answers as JSON, and calls these to check
//! and score them.

mod answers;
mod cvf;
mod instrument;
mod stats;
mod tree;
mod validate;

pub use answers::{AnswerValue, Answers};
pub use cvf::{
    CULTURES, Culture, CultureScores, CvfError, CvfProfile, CvfResponse, GroupedProfile,
    cvf_by_group, cvf_profile,
};
pub use instrument::{
    Choice, Format, Instrument, InstrumentError, InstrumentSummary, MatrixItem, Profile, Question,
    QuestionKind, Scale, Section,
};
pub use stats::{
    GroupDifference, PairedChange, Summary, group_difference, paired_change, summarise, t_quantile,
    t_quantile_975,
};

#[cfg(test)]
mod tests;
