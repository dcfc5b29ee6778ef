//! RFC 5545 calendars of sessions, for email attachments and each person's private feed.
//! Times are written in UTC, which every calendar program converts to the reader's zone.

pub mod feeds;

use icalendar::{Calendar, Component, Event, EventLike};
use revans_domain::Session;
use revans_storage::cohorts::Cohort;
use revans_storage::programmes::Programme;

fn utc(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// One event per session, with a stable UID so a re-sent file updates rather than duplicates.
fn event(uid: String, title: &str, location: &str, s: &Session) -> Event {
    Event::new()
        .uid(&uid)
        .summary(title)
        .location(location)
        .starts(utc(s.starts_at))
        .ends(utc(s.ends_at))
        .done()
}

/// The sessions of one cohort, with the place or meeting link for people who have a place.
pub fn cohort_calendar(programme: &Programme, cohort: &Cohort, sessions: &[Session]) -> String {
    calendar(
        programme,
        cohort,
        sessions,
        &programme.fields.delivery_detail,
    )
}

/// The sessions of one cohort for anyone (the public catalogue's file): a place is public, a
/// virtual meeting's link is only for people with a place.
pub fn public_cohort_calendar(
    programme: &Programme,
    cohort: &Cohort,
    sessions: &[Session],
) -> String {
    calendar(programme, cohort, sessions, public_location(programme))
}

/// Where the programme meets, as anyone may see it: an in-person place, never a meeting link.
pub fn public_location(programme: &Programme) -> &str {
    match programme.fields.delivery_mode {
        revans_domain::DeliveryMode::InPerson => &programme.fields.delivery_detail,
        revans_domain::DeliveryMode::Virtual => "",
    }
}

fn calendar(
    programme: &Programme,
    cohort: &Cohort,
    sessions: &[Session],
    location: &str,
) -> String {
    let title = format!("{} – {}", programme.fields.title, cohort.name);
    let mut cal = Calendar::new();
    cal.name(&title);
    for (i, s) in sessions.iter().enumerate() {
        cal.push(event(
            format!("{}-{}@revans", cohort.id, i + 1),
            &title,
            location,
            s,
        ));
    }
    cal.done().to_string()
}

/// A person's feed: their confirmed sessions across programmes (programme title, cohort name,
/// timezone, start, end, cohort id), the meetings of their sets (meeting, set name, zone) and
/// the sessions of the support circles they booked.
pub fn feed(
    rows: &[(String, String, String, i64, i64, String)],
    meetings: &[(revans_storage::meetings::Meeting, String, String)],
    circles: Vec<Event>,
) -> String {
    let mut cal = Calendar::new();
    cal.name(&revans_i18n::t("ics-calendar-name"));
    for (i, (programme, cohort, _tz, starts_at, ends_at, cohort_id)) in rows.iter().enumerate() {
        cal.push(event(
            format!("{cohort_id}-{starts_at}-{i}@revans"),
            &format!("{programme} – {cohort}"),
            "",
            &Session {
                starts_at: *starts_at,
                ends_at: *ends_at,
            },
        ));
    }
    for (m, set_name, _tz) in meetings {
        cal.push(meeting_event(set_name, m));
    }
    for e in circles {
        cal.push(e);
    }
    cal.done().to_string()
}

/// A set's meeting in a person's feed: a stable UID per meeting, SEQUENCE counting its
/// changes, and STATUS:CANCELLED for a cancelled one, so calendars update it in place.
pub fn meeting_event(set_name: &str, m: &revans_storage::meetings::Meeting) -> Event {
    let mut e = event(
        format!("{}@revans", m.id),
        &revans_i18n::t_args("ics-set-meeting", &[("set", set_name.into())]),
        "",
        &Session {
            starts_at: m.starts_at,
            ends_at: m.ends_at,
        },
    );
    e.add_property("SEQUENCE", m.sequence.to_string());
    if m.cancelled {
        e.status(icalendar::EventStatus::Cancelled);
    }
    e.done()
}

/// One meeting of a set as its own file (the meeting page's "Add to calendar"), with where it
/// happens: only its members and facilitators are given it.
pub fn single_meeting(
    set_name: &str,
    location: &str,
    m: &revans_storage::meetings::Meeting,
) -> String {
    let mut e = meeting_event(set_name, m);
    e.location(location);
    let mut cal = Calendar::new();
    cal.name(&revans_i18n::t_args(
        "ics-set-meeting",
        &[("set", set_name.into())],
    ));
    cal.push(e.done());
    cal.done().to_string()
}
