//! "My CPD record": a signed-in person's own cohorts with their standing, sessions attended
//! and CPD time split by where it was earned, their support circles that stand alone, and the
//! total. Only ever the viewer's own: a lead reads others through the cohort overview.

use super::records::person_cpd;
use super::views::{CompletionCpd, CompletionStanding};
use crate::{App, Error, Viewer};
use revans_domain::cpd;
use revans_storage::now_ms;

/// One of the viewer's cohorts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct MyCpdCohort {
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_title: String,
    pub standing: CompletionStanding,
    /// Sessions recorded present.
    pub attended: u32,
    /// Sessions that have started.
    pub past_sessions: u32,
    pub total_sessions: u32,
    /// `YYYY-MM-DD`, once complete.
    pub completed_on: Option<String>,
    pub cpd: CompletionCpd,
}

/// The viewer's CPD record.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct MyCpd {
    pub name: String,
    pub cohorts: Vec<MyCpdCohort>,
    /// Support circle sessions attended that belong to no cohort.
    pub standalone_circles_minutes: u32,
    pub total_minutes: u32,
    /// The total in hours, rounded down to two decimal places.
    pub total_hours: f64,
    /// The total as a certificate states it ("18.5 hours").
    pub total_text: String,
    /// The standalone circles as a certificate states them.
    pub standalone_circles_text: String,
}

/// The viewer's own CPD record, in a fixed number of queries.
pub async fn my_cpd(app: &App, viewer: &Viewer) -> Result<MyCpd, Error> {
    let mut conn = app.store.conn().await?;
    let record = person_cpd(&mut conn, &viewer.person.id, now_ms()).await?;
    let total = record.total_minutes();
    Ok(MyCpd {
        name: viewer.person.name.clone(),
        cohorts: record
            .cohorts
            .iter()
            .map(|c| MyCpdCohort {
                cohort_id: c.cohort_id.to_string(),
                cohort_name: c.cohort_name.clone(),
                programme_title: c.programme_title.clone(),
                standing: c.standing.into(),
                attended: c.counts.attended,
                past_sessions: c.counts.past,
                total_sessions: c.counts.total,
                completed_on: c.completed_on.clone(),
                cpd: c.cpd.into(),
            })
            .collect(),
        standalone_circles_minutes: record.standalone_circle_minutes,
        total_minutes: total,
        total_hours: cpd::hours_number(total),
        total_text: crate::completion::views::hours_text(total),
        standalone_circles_text: crate::completion::views::hours_text(
            record.standalone_circle_minutes,
        ),
    })
}
