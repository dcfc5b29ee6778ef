//! The Competing Values Framework culture profile: six dimensions, each splitting 100 points
//! across four cultures, for the culture now and the culture preferred. A culture's score is
//! the mean of its points over the six dimensions; a group's profile is the mean over its
//! respondents.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{AnswerValue, Answers, Instrument, Profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Culture {
    Clan,
    Adhocracy,
    Market,
    Hierarchy,
}

/// How far a dimension's points may be from 100 and still add up (decimal points such as
/// 33.33 + 33.33 + 33.34).
const SUM_TOLERANCE: f64 = 1e-6;

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

impl From<[f64; 4]> for CultureScores {
    /// In the order a, b, c, d.
    fn from(s: [f64; 4]) -> Self {
        CultureScores {
            clan: s[0],
            adhocracy: s[1],
            market: s[2],
            hierarchy: s[3],
        }
    }
}

impl CultureScores {
    /// In the order a, b, c, d.
    pub fn to_array(self) -> [f64; 4] {
        [self.clan, self.adhocracy, self.market, self.hierarchy]
    }
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
        for (which, points) in [("now", &now), ("preferred", &preferred)] {
            for (d, row) in points.iter().enumerate() {
                let sum: f64 = row.iter().sum();
                if (sum - 100.0).abs() > SUM_TOLERANCE || row.iter().any(|p| !p.is_finite()) {
                    return Err(CvfError {
                        dimension: d + 1,
                        which,
                        sum,
                    });
                }
            }
        }
        Ok(CvfResponse { now, preferred })
    }

    /// From the answers to a `profile = "cvf"` instrument; `None` if this is not one or an
    /// answer is missing.
    pub fn from_answers(instrument: &Instrument, answers: &Answers) -> Option<CvfResponse> {
        if instrument.profile != Some(Profile::Cvf) {
            return None;
        }
        let read = |which: &str| -> Option<[[f64; 4]; 6]> {
            let mut points = [[0.0; 4]; 6];
            for (d, row) in points.iter_mut().enumerate() {
                let AnswerValue::Numbers(given) = answers.0.get(&format!("d{}_{which}", d + 1))?
                else {
                    return None;
                };
                for (slot, option) in row.iter_mut().zip(["a", "b", "c", "d"]) {
                    *slot = f64::from(given.get(option).copied().unwrap_or(0));
                }
            }
            Some(points)
        };
        CvfResponse::new(read("now")?, read("pref")?).ok()
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
    if responses.is_empty() {
        return None;
    }
    // Each culture's score is its mean over the six dimensions; the group's is the mean of
    // those over the respondents (the same as the mean over all 6n points).
    let mean = |pick: fn(&CvfResponse) -> &[[f64; 4]; 6]| {
        let mut sums = [0.0; 4];
        for r in responses {
            for row in pick(r) {
                for (s, p) in sums.iter_mut().zip(row) {
                    *s += p;
                }
            }
        }
        let n = (responses.len() * 6) as f64;
        CultureScores::from([sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n])
    };
    let now = mean(|r| &r.now);
    let preferred = mean(|r| &r.preferred);
    Some(CvfProfile {
        n: responses.len(),
        now,
        preferred,
        change: CultureScores {
            clan: preferred.clan - now.clan,
            adhocracy: preferred.adhocracy - now.adhocracy,
            market: preferred.market - now.market,
            hierarchy: preferred.hierarchy - now.hierarchy,
        },
    })
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
    let grouped = |group: BTreeMap<String, String>, members: Vec<CvfResponse>| GroupedProfile {
        group,
        profile: if members.len() < min_group.max(1) {
            None
        } else {
            cvf_profile(&members)
        },
    };
    let mut out = vec![grouped(
        BTreeMap::new(),
        rows.iter().map(|(_, r)| r.clone()).collect(),
    )];
    if group_by.is_empty() {
        return out;
    }
    let mut groups: BTreeMap<Vec<String>, Vec<CvfResponse>> = BTreeMap::new();
    for (attributes, response) in rows {
        let values = group_by
            .iter()
            .map(|g| attributes.get(g).cloned().unwrap_or_default())
            .collect();
        groups.entry(values).or_default().push(response.clone());
    }
    for (values, members) in groups {
        let group = group_by.iter().cloned().zip(values).collect();
        out.push(grouped(group, members));
    }
    out
}
