//! The lead's completion overview of a cohort: how many have completed, are at risk, on
//! track or can no longer complete, and each participant's attendance, standing, CPD time and
//! any exception. Read through `records::cohort_records`, the one reading of the rules.

use revans_domain::Id;
use revans_storage::now_ms;

use super::lead::lead_cohort;
use super::records::cohort_records;
use super::views::{CompletionCpd, CompletionStanding, rfc3339, rule_in_words};
use crate::{App, Error, Viewer};

/// How many participants stand where (a completion by exception counts as completed and is
/// also counted on its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionCounts {
    pub completed: u32,
    pub completed_by_exception: u32,
    pub at_risk: u32,
    pub on_track: u32,
    pub not_completed: u32,
}

/// One of the cohort's sessions, with how many participants have a mark for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionSession {
    pub ordinal: i64,
    /// RFC 3339.
    pub starts_at: String,
    /// RFC 3339.
    pub ends_at: String,
    #[serde(skip)]
    pub starts_at_ms: i64,
    /// Whether it has started (only then can attendance be recorded).
    pub started: bool,
    /// Participants recorded present.
    pub present: u32,
    /// Participants recorded absent.
    pub absent: u32,
}

/// One participant's line in the overview.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionParticipant {
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    /// Sessions recorded present.
    pub attended: u32,
    /// Sessions that have started and they were not recorded present at.
    pub missed: u32,
    pub standing: CompletionStanding,
    /// The lead's reason, when an exception is recorded.
    pub exception_reason: Option<String>,
    /// `YYYY-MM-DD` in the cohort's zone, once complete.
    pub completed_on: Option<String>,
    pub cpd: CompletionCpd,
}

/// A cohort's completion overview.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct CompletionOverview {
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_id: String,
    pub programme_title: String,
    /// The completion rule in words.
    pub rule: String,
    /// Sessions completing needs.
    pub required: u32,
    pub total_sessions: u32,
    /// The programme's stated CPD time (0: each session counts its own length).
    pub programme_cpd_minutes: u32,
    pub timezone: String,
    /// Counted over every participant, whatever the filter.
    pub counts: CompletionCounts,
    pub sessions: Vec<CompletionSession>,
    /// The participants shown (all, or those of the standing filtered on), by name.
    pub participants: Vec<CompletionParticipant>,
    /// The standing filtered on, if any.
    pub filter: Option<CompletionStanding>,
}

/// The overview of `cohort` for one of its leads, optionally only those of one standing.
pub async fn overview(
    app: &App,
    viewer: &Viewer,
    cohort: &Id,
    filter: Option<CompletionStanding>,
) -> Result<CompletionOverview, Error> {
    let mut conn = app.store.conn().await?;
    let lead = lead_cohort(&mut conn, viewer, cohort).await?;
    let now = now_ms();
    let records = cohort_records(&mut conn, cohort, now)
        .await?
        .ok_or(Error::NotFound)?;
    let mut counts = CompletionCounts::default();
    let mut participants = Vec::new();
    for p in &records.people {
        let standing = CompletionStanding::from(p.standing);
        match standing {
            CompletionStanding::Completed => counts.completed += 1,
            CompletionStanding::CompletedByException => {
                counts.completed += 1;
                counts.completed_by_exception += 1;
            }
            CompletionStanding::AtRisk => counts.at_risk += 1,
            CompletionStanding::OnTrack => counts.on_track += 1,
            CompletionStanding::NotCompleted => counts.not_completed += 1,
        }
        if filter.is_some_and(|f| f != standing) {
            continue;
        }
        participants.push(CompletionParticipant {
            person_id: p.person_id.to_string(),
            name: p.name.clone(),
            organisation: lead.organisation(&p.organisation_id),
            attended: p.counts.attended,
            missed: p.counts.missed(),
            standing,
            exception_reason: p.exception.clone(),
            completed_on: p.completed_on.clone(),
            cpd: p.cpd.into(),
        });
    }
    let sessions = records
        .sessions
        .iter()
        .map(|s| {
            let marked = |present: bool| {
                records
                    .people
                    .iter()
                    .filter(|p| {
                        let list = if present { &p.present_at } else { &p.absent_at };
                        list.contains(&s.ordinal)
                    })
                    .count() as u32
            };
            CompletionSession {
                ordinal: s.ordinal,
                starts_at: rfc3339(s.starts_at),
                ends_at: rfc3339(s.ends_at),
                starts_at_ms: s.starts_at,
                started: s.starts_at <= now,
                present: marked(true),
                absent: marked(false),
            }
        })
        .collect();
    let total = records.sessions.len() as u32;
    Ok(CompletionOverview {
        cohort_id: lead.cohort.id.to_string(),
        cohort_name: lead.cohort.name.clone(),
        programme_id: lead.programme.id.to_string(),
        programme_title: lead.programme.fields.title.clone(),
        rule: rule_in_words(records.rule, total),
        required: records.required,
        total_sessions: total,
        programme_cpd_minutes: u32::try_from(lead.programme.fields.cpd_minutes).unwrap_or(0),
        timezone: records.timezone.clone(),
        counts,
        sessions,
        participants,
        filter,
    })
}
