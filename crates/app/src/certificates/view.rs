//! A certificate as its holder and their lead see it.

use crate::completion::views::hours_text;
use revans_storage::certificates::CertificateRow;

use super::long_day;

/// A certificate: what it says, and whether it was revoked (with the reason, which only the
/// holder and their leads see; the public verification never shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateView {
    pub id: String,
    pub code: String,
    pub person_id: String,
    pub cohort_id: String,
    pub holder_name: String,
    pub programme_title: String,
    pub cohort_name: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    pub completed_on: String,
    pub cpd_minutes: u32,
    pub by_exception: bool,
    pub issued_at: i64,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
}

impl CertificateView {
    pub fn from_row(row: &CertificateRow) -> Self {
        Self {
            id: row.id.clone(),
            code: row.code.clone(),
            person_id: row.person_id.clone(),
            cohort_id: row.cohort_id.clone(),
            holder_name: row.holder_name.clone(),
            programme_title: row.programme_title.clone(),
            cohort_name: row.cohort_name.clone(),
            starts_on: row.starts_on.clone(),
            ends_on: row.ends_on.clone(),
            completed_on: row.completed_on.clone(),
            cpd_minutes: u32::try_from(row.cpd_minutes.max(0)).unwrap_or(u32::MAX),
            by_exception: row.by_exception,
            issued_at: row.issued_at,
            revoked_at: row.revoked_at,
            revoked_reason: row.revoked_reason.clone(),
        }
    }

    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }

    /// "18.5 hours".
    pub fn cpd_hours(&self) -> String {
        hours_text(self.cpd_minutes)
    }

    pub fn completed_text(&self) -> String {
        long_day(&self.completed_on)
    }

    /// "5 March 2027 to 2 April 2027", or one day.
    pub fn dates_text(&self) -> String {
        dates_text(&self.starts_on, &self.ends_on)
    }

    /// The day it was revoked, in words (UTC).
    pub fn revoked_text(&self) -> Option<String> {
        self.revoked_at
            .map(|at| long_day(&revans_domain::day_in(at, "UTC")))
    }

    /// The PDF's file name.
    pub fn filename(&self) -> String {
        format!("certificate-{}.pdf", self.code)
    }
}

pub(crate) fn dates_text(starts_on: &str, ends_on: &str) -> String {
    if starts_on == ends_on {
        long_day(starts_on)
    } else {
        format!("{} to {}", long_day(starts_on), long_day(ends_on))
    }
}
