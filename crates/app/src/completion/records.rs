//! The completion and CPD record of a cohort's participants, and of one person across their
//! cohorts: storage's facts with the domain's rules applied. These are the one place that
//! decides who completed and how many CPD hours they earned; the completion page,
//! certificates and the portfolio all read them. They take a connection (no access check):
//! the use cases that call them decide who may see what.

use std::collections::HashMap;

use revans_domain::cpd::{self, CpdMinutes, SessionAttended, SessionCounts, Standing};
use revans_domain::{CompletionRule, Id, day_in};
use revans_storage::Conn;
use revans_storage::completion::{self as store, ExceptionRow, MarkRow, MinutesRow, SessionRow};

use crate::Error;

/// One participant's record in a cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantRecord {
    pub person_id: Id,
    pub name: String,
    pub email: String,
    pub organisation_id: Id,
    pub counts: SessionCounts,
    pub standing: Standing,
    /// The lead's reason, when they recorded an exception.
    pub exception: Option<String>,
    /// The day (`YYYY-MM-DD`, cohort's zone) they completed: the session that met the rule,
    /// or the day the exception was recorded. `None` until complete.
    pub completed_on: Option<String>,
    pub cpd: CpdMinutes,
    /// Ordinals of the sessions they were recorded present at, and absent at.
    pub present_at: Vec<i64>,
    pub absent_at: Vec<i64>,
}

/// A cohort's record: its sessions and every participant's standing and CPD.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRecords {
    pub sessions: Vec<SessionRow>,
    pub rule: CompletionRule,
    /// How many sessions completing needs.
    pub required: u32,
    pub timezone: String,
    pub people: Vec<ParticipantRecord>,
}

/// The record of every participant of `cohort` at `now`, in a fixed number of queries.
pub async fn cohort_records(
    conn: &mut Conn,
    cohort: &Id,
    now: i64,
) -> Result<Option<CohortRecords>, Error> {
    let Some(c) = revans_storage::cohorts::get(conn, cohort).await? else {
        return Ok(None);
    };
    let Some(programme) = revans_storage::programmes::get(conn, &c.programme_id).await? else {
        return Ok(None);
    };
    let facts = store::cohort_facts(conn, cohort).await?;
    let minutes = u32::try_from(programme.fields.cpd_minutes).unwrap_or(0);
    let marks = by_person(&facts.marks);
    let exceptions: HashMap<&str, &ExceptionRow> = facts
        .exceptions
        .iter()
        .map(|e| (e.person_id.as_str(), e))
        .collect();
    let meetings = minutes_by_person(&facts.meetings);
    let circles = minutes_by_person(&facts.circles);
    let people = facts
        .participants
        .iter()
        .map(|p| {
            let sheet = Sheet {
                sessions: &facts.sessions,
                marks: marks.get(p.person_id.as_str()).map(Vec::as_slice),
                exception: exceptions.get(p.person_id.as_str()).copied(),
                rule: c.completion,
                programme_minutes: minutes,
                timezone: &c.timezone,
                now,
            }
            .read();
            ParticipantRecord {
                person_id: Id::from_trusted(p.person_id.clone()),
                name: p.name.clone(),
                email: p.email.clone(),
                organisation_id: Id::from_trusted(p.organisation_id.clone()),
                counts: sheet.counts,
                standing: sheet.standing,
                exception: sheet.exception,
                completed_on: sheet.completed_on,
                cpd: CpdMinutes {
                    sessions: sheet.session_minutes,
                    meetings: meetings.get(p.person_id.as_str()).copied().unwrap_or(0),
                    circles: circles.get(p.person_id.as_str()).copied().unwrap_or(0),
                },
                present_at: sheet.present_at,
                absent_at: sheet.absent_at,
            }
        })
        .collect();
    Ok(Some(CohortRecords {
        required: cpd::required(c.completion, facts.sessions.len() as u32),
        sessions: facts.sessions,
        rule: c.completion,
        timezone: c.timezone,
        people,
    }))
}

/// One of a person's cohorts in their CPD record.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonCohort {
    pub cohort_id: Id,
    pub cohort_name: String,
    pub programme_id: Id,
    pub programme_title: String,
    pub counts: SessionCounts,
    pub standing: Standing,
    pub completed_on: Option<String>,
    pub cpd: CpdMinutes,
}

/// A person's CPD across all their cohorts, and the circles they attended that stand alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonCpd {
    pub cohorts: Vec<PersonCohort>,
    pub standalone_circle_minutes: u32,
}

impl PersonCpd {
    pub fn total_minutes(&self) -> u32 {
        self.cohorts
            .iter()
            .fold(self.standalone_circle_minutes, |sum, c| {
                sum.saturating_add(c.cpd.total())
            })
    }
}

/// The CPD record of `person` at `now`, in a fixed number of queries.
pub async fn person_cpd(conn: &mut Conn, person: &Id, now: i64) -> Result<PersonCpd, Error> {
    let facts = store::person_facts(conn, person).await?;
    let mut sessions: HashMap<&str, Vec<SessionRow>> = HashMap::new();
    for s in &facts.sessions {
        sessions
            .entry(s.cohort_id.as_str())
            .or_default()
            .push(s.clone());
    }
    let mut marks: HashMap<&str, Vec<MarkRow>> = HashMap::new();
    for m in &facts.marks {
        marks
            .entry(m.cohort_id.as_str())
            .or_default()
            .push(m.clone());
    }
    let meetings = minutes_by_cohort(&facts.meetings);
    let circles = minutes_by_cohort(&facts.circles);
    let mut cohorts = Vec::with_capacity(facts.cohorts.len());
    for c in &facts.cohorts {
        let rule = CompletionRule::from_parts(&c.completion_rule, c.completion_minimum)
            .ok_or_else(|| Error::internal(format!("completion rule {}", c.completion_rule)))?;
        let none = Vec::new();
        let sheet = Sheet {
            sessions: sessions.get(c.cohort_id.as_str()).unwrap_or(&none),
            marks: marks.get(c.cohort_id.as_str()).map(Vec::as_slice),
            exception: facts.exceptions.iter().find(|e| e.cohort_id == c.cohort_id),
            rule,
            programme_minutes: u32::try_from(c.cpd_minutes).unwrap_or(0),
            timezone: &c.timezone,
            now,
        }
        .read();
        cohorts.push(PersonCohort {
            cohort_id: Id::from_trusted(c.cohort_id.clone()),
            cohort_name: c.cohort_name.clone(),
            programme_id: Id::from_trusted(c.programme_id.clone()),
            programme_title: c.programme_title.clone(),
            counts: sheet.counts,
            standing: sheet.standing,
            completed_on: sheet.completed_on,
            cpd: CpdMinutes {
                sessions: sheet.session_minutes,
                meetings: meetings.get(c.cohort_id.as_str()).copied().unwrap_or(0),
                circles: circles.get(c.cohort_id.as_str()).copied().unwrap_or(0),
            },
        });
    }
    Ok(PersonCpd {
        cohorts,
        standalone_circle_minutes: circles.get("").copied().unwrap_or(0),
    })
}

/// One participant's attendance sheet for one cohort, before the rules are applied.
struct Sheet<'a> {
    sessions: &'a [SessionRow],
    marks: Option<&'a [MarkRow]>,
    exception: Option<&'a ExceptionRow>,
    rule: CompletionRule,
    programme_minutes: u32,
    timezone: &'a str,
    now: i64,
}

struct SheetReading {
    counts: SessionCounts,
    standing: Standing,
    exception: Option<String>,
    completed_on: Option<String>,
    session_minutes: u32,
    present_at: Vec<i64>,
    absent_at: Vec<i64>,
}

impl Sheet<'_> {
    fn read(self) -> SheetReading {
        let marks = self.marks.unwrap_or_default();
        let present = |ordinal: i64| marks.iter().any(|m| m.ordinal == ordinal && m.present);
        let attended: Vec<&SessionRow> = self
            .sessions
            .iter()
            .filter(|s| present(s.ordinal))
            .collect();
        let counts = SessionCounts {
            total: self.sessions.len() as u32,
            past: self
                .sessions
                .iter()
                .filter(|s| s.starts_at <= self.now)
                .count() as u32,
            attended: attended.len() as u32,
        };
        let standing = cpd::standing(self.rule, counts, self.exception.is_some());
        let required = cpd::required(self.rule, counts.total) as usize;
        let completed_on = match standing {
            // The session that met the rule (sessions are in date order).
            Standing::Completed => attended
                .get(required.saturating_sub(1))
                .map(|s| day_in(s.starts_at, self.timezone)),
            Standing::CompletedByException => {
                self.exception.map(|e| day_in(e.recorded_at, self.timezone))
            }
            _ => None,
        };
        let lengths: Vec<SessionAttended> = self
            .sessions
            .iter()
            .map(|s| SessionAttended {
                minutes: u32::try_from((s.ends_at - s.starts_at) / 60_000).unwrap_or(0),
                present: present(s.ordinal),
            })
            .collect();
        let mut present_at = Vec::new();
        let mut absent_at = Vec::new();
        for m in marks {
            if m.present {
                present_at.push(m.ordinal);
            } else {
                absent_at.push(m.ordinal);
            }
        }
        present_at.sort_unstable();
        absent_at.sort_unstable();
        SheetReading {
            counts,
            standing,
            exception: self.exception.map(|e| e.reason.clone()),
            completed_on,
            session_minutes: cpd::session_minutes(self.programme_minutes, &lengths),
            present_at,
            absent_at,
        }
    }
}

fn by_person(marks: &[MarkRow]) -> HashMap<&str, Vec<MarkRow>> {
    let mut map: HashMap<&str, Vec<MarkRow>> = HashMap::new();
    for m in marks {
        map.entry(m.person_id.as_str()).or_default().push(m.clone());
    }
    map
}

fn minutes_by_person(rows: &[MinutesRow]) -> HashMap<&str, u32> {
    rows.iter()
        .map(|r| (r.person_id.as_str(), clamp(r.minutes)))
        .collect()
}

fn minutes_by_cohort(rows: &[MinutesRow]) -> HashMap<&str, u32> {
    let mut map: HashMap<&str, u32> = HashMap::new();
    for r in rows {
        let total = map.entry(r.cohort_id.as_str()).or_default();
        *total = total.saturating_add(clamp(r.minutes));
    }
    map
}

fn clamp(minutes: i64) -> u32 {
    u32::try_from(minutes.max(0)).unwrap_or(u32::MAX)
}
