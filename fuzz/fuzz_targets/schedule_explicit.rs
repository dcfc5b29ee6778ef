//! `Schedule::explicit`: sessions typed one per line (`2026-11-01 09:30-13:00`) in a zone.
//! Either typed freely, or built from numbers in real zones with daylight-saving changes, so
//! the fuzzer reaches the clock changes. An accepted schedule is non-empty, bounded, sorted,
//! without overlaps, in the future, and every session ends after it starts.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use revans_domain::{MAX_SESSIONS, Schedule};

const ZONES: &[&str] = &[
    "Europe/London",
    "Europe/Vienna",
    "America/New_York",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "UTC",
];

#[derive(Debug, Arbitrary)]
struct Line {
    year: u16,
    month: u8,
    day: u8,
    from: (u8, u8),
    to: (u8, u8),
}

#[derive(Debug, Arbitrary)]
enum Input<'a> {
    Typed {
        lines: &'a str,
        zone: &'a str,
        now: i64,
    },
    Built {
        lines: Vec<Line>,
        zone: u8,
        now_days: u16,
    },
}

fuzz_target!(|input: Input<'_>| {
    let (text, zone, now) = match input {
        Input::Typed { lines, zone, now } => (lines.to_owned(), zone.to_owned(), now),
        Input::Built {
            lines,
            zone,
            now_days,
        } => {
            let text: Vec<String> = lines
                .iter()
                .map(|l| {
                    format!(
                        "{:04}-{:02}-{:02} {:02}:{:02}-{:02}:{:02}",
                        2020 + l.year % 20,
                        1 + l.month % 12,
                        1 + l.day % 31,
                        l.from.0 % 24,
                        l.from.1 % 60,
                        l.to.0 % 24,
                        l.to.1 % 60
                    )
                })
                .collect();
            let zone = ZONES[usize::from(zone) % ZONES.len()];
            // From 1 January 2020, by days.
            let now = 1_577_836_800_000 + i64::from(now_days) * 86_400_000;
            (text.join("\n"), zone.to_owned(), now)
        }
    };
    let Ok(s) = Schedule::explicit(&text, &zone, now) else {
        return;
    };
    let sessions = s.sessions();
    assert!(!sessions.is_empty() && sessions.len() <= MAX_SESSIONS);
    assert!(sessions[0].starts_at > now);
    assert_eq!(s.first_start(), sessions[0].starts_at);
    assert_eq!(s.timezone(), zone.trim());
    for x in sessions {
        assert!(x.ends_at > x.starts_at, "{x:?} from {text:?} in {zone}");
    }
    for w in sessions.windows(2) {
        assert!(w[0].ends_at <= w[1].starts_at, "{w:?}");
    }
});
