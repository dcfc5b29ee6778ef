//! `Schedule::recurrence`: an RFC 5545 rule with a start, a duration, a zone and exception
//! dates, as a lead types them. An accepted schedule has at most `MAX_SESSIONS` sessions of the
//! given length, sorted, without overlaps, in the future.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use revans_domain::{MAX_SESSIONS, RecurrenceInput, Schedule};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    start_date: &'a str,
    start_time: &'a str,
    duration_minutes: &'a str,
    timezone: &'a str,
    rule: &'a str,
    exceptions: &'a str,
    now: i64,
}

fuzz_target!(|i: Input<'_>| {
    let input = RecurrenceInput {
        start_date: i.start_date,
        start_time: i.start_time,
        duration_minutes: i.duration_minutes,
        timezone: i.timezone,
        rule: i.rule,
        exceptions: i.exceptions,
    };
    let Ok(s) = Schedule::recurrence(&input, i.now) else {
        return;
    };
    let minutes: i64 = i.duration_minutes.trim().parse().expect("an accepted duration");
    let sessions = s.sessions();
    assert!(!sessions.is_empty() && sessions.len() <= MAX_SESSIONS);
    assert!(sessions[0].starts_at > i.now);
    assert!(sessions.iter().all(|x| x.minutes() == minutes));
    assert!(sessions.windows(2).all(|w| w[0].ends_at <= w[1].starts_at));
    assert_eq!(s.timezone(), i.timezone.trim());
});
