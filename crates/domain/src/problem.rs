//! Problems and actions (C5). Each unit brings a problem tagged with themes from its tenant's
//! vocabulary, so the themes report across sets counts like with like; actions committed at one
//! meeting are reviewed at the next with a line on what happened, so the set learns from
//! actions that changed or were dropped rather than only those that were done.

use std::collections::HashMap;

use crate::ValidationError;
use crate::keyword::keyword_enum;

/// Longest theme name: a short label, not a sentence.
pub const THEME_MAX_CHARS: usize = 100;
/// Most themes in a vocabulary: more than this and nobody can choose among them.
pub const MAX_THEMES: usize = 100;
/// Longest note on what happened to an action.
pub const REVIEW_NOTE_MAX_CHARS: usize = 2_000;

/// A tenant's list of problem themes, in the order the tenant gave them.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(transparent)]
pub struct ThemeVocabulary(Vec<String>);

impl ThemeVocabulary {
    /// One theme per line; blank lines are skipped. Themes differing only in case are the same
    /// theme (the report would otherwise split its counts).
    pub fn parse(lines: &str) -> Result<Self, ValidationError> {
        let field = "themes";
        let mut themes: Vec<String> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, line) in lines.lines().enumerate() {
            let number = i + 1;
            let theme = line.trim();
            if theme.is_empty() {
                continue;
            }
            let len = theme.chars().count();
            if len > THEME_MAX_CHARS {
                return Err(ValidationError::new(
                    field,
                    format!(
                        "Line {number}: a theme must be {THEME_MAX_CHARS} characters or fewer (you entered {len})"
                    ),
                ));
            }
            if theme.chars().any(char::is_control) {
                return Err(ValidationError::new(
                    field,
                    format!("Line {number}: a theme must not contain control characters"),
                ));
            }
            if let Some(earlier) = seen.insert(theme.to_lowercase(), number) {
                return Err(ValidationError::new(
                    field,
                    format!("Line {number}: \"{theme}\" is already on line {earlier}"),
                ));
            }
            themes.push(theme.to_owned());
        }
        if themes.len() > MAX_THEMES {
            return Err(ValidationError::new(
                field,
                format!(
                    "Enter at most {MAX_THEMES} themes (you entered {})",
                    themes.len()
                ),
            ));
        }
        Ok(Self(themes))
    }

    pub fn themes(&self) -> &[String] {
        &self.0
    }

    /// The chosen themes, matched without regard to case or surrounding space, returned in the
    /// vocabulary's spelling and order, each once. Blank choices are ignored.
    pub fn pick(&self, chosen: &[String]) -> Result<Vec<String>, ValidationError> {
        let mut wanted = vec![false; self.0.len()];
        for choice in chosen.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            let key = choice.to_lowercase();
            match self.0.iter().position(|t| t.to_lowercase() == key) {
                Some(i) => wanted[i] = true,
                None => {
                    return Err(ValidationError::new(
                        "themes",
                        format!("\"{choice}\" is not one of this organisation's themes"),
                    ));
                }
            }
        }
        Ok(self
            .0
            .iter()
            .zip(wanted)
            .filter(|(_, w)| *w)
            .map(|(t, _)| t.clone())
            .collect())
    }
}

keyword_enum!(
    /// What became of an action when the next meeting reviewed it.
    ActionOutcome, "outcome", "an outcome", {
        Done => "done",
        /// Done differently from what was committed.
        Changed => "changed",
        Dropped => "dropped",
    }
);

/// The note on a reviewed action, trimmed; `None` when blank. Required for changed and dropped
/// actions, because what happened instead is where the set's learning is.
pub fn review_note(outcome: ActionOutcome, note: &str) -> Result<Option<String>, ValidationError> {
    let field = "note";
    let note = note.trim();
    if note.is_empty() {
        return match outcome {
            ActionOutcome::Done => Ok(None),
            ActionOutcome::Changed | ActionOutcome::Dropped => Err(ValidationError::new(
                field,
                format!("Say what happened to this {} action", outcome.as_str()),
            )),
        };
    }
    let len = note.chars().count();
    if len > REVIEW_NOTE_MAX_CHARS {
        return Err(ValidationError::new(
            field,
            format!(
                "The note must be {REVIEW_NOTE_MAX_CHARS} characters or fewer (you entered {len})"
            ),
        ));
    }
    Ok(Some(note.to_owned()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn vocabulary_is_trimmed_and_unique_regardless_of_case() {
        let v = ThemeVocabulary::parse("  Workforce \n\nPatient flow\n").unwrap();
        assert_eq!(v.themes(), ["Workforce", "Patient flow"]);
        let e = ThemeVocabulary::parse("Workforce\nFinance\nWORKFORCE").unwrap_err();
        assert_eq!(e.field, "themes");
        assert_eq!(e.message, "Line 3: \"WORKFORCE\" is already on line 1");
        let e = ThemeVocabulary::parse(&"x".repeat(101)).unwrap_err();
        assert!(
            e.message
                .contains("100 characters or fewer (you entered 101)"),
            "{e}"
        );
        let many: Vec<String> = (0..101).map(|i| format!("theme {i}")).collect();
        let e = ThemeVocabulary::parse(&many.join("\n")).unwrap_err();
        assert!(
            e.message.contains("at most 100 themes (you entered 101)"),
            "{e}"
        );
        assert!(ThemeVocabulary::parse(&many[..100].join("\n")).is_ok());
    }

    #[test]
    fn picking_uses_the_vocabulary_spelling_and_names_unknown_themes() {
        let v = ThemeVocabulary::parse("Workforce\nPatient flow\nFinance").unwrap();
        let picked = v
            .pick(&strings(&["finance ", "WORKFORCE", "", "Finance"]))
            .unwrap();
        assert_eq!(picked, ["Workforce", "Finance"]);
        let e = v.pick(&strings(&["Finance", "Estates"])).unwrap_err();
        assert_eq!(e.field, "themes");
        assert!(e.message.contains("\"Estates\""), "{e}");
    }

    #[test]
    fn changed_and_dropped_actions_need_a_note() {
        assert_eq!(review_note(ActionOutcome::Done, "  "), Ok(None));
        assert_eq!(
            review_note(ActionOutcome::Done, " ok "),
            Ok(Some("ok".into()))
        );
        let e = review_note(ActionOutcome::Dropped, "").unwrap_err();
        assert_eq!(e.field, "note");
        assert_eq!(e.message, "Say what happened to this dropped action");
        assert!(review_note(ActionOutcome::Changed, "\n").is_err());
        assert!(review_note(ActionOutcome::Changed, &"x".repeat(2001)).is_err());
        assert!(review_note(ActionOutcome::Changed, &"x".repeat(2000)).is_ok());
        for o in ActionOutcome::ALL {
            assert_eq!(ActionOutcome::parse(o.as_str()), Ok(*o));
        }
        assert_eq!(
            ActionOutcome::parse("").unwrap_err().message,
            "Select an outcome"
        );
    }

    proptest! {
        #[test]
        fn picks_are_always_in_the_vocabulary(
            themes in proptest::collection::vec("[A-Za-z ]{1,12}", 0..12),
            choices in proptest::collection::vec("[A-Za-z ]{0,12}", 0..6),
        ) {
            let Ok(v) = ThemeVocabulary::parse(&themes.join("\n")) else { return Ok(()) };
            let lower: Vec<String> = v.themes().iter().map(|t| t.to_lowercase()).collect();
            match v.pick(&choices) {
                Ok(picked) => {
                    prop_assert!(picked.iter().all(|p| v.themes().contains(p)));
                    let mut unique = picked.clone();
                    unique.dedup();
                    prop_assert_eq!(unique.len(), picked.len());
                }
                Err(e) => {
                    let named = choices.iter().map(|c| c.trim()).any(|c| {
                        !c.is_empty() && !lower.contains(&c.to_lowercase()) && e.message.contains(c)
                    });
                    prop_assert!(named, "{}", e);
                }
            }
        }

        #[test]
        fn a_parsed_vocabulary_has_no_case_duplicates(lines in proptest::collection::vec("[aAbB ]{0,3}", 0..8)) {
            if let Ok(v) = ThemeVocabulary::parse(&lines.join("\n")) {
                let mut lower: Vec<String> = v.themes().iter().map(|t| t.to_lowercase()).collect();
                lower.sort();
                lower.dedup();
                prop_assert_eq!(lower.len(), v.themes().len());
                prop_assert!(v.themes().iter().all(|t| !t.is_empty() && t.trim() == t));
            }
        }

        #[test]
        fn a_note_is_needed_exactly_when_not_done(outcome in proptest::sample::select(ActionOutcome::ALL), note in "[ a-z]{0,5}") {
            let r = review_note(outcome, &note);
            let blank = note.trim().is_empty();
            prop_assert_eq!(r.is_err(), blank && outcome != ActionOutcome::Done);
        }
    }
}
