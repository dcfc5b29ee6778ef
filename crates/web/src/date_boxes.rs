//! The GOV.UK date input posts three boxes (NAME_day, NAME_month, NAME_year) while the use
//! cases take one typed date. These join the boxes into the day-first line the domain reads
//! ("5/3/2027", or "/3/2027" when the day is missing, which it names), and split a typed date
//! back into boxes to show a form again.

use revans_domain::{date_parts, parse_uk_date};

/// Three boxes as posted.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct Boxes {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// The boxes as one line; blank when every box is blank.
pub fn joined(day: &str, month: &str, year: &str) -> String {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        String::new()
    } else {
        format!("{d}/{m}/{y}")
    }
}

/// The boxes as one line, or, when every box is blank, the one-line date posted instead (by
/// scripts and older pages that send `NAME` alone).
pub fn joined_or(text: String, day: &str, month: &str, year: &str) -> String {
    let boxes = joined(day, month, year);
    if boxes.is_empty() { text } else { boxes }
}

/// A typed date split into the boxes, to show a form again: a date that reads is split into
/// its day, month and year; a joined line is split where it was joined; anything else goes
/// into the day box so nothing typed is lost.
pub fn shown(text: &str) -> Boxes {
    if let Ok(date) = parse_uk_date(text, "date") {
        let (day, month, year) = date_parts(date);
        return Boxes { day, month, year };
    }
    let parts: Vec<&str> = text.split('/').collect();
    match parts.as_slice() {
        [day, month, year] => Boxes {
            day: (*day).to_owned(),
            month: (*month).to_owned(),
            year: (*year).to_owned(),
        },
        _ => Boxes {
            day: text.to_owned(),
            ..Boxes::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_join_and_split_back_without_losing_what_was_typed() {
        assert_eq!(joined(" 5", "3 ", "2027"), "5/3/2027");
        assert_eq!(joined("", " ", ""), "");
        let b = shown("5/3/2027");
        assert_eq!(
            (b.day.as_str(), b.month.as_str(), b.year.as_str()),
            ("5", "3", "2027")
        );
        let b = shown("2027-03-05");
        assert_eq!(
            (b.day.as_str(), b.month.as_str(), b.year.as_str()),
            ("5", "3", "2027")
        );
        let b = shown("31//2027");
        assert_eq!(
            (b.day.as_str(), b.month.as_str(), b.year.as_str()),
            ("31", "", "2027")
        );
        assert_eq!(shown("next week").day, "next week");
    }
}
