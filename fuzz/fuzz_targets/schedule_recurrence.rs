//! `Schedule::recurrence`: an RFC 5545 rule with a start, a duration, a zone and exception
//! dates, as a lead types them. An accepted schedule has at most `MAX_SESSIONS` sessions of the
//! given length, sorted, without overlaps, in the future.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use revans_domain::{MAX_SESSIONS, RecurrenceInput, Schedule};

const ZONES: &[&str] = &[
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "UTC",
];

/// Either every field typed freely, or a valid start, length and zone with a free rule, so
/// most runs reach the rule itself (see `dicts/schedule_recurrence.dict` for its words).
#[derive(Debug, Arbitrary)]
enum Input<'a> {
    Typed {
        start_date: &'a str,
        start_time: &'a str,
        duration_minutes: &'a str,
        timezone: &'a str,
        rule: &'a str,
        exceptions: &'a str,
        now: i64,
    },
    Built {
        day: u16,
        minute: u16,
        duration: u16,
        zone: u8,
        rule: &'a str,
        exceptions: Vec<u16>,
    },
}

fuzz_target!(|i: Input<'_>| {
    let date =
        |days: u16| jiff::civil::date(2024, 1, 1) + jiff::Span::new().days(i64::from(days % 3650));
    let (start_date, start_time, duration, timezone, rule, exceptions, now) = match i {
        Input::Typed {
            start_date,
            start_time,
            duration_minutes,
            timezone,
            rule,
            exceptions,
            now,
        } => (
            start_date.to_owned(),
            start_time.to_owned(),
            duration_minutes.to_owned(),
            timezone.to_owned(),
            rule,
            exceptions.to_owned(),
            now,
        ),
        Input::Built {
            day,
            minute,
            duration,
            zone,
            rule,
            exceptions,
        } => (
            date(day).to_string(),
            format!("{:02}:{:02}", (minute / 60) % 24, minute % 60),
            (duration % 1500).to_string(),
            ZONES[usize::from(zone) % ZONES.len()].to_owned(),
            rule,
            exceptions
                .iter()
                .map(|d| date(*d).to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            1_704_067_200_000, // 1 January 2024
        ),
    };
    let input = RecurrenceInput {
        start_date: &start_date,
        start_time: &start_time,
        duration_minutes: &duration,
        timezone: &timezone,
        rule,
        exceptions: &exceptions,
    };
    let Ok(s) = Schedule::recurrence(&input, now) else {
        return;
    };
    let minutes: i64 = duration.trim().parse().expect("an accepted duration");
    let sessions = s.sessions();
    assert!(!sessions.is_empty() && sessions.len() <= MAX_SESSIONS);
    assert!(sessions[0].starts_at > now);
    assert!(sessions.iter().all(|x| x.minutes() == minutes));
    assert!(sessions.windows(2).all(|w| w[0].ends_at <= w[1].starts_at));
    assert_eq!(s.timezone(), timezone.trim());
});
