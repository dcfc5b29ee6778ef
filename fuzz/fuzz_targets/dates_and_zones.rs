//! `parse_date` and `parse_zone` (form fields and CSV cells) and `describe_session` (any stored
//! instant, any zone name): an accepted date prints and parses to itself; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_domain::{Session, describe_session, parse_zone, schedule_date};

fuzz_target!(|input: (&str, i64, i64)| {
    let (raw, a, b) = input;
    if let Ok(date) = schedule_date(raw, "start_date") {
        assert_eq!(schedule_date(&date.to_string(), "start_date"), Ok(date));
    }
    if let Ok(zone) = parse_zone(raw) {
        assert_eq!(parse_zone(raw.trim()).ok(), Some(zone));
    }
    let text = describe_session(
        &Session {
            starts_at: a,
            ends_at: b,
        },
        raw,
    );
    assert!(!text.is_empty());
});
