//! Circles as RFC 5545 calendars: every upcoming circle of a region (or of one topic) for
//! anyone to subscribe to, and the sessions a person booked for their private feed. Each
//! session has a stable UID and the circle's SEQUENCE, and a cancelled circle says so, so
//! calendars update events in place.

use icalendar::{Calendar, Component, Event, EventLike};
use revans_domain::Id;
use revans_storage::circle_calendar::{self as store, BookedSession, Filter};

use super::calendar::listings;
use crate::{App, Error, Viewer};

/// How far back a region's feed keeps circles, so a subscriber's recent past stays.
const FEED_HISTORY_MS: i64 = 30 * 24 * 3_600_000;

fn utc(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// One session as an event.
#[allow(clippy::too_many_arguments)]
fn event(
    circle: &str,
    ordinal: i64,
    title: &str,
    location: &str,
    starts_at: i64,
    ends_at: i64,
    sequence: i64,
    status: &str,
) -> Event {
    let mut e = Event::new();
    e.uid(&format!("circle-{circle}-{ordinal}@revans"))
        .summary(title)
        .location(location)
        .starts(utc(starts_at))
        .ends(utc(ends_at));
    e.add_property("SEQUENCE", sequence.to_string());
    if matches!(status, "cancelled" | "merged") {
        e.status(icalendar::EventStatus::Cancelled);
    } else if status == "confirmed" {
        e.status(icalendar::EventStatus::Confirmed);
    }
    e.done()
}

/// The region whose feed is asked for: `?region=`, the signed-in person's, or the only one.
async fn region(app: &App, viewer: Option<&Viewer>, region: &str) -> Result<Id, Error> {
    if !region.trim().is_empty() {
        return Id::parse(region.trim()).ok_or(Error::NotFound);
    }
    if let Some(v) = viewer {
        return Ok(v.person.organisation_id.clone());
    }
    let mut conn = app.store.conn().await?;
    match store::regions(&mut conn).await?.as_slice() {
        [(only, _)] => Ok(Id::from_trusted(only.clone())),
        _ => Err(Error::field("region", "Choose a region")),
    }
}

/// The circles of a region, or of one of its topics, as a calendar file.
pub async fn region_feed(
    app: &App,
    viewer: Option<&Viewer>,
    region_param: &str,
    topic: Option<&str>,
) -> Result<String, Error> {
    let within = region(app, viewer, region_param).await?;
    let topic = match topic {
        Some(t) => revans_domain::circle::Topic::parse(t)
            .map_err(|_| Error::NotFound)?
            .as_str()
            .to_owned(),
        None => String::new(),
    };
    let filter = Filter {
        topic: topic.clone(),
        from: crate::now_ms() - FEED_HISTORY_MS,
        ..Filter::default()
    };
    let mut conn = app.store.conn().await?;
    let rows = store::upcoming(&mut conn, &within, &filter).await?;
    let mut cal = Calendar::new();
    cal.name(&if topic.is_empty() {
        "Support circles".to_owned()
    } else {
        format!("Support circles: {}", super::calendar::label(&topic))
    });
    for c in listings(rows) {
        for s in &c.sessions {
            cal.push(event(
                &c.id,
                s.ordinal,
                &c.title,
                &c.location,
                s.starts_ms,
                s.ends_ms,
                c.sequence,
                &c.status,
            ));
        }
    }
    Ok(cal.done().to_string())
}

/// The events of the circles a person booked, for their private feed (with the meeting link
/// or place: only they hold the feed's secret).
pub fn booked_events(sessions: &[BookedSession]) -> Vec<Event> {
    sessions
        .iter()
        .map(|s| {
            event(
                &s.circle_id,
                s.ordinal,
                &format!("{}: support circle", s.title),
                &s.delivery_detail,
                s.starts_at,
                s.ends_at,
                s.sequence,
                &s.status,
            )
        })
        .collect()
}
