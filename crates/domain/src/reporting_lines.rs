//! Reporting lines (C3): who manages whom, so set formation can keep a person and anyone above
//! or below them out of the same set, and a facilitator out of their members' lines. They come
//! from a file of people with a manager column. The import is all or nothing, and every problem
//! is reported at once with its row and column, so the file can be fixed in one go.

use std::collections::{HashMap, HashSet};

use crate::EmailAddress;

/// One data row of the file. `row` is the number the user sees in a spreadsheet: the header is
/// row 1, so the first data row is 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingRow {
    pub row: usize,
    pub email: String,
    /// Blank means the person has no manager in the file.
    pub manager_email: Option<String>,
}

/// A problem with one cell of the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub row: usize,
    /// `email` or `manager_email`.
    pub column: &'static str,
    pub message: String,
}

/// Checked reporting lines: every person known, one row each, no cycles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingLines {
    pairs: Vec<(EmailAddress, EmailAddress)>,
    manager_of: HashMap<EmailAddress, EmailAddress>,
    /// Everyone with a row (their manager is replaced, or cleared when blank), and the row.
    row_of: HashMap<EmailAddress, usize>,
}

const EMAIL: &str = "email";
const MANAGER: &str = "manager_email";

fn parse_cell(raw: &str) -> Result<EmailAddress, String> {
    EmailAddress::parse(raw).map_err(|e| match raw.trim() {
        "" => e.message,
        shown => format!("\"{shown}\": {}", e.message),
    })
}

impl ReportingLines {
    /// Checks the whole file. `known` says whether an email belongs to a person already in
    /// Revans; a manager may also be someone listed in the file.
    pub fn build(
        rows: &[ReportingRow],
        known: &dyn Fn(&EmailAddress) -> bool,
    ) -> Result<ReportingLines, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut err = |row: usize, column: &'static str, message: String| {
            errors.push(RowError {
                row,
                column,
                message,
            });
        };
        let mut first_row: HashMap<EmailAddress, usize> = HashMap::new();
        let mut people: Vec<(usize, Option<EmailAddress>, Option<EmailAddress>)> = Vec::new();
        for r in rows {
            let person = match parse_cell(&r.email) {
                Ok(email) => {
                    if let Some(earlier) = first_row.get(&email) {
                        err(r.row, EMAIL, format!("{email} is already on row {earlier}"));
                        None
                    } else {
                        first_row.insert(email.clone(), r.row);
                        if !known(&email) {
                            err(
                                r.row,
                                EMAIL,
                                format!(
                                    "No one with the email {email} is in Revans; add them first or check the spelling"
                                ),
                            );
                        }
                        Some(email)
                    }
                }
                Err(message) => {
                    err(r.row, EMAIL, message);
                    None
                }
            };
            let manager = match r.manager_email.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(raw) => parse_cell(raw).map_err(|m| err(r.row, MANAGER, m)).ok(),
            };
            people.push((r.row, person, manager));
        }
        let mut manager_of: HashMap<EmailAddress, EmailAddress> = HashMap::new();
        let mut row_of: HashMap<EmailAddress, usize> = HashMap::new();
        let mut pairs = Vec::new();
        for (row, person, manager) in people {
            let Some(manager) = manager else { continue };
            if person.as_ref() == Some(&manager) {
                err(
                    row,
                    MANAGER,
                    format!("{manager} cannot be their own manager"),
                );
                continue;
            }
            if !known(&manager) && !first_row.contains_key(&manager) {
                err(
                    row,
                    MANAGER,
                    format!("The manager {manager} is not in Revans or in this file"),
                );
            }
            if let Some(person) = person {
                manager_of.insert(person.clone(), manager.clone());
                row_of.insert(person.clone(), row);
                pairs.push((person, manager));
            }
        }
        for cycle in cycles(&pairs, &manager_of) {
            let mut rows: Vec<usize> = cycle
                .iter()
                .filter_map(|p| row_of.get(p).copied())
                .collect();
            rows.sort_unstable();
            // Read downwards: the first person manages the one who names them as manager.
            let mut chain: Vec<&str> = vec![cycle[0].as_str()];
            chain.extend(cycle[1..].iter().rev().map(EmailAddress::as_str));
            chain.push(cycle[0].as_str());
            err(
                rows[0],
                MANAGER,
                format!(
                    "rows {} form a cycle: {}",
                    and_list(&rows),
                    chain.join(" manages ")
                ),
            );
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(errors);
        }
        Ok(Self {
            pairs,
            manager_of,
            row_of: first_row,
        })
    }

    /// Checks the file against the lines already stored for people it does not list: a file
    /// without a cycle of its own can still close one with them (the file says B reports to A
    /// while Revans already has A reporting to B). One error per cycle, on the row that
    /// comes first, naming the chain.
    pub fn check_with_stored(
        &self,
        stored: &[(EmailAddress, EmailAddress)],
    ) -> Result<(), Vec<RowError>> {
        let mut combined = self.manager_of.clone();
        for (person, manager) in stored {
            if !self.row_of.contains_key(person) {
                combined.insert(person.clone(), manager.clone());
            }
        }
        let mut errors = Vec::new();
        for cycle in cycles(&self.pairs, &combined) {
            let Some(row) = cycle.iter().filter_map(|p| self.row_of.get(p)).min() else {
                continue;
            };
            let mut chain: Vec<&str> = vec![cycle[0].as_str()];
            chain.extend(cycle[1..].iter().rev().map(EmailAddress::as_str));
            chain.push(cycle[0].as_str());
            errors.push(RowError {
                row: *row,
                column: MANAGER,
                message: format!(
                    "with the reporting lines already in Revans this makes a cycle: {}",
                    chain.join(" manages ")
                ),
            });
        }
        errors.sort_by_key(|e| e.row);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// (person, manager) in the order of the file.
    pub fn pairs(&self) -> Vec<(EmailAddress, EmailAddress)> {
        self.pairs.clone()
    }

    /// Whether `a` is above or below `b`, at any depth. Nobody is in their own line.
    pub fn in_line(&self, a: &EmailAddress, b: &EmailAddress) -> bool {
        let above = |upper: &EmailAddress, lower: &EmailAddress| {
            let mut seen = HashSet::new();
            let mut current = self.manager_of.get(lower);
            while let Some(m) = current {
                if m == upper {
                    return true;
                }
                if !seen.insert(m) {
                    return false;
                }
                current = self.manager_of.get(m);
            }
            false
        };
        a != b && (above(a, b) || above(b, a))
    }
}

/// Each cycle once, starting at the person whose row comes first in the file and following
/// managers upwards. Every person has at most one manager, so walking up from each person
/// either ends or runs into a cycle.
fn cycles(
    pairs: &[(EmailAddress, EmailAddress)],
    manager_of: &HashMap<EmailAddress, EmailAddress>,
) -> Vec<Vec<EmailAddress>> {
    let mut done: HashSet<&EmailAddress> = HashSet::new();
    let mut found = Vec::new();
    for (start, _) in pairs {
        let mut path: Vec<&EmailAddress> = Vec::new();
        let mut current = Some(start);
        while let Some(p) = current {
            if done.contains(p) {
                break;
            }
            if let Some(i) = path.iter().position(|q| *q == p) {
                found.push(path[i..].iter().map(|q| (*q).clone()).collect::<Vec<_>>());
                break;
            }
            path.push(p);
            current = manager_of.get(p);
        }
        done.extend(path);
    }
    let first = |p: &EmailAddress| pairs.iter().position(|(q, _)| q == p).unwrap_or(usize::MAX);
    for cycle in &mut found {
        let at = cycle
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| first(p))
            .map_or(0, |(i, _)| i);
        cycle.rotate_left(at);
    }
    found
}

/// "3", "3 and 5", "3, 5 and 7".
fn and_list(rows: &[usize]) -> String {
    let names: Vec<String> = rows.iter().map(usize::to_string).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// The same test as [`ReportingLines::in_line`] on stored (person, manager) pairs keyed by any
/// id. Stored data may have been edited by hand, so a person may have several managers and
/// the pairs may contain a cycle; neither makes this loop or miss a line.
pub fn in_reporting_line(managers: &[(String, String)], a: &str, b: &str) -> bool {
    let mut up: HashMap<&str, Vec<&str>> = HashMap::new();
    for (person, manager) in managers {
        up.entry(person.as_str())
            .or_default()
            .push(manager.as_str());
    }
    let above = |upper: &str, lower: &str| {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = up.get(lower).cloned().unwrap_or_default();
        while let Some(m) = stack.pop() {
            if m == upper {
                return true;
            }
            if seen.insert(m) {
                stack.extend(up.get(m).into_iter().flatten());
            }
        }
        false
    };
    a != b && (above(a, b) || above(b, a))
}

/// Every pair `(i, j)`, `i < j`, of `people` (ids) in which one is above the other in the
/// stored (person, manager) pairs: the same test as [`in_reporting_line`] for every pair of a
/// cohort at once, in ascending order. Each person's chain is walked once, so a cohort of
/// 5,000 in a tenant of 100,000 lines costs 5,000 short walks, not 12.5 million calls that
/// each index every line. Cycles and several managers are handled as there.
pub fn pairs_in_reporting_lines(
    managers: &[(String, String)],
    people: &[&str],
) -> Vec<(usize, usize)> {
    let mut up: HashMap<&str, Vec<&str>> = HashMap::new();
    for (person, manager) in managers {
        up.entry(person.as_str())
            .or_default()
            .push(manager.as_str());
    }
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        index.entry(p).or_default().push(i);
    }
    let mut pairs = std::collections::BTreeSet::new();
    for (i, person) in people.iter().enumerate() {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = up.get(person).cloned().unwrap_or_default();
        while let Some(m) = stack.pop() {
            if !seen.insert(m) {
                continue;
            }
            // The same id twice in `people` is one person, never in a line with themself.
            if m != *person {
                for &j in index.get(m).into_iter().flatten() {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
            stack.extend(up.get(m).into_iter().flatten());
        }
    }
    pairs.into_iter().collect()
}

#[cfg(test)]
#[path = "reporting_lines_tests.rs"]
mod tests;
