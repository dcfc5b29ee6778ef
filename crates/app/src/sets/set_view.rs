//! What a set's page shows, worked out once for the pages and the API: its units in rota
//! order, each meeting's slot (presenter, review, cancelled), and each member's attendance.

use revans_domain::{
    Attendance, AttendanceSummary, MeetingFacts, Membership, ReviewEvery, Slot, describe_session,
    plan_rota, summarise,
};
use std::collections::HashMap;

use revans_storage::Conn;
use revans_storage::meetings::{self, Meeting};
use revans_storage::sets::{self, ActionSet, Member};

use crate::Error;

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UnitView {
    pub key: String,
    /// "Ann Smith and Bob Jones".
    pub names: String,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    pub id: String,
    /// 1-based among meetings that were not cancelled; 0 for a cancelled one.
    pub number: usize,
    pub when: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `presenter`, `review`, `none` or `cancelled`.
    pub kind: &'static str,
    pub presenter_unit: Option<String>,
    pub presenter: Option<String>,
    pub held: bool,
    pub swapped: bool,
}

impl MeetingView {
    pub fn label(&self) -> String {
        match self.kind {
            "presenter" => revans_i18n::t_args(
                "meeting-presenting",
                &[(
                    "name",
                    revans_i18n::Arg::from(self.presenter.as_deref().unwrap_or("")),
                )],
            ),
            "review" => revans_i18n::t("meeting-review-label"),
            "cancelled" => revans_i18n::t("meeting-cancelled-tag"),
            _ => revans_i18n::t("meeting-no-presenter"),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    pub unit_key: String,
    pub current: bool,
    pub meetings: u32,
    pub present: u32,
    pub apologies: u32,
    pub absent: u32,
    /// Two absences in a row: the facilitator is asked to get in touch.
    pub flagged: bool,
}

impl MemberView {
    pub fn rate(&self) -> String {
        match (self.present * 100).checked_div(self.meetings) {
            Some(p) => format!("{p}%"),
            None => revans_i18n::t("reports-no-meetings-yet"),
        }
    }
}

/// Present over counted meetings across the members, 0-100; None before any meeting.
pub fn attendance_percent(members: &[MemberView]) -> Option<u32> {
    let (present, counted) = members
        .iter()
        .fold((0, 0), |(p, c), m| (p + m.present, c + m.meetings));
    (present * 100).checked_div(counted)
}

pub struct SetView {
    pub set: ActionSet,
    /// The zone times are shown in: the viewer's own, else the set's.
    pub display_zone: String,
    pub units: Vec<UnitView>,
    pub members: Vec<MemberView>,
    pub meetings: Vec<MeetingView>,
    pub raw_meetings: Vec<Meeting>,
    pub facilitators: Vec<String>,
}

/// Builds the view of one set (four queries); `viewer` (when given) has times shown in their
/// own zone if they set one.
pub async fn build(
    conn: &mut Conn,
    set: ActionSet,
    viewer: Option<&revans_domain::Id>,
) -> Result<SetView, Error> {
    let own_zone = match viewer {
        Some(id) => revans_storage::people::timezone_of(conn, id).await?,
        None => None,
    };
    let display_zone = own_zone.unwrap_or_else(|| set.timezone.clone());
    let members = sets::members(conn, &set.id).await?;
    let raw_meetings = meetings::list_for_set(conn, &set.id).await?;
    let records = meetings::attendance_for_set(conn, &set.id).await?;
    let facilitators = sets::facilitators(conn, &set.id)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    Ok(assemble(
        set,
        display_zone,
        members,
        raw_meetings,
        &records,
        facilitators,
    ))
}

/// The views of every set of a cohort in five queries however many sets and members it has,
/// times in each set's own zone, in the cohort's set order.
pub async fn build_for_cohort(
    conn: &mut Conn,
    cohort: &revans_domain::Id,
) -> Result<Vec<SetView>, Error> {
    let all_sets = sets::list_for_cohort(conn, cohort).await?;
    let mut members = group(sets::members_of_cohort(conn, cohort).await?, |m| &m.set_id);
    let all_meetings = meetings::list_for_cohort(conn, cohort).await?;
    let mut records = records_by_set(
        &all_meetings,
        meetings::attendance_for_cohort(conn, cohort).await?,
    );
    let mut meetings = group(all_meetings, |m| &m.set_id);
    let mut facilitators: HashMap<revans_domain::Id, Vec<String>> = HashMap::new();
    for (set, name) in sets::facilitator_names_of_cohort(conn, cohort).await? {
        facilitators.entry(set).or_default().push(name);
    }
    Ok(all_sets
        .into_iter()
        .map(|set| {
            let members = members.remove(&set.id).unwrap_or_default();
            let raw_meetings = meetings.remove(&set.id).unwrap_or_default();
            let facilitators = facilitators.remove(&set.id).unwrap_or_default();
            let records = records.remove(&set.id).unwrap_or_default();
            let zone = set.timezone.clone();
            assemble(set, zone, members, raw_meetings, &records, facilitators)
        })
        .collect())
}

/// The views of the sets `page` (a page of a cohort's sets, in that order) in four queries
/// however many sets the cohort has: only the page's members, meetings and attendance are
/// read. Each view comes with the set's current members (those who have not left).
pub async fn build_for_sets(
    conn: &mut Conn,
    page: Vec<ActionSet>,
) -> Result<Vec<(SetView, Vec<Member>)>, Error> {
    let ids: Vec<revans_domain::Id> = page.iter().map(|s| s.id.clone()).collect();
    let mut members = group(sets::members_of_sets(conn, &ids).await?, |m| &m.set_id);
    let all_meetings = meetings::list_for_sets(conn, &ids).await?;
    let mut records = records_by_set(
        &all_meetings,
        meetings::attendance_for_sets(conn, &ids).await?,
    );
    let mut meetings = group(all_meetings, |m| &m.set_id);
    let mut facilitators: HashMap<revans_domain::Id, Vec<String>> = HashMap::new();
    for (set, name) in sets::facilitator_names_of_sets(conn, &ids).await? {
        facilitators.entry(set).or_default().push(name);
    }
    Ok(page
        .into_iter()
        .map(|set| {
            let members = members.remove(&set.id).unwrap_or_default();
            let raw_meetings = meetings.remove(&set.id).unwrap_or_default();
            let facilitators = facilitators.remove(&set.id).unwrap_or_default();
            let records = records.remove(&set.id).unwrap_or_default();
            let zone = set.timezone.clone();
            let current = members
                .iter()
                .filter(|m| m.left_at.is_none())
                .cloned()
                .collect();
            let view = assemble(set, zone, members, raw_meetings, &records, facilitators);
            (view, current)
        })
        .collect())
}

/// Attendance records (meeting, person, status) grouped by the set of their meeting, so each
/// set's view looks through its own records only.
fn records_by_set(
    meetings: &[Meeting],
    records: Vec<(revans_domain::Id, revans_domain::Id, String)>,
) -> HashMap<revans_domain::Id, Vec<(revans_domain::Id, revans_domain::Id, String)>> {
    let set_of: HashMap<&revans_domain::Id, &revans_domain::Id> =
        meetings.iter().map(|m| (&m.id, &m.set_id)).collect();
    let mut out: HashMap<revans_domain::Id, Vec<_>> = HashMap::new();
    for r in records {
        if let Some(set) = set_of.get(&r.0) {
            out.entry((*set).clone()).or_default().push(r);
        }
    }
    out
}

/// Groups rows by their set, keeping their order within each set.
fn group<T>(
    rows: Vec<T>,
    set_of: impl Fn(&T) -> &revans_domain::Id,
) -> HashMap<revans_domain::Id, Vec<T>> {
    let mut out: HashMap<revans_domain::Id, Vec<T>> = HashMap::new();
    for row in rows {
        out.entry(set_of(&row).clone()).or_default().push(row);
    }
    out
}

/// Works out the view from what was loaded: no I/O. `records` may hold other sets' attendance
/// too (it is looked up by meeting).
fn assemble(
    set: ActionSet,
    display_zone: String,
    members: Vec<Member>,
    raw_meetings: Vec<Meeting>,
    records: &[(revans_domain::Id, revans_domain::Id, String)],
    facilitators: Vec<String>,
) -> SetView {
    let units = units(&members);
    // Looked up for every meeting and member: a map, not a search of the records each time.
    let by_meeting_and_person: HashMap<(&revans_domain::Id, &revans_domain::Id), &str> = records
        .iter()
        .map(|(m, p, s)| ((m, p), s.as_str()))
        .collect();
    let status_of = |meeting: &Meeting, person: &revans_domain::Id| {
        by_meeting_and_person
            .get(&(&meeting.id, person))
            .and_then(|s| Attendance::parse(s).ok())
    };
    let facts: Vec<MeetingFacts<String>> = raw_meetings
        .iter()
        .map(|m| MeetingFacts {
            cancelled: m.cancelled,
            held: m.held,
            swap_to: m.swap_to.clone(),
            present: units
                .iter()
                .filter(|u| {
                    members.iter().any(|x| {
                        x.unit_key == u.key
                            && status_of(m, &x.person_id) == Some(Attendance::Present)
                    })
                })
                .map(|u| u.key.clone())
                .collect(),
        })
        .collect();
    let review_every = ReviewEvery::new(set.review_every as u32).unwrap_or_default();
    let current_units: Vec<String> = units
        .iter()
        .filter(|u| {
            members
                .iter()
                .any(|m| m.unit_key == u.key && m.left_at.is_none())
        })
        .map(|u| u.key.clone())
        .collect();
    let slots = plan_rota(&current_units, &facts, review_every);
    let mut number = 0;
    let meeting_views = raw_meetings
        .iter()
        .zip(slots)
        .map(|(m, slot)| {
            if !m.cancelled {
                number += 1;
            }
            let (kind, unit) = match slot {
                Slot::Presenter(u) => ("presenter", Some(u)),
                Slot::Review => ("review", None),
                Slot::Cancelled => ("cancelled", None),
                Slot::NoPresenter => ("none", None),
            };
            MeetingView {
                id: m.id.to_string(),
                number: if m.cancelled { 0 } else { number },
                when: describe_session(
                    &revans_domain::Session {
                        starts_at: m.starts_at,
                        ends_at: m.ends_at,
                    },
                    &display_zone,
                ),
                starts_at: m.starts_at,
                ends_at: m.ends_at,
                kind,
                presenter: unit
                    .as_ref()
                    .and_then(|k| units.iter().find(|u| &u.key == k))
                    .map(|u| u.names.clone()),
                presenter_unit: unit,
                held: m.held,
                swapped: m.swap_to.is_some(),
            }
        })
        .collect();
    let held: Vec<&Meeting> = raw_meetings
        .iter()
        .filter(|m| m.held && !m.cancelled)
        .collect();
    let member_views = members
        .iter()
        .map(|m| {
            let membership = Membership {
                joined_at: m.joined_at,
                left_at: m.left_at,
            };
            let recs: Vec<(i64, Option<Attendance>)> = held
                .iter()
                .map(|x| (x.starts_at, status_of(x, &m.person_id)))
                .collect();
            let s: AttendanceSummary = summarise(&membership, &recs);
            MemberView {
                person_id: m.person_id.to_string(),
                name: m.name.clone(),
                organisation: m.organisation_name.clone(),
                unit_key: m.unit_key.clone(),
                current: m.left_at.is_none(),
                meetings: s.meetings,
                present: s.present,
                apologies: s.apologies,
                absent: s.absent,
                flagged: s.flagged,
            }
        })
        .collect();
    SetView {
        set,
        display_zone,
        units,
        members: member_views,
        meetings: meeting_views,
        raw_meetings,
        facilitators,
    }
}

/// Units in rota order (the order members were placed in), each with its members' names.
fn units(members: &[Member]) -> Vec<UnitView> {
    let mut out: Vec<UnitView> = Vec::new();
    for m in members {
        match out.iter_mut().find(|u| u.key == m.unit_key) {
            Some(u) => u.names = format!("{} and {}", u.names, m.name),
            None => out.push(UnitView {
                key: m.unit_key.clone(),
                names: m.name.clone(),
            }),
        }
    }
    out
}

/// A meeting's time in plain words: "Thursday 5 March 2027, 9:30 to 12:30 (London time)".
pub fn plain_when(starts_at: i64, ends_at: i64, timezone: &str) -> String {
    let tz = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let at = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_zoned(tz.clone()))
            .ok()
    };
    let place = match timezone.rsplit('/').next() {
        Some(city) if timezone.contains('/') => format!("{} time", city.replace('_', " ")),
        _ => "UTC".to_owned(),
    };
    match (at(starts_at), at(ends_at)) {
        (Some(s), Some(e)) => format!(
            "{}, {} to {} ({place})",
            s.strftime("%A %-d %B %Y"),
            s.strftime("%-H:%M"),
            e.strftime("%-H:%M")
        ),
        _ => "unknown time".to_owned(),
    }
}

#[cfg(test)]
mod plain_when_tests {
    #[test]
    fn a_meeting_reads_as_a_person_would_say_it() {
        // 5 March 2027 09:30 London (GMT) is 09:30 UTC.
        let start = 1_804_239_000_000;
        assert_eq!(
            super::plain_when(start, start + 3 * 3_600_000, "Europe/London"),
            "Friday 5 March 2027, 9:30 to 12:30 (London time)"
        );
        assert!(super::plain_when(start, start, "UTC").ends_with("(UTC)"));
    }
}
