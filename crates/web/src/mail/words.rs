//! The words the application layer queued as data ([`Text`]), written in the current locale
//! (the recipient's, see `worker.rs`) when the email is rendered.

use revans_app::mail::{Text, Value};
use revans_i18n::{Arg, t, t_args};

/// A queued text in the current locale; text queued before emails were translated as written.
pub fn write(text: &Text) -> String {
    match text {
        Text::Written(s) => s.clone(),
        Text::Message { id, args } => {
            let values: Vec<(&str, Arg<'_>)> = args
                .iter()
                .map(|(key, value)| (key.as_str(), value_arg(value)))
                .collect();
            t_args(id, &values)
        }
    }
}

/// "Dear Ada,"; "Dear colleague," for someone Revans has no name for (a 360 rater).
pub fn greeting(name: impl std::fmt::Display) -> String {
    let name = name.to_string();
    if name.is_empty() || name == "colleague" {
        t("email-dear-colleague")
    } else {
        revans_i18n::t_args("email-dear", &[("name", Arg::from(name))])
    }
}

/// Each of a list of texts.
pub fn write_all(texts: &[Text]) -> Vec<String> {
    texts.iter().map(write).collect()
}

fn value_arg(value: &Value) -> Arg<'static> {
    match value {
        Value::Number(n) => Arg::from(*n),
        other => Arg::from(value_text(other)),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Plain(s) => s.clone(),
        Value::Number(n) => revans_i18n::whole_number(*n),
        Value::Moment { ms, zone } => revans_i18n::when_in(*ms, zone),
        Value::LastDay { ms, zone } => revans_i18n::last_day(*ms, zone),
        Value::Session {
            starts_at,
            ends_at,
            zone,
        } => session(*starts_at, *ends_at, zone),
        Value::Hours(minutes) => hours(*minutes),
        Value::Names(names) => names_list(names),
        Value::Text(text) => write(text),
    }
}

/// "Thursday 5 March 2027, 10:00 to 12:00 (Europe/London)", in the current locale.
fn session(starts_at: i64, ends_at: i64, zone: &str) -> String {
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let at = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .ok()
            .map(|t| t.to_zoned(tz.clone()))
    };
    match (at(starts_at), at(ends_at)) {
        (Some(s), Some(e)) => t_args(
            "email-session",
            &[
                ("day", Arg::from(revans_i18n::current().day(s.date()))),
                ("start", Arg::from(s.strftime("%H:%M").to_string())),
                ("end", Arg::from(e.strftime("%H:%M").to_string())),
                ("zone", Arg::from(zone.to_owned())),
            ],
        ),
        _ => t("unknown-time"),
    }
}

/// Minutes as hours to a tenth: "7", "7.5" ("7,5" in German).
fn hours(minutes: i64) -> String {
    let tenths = minutes / 6;
    if tenths % 10 == 0 {
        revans_i18n::whole_number(tenths / 10)
    } else {
        revans_i18n::decimal(tenths as f64 / 10.0, 1)
    }
}

/// "Ada", "Ada and Ben", "Ada, Ben and Cy" (the last joined by the locale's "and").
fn names_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => t_args(
            "email-names",
            &[
                ("first", Arg::from(rest.join(", "))),
                ("last", Arg::from(last.clone())),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use revans_i18n::{Locale, sync_scope};

    #[test]
    fn old_payloads_stay_as_written_and_messages_follow_the_locale() {
        assert_eq!(write(&Text::Written("Hello".into())), "Hello");
        let names = Text::new("email-facilitated-by")
            .arg("names", Value::Names(vec!["Ada".into(), "Ben".into()]));
        assert_eq!(write(&names), "Facilitated by Ada and Ben.");
        sync_scope(Locale::De, || {
            assert_eq!(write(&names), "Begleitet von Ada und Ben.");
        });
    }
}
