//! The Competing Values Framework culture profile: six dimensions, each splitting 100 points
//! across four cultures, for the culture now and the culture preferred. A culture's score is
//! the mean of its points over the six dimensions; a group's profile is the mean over its
//! respondents.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Answers, Instrument};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Culture {
    Clan,
    Adhocracy,
    Market,
    Hierarchy,
}

/// In the order of the alternatives a, b, c, d.
pub const CULTURES: [Culture; 4] = [
    Culture::Clan,
    Culture::Adhocracy,
    Culture::Market,
    Culture::Hierarchy,
];

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CultureScores {
    pub clan: f64,
    pub adhocracy: f64,
    pub market: f64,
    pub hierarchy: f64,
}

/// One respondent's points: `[dimension][culture]` for now and preferred.
#[derive(Debug, Clone, PartialEq)]
pub struct CvfResponse {
    pub now: [[f64; 4]; 6],
    pub preferred: [[f64; 4]; 6],
}

/// A dimension whose four scores do not add up to 100 (dimension is 1-6).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("dimension {dimension} ({which}) adds up to {sum}, not 100")]
pub struct CvfError {
    pub dimension: usize,
    /// "now" or "preferred".
    pub which: &'static str,
    pub sum: f64,
}

impl CvfResponse {
    pub fn new(now: [[f64; 4]; 6], preferred: [[f64; 4]; 6]) -> Result<CvfResponse, CvfError> {
        let _ = (now, preferred);
        unimplemented!("CvfResponse::new")
    }

    /// From the answers to a `profile = "cvf"` instrument; `None` if this is not one or an
    /// answer is missing.
    pub fn from_answers(instrument: &Instrument, answers: &Answers) -> Option<CvfResponse> {
        let _ = (instrument, answers);
        unimplemented!("CvfResponse::from_answers")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CvfProfile {
    pub n: usize,
    pub now: CultureScores,
    pub preferred: CultureScores,
    /// preferred - now.
    pub change: CultureScores,
}

/// The mean profile of the responses; `None` for none.
pub fn cvf_profile(responses: &[CvfResponse]) -> Option<CvfProfile> {
    let _ = responses;
    unimplemented!("cvf_profile")
}

/// One group's profile: its attribute values (empty for the whole sample) and the profile, or
/// `None` when the group has fewer respondents than the minimum (then its n is not shown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupedProfile {
    pub group: BTreeMap<String, String>,
    pub profile: Option<CvfProfile>,
}

/// The whole sample first, then one group per distinct combination of the `group_by`
/// attributes' values (in sorted order); groups below `min_group` respondents are suppressed.
pub fn cvf_by_group(
    rows: &[(BTreeMap<String, String>, CvfResponse)],
    group_by: &[String],
    min_group: usize,
) -> Vec<GroupedProfile> {
    let _ = (rows, group_by, min_group);
    unimplemented!("cvf_by_group")
}
