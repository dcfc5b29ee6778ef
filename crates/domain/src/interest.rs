//! Interests in a masterclass (C10, issue 16): what a set member or a circle's participant would
//! like a masterclass on. A topic is stored normalised (trimmed, case-folded, runs of spaces made
//! one) so "Managing  Change" and "managing change" count as one topic in the lead's figures.

use crate::ValidationError;

/// The longest topic, in characters, after normalising.
pub const TOPIC_MAX_CHARS: usize = 80;

/// A normalised topic: never empty, one line, at most `TOPIC_MAX_CHARS` characters, lower case,
/// no leading, trailing or repeated spaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct InterestTopic(String);

impl InterestTopic {
    /// Reads a topic chosen from a list or typed in someone's own words.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) {
            return Err(ValidationError::new(
                "topic",
                "The topic must be plain text on one line",
            ));
        }
        let folded = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        // Folding can lengthen a few letters ("İ"); whitespace is collapsed again afterwards.
        let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.is_empty() {
            return Err(ValidationError::new(
                "topic",
                "Choose a topic or write one in your own words",
            ));
        }
        if folded.chars().count() > TOPIC_MAX_CHARS {
            return Err(ValidationError::new(
                "topic",
                format!("The topic must be {TOPIC_MAX_CHARS} characters or fewer"),
            ));
        }
        Ok(Self(folded))
    }

    /// A topic read back from storage, where it was stored normalised.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The topic as a title: its first letter in capitals ("Managing change").
    pub fn title(&self) -> String {
        title_case_first(&self.0)
    }
}

/// A stored topic as people read it, first letter in capitals.
pub fn title_case_first(topic: &str) -> String {
    let mut chars = topic.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl std::fmt::Display for InterestTopic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn topics_are_trimmed_folded_and_collapsed() {
        let t = InterestTopic::parse("  Managing \t  CHANGE ").unwrap();
        assert_eq!(t.as_str(), "managing change");
        assert_eq!(t.title(), "Managing change");
    }

    #[test]
    fn empty_long_and_multi_control_topics_name_the_field() {
        for raw in ["", "   ", &"x".repeat(81), "a\u{0}b"] {
            let e = InterestTopic::parse(raw).unwrap_err();
            assert_eq!(e.field, "topic", "{raw:?}");
        }
        assert!(InterestTopic::parse(&"x".repeat(80)).is_ok());
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent_and_normal(raw in "\\PC{0,120}") {
            if let Ok(t) = InterestTopic::parse(&raw) {
                let s = t.as_str();
                prop_assert!(!s.is_empty());
                prop_assert!(s.chars().count() <= TOPIC_MAX_CHARS);
                prop_assert_eq!(s.trim(), s);
                prop_assert!(!s.contains("  "));
                prop_assert!(!s.chars().any(|c| c.is_whitespace() && c != ' '));
                prop_assert_eq!(&s.to_lowercase(), s);
                prop_assert_eq!(InterestTopic::parse(s).unwrap(), t.clone());
            }
        }

        #[test]
        fn case_and_spacing_do_not_make_a_new_topic(words in prop::collection::vec("[a-zA-Z]{1,8}", 1..5), pad in "[ \t]{0,3}") {
            let plain = words.join(" ");
            let noisy = format!("{pad}{}{pad}", words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join("  \t"));
            prop_assert_eq!(InterestTopic::parse(&plain).unwrap(), InterestTopic::parse(&noisy).unwrap());
        }
    }
}
