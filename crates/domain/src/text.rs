//! Short free-text values people type: names and labels. Each is trimmed, must not be blank,
//! has a length limit, and refuses control characters (they break emails and CSV exports).

use std::fmt;

use crate::ValidationError;

fn clean(
    raw: &str,
    field: &'static str,
    what: &str,
    max: usize,
) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new(field, format!("Enter {what}")));
    }
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::new(
            field,
            format!(
                "{} must be {max} characters or fewer (you entered {len})",
                capitalise(what)
            ),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            field,
            format!(
                "{} must not contain line breaks or control characters",
                capitalise(what)
            ),
        ));
    }
    Ok(value.to_owned())
}

fn capitalise(what: &str) -> String {
    // "a full name" -> "Full name": messages read naturally either way round.
    let bare = what
        .strip_prefix("a ")
        .or_else(|| what.strip_prefix("an "))
        .or_else(|| what.strip_prefix("the "))
        .unwrap_or(what);
    let mut chars = bare.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $what:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, ValidationError> {
                clean(raw, $field, $what, $max).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_type!(
    /// A person's full name as they want it shown.
    PersonName, "name", "a full name", 100
);
text_type!(
    /// An organisation's name (a trust, an ICS, a council, a provider).
    OrganisationName, "name", "the organisation name", 200
);
text_type!(
    /// A label for a personal access token, so its owner knows which to revoke.
    TokenName, "name", "a name for the token", 60
);

text_type!(
    /// An action learning set's name, unique within its cohort ("Set 1" until the lead renames
    /// it, like "Harbour Thursday set").
    SetName, "name", "a name for the set", 60
);

/// A password as typed. Never stored, never printed: only its argon2 hash is kept.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    /// NCSC guidance favours length over composition rules, so the only rules are length.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let len = raw.chars().count();
        if len < Self::MIN_CHARS {
            return Err(ValidationError::new(
                "password",
                format!("Password must be at least {} characters", Self::MIN_CHARS),
            ));
        }
        if len > Self::MAX_CHARS {
            return Err(ValidationError::new(
                "password",
                format!("Password must be {} characters or fewer", Self::MAX_CHARS),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(\"[redacted]\")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("  Asha Patel ").unwrap().as_str(),
            "Asha Patel"
        );
        let err = PersonName::parse("   ").unwrap_err();
        assert_eq!(
            (err.field, err.message.as_str()),
            ("name", "Enter a full name")
        );
        let long = "x".repeat(101);
        let err = PersonName::parse(&long).unwrap_err();
        assert_eq!(
            err.message,
            "Full name must be 100 characters or fewer (you entered 101)"
        );
        assert!(OrganisationName::parse("North\nTrust").is_err());
    }

    #[test]
    fn password_never_prints() {
        let p = Password::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
        assert!(Password::parse("short").is_err());
    }

    #[test]
    fn set_names_name_the_field_and_limit() {
        assert_eq!(
            SetName::parse(" Thursday set ").unwrap().as_str(),
            "Thursday set"
        );
        assert_eq!(
            SetName::parse("").unwrap_err().message,
            "Enter a name for the set"
        );
        assert_eq!(
            SetName::parse(&"s".repeat(61)).unwrap_err().message,
            "Name for the set must be 60 characters or fewer (you entered 61)"
        );
        assert!(SetName::parse(&"s".repeat(60)).is_ok());
    }

    proptest! {
        #[test]
        fn parsed_set_names_respect_every_rule(raw in "\\PC{0,80}") {
            if let Ok(name) = SetName::parse(&raw) {
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= SetName::MAX_CHARS);
                prop_assert_eq!(name.as_str().trim(), name.as_str());
            }
        }

        #[test]
        fn parsed_names_respect_every_rule(raw in "\\PC{0,120}") {
            if let Ok(name) = PersonName::parse(&raw) {
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= PersonName::MAX_CHARS);
                prop_assert_eq!(name.as_str().trim(), name.as_str());
                prop_assert!(!name.as_str().chars().any(char::is_control));
            }
        }
    }
}
