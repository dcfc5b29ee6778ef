//! A programme in the catalogue (C1): what it is, how it is delivered, and whether people can
//! see and apply for it. Free text is trimmed and bounded here so every page and export can
//! trust it.

use std::fmt;
use std::str::FromStr;

use crate::ValidationError;

macro_rules! labelled_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, $what:literal, { $($variant:ident => ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name stored and sent in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The catalogue id of [`Self::label`] (`admin.ftl`), for pages in the reader's language.
            pub fn message_id(self) -> &'static str {
                match self { $($name::$variant => concat!("admin-", $field, "-", $key)),+ }
            }
        }

        impl FromStr for $name {
            type Err = ValidationError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let s = s.trim();
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    ValidationError::new(
                        $field,
                        if s.is_empty() {
                            format!("Select {}", $what)
                        } else {
                            format!("\"{s}\" is not {}; choose from {}", $what, names.join(", "))
                        },
                    )
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

labelled_enum!(
    /// What sort of programme this is (seeds 001-005).
    ProgrammeKind, "kind", "a kind of programme", {
        LeadershipModule => ("leadership_module", "Leadership module"),
        ActionLearning => ("action_learning", "Action learning programme"),
        FacilitatorTraining => ("facilitator_training", "Facilitator training"),
        TrainTheTrainer => ("train_the_trainer", "Train the trainer"),
        SupportCircles => ("support_circles", "Support circle series"),
        ImmersionEvent => ("immersion_event", "Immersion event"),
        Masterclass => ("masterclass", "Masterclass"),
    }
);

labelled_enum!(
    /// Virtual (with a meeting link) or in person (at a place).
    DeliveryMode, "delivery_mode", "a delivery mode", {
        Virtual => ("virtual", "Virtual"),
        InPerson => ("in_person", "In person"),
    }
);

labelled_enum!(
    /// Draft programmes are seen by programme leads only; published ones are in the public
    /// catalogue; closed ones take no more applications.
    ProgrammeStatus, "status", "a programme status", {
        Draft => ("draft", "Draft"),
        Published => ("published", "Published"),
        Closed => ("closed", "Closed"),
    }
);

labelled_enum!(
    /// How approved applicants are ordered when places are offered.
    AllocationRule, "allocation_rule", "an allocation rule", {
        ApprovalOrder => ("approval_order", "In order of approval"),
        Lottery => ("lottery", "Seeded lottery"),
    }
);

labelled_enum!(
    /// A phase on the programme's timeline (seed 003: months 1-13).
    PhaseKind, "phases", "a phase", {
        Scoping => ("scoping", "Scoping"),
        Launch => ("launch", "Launch"),
        Sets => ("sets", "Action learning sets"),
        Masterclasses => ("masterclasses", "Masterclasses"),
        FinalEvent => ("final_event", "Final event"),
        Evaluation => ("evaluation", "Evaluation"),
    }
);

/// Where a programme happens: the meeting link or the place, as the applicant needs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Delivery {
    pub mode: DeliveryMode,
    /// The link (virtual) or the address (in person).
    pub detail: String,
}

impl Delivery {
    pub fn parse(mode: &str, detail: &str) -> Result<Self, ValidationError> {
        let mode = DeliveryMode::from_str(mode)?;
        let detail = detail.trim();
        match mode {
            DeliveryMode::Virtual if !detail.is_empty() && !detail.starts_with("https://") => {
                return Err(ValidationError::new(
                    "delivery_detail",
                    "The meeting link must start with https://",
                ));
            }
            DeliveryMode::InPerson if detail.is_empty() => {
                return Err(ValidationError::new(
                    "delivery_detail",
                    "Enter the place where the programme meets",
                ));
            }
            _ => {}
        }
        let detail = bounded(detail, "delivery_detail", "The meeting link or place", 300)?;
        Ok(Self { mode, detail })
    }
}

/// A required single-line text of at most `max` characters.
pub fn required_line(
    raw: &str,
    field: &'static str,
    what: &str,
    max: usize,
) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new(field, format!("Enter {what}")));
    }
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            field,
            format!("{} must be a single line", capital(what)),
        ));
    }
    bounded(value, field, &capital(what), max)
}

/// Optional free text (line breaks allowed) of at most `max` characters.
pub fn bounded(
    raw: &str,
    field: &'static str,
    what: &str,
    max: usize,
) -> Result<String, ValidationError> {
    let value = raw.trim().replace("\r\n", "\n");
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::new(
            field,
            format!("{what} must be {max} characters or fewer (you entered {len})"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ValidationError::new(
            field,
            format!("{what} must not contain control characters"),
        ));
    }
    Ok(value)
}

/// One item per non-blank line (eligibility statements, outcomes, questions), each bounded.
pub fn line_list(
    raw: &str,
    field: &'static str,
    what: &str,
    max_items: usize,
) -> Result<Vec<String>, ValidationError> {
    let items: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if items.len() > max_items {
        return Err(ValidationError::new(
            field,
            format!(
                "{} can have at most {max_items} lines (you entered {})",
                capital(what),
                items.len()
            ),
        ));
    }
    for item in &items {
        bounded(item, field, &format!("Each line of {what}"), 500)?;
    }
    Ok(items)
}

fn capital(what: &str) -> String {
    let bare = what
        .strip_prefix("a ")
        .or_else(|| what.strip_prefix("an "))
        .or_else(|| what.strip_prefix("the "))
        .unwrap_or(what);
    let mut chars = bare.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A fee in pence, typed in pounds ("0", "450", "450.00"). Blank means free.
pub fn parse_fee_pence(raw: &str) -> Result<i64, ValidationError> {
    let raw = raw.trim().trim_start_matches('£').replace(',', "");
    if raw.is_empty() {
        return Ok(0);
    }
    let err = || ValidationError::new("fee", "Enter the fee in pounds, like 450 or 450.00");
    let range = || ValidationError::new("fee", "The fee must be between £0 and £100,000");
    if raw.starts_with('-') {
        return Err(range());
    }
    let (pounds, pence) = match raw.split_once('.') {
        Some((p, d)) if d.len() == 2 => (p, d),
        Some(_) => return Err(err()),
        None => (raw.as_str(), "00"),
    };
    // Digits only: `i64::from_str` also takes a sign, and "0.-2" was once a fee of -2 pence.
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pounds) || !digits(pence) {
        return Err(err());
    }
    let pounds: i64 = pounds.parse().map_err(|_| range())?;
    let pence: i64 = pence.parse().map_err(|_| err())?;
    if !(0..=100_000).contains(&pounds) {
        return Err(range());
    }
    Ok(pounds * 100 + pence)
}

/// CPD hours, whole or half hours ("7", "7.5"), stored as minutes.
pub fn parse_cpd_minutes(raw: &str) -> Result<i64, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    let err = || ValidationError::new("cpd_hours", "Enter CPD hours as a number, like 7 or 7.5");
    let hours: f64 = raw.parse().map_err(|_| err())?;
    if !hours.is_finite() || !(0.0..=1000.0).contains(&hours) {
        return Err(ValidationError::new(
            "cpd_hours",
            "CPD hours must be between 0 and 1000",
        ));
    }
    Ok((hours * 60.0).round() as i64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_round_trip_and_name_the_choices() {
        for k in ProgrammeKind::ALL {
            assert_eq!(ProgrammeKind::from_str(k.as_str()), Ok(*k));
        }
        let e = ProgrammeKind::from_str("webinar").unwrap_err();
        assert_eq!(e.field, "kind");
        assert!(e.message.contains("train_the_trainer"));
        assert_eq!(
            ProgrammeKind::from_str("").unwrap_err().message,
            "Select a kind of programme"
        );
    }

    #[test]
    fn delivery_needs_a_place_or_a_secure_link() {
        assert!(Delivery::parse("virtual", "").is_ok());
        assert_eq!(
            Delivery::parse("virtual", "http://x").unwrap_err().field,
            "delivery_detail"
        );
        assert!(Delivery::parse("in_person", " ").is_err());
        assert_eq!(
            Delivery::parse("in_person", "Harbour House")
                .unwrap()
                .detail,
            "Harbour House"
        );
    }

    #[test]
    fn fees_and_hours() {
        assert_eq!(parse_fee_pence("£1,450.50"), Ok(145_050));
        assert_eq!(parse_fee_pence(""), Ok(0));
        assert!(parse_fee_pence("-3").is_err());
        assert!(parse_fee_pence("4.5").is_err());
        assert!(
            parse_fee_pence("100001")
                .unwrap_err()
                .message
                .contains("between")
        );
        assert!(parse_fee_pence("99999999999999999999").is_err());
        assert_eq!(parse_cpd_minutes("7.5"), Ok(450));
        assert!(parse_cpd_minutes("NaN").is_err());
    }

    #[test]
    fn a_fee_has_no_sign_anywhere() {
        // Found by `cargo fuzz run fee_and_cpd`: the pence were parsed with their sign.
        for signed in ["0.-2", "5.+1", "+5", "-0.50", "- 3", "1.-0"] {
            assert_eq!(
                parse_fee_pence(signed).unwrap_err().field,
                "fee",
                "{signed}"
            );
        }
    }

    proptest! {
        #[test]
        fn a_fee_in_range_prints_and_parses_back(pence in 0i64..=10_000_000) {
            let shown = format!("£{},{:03}.{:02}", pence / 100_000, (pence / 100) % 1000, pence % 100);
            prop_assert_eq!(parse_fee_pence(&shown), Ok(pence));
            prop_assert_eq!(parse_fee_pence(&format!("{}.{:02}", pence / 100, pence % 100)), Ok(pence));
        }

        #[test]
        fn any_accepted_fee_is_in_range(raw in "[-+£,.0-9 ]{0,12}") {
            if let Ok(pence) = parse_fee_pence(&raw) {
                prop_assert!((0..=10_000_099).contains(&pence), "{:?} gave {}", raw, pence);
            }
        }

        #[test]
        fn cpd_minutes_print_and_parse_back(raw in "[-+.0-9eE]{0,8}|\\PC{0,8}") {
            if let Ok(minutes) = parse_cpd_minutes(&raw) {
                prop_assert!((0..=60_000).contains(&minutes));
                prop_assert_eq!(parse_cpd_minutes(&(minutes as f64 / 60.0).to_string()), Ok(minutes));
            }
        }

        #[test]
        fn line_lists_hold_only_trimmed_non_blank_lines(raw in "[a-z \\n]{0,200}") {
            if let Ok(items) = line_list(&raw, "eligibility", "eligibility", 50) {
                for i in items {
                    prop_assert!(!i.is_empty());
                    prop_assert_eq!(i.trim(), i.as_str());
                    prop_assert!(!i.contains('\n'));
                }
            }
        }
    }
}
