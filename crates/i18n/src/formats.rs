//! Dates, times and numbers written the way the current locale writes them.

use jiff::tz::TimeZone;

use crate::current;

/// A moment in `zone` with the zone's abbreviation: "22 Nov 2026, 14:05 GMT".
pub fn when_in(ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(t) => {
            let z = t.to_zoned(tz);
            let abbreviation = z.strftime("%Z").to_string();
            format!(
                "{} {abbreviation}",
                current().day_and_time(z.date(), z.hour(), z.minute())
            )
        }
        Err(_) => crate::t("unknown-time"),
    }
}

/// A moment in UTC: "22 Nov 2026, 14:05 UTC".
pub fn when(ms: i64) -> String {
    when_in(ms, "UTC")
}

/// The last whole day before an exclusive end (a deadline stored as the start of the next
/// day), in `zone`: "31 December 2026".
pub fn last_day(exclusive_end_ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    jiff::Timestamp::from_millisecond(exclusive_end_ms - 1)
        .map(|t| current().day(t.to_zoned(tz).date()))
        .unwrap_or_else(|_| crate::t("unknown-time"))
}

/// A stored day (`2027-02-11`) in words: "11 February 2027"; anything else as it is.
pub fn day(stored: &str) -> String {
    stored
        .parse::<jiff::civil::Date>()
        .map(|d| current().day(d))
        .unwrap_or_else(|_| stored.to_owned())
}

/// A day with a time, for a civil date and time already in the reader's zone.
pub fn day_and_time(dt: jiff::civil::DateTime) -> String {
    current().day_and_time(dt.date(), dt.hour(), dt.minute())
}

/// A whole number grouped in thousands.
pub fn whole_number(n: i64) -> String {
    current().whole_number(n)
}

/// A number with `places` decimals.
pub fn decimal(x: f64, places: usize) -> String {
    current().decimal(x, places)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Locale, sync_scope};

    #[test]
    fn moments_follow_the_current_locale() {
        // 2026-11-22 14:05 UTC
        let ms = 1_795_356_300_000;
        assert_eq!(when(ms), "22 Nov 2026, 14:05 UTC");
        sync_scope(Locale::De, || {
            assert_eq!(when(ms), "22. Nov. 2026, 14:05 UTC");
            assert_eq!(day("2027-02-11"), "11. Februar 2027");
            assert_eq!(day("soon"), "soon");
            assert_eq!(whole_number(12_500), "12.500");
        });
    }
}
