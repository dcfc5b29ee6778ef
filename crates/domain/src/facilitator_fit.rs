//! Fit of pool facilitators to a set or circle (C6, issue 15): who may be asked, who may not
//! and why, and in what order, with the reasons shown to the lead. Pure: the app layer reads
//! the pool, the members, their reporting lines and the meeting times, and asks here.

use std::cmp::Ordering;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::in_reporting_line;

/// Years of group facilitation from which a facilitator counts as experienced.
pub const EXPERIENCED_YEARS: i64 = 3;

/// A weekly window a pool member can facilitate in, in their own zone: weekday 1 (Monday) to
/// 7 (Sunday) and minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyWindow {
    pub weekday: i64,
    pub from_minute: i64,
    pub to_minute: i64,
}

/// A pool member as the ranking sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolCandidate {
    pub person_id: String,
    pub name: String,
    pub home_organisation_id: String,
    pub outside_own_org: bool,
    /// Capacity minus the sets and circles they run now.
    pub capacity_left: i64,
    /// The zone `availability` is written in (IANA name).
    pub timezone: String,
    pub availability: Vec<WeeklyWindow>,
    /// Lower-case codes.
    pub languages: Vec<String>,
    pub years: i64,
    pub qualifications: usize,
    /// Away on one of the meeting days, or unavailable from before one.
    pub away: bool,
}

impl PoolCandidate {
    /// Experienced: several years of facilitation; otherwise newly qualified.
    pub fn experienced(&self) -> bool {
        self.years >= EXPERIENCED_YEARS
    }
}

/// What the set or circle needs.
#[derive(Debug, Clone, Default)]
pub struct Need {
    /// Its members (people ids), never to be facilitated by someone in their line.
    pub members: Vec<String>,
    pub member_organisations: Vec<String>,
    /// Stored (person, manager) pairs of the tenant.
    pub reporting_lines: Vec<(String, String)>,
    /// Meetings as (start, end) in milliseconds since the epoch (UTC).
    pub meetings: Vec<(i64, i64)>,
    /// The language it meets in; `None` when any will do.
    pub language: Option<String>,
    /// The tenant or cohort forbids a facilitator from a member's organisation.
    pub not_from_member_orgs: bool,
    /// Who facilitates it now (a replacement never proposes them again).
    pub current: Vec<String>,
}

/// Why someone cannot be proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    Member,
    InReportingLine,
    MemberOrganisation,
    OnlyOwnOrganisation,
    NoCapacity,
    Away,
    AlreadyFacilitating,
}

impl Exclusion {
    pub fn describe(self) -> &'static str {
        match self {
            Exclusion::Member => "Is a member",
            Exclusion::InReportingLine => "In a member's reporting line",
            Exclusion::MemberOrganisation => "Works in a member's organisation",
            Exclusion::OnlyOwnOrganisation => "Facilitates only in their own organisation",
            Exclusion::NoCapacity => "No capacity left",
            Exclusion::Away => "Away on a meeting day",
            Exclusion::AlreadyFacilitating => "Already facilitates it",
        }
    }
}

/// One proposable facilitator with the facts behind their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    pub candidate: PoolCandidate,
    /// Meetings inside their weekly availability, of `meetings_total`.
    pub meetings_available: usize,
    pub meetings_total: usize,
    pub speaks_language: bool,
}

impl Fit {
    /// The reasons as shown to a lead, in order.
    pub fn reasons(&self) -> Vec<String> {
        let c = &self.candidate;
        let mut out = vec![format!(
            "Available for {} of {} meetings",
            self.meetings_available, self.meetings_total
        )];
        out.push(if self.speaks_language {
            "Speaks the language".to_owned()
        } else {
            "Does not list the language".to_owned()
        });
        out.push(format!("{} left of their capacity", c.capacity_left));
        out.push(format!(
            "{} years facilitating, {} qualification{}",
            c.years,
            c.qualifications,
            if c.qualifications == 1 { "" } else { "s" }
        ));
        out.push(if c.experienced() {
            "Experienced".to_owned()
        } else {
            "Newly qualified".to_owned()
        });
        out
    }
}

/// The ranking: those who may be asked, best first, and those who may not, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    pub fits: Vec<Fit>,
    pub excluded: Vec<(PoolCandidate, Exclusion)>,
}

/// Why `c` may not be proposed for `need`, if they may not.
pub fn exclusion(c: &PoolCandidate, need: &Need) -> Option<Exclusion> {
    let id = c.person_id.as_str();
    if need.current.iter().any(|p| p == id) {
        return Some(Exclusion::AlreadyFacilitating);
    }
    if need.members.iter().any(|m| m == id) {
        return Some(Exclusion::Member);
    }
    if need
        .members
        .iter()
        .any(|m| in_reporting_line(&need.reporting_lines, m, id))
    {
        return Some(Exclusion::InReportingLine);
    }
    let from_member_org = need.member_organisations.contains(&c.home_organisation_id);
    if need.not_from_member_orgs && from_member_org {
        return Some(Exclusion::MemberOrganisation);
    }
    let only_elsewhere = need
        .member_organisations
        .iter()
        .any(|o| *o != c.home_organisation_id);
    if !c.outside_own_org && only_elsewhere {
        return Some(Exclusion::OnlyOwnOrganisation);
    }
    if c.capacity_left < 1 {
        return Some(Exclusion::NoCapacity);
    }
    if c.away {
        return Some(Exclusion::Away);
    }
    None
}

/// Whether a meeting falls wholly inside one of the windows, read in `zone`.
fn inside(windows: &[WeeklyWindow], zone: &TimeZone, start: i64, end: i64) -> bool {
    let (Ok(s), Ok(e)) = (
        Timestamp::from_millisecond(start),
        Timestamp::from_millisecond(end),
    ) else {
        return false;
    };
    let (s, e) = (s.to_zoned(zone.clone()), e.to_zoned(zone.clone()));
    if s.date() != e.date() && !(e.hour() == 0 && e.minute() == 0) {
        return false;
    }
    let weekday = i64::from(s.weekday().to_monday_one_offset());
    let from = i64::from(s.hour()) * 60 + i64::from(s.minute());
    let to = if s.date() == e.date() {
        i64::from(e.hour()) * 60 + i64::from(e.minute())
    } else {
        1440
    };
    windows
        .iter()
        .any(|w| w.weekday == weekday && w.from_minute <= from && to <= w.to_minute)
}

fn fit_of(c: PoolCandidate, need: &Need) -> Fit {
    let zone = TimeZone::get(&c.timezone).unwrap_or(TimeZone::UTC);
    let meetings_available = need
        .meetings
        .iter()
        .filter(|(s, e)| inside(&c.availability, &zone, *s, *e))
        .count();
    let speaks_language = match &need.language {
        Some(l) => c.languages.iter().any(|x| x.eq_ignore_ascii_case(l)),
        None => true,
    };
    Fit {
        candidate: c,
        meetings_available,
        meetings_total: need.meetings.len(),
        speaks_language,
    }
}

/// Better first: more meetings covered, the language, more capacity left, more experience,
/// then by name and id so the order never depends on the input's.
fn better(a: &Fit, b: &Fit) -> Ordering {
    b.meetings_available
        .cmp(&a.meetings_available)
        .then(b.speaks_language.cmp(&a.speaks_language))
        .then(b.candidate.capacity_left.cmp(&a.candidate.capacity_left))
        .then(b.candidate.years.cmp(&a.candidate.years))
        .then(b.candidate.qualifications.cmp(&a.candidate.qualifications))
        .then(a.candidate.name.cmp(&b.candidate.name))
        .then(a.candidate.person_id.cmp(&b.candidate.person_id))
}

/// Ranks the pool for `need`. Deterministic: the same pool in any order gives the same result.
pub fn rank(pool: &[PoolCandidate], need: &Need) -> Ranking {
    let mut fits = Vec::new();
    let mut excluded = Vec::new();
    for c in pool {
        match exclusion(c, need) {
            Some(why) => excluded.push((c.clone(), why)),
            None => fits.push(fit_of(c.clone(), need)),
        }
    }
    fits.sort_by(better);
    excluded.sort_by(|a, b| {
        a.0.name
            .cmp(&b.0.name)
            .then(a.0.person_id.cmp(&b.0.person_id))
    });
    Ranking { fits, excluded }
}

/// Co-facilitation pairs for when a lead asks for two: each pairs an experienced facilitator
/// with a newly qualified one (or, when there is none, another experienced one), best pairs
/// first, at most `limit`. Every pair holds at least one experienced facilitator.
pub fn pairs(ranking: &Ranking, limit: usize) -> Vec<(Fit, Fit)> {
    let experienced: Vec<&Fit> = ranking
        .fits
        .iter()
        .filter(|f| f.candidate.experienced())
        .collect();
    let newly: Vec<&Fit> = ranking
        .fits
        .iter()
        .filter(|f| !f.candidate.experienced())
        .collect();
    let mut out = Vec::new();
    for e in &experienced {
        for n in &newly {
            out.push(((*e).clone(), (*n).clone()));
        }
    }
    if out.is_empty() {
        for (i, a) in experienced.iter().enumerate() {
            for b in experienced.iter().skip(i + 1) {
                out.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    // Pairs are built from the ranked list, so the first pairs hold the best fits.
    out.truncate(limit);
    out
}

#[cfg(test)]
#[path = "facilitator_fit_tests.rs"]
mod tests;
