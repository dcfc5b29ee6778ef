//! Both catalogues hold the same messages: a message in one language and not the other fails
//! here, naming it.

use std::collections::BTreeSet;

#[test]
fn every_message_exists_in_every_locale() {
    let all = revans_i18n::message_ids();
    let mut problems = Vec::new();
    for a in &all {
        let mut seen = BTreeSet::new();
        for id in &a.ids {
            if !seen.insert(id) {
                problems.push(format!("{} defines `{id}` twice", a.locale.tag()));
            }
        }
        for b in &all {
            let theirs: BTreeSet<_> = b.ids.iter().collect();
            for id in &seen {
                if !theirs.contains(id) {
                    problems.push(format!(
                        "`{id}` is in {} but not in {}",
                        a.locale.tag(),
                        b.locale.tag()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        all.iter().all(|l| l.ids.len() > 20),
        "the catalogues were not found"
    );
}

#[test]
fn german_is_german() {
    use revans_i18n::{Locale, t_in};
    assert_eq!(t_in(Locale::EnGb, "nav-home"), "Home");
    assert_eq!(t_in(Locale::De, "nav-home"), "Startseite");
    assert_eq!(t_in(Locale::De, "no-such-message"), "no-such-message");
}
