//! A facilitator's record (C6): what they bring (years facilitating groups, confidence online,
//! the languages they facilitate in), their qualifications, and the supervision they log. Each
//! value validates on construction, so the app layer stores only what these accept.

use jiff::civil::Date;

use crate::keyword::keyword_enum;
use crate::programme::{bounded, required_line};
use crate::{ValidationError, parse_uk_date};

keyword_enum!(
    /// How confident someone is facilitating online.
    OnlineConfidence, "online_confidence", "how confident you are facilitating online", {
        NotYet => "not_yet",
        Somewhat => "somewhat",
        Confident => "confident",
        VeryConfident => "very_confident",
    }
);

impl OnlineConfidence {
    /// The words a person would use.
    pub fn label(self) -> &'static str {
        match self {
            OnlineConfidence::NotYet => "Not yet confident",
            OnlineConfidence::Somewhat => "Somewhat confident",
            OnlineConfidence::Confident => "Confident",
            OnlineConfidence::VeryConfident => "Very confident",
        }
    }

    /// The catalogue id of its words (`circles.ftl`).
    pub fn message_id(self) -> &'static str {
        match self {
            OnlineConfidence::NotYet => "facil-confidence-not-yet",
            OnlineConfidence::Somewhat => "facil-confidence-somewhat",
            OnlineConfidence::Confident => "facil-confidence-confident",
            OnlineConfidence::VeryConfident => "facil-confidence-very",
        }
    }
}

keyword_enum!(
    /// A supervision session with one facilitator, or with a group of them.
    SupervisionKind, "kind", "one-to-one or group", {
        OneToOne => "one_to_one",
        Group => "group",
    }
);

impl SupervisionKind {
    pub fn label(self) -> &'static str {
        match self {
            SupervisionKind::OneToOne => "One-to-one",
            SupervisionKind::Group => "Group",
        }
    }

    /// The catalogue id of its words (`circles.ftl`).
    pub fn message_id(self) -> &'static str {
        match self {
            SupervisionKind::OneToOne => "supervision-kind-one-to-one",
            SupervisionKind::Group => "supervision-kind-group",
        }
    }
}

/// Years of group facilitation: a whole number from 0 to 60.
pub fn parse_years(raw: &str) -> Result<i64, ValidationError> {
    let field = "years_facilitating";
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValidationError::new(
            field,
            "Enter how many years you have facilitated groups, like 3 (0 if none)",
        ));
    }
    match text.parse::<i64>() {
        Ok(n) if (0..=60).contains(&n) => Ok(n),
        _ => Err(ValidationError::new(
            field,
            "Years facilitating must be a whole number from 0 to 60",
        )),
    }
}

/// The languages someone facilitates in: lower-case codes (`en`, `cy`, `pa`), separated by
/// commas or spaces, each once, at least one, at most 12.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages(Vec<String>);

impl Languages {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let field = "languages";
        let mut codes: Vec<String> = Vec::new();
        for part in raw.split([',', ' ', ';']).filter(|p| !p.trim().is_empty()) {
            let code = part.trim().to_ascii_lowercase();
            let ok = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
            if !ok {
                return Err(ValidationError::new(
                    field,
                    format!(
                        "\"{}\" is not a language code; write two or three letters, like en or cy",
                        part.trim()
                    ),
                ));
            }
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        if codes.is_empty() {
            return Err(ValidationError::new(
                field,
                "Enter the languages you facilitate in, like en, cy",
            ));
        }
        if codes.len() > 12 {
            return Err(ValidationError::new(field, "Enter 12 languages or fewer"));
        }
        Ok(Languages(codes))
    }

    pub fn codes(&self) -> &[String] {
        &self.0
    }

    /// As stored: codes separated by commas.
    pub fn stored(&self) -> String {
        self.0.join(",")
    }
}

/// Training history in the facilitator's words: up to 2,000 characters, may be empty.
pub fn parse_training(raw: &str) -> Result<String, ValidationError> {
    bounded(raw, "training_history", "Training history", 2000)
}

/// A qualification as typed by its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    pub name: String,
    pub level: String,
    pub awarded_on: Date,
    pub expires_on: Option<Date>,
    /// A link to the evidence or where it is kept; may be empty.
    pub evidence: String,
}

impl Qualification {
    /// Checks every field, returning every problem at once. Dates are day-first lines
    /// (`5/3/2027`) or ISO (`2027-03-05`); the expiry may be empty and must follow the award.
    pub fn parse(
        name: &str,
        level: &str,
        awarded_on: &str,
        expires_on: &str,
        evidence: &str,
        today: Date,
    ) -> Result<Self, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = keep(
            &mut errors,
            required_line(name, "name", "the qualification's name", 200),
        );
        let level = keep(
            &mut errors,
            required_line(level, "level", "its level, like Level 5", 100),
        );
        let awarded = keep(
            &mut errors,
            parse_uk_date(awarded_on, "awarded_on").and_then(|d| {
                if d > today {
                    Err(ValidationError::new(
                        "awarded_on",
                        "The date awarded must be today or in the past",
                    ))
                } else {
                    Ok(d)
                }
            }),
        );
        let expires = if expires_on.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut errors,
                parse_uk_date(expires_on, "expires_on").map(Some),
            )
        };
        let evidence = keep(&mut errors, bounded(evidence, "evidence", "Evidence", 500));
        if let (Some(a), Some(Some(x))) = (awarded, expires)
            && x <= a
        {
            errors.push(ValidationError::new(
                "expires_on",
                "The expiry date must be after the date awarded",
            ));
        }
        match (name, level, awarded, expires, evidence) {
            (Some(name), Some(level), Some(awarded_on), Some(expires_on), Some(evidence))
                if errors.is_empty() =>
            {
                Ok(Qualification {
                    name,
                    level,
                    awarded_on,
                    expires_on,
                    evidence,
                })
            }
            _ => Err(errors),
        }
    }
}

fn keep<T>(errors: &mut Vec<ValidationError>, r: Result<T, ValidationError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

/// Supervision time as hours typed with up to two decimals (`1.5`, `0.75`, `2`), kept as whole
/// minutes: more than 0 and at most 24 hours.
pub fn parse_hours(raw: &str) -> Result<i64, ValidationError> {
    let field = "hours";
    let text = raw.trim();
    let bad = || {
        ValidationError::new(
            field,
            "Enter the hours as a number from 0.25 to 24, like 1.5",
        )
    };
    if text.is_empty() {
        return Err(ValidationError::new(
            field,
            "Enter how many hours the supervision lasted, like 1.5",
        ));
    }
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 2
    {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let hundredths: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let minutes = whole * 60 + (hundredths * 60 + 50) / 100;
    if !(15..=24 * 60).contains(&minutes) {
        return Err(bad());
    }
    Ok(minutes)
}

/// Minutes shown as hours with up to two decimals: 90 -> "1.5", 45 -> "0.75", 120 -> "2".
pub fn hours_text(minutes: i64) -> String {
    let hundredths = (minutes * 100 + 30) / 60;
    let whole = hundredths / 100;
    let frac = hundredths % 100;
    if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> Date {
        jiff::civil::date(2026, 12, 2)
    }

    #[test]
    fn hours_read_as_minutes() {
        assert_eq!(parse_hours("1.5"), Ok(90));
        assert_eq!(parse_hours("0.75"), Ok(45));
        assert_eq!(parse_hours("2"), Ok(120));
        assert_eq!(parse_hours(".5"), Ok(30));
        for bad in ["", "0", "0.1", "25", "1.234", "-1", "1,5", "abc", "."] {
            assert_eq!(parse_hours(bad).unwrap_err().field, "hours", "{bad}");
        }
    }

    #[test]
    fn languages_are_codes_each_once() {
        let l = Languages::parse("EN, cy en").unwrap();
        assert_eq!(l.stored(), "en,cy");
        assert!(Languages::parse("").is_err());
        assert!(Languages::parse("English").is_err());
    }

    #[test]
    fn a_qualification_names_every_problem() {
        let errs = Qualification::parse("", "", "31/2/2020", "", "", today()).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "level", "awarded_on"]);
        let errs = Qualification::parse("ILM", "Level 5", "5/3/2024", "1/1/2024", "", today())
            .unwrap_err();
        assert_eq!(errs[0].field, "expires_on");
        let errs = Qualification::parse("ILM", "Level 5", "5/3/2030", "", "", today()).unwrap_err();
        assert_eq!(errs[0].field, "awarded_on");
        let q =
            Qualification::parse("ILM", "Level 5", "5/3/2024", "5/3/2027", "", today()).unwrap();
        assert_eq!(q.awarded_on, jiff::civil::date(2024, 3, 5));
    }

    #[test]
    fn confidence_and_kind_parse_their_words() {
        assert_eq!(
            OnlineConfidence::parse("very_confident"),
            Ok(OnlineConfidence::VeryConfident)
        );
        assert_eq!(SupervisionKind::parse("").unwrap_err().field, "kind");
        assert_eq!(parse_years("61").unwrap_err().field, "years_facilitating");
        assert_eq!(parse_years(" 3 "), Ok(3));
    }

    proptest! {
        #[test]
        fn hours_round_trip_for_quarter_hours(q in 1i64..=96) {
            let minutes = q * 15;
            prop_assert_eq!(parse_hours(&hours_text(minutes)), Ok(minutes));
        }
    }
}
