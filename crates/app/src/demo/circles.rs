//! The demo's support circles (issue 15, C7): a month of circles in the region on burnout,
//! agile working and hybrid working, virtual and in person, one a short series, one a draft,
//! and one below its minimum with its decision due in two hours (the sweep cancels it, or
//! offers its lead a merge into the burnout circle that shares its topic).

use revans_domain::Id;
use revans_storage::circle_admin::ensure_pool_member;
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::{Conn, now_ms};

use crate::Error;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Ten o'clock (London) `days` from now, as milliseconds.
fn ten_o_clock_in(days: i64) -> i64 {
    let tz = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(now_ms() + days * DAY_MS)
        .ok()
        .and_then(|t| {
            t.to_zoned(tz.clone())
                .date()
                .to_datetime(jiff::civil::time(10, 0, 0, 0))
                .to_zoned(tz)
                .ok()
        })
        .map_or(now_ms() + days * DAY_MS, |z| z.timestamp().as_millisecond())
}

fn session(starts_at: i64, minutes: i64) -> CircleSession {
    CircleSession {
        starts_at,
        ends_at: starts_at + minutes * 60_000,
    }
}

/// Adds the circles to the region `ics`, run by `org`, created by `lead`, facilitated by
/// `facilitator` (put in the region's pool if they are not in it).
pub async fn seed(
    conn: &mut Conn,
    ics: &Id,
    org: &Id,
    lead: &Id,
    facilitator: &Id,
) -> Result<(), Error> {
    ensure_pool_member(conn, facilitator, ics, ics).await?;
    let circle = |title: &str, topics: &[&str], mode: &str, detail: &str| CircleFields {
        organisation_id: org.clone(),
        cohort_id: None,
        title: title.into(),
        description: format!(
            "A support circle for people who lead teams anywhere in the region: {}.",
            title.to_lowercase()
        ),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        min_places: 6,
        max_places: 25,
        delivery_mode: mode.into(),
        delivery_detail: detail.into(),
        timezone: "Europe/London".into(),
        confirm_hours: 48,
        cancel_hours: 24,
        sessions: Vec::new(),
        facilitators: vec![facilitator.clone()],
    };
    // The open calendar's burnout, agile and hybrid circles come from `circles_booking`; these
    // two show a lead's side: one below its minimum at its deadline, one still a draft.
    let plan: [(CircleFields, Vec<CircleSession>, &str); 2] = [
        (
            circle(
                "Burnout and hybrid working: a quick reset",
                &["burnout", "hybrid-working"],
                "virtual",
                "https://meet.example/reset",
            ),
            // Decided in two hours, with nobody booked yet.
            vec![session(now_ms() + 50 * HOUR_MS, 60)],
            "published",
        ),
        (
            circle(
                "Leading through change",
                &["change"],
                "in_person",
                "Bay Council Offices, Committee Room 2",
            ),
            vec![session(ten_o_clock_in(29), 120)],
            "draft",
        ),
    ];
    for (mut fields, sessions, status) in plan {
        fields.sessions = sessions;
        circles::insert(conn, ics, &fields, status, Some(lead)).await?;
    }
    Ok(())
}
