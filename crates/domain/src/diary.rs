//! Learning diaries and facilitators' reflective logs (C5). Confidentiality is the core promise:
//! an entry is private to its author unless they share it, so the sharing choices are closed
//! vocabularies defaulting to private, and nothing else in the system may widen them.

use crate::ValidationError;
use crate::keyword::keyword_enum;

/// Long enough for a thoughtful reflection, short enough that one entry cannot swamp storage,
/// exports or an email digest.
pub const DIARY_MAX_CHARS: usize = 20_000;

/// The text of a diary or log entry: trimmed, not blank, at most [`DIARY_MAX_CHARS`]
/// characters. Line breaks are kept; a diary is prose.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct EntryBody(String);

impl EntryBody {
    pub fn parse(raw: &str, field: &'static str) -> Result<Self, ValidationError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(ValidationError::new(field, "Write something in the entry"));
        }
        let len = value.chars().count();
        if len > DIARY_MAX_CHARS {
            return Err(ValidationError::new(
                field,
                format!(
                    "An entry must be {} characters or fewer (you entered {}); split it into two entries",
                    thousands(DIARY_MAX_CHARS),
                    thousands(len)
                ),
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 20000 -> "20,000", as people write numbers.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

keyword_enum!(
    /// Who may read a participant's diary entry besides its author. Private by default:
    /// sharing is always an explicit choice.
    #[derive(Default)]
    DiarySharing, "sharing", "a sharing choice", {
        /// Only the author.
        #[default]
        Private => "private",
        /// The author and the set's facilitators.
        Facilitator => "facilitator",
        /// The author, the set's members and its facilitators.
        Set => "set",
    }
);

keyword_enum!(
    /// Who may read a facilitator's reflective log entry besides its author.
    #[derive(Default)]
    LogSharing, "sharing", "a sharing choice", {
        #[default]
        Private => "private",
        /// The facilitator's supervisor, for supervision sessions.
        Supervisor => "supervisor",
    }
);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_limit_and_the_length_are_named() {
        let long = "x".repeat(DIARY_MAX_CHARS + 1);
        let e = EntryBody::parse(&long, "body").unwrap_err();
        assert_eq!(e.field, "body");
        assert!(
            e.message
                .contains("20,000 characters or fewer (you entered 20,001)"),
            "{e}"
        );
        assert!(EntryBody::parse(&"é".repeat(DIARY_MAX_CHARS), "body").is_ok());
        assert_eq!(EntryBody::parse(" \n\t", "note").unwrap_err().field, "note");
        assert_eq!(
            EntryBody::parse("  one\ntwo  ", "body").unwrap().as_str(),
            "one\ntwo"
        );
    }

    #[test]
    fn sharing_is_private_by_default_and_round_trips() {
        assert_eq!(DiarySharing::default(), DiarySharing::Private);
        assert_eq!(LogSharing::default(), LogSharing::Private);
        for s in DiarySharing::ALL {
            assert_eq!(DiarySharing::parse(s.as_str()), Ok(*s));
        }
        for s in LogSharing::ALL {
            assert_eq!(LogSharing::parse(s.as_str()), Ok(*s));
        }
        assert_eq!(
            DiarySharing::parse("everyone").unwrap_err().field,
            "sharing"
        );
        assert!(LogSharing::parse("set").is_err());
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    proptest! {
        #[test]
        fn accepted_exactly_when_trimmed_length_fits(body in "\\PC{0,10}", pad in 0usize..3, extra in 19_990usize..20_010) {
            let raw = format!("{}{}{}", " ".repeat(pad), body, "a".repeat(extra));
            let trimmed = raw.trim();
            let ok = !trimmed.is_empty() && trimmed.chars().count() <= DIARY_MAX_CHARS;
            let parsed = EntryBody::parse(&raw, "body");
            prop_assert_eq!(parsed.is_ok(), ok);
            if let Ok(b) = parsed { prop_assert_eq!(b.as_str(), trimmed); }
        }
    }
}
