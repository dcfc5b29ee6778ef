//! A participant's and a facilitator's sections: their sets (named with programme and
//! cohort), each set's next meeting, offers to answer, and meetings needing attendance.

use revans_storage::home::{MySetRow, OfferRow};

use super::{HomeTask, HomeTaskKind, when};

/// A meeting as the home shows it, in the set's time zone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HomeMeeting {
    pub meeting_id: String,
    /// RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    /// "Today, 09:30 to 12:30 (London time)".
    pub when: String,
    /// Whether it is on today's date in the set's time zone.
    pub today: bool,
    pub href: String,
}

/// A set the viewer is in or facilitates.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HomeSet {
    pub set_id: String,
    pub name: String,
    pub programme: String,
    pub cohort: String,
    pub href: String,
    /// The next meeting not yet over; null when none is planned.
    pub next_meeting: Option<HomeMeeting>,
}

/// An offer of a place waiting for the viewer's answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HomeOffer {
    pub application_id: String,
    pub programme: String,
    pub cohort: String,
    /// "Answer by Friday 12 June 2026 at 09:30 (London time)", or empty with no deadline.
    pub answer_by: String,
    pub href: String,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ParticipantHome {
    /// The soonest meeting of all their sets.
    pub next_meeting: Option<HomeSet>,
    pub sets: Vec<HomeSet>,
    pub offers: Vec<HomeOffer>,
    pub tasks: Vec<HomeTask>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct FacilitatorHome {
    pub sets: Vec<HomeSet>,
    /// Past meetings without attendance recorded, one line per set.
    pub tasks: Vec<HomeTask>,
}

fn set_item(r: &MySetRow, now: i64) -> HomeSet {
    let next_meeting = match (&r.next_meeting_id, r.next_starts_at, r.next_ends_at) {
        (Some(id), Some(starts), Some(ends)) => Some(HomeMeeting {
            meeting_id: id.clone(),
            starts_at: when::rfc3339(starts),
            ends_at: when::rfc3339(ends),
            timezone: r.timezone.clone(),
            when: when::meeting(starts, ends, now, &r.timezone),
            today: when::is_today(starts, now, &r.timezone),
            href: format!("/meetings/{id}"),
        }),
        _ => None,
    };
    HomeSet {
        set_id: r.set_id.clone(),
        name: r.set_name.clone(),
        programme: r.programme.clone(),
        cohort: r.cohort.clone(),
        href: format!("/sets/{}", r.set_id),
        next_meeting,
    }
}

pub fn participant(sets: &[MySetRow], offers: &[OfferRow], now: i64) -> ParticipantHome {
    // Rows come soonest meeting first.
    let sets: Vec<HomeSet> = sets.iter().map(|r| set_item(r, now)).collect();
    let next_meeting = sets.iter().find(|s| s.next_meeting.is_some()).cloned();
    let offers: Vec<HomeOffer> = offers
        .iter()
        .map(|o| HomeOffer {
            application_id: o.application_id.clone(),
            programme: o.programme.clone(),
            cohort: o.cohort.clone(),
            answer_by: o
                .offer_expires_at
                .map(|t| format!("Answer by {}", when::moment(t, &o.timezone)))
                .unwrap_or_default(),
            href: "/applications".to_owned(),
        })
        .collect();
    let tasks = offers
        .iter()
        .map(|o| HomeTask {
            kind: HomeTaskKind::OfferToAnswer,
            count: 1,
            text: format!("Accept or decline your place in {}", o.cohort),
            context: o.programme.clone(),
            href: o.href.clone(),
        })
        .collect();
    ParticipantHome {
        next_meeting,
        sets,
        offers,
        tasks,
    }
}

pub fn facilitator(rows: &[MySetRow], now: i64) -> FacilitatorHome {
    let tasks = rows
        .iter()
        .filter(|r| r.unrecorded > 0)
        .map(|r| HomeTask {
            kind: HomeTaskKind::AttendanceNotRecorded,
            count: r.unrecorded,
            text: match (r.unrecorded, r.first_unrecorded_at) {
                (1, Some(at)) => format!(
                    "Record attendance for the meeting on {}",
                    when::moment(at, &r.timezone)
                ),
                (n, _) => format!("Record attendance for {n} past meetings"),
            },
            context: format!("{} ({}: {})", r.set_name, r.programme, r.cohort),
            href: r
                .first_unrecorded_id
                .as_ref()
                .map(|id| format!("/meetings/{id}"))
                .unwrap_or_else(|| format!("/sets/{}", r.set_id)),
        })
        .collect();
    FacilitatorHome {
        sets: rows.iter().map(|r| set_item(r, now)).collect(),
        tasks,
    }
}
