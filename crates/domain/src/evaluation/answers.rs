//! One respondent's answers to an instrument, keyed by question key. Stored as JSON; the
//! instrument says how to read each value.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Instrument, QuestionKind, Scale};
use crate::FieldErrors;

/// One answer. Which shape is right depends on the question: a scale point (`Number`), a single
/// choice's key or free text (`Text`), multiple choices' keys (`Keys`), or points per option
/// of a constant sum or per item of a matrix (`Numbers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(u32),
    Text(String),
    Keys(Vec<String>),
    Numbers(BTreeMap<String, u32>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, AnswerValue>);

impl Instrument {
    /// Checks answers against the questions: every key is a question of this instrument and
    /// every value has its question's shape and range. With `complete` (submitting), every
    /// required question is answered and every constant sum adds up to its total; a draft may
    /// be partial. Errors name the form field (`QUESTION` or `QUESTION.OPTION`) and say how to
    /// fix it.
    pub fn check_answers(&self, answers: &Answers, complete: bool) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        for (key, value) in &answers.0 {
            match self.question(key) {
                Some(q) => check_value(&q.kind, key, value, complete, &mut errors),
                None => errors.add(key, "This is not a question of this questionnaire"),
            }
        }
        if complete {
            for q in self.questions().filter(|q| q.required) {
                if answers.0.get(&q.key).is_none_or(is_empty) {
                    errors.add(&q.key, "Answer this question");
                }
            }
        }
        if errors.any() { Err(errors) } else { Ok(()) }
    }

    /// Reads a submitted HTML form: a scale, single choice or free text is the field `QUESTION`,
    /// multiple choice repeats `QUESTION`, a constant sum or matrix has a field per option or
    /// item, `QUESTION.OPTION`. Empty fields are unanswered. Fields that are not questions
    /// (`csrf`, `action`) are ignored. Returns what could be read and an error for each value
    /// that could not (a number that is not one).
    pub fn answers_from_form(&self, fields: &[(String, String)]) -> (Answers, FieldErrors) {
        let mut answers = Answers::default();
        let mut errors = FieldErrors::default();
        for (name, value) in fields {
            let (key, part) = match name.split_once('.') {
                Some((k, p)) => (k, Some(p)),
                None => (name.as_str(), None),
            };
            let Some(q) = self.question(key) else {
                continue;
            };
            if value.trim().is_empty() {
                continue;
            }
            match (&q.kind, part) {
                (QuestionKind::Scale { .. }, None) => match value.trim().parse::<u32>() {
                    Ok(n) => {
                        answers.0.insert(key.to_owned(), AnswerValue::Number(n));
                    }
                    Err(_) => errors.add(key, "Choose one of the points of the scale"),
                },
                (QuestionKind::Single { .. } | QuestionKind::FreeText { .. }, None) => {
                    answers
                        .0
                        .insert(key.to_owned(), AnswerValue::Text(value.clone()));
                }
                (QuestionKind::Multiple { .. }, None) => {
                    let entry = answers
                        .0
                        .entry(key.to_owned())
                        .or_insert_with(|| AnswerValue::Keys(Vec::new()));
                    if let AnswerValue::Keys(keys) = entry {
                        keys.push(value.trim().to_owned());
                    }
                }
                (QuestionKind::ConstantSum { .. } | QuestionKind::Matrix { .. }, Some(part)) => {
                    match value.trim().parse::<u32>() {
                        Ok(n) => {
                            let entry = answers
                                .0
                                .entry(key.to_owned())
                                .or_insert_with(|| AnswerValue::Numbers(BTreeMap::new()));
                            if let AnswerValue::Numbers(map) = entry {
                                map.insert(part.to_owned(), n);
                            }
                        }
                        Err(_) => errors.add(name, "Enter a whole number, 0 or more"),
                    }
                }
                _ => {}
            }
        }
        (answers, errors)
    }

    /// The score of a scale question (reverse applied) or of a matrix (the mean of its items,
    /// each reversed where marked); `None` when unanswered or not a scored question.
    pub fn score(&self, answers: &Answers, question: &str) -> Option<f64> {
        let q = self.question(question)?;
        match (&q.kind, answers.0.get(question)?) {
            (QuestionKind::Scale { scale, reverse }, AnswerValue::Number(n)) => {
                on_scale(scale, *n).then(|| scored(scale, *n, *reverse))
            }
            (QuestionKind::Matrix { scale, items }, AnswerValue::Numbers(points)) => {
                let scores: Vec<f64> = items
                    .iter()
                    .filter_map(|item| {
                        let n = *points.get(&item.key)?;
                        on_scale(scale, n).then(|| scored(scale, n, item.reverse))
                    })
                    .collect();
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
            }
            _ => None,
        }
    }

    /// The questions that have a score (scale and matrix), in order.
    pub fn scored_questions(&self) -> Vec<&super::Question> {
        self.questions()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuestionKind::Scale { .. } | QuestionKind::Matrix { .. }
                )
            })
            .collect()
    }
}

fn on_scale(scale: &Scale, n: u32) -> bool {
    (u32::from(scale.min)..=u32::from(scale.max)).contains(&n)
}

/// A point as scored: reversed, `min + max - n`.
fn scored(scale: &Scale, n: u32, reverse: bool) -> f64 {
    if reverse {
        f64::from(u32::from(scale.min) + u32::from(scale.max) - n)
    } else {
        f64::from(n)
    }
}

fn is_empty(value: &AnswerValue) -> bool {
    match value {
        AnswerValue::Number(_) => false,
        AnswerValue::Text(t) => t.trim().is_empty(),
        AnswerValue::Keys(k) => k.is_empty(),
        AnswerValue::Numbers(m) => m.is_empty(),
    }
}

fn check_value(
    kind: &QuestionKind,
    key: &str,
    value: &AnswerValue,
    complete: bool,
    errors: &mut FieldErrors,
) {
    match (kind, value) {
        (QuestionKind::Scale { scale, .. }, AnswerValue::Number(n)) => {
            if !on_scale(scale, *n) {
                errors.add(
                    key,
                    format!("Choose a point from {} to {}", scale.min, scale.max),
                );
            }
        }
        (QuestionKind::Single { options }, AnswerValue::Text(choice)) => {
            if !options.iter().any(|o| &o.key == choice) {
                errors.add(key, "Choose one of the options");
            }
        }
        (QuestionKind::Multiple { options, max }, AnswerValue::Keys(chosen)) => {
            for (i, c) in chosen.iter().enumerate() {
                if !options.iter().any(|o| &o.key == c) {
                    errors.add(key, format!("`{c}` is not one of the options"));
                } else if chosen[..i].contains(c) {
                    errors.add(key, format!("`{c}` is chosen twice"));
                }
            }
            if let Some(max) = max
                && chosen.len() > *max as usize
            {
                errors.add(key, format!("Choose at most {max}"));
            }
        }
        (QuestionKind::FreeText { max_chars }, AnswerValue::Text(text)) => {
            let n = text.chars().count();
            if n > *max_chars as usize {
                errors.add(
                    key,
                    format!("Shorten this to {max_chars} characters or fewer (it has {n})"),
                );
            }
        }
        (QuestionKind::ConstantSum { options, total }, AnswerValue::Numbers(points)) => {
            let mut ok = true;
            for (option, n) in points {
                let field = format!("{key}.{option}");
                if !options.iter().any(|o| &o.key == option) {
                    errors.add(&field, "This is not one of the options");
                    ok = false;
                } else if n > total {
                    errors.add(&field, format!("Give 0 to {total} points"));
                    ok = false;
                }
            }
            let sum: u64 = points.values().map(|n| u64::from(*n)).sum();
            if ok && complete && !points.is_empty() && sum != u64::from(*total) {
                errors.add(
                    key,
                    format!("The points add up to {sum}; make them add up to {total}"),
                );
            }
        }
        (QuestionKind::Matrix { scale, items }, AnswerValue::Numbers(points)) => {
            for (item, n) in points {
                let field = format!("{key}.{item}");
                if !items.iter().any(|i| &i.key == item) {
                    errors.add(&field, "This is not one of the statements");
                } else if !on_scale(scale, *n) {
                    errors.add(
                        &field,
                        format!("Choose a point from {} to {}", scale.min, scale.max),
                    );
                }
            }
            if complete && !points.is_empty() {
                for item in items.iter().filter(|i| !points.contains_key(&i.key)) {
                    errors.add(&format!("{key}.{}", item.key), "Answer this statement");
                }
            }
        }
        (kind, _) => errors.add(
            key,
            format!(
                "This answer does not fit a {} question",
                kind.type_name().replace('_', " ")
            ),
        ),
    }
}
