//! The short free-text values people type (names, token labels, diary entries, single lines,
//! bounded text, the delivery detail, the completion rule, ids): whatever is accepted keeps its
//! rules and parses again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_domain::{
    CompletionRule, Delivery, EntryBody, Id, OrganisationName, Password, PersonName, TokenName,
    bounded, required_line,
};

fn clean_line(s: &str, max: usize) {
    assert!(!s.is_empty());
    assert_eq!(s.trim(), s);
    assert!(s.chars().count() <= max);
    assert!(!s.chars().any(char::is_control));
}

fuzz_target!(|input: (&str, &str, u8)| {
    let (raw, other, sessions) = input;
    if let Ok(n) = PersonName::parse(raw) {
        clean_line(n.as_str(), PersonName::MAX_CHARS);
        assert_eq!(PersonName::parse(n.as_str()).as_ref(), Ok(&n));
    }
    if let Ok(n) = OrganisationName::parse(raw) {
        clean_line(n.as_str(), OrganisationName::MAX_CHARS);
        assert_eq!(OrganisationName::parse(n.as_str()).as_ref(), Ok(&n));
    }
    if let Ok(n) = TokenName::parse(raw) {
        clean_line(n.as_str(), TokenName::MAX_CHARS);
        assert_eq!(TokenName::parse(n.as_str()).as_ref(), Ok(&n));
    }
    let chars = raw.chars().count();
    match Password::parse(raw) {
        Ok(p) => {
            assert_eq!(p.expose(), raw, "a password is kept exactly as typed");
            assert!((Password::MIN_CHARS..=Password::MAX_CHARS).contains(&chars));
        }
        Err(_) => assert!(!(Password::MIN_CHARS..=Password::MAX_CHARS).contains(&chars)),
    }
    if let Ok(b) = EntryBody::parse(raw, "body") {
        assert_eq!(b.as_str(), raw.trim());
        assert_eq!(EntryBody::parse(b.as_str(), "body").as_ref(), Ok(&b));
    }
    if let Ok(l) = required_line(raw, "title", "a title", 120) {
        clean_line(&l, 120);
        assert_eq!(required_line(&l, "title", "a title", 120).as_ref(), Ok(&l));
    }
    if let Ok(b) = bounded(raw, "summary", "The summary", 300) {
        assert!(b.chars().count() <= 300);
        assert!(!b.contains('\r'));
        assert_eq!(bounded(&b, "summary", "The summary", 300).as_ref(), Ok(&b));
    }
    if let Ok(d) = Delivery::parse(other, raw) {
        assert_eq!(Delivery::parse(d.mode.as_str(), &d.detail).as_ref(), Ok(&d));
    }
    let sessions = usize::from(sessions);
    if let Ok(rule) = CompletionRule::parse(other, raw, sessions) {
        let (name, minimum) = rule.to_parts();
        assert_eq!(CompletionRule::from_parts(name, minimum), Some(rule));
        if let CompletionRule::AtLeast(n) = rule {
            assert!(n >= 1 && n as usize <= sessions);
            assert_eq!(raw.trim().parse::<i64>().ok(), Some(i64::from(n)));
        }
    }
    if let Some(id) = Id::parse(raw) {
        assert_eq!(id.as_str(), raw);
        assert!(!raw.contains(['/', '.', '%', '?', '#']));
    }
});
