//! `EmailAddress::parse`: whatever is accepted is trimmed, lower-cased, of a bounded length,
//! has one mailbox and one dotted domain, and parses again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_domain::EmailAddress;

fuzz_target!(|raw: &str| {
    let Ok(email) = EmailAddress::parse(raw) else {
        return;
    };
    let s = email.as_str();
    assert_eq!(s, raw.trim().to_lowercase());
    assert!(s.chars().count() <= 254);
    assert!(!s.chars().any(char::is_whitespace));
    let (local, domain) = s.rsplit_once('@').expect("an accepted address has an @");
    assert!(!local.is_empty() && local.len() <= 64);
    assert!(domain.contains('.'));
    assert_eq!(EmailAddress::parse(s).as_ref(), Ok(&email));
});
