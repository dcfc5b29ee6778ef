//! One respondent's answers to an instrument, keyed by question key. Stored as JSON; the
//! instrument says how to read each value.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Instrument;
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
        let _ = (answers, complete);
        unimplemented!("Instrument::check_answers")
    }

    /// Reads a submitted HTML form: a scale, single choice or free text is the field `QUESTION`,
    /// multiple choice repeats `QUESTION`, a constant sum or matrix has a field per option or
    /// item, `QUESTION.OPTION`. Empty fields are unanswered. Fields that are not questions
    /// (`csrf`, `action`) are ignored. Returns what could be read and an error for each value
    /// that could not (a number that is not one).
    pub fn answers_from_form(&self, fields: &[(String, String)]) -> (Answers, FieldErrors) {
        let _ = fields;
        unimplemented!("Instrument::answers_from_form")
    }

    /// The score of a scale question (reverse applied) or of a matrix (the mean of its items,
    /// each reversed where marked); `None` when unanswered or not a scored question.
    pub fn score(&self, answers: &Answers, question: &str) -> Option<f64> {
        let _ = (answers, question);
        unimplemented!("Instrument::score")
    }

    /// The questions that have a score (scale and matrix), in order.
    pub fn scored_questions(&self) -> Vec<&super::Question> {
        unimplemented!("Instrument::scored_questions")
    }
}
