//! A cohort's sessions (C1): given as explicit dates and times, or as an RFC 5545 recurrence
//! ("9 x 3 hours on alternate Thursdays from 12 January 2023 at 09:30, Europe/London") with
//! exception dates. Both expand, here, to a sorted list of sessions in UTC milliseconds, so
//! storage, emails and calendar feeds never need to understand recurrence rules.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::ValidationError;

/// More sessions than this is a mistake (a rule without COUNT or UNTIL), not a programme.
pub const MAX_SESSIONS: usize = 200;
/// The longest single session: a full day.
pub const MAX_SESSION_MINUTES: i64 = 24 * 60;

/// One session, start inclusive and end exclusive, in milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Session {
    pub starts_at: i64,
    pub ends_at: i64,
}

impl Session {
    pub fn minutes(&self) -> i64 {
        (self.ends_at - self.starts_at) / 60_000
    }
}

/// A parsed, expanded, checked set of sessions with the zone they are shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    timezone: String,
    sessions: Vec<Session>,
}

/// A recurrence as a programme lead types it.
#[derive(Debug, Clone, Default)]
pub struct RecurrenceInput<'a> {
    /// `YYYY-MM-DD`.
    pub start_date: &'a str,
    /// `HH:MM`, local to `timezone`.
    pub start_time: &'a str,
    pub duration_minutes: &'a str,
    /// An IANA zone such as `Europe/London`.
    pub timezone: &'a str,
    /// The RRULE value, e.g. `FREQ=WEEKLY;INTERVAL=2;COUNT=9` (a leading `RRULE:` is allowed).
    pub rule: &'a str,
    /// Dates (`YYYY-MM-DD`, one per line) on which the rule has no session.
    pub exceptions: &'a str,
}

impl Schedule {
    /// Explicit sessions, one per line: `2026-11-01 09:30-13:00`, local to `timezone`.
    /// `now_ms` is passed in so the check against the past stays pure and testable.
    pub fn explicit(lines: &str, timezone: &str, now_ms: i64) -> Result<Self, ValidationError> {
        let tz = parse_zone(timezone)?;
        let mut sessions = Vec::new();
        for (i, line) in lines
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            sessions.push(parse_line(line, i + 1, &tz)?);
        }
        Self::checked(timezone, sessions, "sessions", now_ms)
    }

    /// Expands a recurrence rule (RFC 5545 RRULE) from a local start, skipping exceptions.
    pub fn recurrence(input: &RecurrenceInput<'_>, now_ms: i64) -> Result<Self, ValidationError> {
        parse_zone(input.timezone)?;
        let date = parse_date(input.start_date, "start_date")?;
        let time = parse_time(input.start_time, "start_time")?;
        let minutes = parse_minutes(input.duration_minutes)?;
        let rule = input
            .rule
            .trim()
            .trim_start_matches("RRULE:")
            .trim_start_matches("rrule:")
            .trim();
        if rule.is_empty() {
            return Err(ValidationError::new(
                "rule",
                "Enter a recurrence rule, like FREQ=WEEKLY;INTERVAL=2;COUNT=9",
            ));
        }
        if rule.contains(['\n', '\r', ':']) {
            return Err(ValidationError::new(
                "rule",
                "Enter only the rule itself, like FREQ=WEEKLY;COUNT=6, without DTSTART or other lines",
            ));
        }
        let start = date.to_datetime(time);
        let stamp = start.strftime("%Y%m%dT%H%M%S").to_string();
        let zone = input.timezone.trim();
        let mut text = format!("DTSTART;TZID={zone}:{stamp}\nRRULE:{rule}");
        for line in input
            .exceptions
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let day = parse_date(line, "exceptions")?;
            let ex = day.to_datetime(time).strftime("%Y%m%dT%H%M%S").to_string();
            text.push_str(&format!("\nEXDATE;TZID={zone}:{ex}"));
        }
        let set: rrule::RRuleSet = text.parse().map_err(|e: rrule::RRuleError| {
            ValidationError::new("rule", format!("The recurrence rule is not valid: {e}"))
        })?;
        // One more than the maximum tells "too many" apart from "exactly the maximum".
        let limit = u16::try_from(MAX_SESSIONS + 1).unwrap_or(u16::MAX);
        let result = set.all(limit);
        if result.dates.len() > MAX_SESSIONS || (result.limited && result.dates.is_empty()) {
            return Err(ValidationError::new(
                "rule",
                format!(
                    "The rule gives more than {MAX_SESSIONS} sessions; add COUNT or UNTIL to end it"
                ),
            ));
        }
        let sessions = result
            .dates
            .iter()
            .map(|d| {
                let starts_at = d.timestamp_millis();
                Session {
                    starts_at,
                    ends_at: starts_at + minutes * 60_000,
                }
            })
            .collect();
        Self::checked(zone, sessions, "rule", now_ms)
    }

    /// Sessions read back from storage (already checked when saved).
    pub fn from_stored(timezone: String, mut sessions: Vec<Session>) -> Self {
        sessions.sort();
        Self { timezone, sessions }
    }

    fn checked(
        timezone: &str,
        mut sessions: Vec<Session>,
        field: &'static str,
        now_ms: i64,
    ) -> Result<Self, ValidationError> {
        if sessions.is_empty() {
            return Err(ValidationError::new(
                field,
                match field {
                    "rule" => "The rule gives no sessions; check its dates and the exceptions",
                    _ => "Enter at least one session, like 2026-11-01 09:30-13:00",
                },
            ));
        }
        if sessions.len() > MAX_SESSIONS {
            return Err(ValidationError::new(
                field,
                format!(
                    "A cohort can have at most {MAX_SESSIONS} sessions (you entered {})",
                    sessions.len()
                ),
            ));
        }
        sessions.sort();
        if sessions.windows(2).any(|w| w[1].starts_at < w[0].ends_at) {
            return Err(ValidationError::new(
                field,
                "Two sessions overlap; each must end before the next starts",
            ));
        }
        if sessions[0].starts_at <= now_ms {
            return Err(ValidationError::new(
                if field == "rule" { "start_date" } else { field },
                "The first session must be in the future",
            ));
        }
        Ok(Self {
            timezone: timezone.trim().to_owned(),
            sessions,
        })
    }

    pub fn timezone(&self) -> &str {
        &self.timezone
    }

    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    pub fn first_start(&self) -> i64 {
        self.sessions.first().map_or(0, |s| s.starts_at)
    }

    pub fn total_minutes(&self) -> i64 {
        self.sessions.iter().map(Session::minutes).sum()
    }
}

/// "Thursday 12 January 2023, 09:30 to 12:30" in `timezone` (UTC if unknown).
pub fn describe_session(session: &Session, timezone: &str) -> String {
    let tz = TimeZone::get(timezone).unwrap_or(TimeZone::UTC);
    let at = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_zoned(tz.clone()))
            .ok()
    };
    match (at(session.starts_at), at(session.ends_at)) {
        (Some(s), Some(e)) => format!(
            "{}, {} to {}",
            s.strftime("%A %-d %B %Y"),
            s.strftime("%H:%M"),
            e.strftime("%H:%M")
        ),
        _ => "unknown time".to_owned(),
    }
}

pub fn parse_zone(raw: &str) -> Result<TimeZone, ValidationError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ValidationError::new(
            "timezone",
            "Enter a time zone, like Europe/London",
        ));
    }
    TimeZone::get(name).map_err(|_| {
        ValidationError::new(
            "timezone",
            format!(
                "\"{name}\" is not a time zone; use a name like Europe/London or Europe/Vienna"
            ),
        )
    })
}

pub fn parse_date(raw: &str, field: &'static str) -> Result<Date, ValidationError> {
    crate::dates::parse_uk_date(raw, field)
}

fn parse_time(raw: &str, field: &'static str) -> Result<Time, ValidationError> {
    raw.trim().parse::<Time>().map_err(|_| {
        ValidationError::new(
            field,
            format!(
                "\"{}\" is not a time; use the 24-hour clock, like 09:30",
                raw.trim()
            ),
        )
    })
}

fn parse_minutes(raw: &str) -> Result<i64, ValidationError> {
    let minutes: i64 = raw.trim().parse().map_err(|_| {
        ValidationError::new(
            "duration_minutes",
            "Enter how long each session lasts in minutes, like 180",
        )
    })?;
    if !(1..=MAX_SESSION_MINUTES).contains(&minutes) {
        return Err(ValidationError::new(
            "duration_minutes",
            format!("A session lasts between 1 and {MAX_SESSION_MINUTES} minutes"),
        ));
    }
    Ok(minutes)
}

/// `2026-11-01 09:30-13:00` in `tz`.
fn parse_line(line: &str, number: usize, tz: &TimeZone) -> Result<Session, ValidationError> {
    let bad = || {
        ValidationError::new(
            "sessions",
            format!("Line {number} (\"{line}\") must look like 1/11/2026 09:30-13:00"),
        )
    };
    let (date, times) = line.split_once(char::is_whitespace).ok_or_else(bad)?;
    let (from, to) = times.trim().split_once('-').ok_or_else(bad)?;
    let date = crate::dates::parse_uk_date(date, "sessions").map_err(|_| bad())?;
    let from: Time = from.trim().parse().map_err(|_| bad())?;
    let to: Time = to.trim().parse().map_err(|_| bad())?;
    if to <= from {
        return Err(ValidationError::new(
            "sessions",
            format!("Line {number}: the session must end after it starts"),
        ));
    }
    let instant = |t: Time| -> Result<i64, ValidationError> {
        let local: DateTime = date.to_datetime(t);
        tz.to_ambiguous_zoned(local)
            .compatible()
            .map(|z| z.timestamp().as_millisecond())
            .map_err(|_| bad())
    };
    let (starts_at, ends_at) = (instant(from)?, instant(to)?);
    // A start in the hour the clocks skip moves forward, past an end that does not.
    if ends_at <= starts_at {
        return Err(ValidationError::new(
            "sessions",
            format!(
                "Line {number}: the session must end after it starts; the clocks change that night, so check the times"
            ),
        ));
    }
    Ok(Session { starts_at, ends_at })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 1 January 2023, so the seed's 2023 dates are in the future.
    const NOW: i64 = 1_672_531_200_000;

    fn alternate_thursdays(rule: &str, exceptions: &str) -> Result<Schedule, ValidationError> {
        Schedule::recurrence(
            &RecurrenceInput {
                start_date: "2023-01-12",
                start_time: "09:30",
                duration_minutes: "180",
                timezone: "Europe/London",
                rule,
                exceptions,
            },
            NOW,
        )
    }

    #[test]
    fn nine_times_three_hours_on_alternate_thursdays() {
        let s = alternate_thursdays("FREQ=WEEKLY;INTERVAL=2;COUNT=9", "").unwrap();
        assert_eq!(s.sessions().len(), 9);
        assert_eq!(s.total_minutes(), 9 * 180);
        assert_eq!(
            describe_session(&s.sessions()[0], "Europe/London"),
            "Thursday 12 January 2023, 09:30 to 12:30"
        );
        // After the clocks go forward the session is still at 09:30 local time.
        assert_eq!(
            describe_session(&s.sessions()[8], "Europe/London"),
            "Thursday 4 May 2023, 09:30 to 12:30"
        );
    }

    #[test]
    fn exceptions_remove_sessions() {
        let s = alternate_thursdays("FREQ=WEEKLY;INTERVAL=2;COUNT=9", "2023-01-26").unwrap();
        assert_eq!(s.sessions().len(), 8);
    }

    #[test]
    fn rules_with_no_or_thousands_of_sessions_are_refused() {
        let none = alternate_thursdays("FREQ=WEEKLY;COUNT=1", "2023-01-12").unwrap_err();
        assert_eq!(none.field, "rule");
        assert!(none.message.contains("no sessions"), "{none}");
        let endless = alternate_thursdays("FREQ=DAILY", "").unwrap_err();
        assert_eq!(endless.field, "rule");
        assert!(endless.message.contains("more than 200"), "{endless}");
        let many = alternate_thursdays("FREQ=DAILY;COUNT=5000", "").unwrap_err();
        assert!(many.message.contains("more than 200"), "{many}");
        assert_eq!(
            alternate_thursdays("FREQ=SOMETIMES", "").unwrap_err().field,
            "rule"
        );
    }

    #[test]
    fn explicit_sessions_two_half_days() {
        let s = Schedule::explicit(
            "2026-11-01 09:30-13:00\n2026-11-02 09:30-13:00",
            "Europe/London",
            NOW,
        )
        .unwrap();
        assert_eq!(s.sessions().len(), 2);
        assert_eq!(s.sessions()[0].minutes(), 210);
        let e = Schedule::explicit("2026-11-01 13:00-09:30", "Europe/London", NOW).unwrap_err();
        assert!(e.message.contains("end after"));
        let e = Schedule::explicit("tomorrow morning", "Europe/London", NOW).unwrap_err();
        assert_eq!(e.field, "sessions");
        let e = Schedule::explicit("2026-11-01 09:30-13:00", "Mars/Olympus", NOW).unwrap_err();
        assert_eq!(e.field, "timezone");
    }

    #[test]
    fn a_session_starting_in_the_skipped_hour_still_ends_after_it_starts() {
        // Found by `cargo fuzz run schedule_explicit`: 01:48 does not exist in London on 25
        // March 2035, moves to 02:48 BST, and the session "ended" 18 minutes before it began.
        let e = Schedule::explicit("2035-03-25 01:48-02:30", "Europe/London", NOW).unwrap_err();
        assert_eq!(e.field, "sessions");
        assert!(e.message.contains("clocks change"), "{e}");
        let s = Schedule::explicit("2035-03-25 01:30-03:30", "Europe/London", NOW).unwrap();
        assert_eq!(s.sessions()[0].minutes(), 60);
    }

    #[test]
    fn the_past_is_refused() {
        let later = NOW + 10 * 365 * 86_400_000;
        let e = Schedule::explicit("2023-11-01 09:30-13:00", "Europe/London", later).unwrap_err();
        assert!(e.message.contains("future"));
        let e = Schedule::recurrence(
            &RecurrenceInput {
                start_date: "2023-01-12",
                start_time: "09:30",
                duration_minutes: "180",
                timezone: "Europe/London",
                rule: "FREQ=WEEKLY;COUNT=3",
                exceptions: "",
            },
            later,
        )
        .unwrap_err();
        assert_eq!(e.field, "start_date");
    }

    proptest! {
        #[test]
        fn explicit_sessions_end_after_they_start_in_every_zone(
            day in 0i64..3650, from in 0u32..1440, length in 1u32..600,
            zone in proptest::sample::select(vec!["Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"]),
        ) {
            let date = jiff::civil::date(2030, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap();
            let to = (from + length).min(1439);
            prop_assume!(to > from);
            let line = format!("{date} {:02}:{:02}-{:02}:{:02}", from / 60, from % 60, to / 60, to % 60);
            if let Ok(s) = Schedule::explicit(&line, zone, NOW) {
                prop_assert!(s.sessions()[0].ends_at > s.sessions()[0].starts_at, "{}", line);
            }
        }

        #[test]
        fn accepted_dates_print_and_parse_back(raw in "[0-9]{4}-[0-9]{2}-[0-9]{2}|\\PC{0,12}") {
            if let Ok(d) = parse_date(&raw, "start_date") {
                prop_assert_eq!(parse_date(&d.to_string(), "start_date"), Ok(d));
            }
        }

        #[test]
        fn any_typed_schedule_is_sorted_bounded_and_in_the_future(lines in proptest::collection::vec("20[2-4][0-9]-0[1-9]-[0-2][0-9] [0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]", 0..8)) {
            if let Ok(s) = Schedule::explicit(&lines.join("\n"), "Europe/London", NOW) {
                let x = s.sessions();
                prop_assert!(!x.is_empty() && x.len() <= MAX_SESSIONS && x[0].starts_at > NOW);
                prop_assert!(x.iter().all(|y| y.ends_at > y.starts_at));
                prop_assert!(x.windows(2).all(|w| w[0].ends_at <= w[1].starts_at));
            }
        }

        #[test]
        fn expanded_rules_are_bounded_sorted_and_sized(
            count in 1u32..400, interval in 1u32..5, freq in 0usize..3, minutes in 1i64..600,
        ) {
            let freq = ["DAILY", "WEEKLY", "MONTHLY"][freq];
            let rule = format!("FREQ={freq};INTERVAL={interval};COUNT={count}");
            let r = Schedule::recurrence(&RecurrenceInput {
                start_date: "2030-03-01", start_time: "10:00",
                duration_minutes: &minutes.to_string(), timezone: "Europe/Vienna",
                rule: &rule, exceptions: "",
            }, NOW);
            match r {
                Ok(s) => {
                    prop_assert_eq!(s.sessions().len(), count as usize);
                    prop_assert!(s.sessions().len() <= MAX_SESSIONS);
                    prop_assert!(s.sessions().windows(2).all(|w| w[0].ends_at <= w[1].starts_at));
                    prop_assert!(s.sessions().iter().all(|x| x.minutes() == minutes));
                }
                Err(e) => prop_assert!(count as usize > MAX_SESSIONS || (freq == "DAILY" && interval == 1 && minutes > 1440) || e.message.contains("overlap"), "{}", e),
            }
        }
    }
}
