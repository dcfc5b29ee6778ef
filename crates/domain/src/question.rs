//! A programme's own questions for applicants (C2): free text, or a choice written on one line
//! as the question and its options separated by `|` ("Which region? | North | South").

use crate::ValidationError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    Text(String),
    Choice { text: String, options: Vec<String> },
}

impl Question {
    /// Reads one stored line. A line with `|` but fewer than two options is a text question
    /// (the lead is told when saving, see `check_line`).
    pub fn from_line(line: &str) -> Question {
        let mut parts = line.split('|').map(str::trim);
        let text = parts.next().unwrap_or_default().to_owned();
        let options: Vec<String> = parts.filter(|p| !p.is_empty()).map(str::to_owned).collect();
        if options.len() >= 2 {
            Question::Choice { text, options }
        } else {
            Question::Text(line.trim().to_owned())
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Question::Text(t) | Question::Choice { text: t, .. } => t,
        }
    }

    /// Checks an answer: any text for a text question; one of the options for a choice.
    pub fn check_answer(&self, answer: &str) -> Result<(), ValidationError> {
        match self {
            Question::Choice { text, options } if !answer.is_empty() => {
                if options.iter().any(|o| o == answer) {
                    Ok(())
                } else {
                    Err(ValidationError::new(
                        "answers",
                        format!("Choose one of the answers to: {text}"),
                    ))
                }
            }
            _ => Ok(()),
        }
    }
}

/// Checks a question line as a lead types it: a choice needs a question and two options.
pub fn check_question_line(line: &str) -> Result<(), ValidationError> {
    if !line.contains('|') {
        return Ok(());
    }
    match Question::from_line(line) {
        Question::Choice { text, .. } if !text.is_empty() => Ok(()),
        _ => Err(ValidationError::new(
            "questions",
            format!(
                "\"{line}\" needs the question, then at least two answers, separated by |, like: Which region? | North | South"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_line_with_options_is_a_choice() {
        let q = Question::from_line("Which region? | North | South ");
        assert_eq!(
            q,
            Question::Choice {
                text: "Which region?".into(),
                options: vec!["North".into(), "South".into()]
            }
        );
        assert!(q.check_answer("South").is_ok());
        assert!(q.check_answer("East").is_err());
        assert!(
            q.check_answer("").is_ok(),
            "required-ness is checked elsewhere"
        );
        assert_eq!(
            Question::from_line("Why now?"),
            Question::Text("Why now?".into())
        );
        assert!(check_question_line("Which? | Only one").is_err());
        assert!(check_question_line(" | A | B").is_err());
        assert!(check_question_line("Which? | A | B").is_ok());
    }

    proptest! {
        #[test]
        fn every_option_of_a_choice_is_accepted_and_nothing_else(
            opts in proptest::collection::btree_set("[a-z]{1,8}", 2..6),
            other in "[A-Z]{1,8}",
        ) {
            let opts: Vec<String> = opts.into_iter().collect();
            let line = format!("Pick one | {}", opts.join(" | "));
            let q = Question::from_line(&line);
            for o in &opts {
                prop_assert!(q.check_answer(o).is_ok());
            }
            prop_assert!(q.check_answer(&other).is_err());
        }
    }
}
