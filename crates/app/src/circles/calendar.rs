//! The public circles calendar: a region's upcoming circles, filtered by topic, dates, mode
//! and organisation, readable without signing in. A signed-in person sees their own region; a
//! visitor picks one (or is given the only one). One query reads the circles of a screen.

use revans_domain::circle::{BookingStatus, places_left, topic_label};
use revans_domain::{Id, describe_session, parse_uk_date};
use revans_storage::circle_bookings as bookings;
use revans_storage::circle_calendar::{self as store, Filter, Row};

use crate::{App, DEFAULT_ZONE, Error, Viewer};

/// What a visitor asked for; every field may be empty.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CalendarQuery {
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub topic: String,
    /// First day, `YYYY-MM-DD` (or as typed in the UK).
    #[serde(default)]
    pub from: String,
    /// Last day.
    #[serde(default)]
    pub to: String,
    /// `virtual` or `in_person`.
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub organisation: String,
}

/// A region or organisation: id and name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A session of a circle.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CircleSessionView {
    pub ordinal: i64,
    /// RFC 3339.
    pub starts_at: String,
    /// RFC 3339.
    pub ends_at: String,
    /// In words, in the circle's time zone: "Tuesday 3 March 2027, 14:00 to 15:30 (GMT)".
    pub when: String,
    #[serde(skip)]
    pub starts_ms: i64,
    #[serde(skip)]
    pub ends_ms: i64,
}

/// A circle as the calendar lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CircleListing {
    pub id: String,
    pub title: String,
    pub description: String,
    pub topics: Vec<String>,
    pub organisation: Named,
    /// `virtual` or `in_person`.
    pub mode: String,
    /// Where it meets as anyone may see it: an in-person place; a virtual link only for
    /// people with a place.
    pub location: String,
    pub max_places: i64,
    pub places_left: i64,
    /// `published` or `confirmed` (reached its minimum).
    pub status: String,
    pub timezone: String,
    pub sessions: Vec<CircleSessionView>,
    #[serde(skip)]
    pub region_id: String,
    #[serde(skip)]
    pub cancel_hours: i64,
    #[serde(skip)]
    pub sequence: i64,
}

/// What the calendar shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CircleCalendar {
    /// The region shown; None when a visitor must pick one from `regions`.
    pub region: Option<String>,
    /// The regions a visitor may pick (empty for a signed-in person).
    pub regions: Vec<Named>,
    pub circles: Vec<CircleListing>,
    /// Every topic of the circles shown.
    pub topics: Vec<String>,
    /// The organisations running the circles shown.
    pub organisations: Vec<Named>,
}

pub(crate) fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Groups a row per session into circles, in the order given.
pub(crate) fn listings(rows: Vec<Row>) -> Vec<CircleListing> {
    let mut out: Vec<CircleListing> = Vec::new();
    for r in rows {
        let session = CircleSessionView {
            ordinal: r.ordinal,
            starts_at: rfc3339(r.starts_at),
            ends_at: rfc3339(r.ends_at),
            when: describe_session(
                &revans_domain::Session {
                    starts_at: r.starts_at,
                    ends_at: r.ends_at,
                },
                &r.timezone,
            ),
            starts_ms: r.starts_at,
            ends_ms: r.ends_at,
        };
        if let Some(last) = out.last_mut()
            && last.id == r.id
        {
            last.sessions.push(session);
            continue;
        }
        out.push(CircleListing {
            location: if r.delivery_mode == "in_person" {
                r.delivery_detail.clone()
            } else {
                String::new()
            },
            id: r.id,
            title: r.title,
            description: r.description,
            topics: revans_storage::circles::split_topics(&r.topics),
            organisation: Named {
                id: r.organisation_id,
                name: r.organisation_name,
            },
            mode: r.delivery_mode,
            max_places: r.max_places,
            places_left: places_left(r.max_places, r.booked),
            status: r.status,
            timezone: r.timezone,
            sessions: vec![session],
            region_id: r.region_id,
            cancel_hours: r.cancel_hours,
            sequence: r.sequence,
        });
    }
    out
}

fn day_start(raw: &str, field: &'static str, next: bool) -> Result<Option<i64>, Error> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let date = parse_uk_date(raw, field).map_err(|e| Error::field(field, e.message))?;
    let day = if next {
        date
    } else {
        date.yesterday().map_err(Error::internal)?
    };
    Ok(revans_domain::end_of_day(day, DEFAULT_ZONE))
}

/// Reads the filters; a bad date or mode is a field error.
pub fn filter(q: &CalendarQuery, now: i64) -> Result<Filter, Error> {
    let mode = q.mode.trim();
    if !matches!(mode, "" | "virtual" | "in_person") {
        return Err(Error::field("mode", "Choose virtual or in person"));
    }
    let from = day_start(&q.from, "from", false)?;
    let to = day_start(&q.to, "to", true)?;
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        return Err(Error::field(
            "to",
            "The last day must be on or after the first day",
        ));
    }
    let topic = q.topic.trim();
    let topic = if topic.is_empty() {
        String::new()
    } else {
        revans_domain::circle::Topic::parse(topic)
            .map_err(|e| Error::field("topic", e.message))?
            .as_str()
            .to_owned()
    };
    Ok(Filter {
        topic,
        mode: mode.to_owned(),
        organisation_id: q.organisation.trim().to_owned(),
        from: from.unwrap_or(now).max(now),
        to,
    })
}

/// The calendar: a signed-in person's region, or the region a visitor picked (`?region=`),
/// or the only one there is.
pub async fn calendar(
    app: &App,
    viewer: Option<&Viewer>,
    q: &CalendarQuery,
) -> Result<CircleCalendar, Error> {
    let filter = filter(q, crate::now_ms())?;
    let mut conn = app.store.conn().await?;
    let (within, regions) = match (viewer, q.region.trim()) {
        (Some(v), "") => (v.person.organisation_id.clone(), Vec::new()),
        (_, region) if !region.is_empty() => {
            (Id::parse(region).ok_or(Error::NotFound)?, Vec::new())
        }
        _ => {
            let regions: Vec<Named> = store::regions(&mut conn)
                .await?
                .into_iter()
                .map(|(id, name)| Named { id, name })
                .collect();
            match regions.as_slice() {
                [only] => (Id::from_trusted(only.id.clone()), Vec::new()),
                _ => {
                    return Ok(CircleCalendar {
                        region: None,
                        regions,
                        circles: Vec::new(),
                        topics: Vec::new(),
                        organisations: Vec::new(),
                    });
                }
            }
        }
    };
    let rows = store::upcoming(&mut conn, &within, &filter).await?;
    let region = rows.first().map(|r| r.region_id.clone());
    let circles = listings(rows);
    let mut topics: Vec<String> = circles.iter().flat_map(|c| c.topics.clone()).collect();
    topics.sort();
    topics.dedup();
    let mut organisations: Vec<Named> = circles.iter().map(|c| c.organisation.clone()).collect();
    organisations.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    organisations.dedup();
    Ok(CircleCalendar {
        region: region
            .or_else(|| (!q.region.trim().is_empty()).then(|| q.region.trim().to_owned())),
        regions,
        circles,
        topics,
        organisations,
    })
}

/// One circle's page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CircleDetail {
    pub circle: CircleListing,
    pub facilitators: Vec<Named>,
    /// The viewer's booking: `booked`, `waiting`, `offered`; None without one (or signed out).
    pub booking: Option<String>,
    /// Their place in the queue when waiting.
    pub position: Option<i64>,
    /// RFC 3339, when they hold an offer.
    pub offer_expires_at: Option<String>,
    /// Whether the viewer may book it (signed in, in the region, open, no booking yet).
    pub can_book: bool,
    /// Why they may not, in plain English, when signed in and refused.
    pub cannot_book: Option<String>,
    /// Whether the viewer may cancel now (before the cancel deadline).
    pub can_cancel: bool,
    /// Whether the viewer facilitates it (and so records attendance).
    pub facilitates: bool,
}

/// A circle that is open to see: published or confirmed for anyone; any status for its
/// facilitators and the region's leads.
pub async fn circle(app: &App, viewer: Option<&Viewer>, id: &Id) -> Result<CircleDetail, Error> {
    let mut conn = app.store.conn().await?;
    let rows = store::circle(&mut conn, id).await?;
    let Some(circle) = listings(rows).into_iter().next() else {
        return Err(Error::NotFound);
    };
    let facilitators: Vec<Named> = store::facilitators(&mut conn, id)
        .await?
        .into_iter()
        .map(|(id, name)| Named { id, name })
        .collect();
    let facilitates =
        viewer.is_some_and(|v| facilitators.iter().any(|f| f.id == v.person.id.as_str()));
    let region = Id::from_trusted(circle.region_id.clone());
    let leads = viewer.is_some_and(|v| v.admin_roots().contains(&region));
    let open = matches!(circle.status.as_str(), "published" | "confirmed");
    if !open && !facilitates && !leads {
        return Err(Error::NotFound);
    }
    let mut detail = CircleDetail {
        circle,
        facilitators,
        booking: None,
        position: None,
        offer_expires_at: None,
        can_book: false,
        cannot_book: None,
        can_cancel: false,
        facilitates,
    };
    let Some(v) = viewer else { return Ok(detail) };
    let now = crate::now_ms();
    let first = detail.circle.sessions.first().map_or(0, |s| s.starts_ms);
    if let Some(b) = bookings::live(&mut conn, id, &v.person.id).await? {
        if b.status == BookingStatus::Waiting.as_str() {
            detail.position = Some(bookings::position(&mut conn, &b).await?);
        }
        detail.offer_expires_at = b.offer_expires_at.map(rfc3339);
        detail.can_cancel = b.status != BookingStatus::Booked.as_str()
            || revans_domain::circle::may_cancel(now, first, detail.circle.cancel_hours);
        if b.status == BookingStatus::Booked.as_str() && detail.circle.mode == "virtual" {
            detail.circle.location = revans_storage::circles::get(&mut conn, id)
                .await?
                .map(|c| c.fields.delivery_detail)
                .unwrap_or_default();
        }
        detail.booking = Some(b.status);
        return Ok(detail);
    }
    match refusal(&mut conn, v, &detail.circle, now).await? {
        None => detail.can_book = true,
        Some(why) => detail.cannot_book = Some(why),
    }
    Ok(detail)
}

/// Why a person may not book a circle, or None when they may.
pub(crate) async fn refusal(
    conn: &mut revans_storage::Conn,
    v: &Viewer,
    c: &CircleListing,
    now: i64,
) -> Result<Option<String>, Error> {
    if !matches!(c.status.as_str(), "published" | "confirmed") {
        return Ok(Some("This circle is not open for booking".into()));
    }
    if c.sessions.first().is_none_or(|s| s.starts_ms <= now) {
        return Ok(Some("This circle has already started".into()));
    }
    let region = bookings::region_of(conn, &v.person.organisation_id).await?;
    if region.as_ref().map(Id::as_str) != Some(c.region_id.as_str()) {
        return Ok(Some(
            "This circle is for staff of organisations in its region; yours is not one of them"
                .into(),
        ));
    }
    Ok(None)
}

/// A topic tag in words, for pages.
pub fn label(tag: &str) -> String {
    topic_label(tag)
}
