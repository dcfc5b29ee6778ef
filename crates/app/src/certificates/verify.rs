//! Public verification: anyone with a code (typed, or from the QR code) learns whether the
//! certificate is genuine and what it certifies, and nothing else: the holder's name, the
//! programme, the day they completed, the CPD hours, and whether (and when) it was revoked.
//! Never the reason for revoking (it may be personal; the holder and their lead know it), the
//! cohort, the organisation or anything from the holder's account. An unknown code, or text
//! that cannot be a code, is "not found".

use crate::completion::views::hours_text;
use revans_domain::cpd::hours_number;
use revans_storage::certificates as store;

use super::{code, long_day};
use crate::{App, Error};

#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// The code in its printed form.
    pub code: String,
    /// Genuine and not revoked.
    pub valid: bool,
    pub name: String,
    pub programme: String,
    /// `YYYY-MM-DD`.
    pub completed_on: String,
    pub cpd_hours: f64,
    /// The CPD time the certificate states, in minutes.
    pub cpd_minutes: u32,
    pub revoked: bool,
    /// The day it was revoked (UTC), `YYYY-MM-DD`.
    pub revoked_on: Option<String>,
}

impl Verification {
    pub fn completed_text(&self) -> String {
        long_day(&self.completed_on)
    }

    pub fn revoked_text(&self) -> Option<String> {
        self.revoked_on.as_deref().map(long_day)
    }

    pub fn hours_text(&self) -> String {
        hours_text(self.cpd_minutes)
    }
}

pub async fn verify(app: &App, typed: &str) -> Result<Verification, Error> {
    let code = code::normalise(typed).ok_or(Error::NotFound)?;
    let mut conn = app.store.conn().await?;
    let row = store::by_code(&mut conn, &code)
        .await?
        .ok_or(Error::NotFound)?;
    let minutes = u32::try_from(row.cpd_minutes.max(0)).unwrap_or(u32::MAX);
    Ok(Verification {
        code: row.code,
        valid: row.revoked_at.is_none(),
        name: row.holder_name,
        programme: row.programme_title,
        completed_on: row.completed_on,
        cpd_hours: hours_number(minutes),
        cpd_minutes: minutes,
        revoked: row.revoked_at.is_some(),
        revoked_on: row.revoked_at.map(|at| revans_domain::day_in(at, "UTC")),
    })
}
