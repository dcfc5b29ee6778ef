//! Reading a culture-profile CSV and scoring it by group (`revans cvf score`). Every problem in
//! the file is collected, so one run lists them all.

use std::collections::{BTreeMap, HashMap};

use revans_domain::evaluation::{CultureScores, CvfProfile, CvfResponse, cvf_by_group};
use serde::Serialize;

const WHICH: [(&str, &str); 2] = [("now", "now"), ("pref", "preferred")];
const ALTERNATIVES: [&str; 4] = ["a", "b", "c", "d"];
/// Listing more than this many row errors helps nobody; the count of the rest is given.
const MAX_REPORTED: usize = 20;

#[derive(Debug, Serialize)]
pub struct Scored {
    pub groups: Vec<Group>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Group {
    Shown {
        group: BTreeMap<String, String>,
        n: usize,
        now: CultureScores,
        preferred: CultureScores,
        change: CultureScores,
    },
    Suppressed {
        group: BTreeMap<String, String>,
        n: Option<usize>,
        suppressed: bool,
    },
}

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

fn rounded(s: CultureScores) -> CultureScores {
    CultureScores::from(s.to_array().map(round2))
}

/// The score column's name: `d{dimension}_{now|pref}_{a-d}`.
fn column(dimension: usize, which: &str, alternative: &str) -> String {
    format!("d{dimension}_{which}_{alternative}")
}

/// Looks like a score column (`d` and a digit, then `_`) but is not one of the 48.
fn looks_like_score(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next() == Some('d')
        && chars.next().is_some_and(|c| c.is_ascii_digit())
        && name.contains('_')
}

pub fn score(bytes: &[u8], group_by: &[String], min_group: usize) -> Result<Scored, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => h.clone(),
        Ok(_) => {
            return Err(vec![
                "the file is empty; it needs a header line and one row per respondent".into(),
            ]);
        }
        Err(e) => return Err(vec![format!("cannot read the header: {e}")]),
    };
    let mut errors = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim();
        if name.is_empty() {
            errors.push(format!("column {} has no name in the header", i + 1));
        } else if index.insert(name.to_owned(), i).is_some() {
            errors.push(format!("the column `{name}` appears twice in the header"));
        }
    }
    if !index.contains_key("respondent") {
        errors.push("the header has no `respondent` column".into());
    }
    let mut score_columns = [[[0usize; 4]; 6]; 2];
    let mut missing = Vec::new();
    for (w, (which, _)) in WHICH.iter().enumerate() {
        for (d, dimension) in score_columns[w].iter_mut().enumerate() {
            for (a, alt) in ALTERNATIVES.iter().enumerate() {
                let name = column(d + 1, which, alt);
                match index.get(&name) {
                    Some(i) => dimension[a] = *i,
                    None => missing.push(name),
                }
            }
        }
    }
    if !missing.is_empty() {
        errors.push(format!(
            "the header lacks the score column(s) {}",
            missing.join(", ")
        ));
    }
    let is_score = |n: &str| {
        WHICH
            .iter()
            .any(|(w, _)| (1..=6).any(|d| ALTERNATIVES.iter().any(|a| column(d, w, a) == n)))
    };
    for name in headers.iter().map(str::trim) {
        if looks_like_score(name) && !is_score(name) {
            errors.push(format!(
                "the column `{name}` is not a score column: they are d1-d6, now or pref, a-d (e.g. d1_now_a)"
            ));
        }
    }
    for g in group_by {
        if g == "respondent" || is_score(g) {
            errors.push(format!(
                "cannot group by `{g}`: group by a column of respondents' attributes"
            ));
        } else if !index.contains_key(g.as_str()) {
            errors.push(format!("--group-by {g}: the header has no column `{g}`"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let respondent = index["respondent"];
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut row_errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                row_errors.push(format!("line {line}: {}", csv_problem(&e)));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let id = record.get(respondent).unwrap_or("").trim().to_owned();
        if id.is_empty() {
            row_errors.push(format!("line {line}: the respondent is empty"));
        } else if let Some(first) = seen.insert(id.clone(), line) {
            row_errors.push(format!(
                "line {line}: respondent `{id}` is also on line {first}"
            ));
        }
        let mut points = [[[0.0f64; 4]; 6]; 2];
        let mut readable = true;
        for (w, (which, _)) in WHICH.iter().enumerate() {
            for d in 0..6 {
                for (a, alt) in ALTERNATIVES.iter().enumerate() {
                    let cell = record.get(score_columns[w][d][a]).unwrap_or("").trim();
                    let name = column(d + 1, which, alt);
                    match cell.parse::<f64>() {
                        Ok(v) if v.is_finite() && v >= 0.0 => points[w][d][a] = v,
                        Ok(v) if v < 0.0 => {
                            row_errors.push(format!(
                                "line {line}: {name} is {cell}; scores are 0 or more"
                            ));
                            readable = false;
                        }
                        _ if cell.is_empty() => {
                            row_errors.push(format!(
                                "line {line}: {name} is empty; give a score from 0 to 100"
                            ));
                            readable = false;
                        }
                        _ => {
                            row_errors
                                .push(format!("line {line}: {name} is `{cell}`, not a number"));
                            readable = false;
                        }
                    }
                }
            }
        }
        if !readable {
            continue;
        }
        // Every dimension that does not add up, not only the first.
        let mut adds_up = true;
        for (w, (which, label)) in WHICH.iter().enumerate() {
            for (d, dimension) in points[w].iter().enumerate() {
                let sum: f64 = dimension.iter().sum();
                if (sum - 100.0).abs() > 1e-6 {
                    let n = d + 1;
                    row_errors.push(format!(
                        "line {line}: dimension {n} ({label}, d{n}_{which}_a to d{n}_{which}_d) adds up to {}, not 100",
                        round2(sum)
                    ));
                    adds_up = false;
                }
            }
        }
        if !adds_up {
            continue;
        }
        match CvfResponse::new(points[0], points[1]) {
            Ok(response) => {
                let group = group_by
                    .iter()
                    .map(|g| {
                        (
                            g.clone(),
                            record
                                .get(index[g.as_str()])
                                .unwrap_or("")
                                .trim()
                                .to_owned(),
                        )
                    })
                    .collect();
                rows.push((group, response));
            }
            Err(e) => row_errors.push(format!("line {line}: {e}")),
        }
    }
    if !row_errors.is_empty() {
        let more = row_errors.len().saturating_sub(MAX_REPORTED);
        row_errors.truncate(MAX_REPORTED);
        if more > 0 {
            row_errors.push(format!("and {more} more problem(s)"));
        }
        return Err(row_errors);
    }
    if rows.is_empty() {
        return Err(vec!["the file has a header but no respondents".into()]);
    }
    let groups = cvf_by_group(&rows, group_by, min_group)
        .into_iter()
        .map(|g| match g.profile {
            Some(CvfProfile {
                n,
                now,
                preferred,
                change,
            }) => Group::Shown {
                group: g.group,
                n,
                now: rounded(now),
                preferred: rounded(preferred),
                change: rounded(change),
            },
            None => Group::Suppressed {
                group: g.group,
                n: None,
                suppressed: true,
            },
        })
        .collect();
    Ok(Scored { groups })
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("has {len} fields; the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text".into(),
        _ => e.to_string(),
    }
}
