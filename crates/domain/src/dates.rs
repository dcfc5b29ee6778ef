//! Dates as people in the UK type them, and times as they read them.
//!
//! Typed dates come either from the GOV.UK date input (three boxes: day, month, year) or from
//! one line of text. Both accept day-first UK order; the text also accepts the ISO form the API
//! and older forms use. Times are shown in a named zone with its abbreviation (GMT, BST) so a
//! reader never has to convert from UTC.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::ValidationError;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month typed as a number (`3`, `03`) or a name (`Mar`, `March`), case-insensitive.
pub fn month_number(raw: &str) -> Option<i8> {
    let raw = raw.trim().to_ascii_lowercase();
    if let Ok(n) = raw.parse::<i8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    if raw.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&raw) || (raw == "sept" && *m == "september"))
        .map(|i| i as i8 + 1)
}

/// The three boxes of the GOV.UK date input, as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateParts<'a> {
    pub day: &'a str,
    pub month: &'a str,
    pub year: &'a str,
}

impl DateParts<'_> {
    pub fn is_blank(&self) -> bool {
        [self.day, self.month, self.year]
            .iter()
            .all(|p| p.trim().is_empty())
    }

    /// The date, or the GOV.UK message for what is wrong. `label` reads inside a sentence,
    /// like "the last day to apply".
    pub fn parse(&self, field: &'static str, label: &str) -> Result<Date, ValidationError> {
        let err = |message: String| ValidationError::new(field, message);
        let sentence = capitalise(label);
        if self.is_blank() {
            return Err(err(format!("Enter {label}")));
        }
        let missing: Vec<&str> = [
            ("day", self.day),
            ("month", self.month),
            ("year", self.year),
        ]
        .iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(name, _)| *name)
        .collect();
        if !missing.is_empty() {
            return Err(err(format!(
                "{sentence} must include a {}",
                missing.join(" and a ")
            )));
        }
        let year = self.year.trim();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(format!(
                "The year of {label} must have 4 numbers, like 2027"
            )));
        }
        let real = || err(format!("{sentence} must be a real date"));
        let day: i8 = self.day.trim().parse().map_err(|_| real())?;
        let month = month_number(self.month).ok_or_else(real)?;
        let year: i16 = year.parse().map_err(|_| real())?;
        Date::new(year, month, day).map_err(|_| real())
    }
}

/// The three boxes for a date, to fill the form again: ("5", "3", "2027").
pub fn date_parts(date: Date) -> (String, String, String) {
    (
        date.day().to_string(),
        date.month().to_string(),
        date.year().to_string(),
    )
}

/// A date typed on one line: `5/3/2027`, `05-03-2027`, `5.3.2027`, `5 March 2027`,
/// `Thursday 5 Mar 2027` (day first, as in the UK) or `2027-03-05`.
pub fn parse_uk_date(raw: &str, field: &'static str) -> Result<Date, ValidationError> {
    let text = raw.trim();
    let bad = || {
        ValidationError::new(
            field,
            format!("\"{text}\" is not a date; write it like 5/3/2027 or 5 March 2027"),
        )
    };
    if let Ok(date) = text.parse::<Date>() {
        return Ok(date);
    }
    // Three boxes joined with a box left empty ("31//2027"): say which part is missing.
    if let [day, month, year] = text.split('/').collect::<Vec<_>>().as_slice()
        && [day, month, year].iter().any(|p| p.trim().is_empty())
    {
        return DateParts { day, month, year }.parse(field, "the date");
    }
    let words: Vec<&str> = text
        .split(|c: char| c == '/' || c == '-' || c == '.' || c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    // A leading weekday ("Thursday 5 March 2027") is allowed and ignored.
    let words = match words.as_slice() {
        [first, rest @ ..] if rest.len() == 3 && first.parse::<i8>().is_err() => rest.to_vec(),
        _ => words,
    };
    let [day, month, year] = words.as_slice() else {
        return Err(bad());
    };
    DateParts { day, month, year }
        .parse(field, "the date")
        .map_err(|_| bad())
}

/// A moment for people, in `zone` with its abbreviation: "22 Nov 2026, 14:05 GMT".
pub fn when_in(ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).strftime("%-d %b %Y, %H:%M %Z").to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// The calendar day of a moment in `zone`, as `YYYY-MM-DD` (what certificates and the API
/// state as a date).
pub fn day_in(ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).date().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// The last whole day before an exclusive end (a deadline stored as the start of the next
/// day), in `zone`: "31 December 2026".
pub fn last_day(exclusive_end_ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    jiff::Timestamp::from_millisecond(exclusive_end_ms - 1)
        .map(|t| t.to_zoned(tz).strftime("%-d %B %Y").to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// The start of the day after `date` in `zone`, in milliseconds: the exclusive end of a
/// "last day" typed by a person (right across clock changes, unlike adding 24 hours).
pub fn end_of_day(date: Date, zone: &str) -> Option<i64> {
    let tz = TimeZone::get(zone).ok()?;
    let next = date.tomorrow().ok()?;
    tz.to_ambiguous_zoned(next.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parts<'a>(day: &'a str, month: &'a str, year: &'a str) -> DateParts<'a> {
        DateParts { day, month, year }
    }

    #[test]
    fn the_boxes_give_the_govuk_messages() {
        let label = "the last day to apply";
        let msg = |p: DateParts| p.parse("closes_on", label).unwrap_err().message;
        assert_eq!(msg(parts("", " ", "")), "Enter the last day to apply");
        assert_eq!(
            msg(parts("31", "", "2026")),
            "The last day to apply must include a month"
        );
        assert_eq!(
            msg(parts("", "", "2026")),
            "The last day to apply must include a day and a month"
        );
        assert_eq!(
            msg(parts("31", "2", "2027")),
            "The last day to apply must be a real date"
        );
        assert_eq!(
            msg(parts("1", "2", "27")),
            "The year of the last day to apply must have 4 numbers, like 2027"
        );
        assert_eq!(
            parts("31", "Dec", "2026").parse("closes_on", label),
            Ok(Date::constant(2026, 12, 31))
        );
    }

    #[test]
    fn one_line_dates_are_read_day_first() {
        let want = Date::constant(2027, 3, 5);
        for typed in [
            "5/3/2027",
            "05-03-2027",
            "5.3.2027",
            "5 March 2027",
            "5 Mar 2027",
            "Friday 5 March 2027",
            "2027-03-05",
        ] {
            assert_eq!(parse_uk_date(typed, "date"), Ok(want), "{typed}");
        }
        assert_eq!(
            parse_uk_date("31//2027", "due_on").unwrap_err().message,
            "The date must include a month"
        );
        let e = parse_uk_date("3/15/2027", "date").unwrap_err();
        assert_eq!(e.field, "date");
        assert!(e.message.contains("5/3/2027"), "{}", e.message);
    }

    #[test]
    fn times_show_in_the_zone_with_its_name() {
        // 22 Nov 2026 14:05 UTC is GMT in London; 1 Jul 2026 12:00 UTC is 13:00 BST.
        assert_eq!(
            when_in(1_795_356_300_000, "Europe/London"),
            "22 Nov 2026, 14:05 GMT"
        );
        assert_eq!(
            when_in(1_782_907_200_000, "Europe/London"),
            "1 Jul 2026, 13:00 BST"
        );
        assert_eq!(
            when_in(1_782_907_200_000, "Europe/Berlin"),
            "1 Jul 2026, 14:00 CEST"
        );
    }

    #[test]
    fn a_last_day_is_whole_in_its_zone_across_a_clock_change() {
        // 28 March 2027 is when the UK clocks go forward: that day has 23 hours.
        let end = end_of_day(Date::constant(2027, 3, 28), "Europe/London").unwrap();
        assert_eq!(when_in(end, "Europe/London"), "29 Mar 2027, 00:00 BST");
        assert_eq!(last_day(end, "Europe/London"), "28 March 2027");
        let winter = end_of_day(Date::constant(2026, 12, 31), "Europe/London").unwrap();
        assert_eq!(last_day(winter, "Europe/London"), "31 December 2026");
    }

    proptest! {
        #[test]
        fn any_real_date_round_trips_through_the_boxes_and_the_line(
            y in 1900i16..2200, m in 1i8..=12, d in 1i8..=31
        ) {
            if let Ok(date) = Date::new(y, m, d) {
                let (day, month, year) = date_parts(date);
                let boxes = DateParts { day: &day, month: &month, year: &year };
                prop_assert_eq!(boxes.parse("f", "the date"), Ok(date));
                let line = format!("{d}/{m}/{y}");
                prop_assert_eq!(parse_uk_date(&line, "f"), Ok(date));
                let long = date.strftime("%A %-d %B %Y").to_string();
                prop_assert_eq!(parse_uk_date(&long, "f"), Ok(date));
            }
        }

        #[test]
        fn the_last_day_shown_is_the_day_typed(
            y in 2000i16..2100, m in 1i8..=12, d in 1i8..=28
        ) {
            let date = Date::new(y, m, d).unwrap();
            let end = end_of_day(date, "Europe/London").unwrap();
            prop_assert_eq!(last_day(end, "Europe/London"), date.strftime("%-d %B %Y").to_string());
        }
    }
}
