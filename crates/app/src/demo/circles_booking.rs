//! The demo's support circles (C7): three published circles of the North Coast region over the
//! coming weeks, on burnout (online, two sessions), hybrid working (in person) and agile
//! working (online, nearly full), facilitated by the demo facilitator.

use revans_domain::Id;
use revans_storage::circles::{self, CircleFields, CircleSession};
use revans_storage::{Conn, now_ms};

use crate::Error;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// The demo's organisations and facilitator the circles belong to.
pub struct CircleOrgs<'a> {
    pub region: &'a Id,
    pub trust: &'a Id,
    pub council: &'a Id,
    pub facilitator: &'a Id,
}

/// Adds the circles; returns their ids, the burnout circle first.
pub async fn seed_booking_circles(tx: &mut Conn, o: &CircleOrgs<'_>) -> Result<Vec<Id>, Error> {
    // Ten in the morning (UTC) a whole number of days from now, so the demo reads the same.
    let today = now_ms() - now_ms().rem_euclid(DAY_MS);
    let at = |days: i64, hour: i64| today + days * DAY_MS + hour * HOUR_MS;
    let circle = |org: &Id,
                  title: &str,
                  about: &str,
                  topics: &[&str],
                  mode: &str,
                  detail: &str,
                  max: i64,
                  sessions: Vec<CircleSession>| CircleFields {
        organisation_id: org.clone(),
        cohort_id: None,
        title: title.into(),
        description: about.into(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        min_places: 6.min(max),
        max_places: max,
        delivery_mode: mode.into(),
        delivery_detail: detail.into(),
        timezone: "Europe/London".into(),
        confirm_hours: 72,
        cancel_hours: 24,
        sessions,
        facilitators: vec![o.facilitator.clone()],
    };
    let session = |days: i64, hour: i64, minutes: i64| CircleSession {
        starts_at: at(days, hour),
        ends_at: at(days, hour) + minutes * 60_000,
    };
    let all = [
        circle(
            o.trust,
            "Burnout: noticing it early",
            "Two sessions for anyone who leads a team: the signs of burnout in yourself and others, and what helps.",
            &["burnout", "wellbeing"],
            "virtual",
            "https://meet.example/circles/burnout",
            12,
            vec![session(10, 10, 90), session(17, 10, 90)],
        ),
        circle(
            o.council,
            "Hybrid working: keeping a team together",
            "One afternoon on leading a team that is rarely in one place.",
            &["hybrid-working"],
            "in_person",
            "Bay Council offices, Room 4",
            16,
            vec![session(24, 13, 150)],
        ),
        circle(
            o.trust,
            "Agile working in health and care",
            "What agile ways of working look like on a ward, in a team, in a council service.",
            &["agile-working"],
            "virtual",
            "https://meet.example/circles/agile",
            6,
            vec![session(38, 14, 90)],
        ),
    ];
    let mut ids = Vec::new();
    for fields in &all {
        ids.push(circles::insert(tx, o.region, fields, "published", Some(o.facilitator)).await?);
    }
    Ok(ids)
}
