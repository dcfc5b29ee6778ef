//! Times as people read them on the home page: in the set's or cohort's own time zone, named,
//! with "Today" and "Tomorrow" where they apply.

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

fn zoned(ms: i64, timezone: &str) -> Option<Zoned> {
    let tz = TimeZone::get(timezone).unwrap_or(TimeZone::UTC);
    Timestamp::from_millisecond(ms).ok().map(|t| t.to_zoned(tz))
}

/// "London time" for Europe/London; "UTC" when unknown.
pub fn zone_label(timezone: &str) -> String {
    if TimeZone::get(timezone).is_err() || timezone == "UTC" {
        return "UTC".to_owned();
    }
    let city = timezone.rsplit('/').next().unwrap_or(timezone);
    format!("{} time", city.replace('_', " "))
}

/// Whether `ms` falls on the same calendar day as `now` in `timezone`.
pub fn is_today(ms: i64, now: i64, timezone: &str) -> bool {
    match (zoned(ms, timezone), zoned(now, timezone)) {
        (Some(a), Some(b)) => a.date() == b.date(),
        _ => false,
    }
}

/// "Today, 09:30 to 12:30 (London time)" or "Thursday 5 March 2026, 09:30 to 12:30 (London time)".
pub fn meeting(starts_at: i64, ends_at: i64, now: i64, timezone: &str) -> String {
    let (Some(s), Some(e), Some(n)) = (
        zoned(starts_at, timezone),
        zoned(ends_at, timezone),
        zoned(now, timezone),
    ) else {
        return "At an unknown time".to_owned();
    };
    let day = if s.date() == n.date() {
        "Today".to_owned()
    } else if n.date().tomorrow().ok() == Some(s.date()) {
        "Tomorrow".to_owned()
    } else {
        s.strftime("%A %-d %B %Y").to_string()
    };
    format!(
        "{day}, {} to {} ({})",
        s.strftime("%H:%M"),
        e.strftime("%H:%M"),
        zone_label(timezone)
    )
}

/// "Friday 12 June 2026 at 09:30 (London time)".
pub fn moment(ms: i64, timezone: &str) -> String {
    match zoned(ms, timezone) {
        Some(z) => format!(
            "{} at {} ({})",
            z.strftime("%A %-d %B %Y"),
            z.strftime("%H:%M"),
            zone_label(timezone)
        ),
        None => "an unknown time".to_owned(),
    }
}

/// The time as RFC 3339, for the API.
pub fn rfc3339(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn meetings_say_today_and_use_the_zone() {
        // 2026-07-01T08:30Z is 09:30 in London (summer time).
        let start = 1_782_894_600_000;
        assert_eq!(
            meeting(start, start + 3 * HOUR, start - HOUR, "Europe/London"),
            "Today, 09:30 to 12:30 (London time)"
        );
        assert_eq!(
            meeting(start, start + 3 * HOUR, start - 24 * HOUR, "Europe/London"),
            "Tomorrow, 09:30 to 12:30 (London time)"
        );
        assert_eq!(
            meeting(start, start + 3 * HOUR, start - 72 * HOUR, "Europe/London"),
            "Wednesday 1 July 2026, 09:30 to 12:30 (London time)"
        );
        assert_eq!(zone_label("America/New_York"), "New York time");
        assert_eq!(zone_label("Nowhere/Atall"), "UTC");
    }
}
