//! The languages Revans speaks, and how a date or a number is written in each. Pure: the
//! catalogues of messages live in `revans-i18n`; this is what a person can choose.

use jiff::civil::Date;

/// A language a person can read Revans in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Locale {
    /// British English, the language Revans is written in.
    #[default]
    #[serde(rename = "en-GB")]
    EnGb,
    #[serde(rename = "de")]
    De,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::EnGb, Locale::De];

    /// The BCP 47 tag, for `<html lang>`, `Content-Language` and the catalogues' folders.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
            Locale::De => "de",
        }
    }

    /// The language's name in itself, for the choice on the account page.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::EnGb => "English",
            Locale::De => "Deutsch",
        }
    }

    /// Reads a tag as a person or a browser writes it: `de`, `de-DE`, `de-AT`, `en`, `en-GB`,
    /// `en-US` (any English is British English here). Case is ignored.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::EnGb),
            "de" => Some(Locale::De),
            _ => None,
        }
    }

    /// The best language for an `Accept-Language` header: the highest-weighted one Revans
    /// speaks; ties keep the header's order. `None` when it names none of ours.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(u16, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(locale) = pieces.next().and_then(Locale::parse) else {
                continue;
            };
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1000, |q| {
                    (q.trim().parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0) * 1000.0) as u16
                });
            if weight > 0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, l)| l)
    }

    /// A calendar day in words: "11 February 2027", "11. Februar 2027".
    pub fn day(self, date: Date) -> String {
        let month = self.month_name(date.month());
        match self {
            Locale::EnGb => format!("{} {} {}", date.day(), month, date.year()),
            Locale::De => format!("{}. {} {}", date.day(), month, date.year()),
        }
    }

    /// A day with a short month and a time, as lists show moments: "22 Nov 2026, 14:05",
    /// "22. Nov. 2026, 14:05".
    pub fn day_and_time(self, date: Date, hour: i8, minute: i8) -> String {
        let month = self.month_short(date.month());
        match self {
            Locale::EnGb => format!(
                "{} {} {}, {hour:02}:{minute:02}",
                date.day(),
                month,
                date.year()
            ),
            Locale::De => format!(
                "{}. {} {}, {hour:02}:{minute:02}",
                date.day(),
                month,
                date.year()
            ),
        }
    }

    /// A whole number with its thousands grouped: "1,234,567" or "1.234.567".
    pub fn whole_number(self, n: i64) -> String {
        let separator = match self {
            Locale::EnGb => ',',
            Locale::De => '.',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    /// A number with `places` decimals: "12.5" or "12,5"; the whole part grouped.
    pub fn decimal(self, x: f64, places: usize) -> String {
        let text = format!("{:.*}", places, x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let whole: i64 = whole.parse().unwrap_or(0);
        let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        let grouped = self.whole_number(whole);
        if fraction.is_empty() {
            return format!("{sign}{grouped}");
        }
        let point = match self {
            Locale::EnGb => '.',
            Locale::De => ',',
        };
        format!("{sign}{grouped}{point}{fraction}")
    }

    fn month_name(self, month: i8) -> &'static str {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const DE: [&str; 12] = [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ];
        let i = usize::try_from(month - 1).unwrap_or(0).min(11);
        match self {
            Locale::EnGb => EN[i],
            Locale::De => DE[i],
        }
    }

    fn month_short(self, month: i8) -> &'static str {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        // German abbreviations as Duden writes them (May, June and July are not shortened).
        const DE: [&str; 12] = [
            "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
            "Dez.",
        ];
        let i = usize::try_from(month - 1).unwrap_or(0).min(11);
        match self {
            Locale::EnGb => EN[i],
            Locale::De => DE[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_read_as_people_write_them() {
        assert_eq!(Locale::parse("de-AT"), Some(Locale::De));
        assert_eq!(Locale::parse("EN_us"), Some(Locale::EnGb));
        assert_eq!(Locale::parse("fr"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn accept_language_picks_the_heaviest_of_ours() {
        assert_eq!(
            Locale::from_accept_language("fr-FR, de;q=0.8, en;q=0.7"),
            Some(Locale::De)
        );
        assert_eq!(
            Locale::from_accept_language("de;q=0.5, en-GB"),
            Some(Locale::EnGb)
        );
        assert_eq!(Locale::from_accept_language("de;q=0, fr"), None);
        assert_eq!(Locale::from_accept_language("*"), None);
    }

    #[test]
    fn days_are_written_the_local_way() {
        let d = jiff::civil::date(2027, 3, 5);
        assert_eq!(Locale::EnGb.day(d), "5 March 2027");
        assert_eq!(Locale::De.day(d), "5. März 2027");
        assert_eq!(Locale::De.day_and_time(d, 9, 5), "5. März 2027, 09:05");
    }

    #[test]
    fn numbers_are_grouped_the_local_way() {
        assert_eq!(Locale::EnGb.whole_number(1_234_567), "1,234,567");
        assert_eq!(Locale::De.whole_number(-1_234), "-1.234");
        assert_eq!(Locale::De.decimal(1234.5, 1), "1.234,5");
        assert_eq!(Locale::EnGb.decimal(-0.04, 1), "0.0");
    }

    proptest! {
        #[test]
        fn grouping_keeps_every_digit(n in any::<i64>()) {
            for locale in Locale::ALL {
                let text = locale.whole_number(n);
                let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
                prop_assert_eq!(digits, n.to_string());
            }
        }
    }
}
