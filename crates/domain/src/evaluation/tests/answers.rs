use std::collections::BTreeMap;

use proptest::prelude::*;

use super::super::{AnswerValue, Answers};
use super::every_type;

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    Answers(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

fn points(pairs: &[(&str, u32)]) -> AnswerValue {
    AnswerValue::Numbers(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), *v))
            .collect::<BTreeMap<_, _>>(),
    )
}

fn complete() -> Answers {
    answers(&[
        ("agree", AnswerValue::Number(4)),
        ("worry", AnswerValue::Number(2)),
        ("colour", AnswerValue::Text("blue".into())),
        ("split", points(&[("x", 5), ("y", 3), ("z", 2)])),
        ("grid", points(&[("p", 3), ("q", 1)])),
    ])
}

fn fields_of(errors: &crate::FieldErrors) -> Vec<&str> {
    errors.list().iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn a_complete_answer_set_passes() {
    every_type().check_answers(&complete(), true).unwrap();
}

#[test]
fn a_draft_may_be_partial_but_a_submission_may_not() {
    let i = every_type();
    let partial = answers(&[
        ("agree", AnswerValue::Number(4)),
        ("split", points(&[("x", 5)])),
    ]);
    i.check_answers(&partial, false).unwrap();
    let errs = i.check_answers(&partial, true).unwrap_err();
    // split adds up to 5 of 10; worry, colour and grid are required and missing.
    assert_eq!(fields_of(&errs), vec!["split", "worry", "colour", "grid"]);
    assert_eq!(
        errs.get("split"),
        Some("The points add up to 5; make them add up to 10")
    );
}

#[test]
fn out_of_range_and_unknown_answers_name_their_field() {
    let i = every_type();
    let bad = answers(&[
        ("agree", AnswerValue::Number(6)),
        ("colour", AnswerValue::Text("green".into())),
        (
            "fruit",
            AnswerValue::Keys(vec!["apple".into(), "pear".into(), "fig".into()]),
        ),
        ("note", AnswerValue::Text("eleven char".into())),
        ("split", points(&[("x", 11), ("w", 0)])),
        ("grid", points(&[("p", 5), ("r", 1)])),
        ("nope", AnswerValue::Number(1)),
        ("worry", AnswerValue::Text("2".into())),
    ]);
    let errs = i.check_answers(&bad, false).unwrap_err();
    assert_eq!(
        fields_of(&errs),
        vec![
            "agree", "colour", "fruit", "grid.p", "grid.r", "nope", "note", "split.w", "split.x",
            "worry"
        ]
    );
    assert_eq!(errs.get("fruit"), Some("Choose at most 2"));
    assert_eq!(errs.get("split.x"), Some("Give 0 to 10 points"));
    assert!(errs.get("note").unwrap().contains("10 characters"));
}

#[test]
fn a_matrix_submitted_in_part_names_the_missing_statement() {
    let mut a = complete();
    a.0.insert("grid".into(), points(&[("p", 3)]));
    let errs = every_type().check_answers(&a, true).unwrap_err();
    assert_eq!(fields_of(&errs), vec!["grid.q"]);
}

#[test]
fn a_chosen_option_twice_is_refused() {
    let mut a = complete();
    a.0.insert(
        "fruit".into(),
        AnswerValue::Keys(vec!["fig".into(), "fig".into()]),
    );
    assert_eq!(
        fields_of(&every_type().check_answers(&a, true).unwrap_err()),
        vec!["fruit"]
    );
}

#[test]
fn a_form_is_read_into_answers() {
    let f = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    let (read, errs) = every_type().answers_from_form(&[
        f("csrf", "token"),
        f("agree", "4"),
        f("worry", "2"),
        f("colour", "blue"),
        f("fruit", "apple"),
        f("fruit", "fig"),
        f("note", ""),
        f("split.x", "5"),
        f("split.y", "3"),
        f("split.z", "2"),
        f("grid.p", "3"),
        f("grid.q", "1"),
        f("action", "submit"),
    ]);
    assert!(!errs.any());
    let mut want = complete();
    want.0.insert(
        "fruit".into(),
        AnswerValue::Keys(vec!["apple".into(), "fig".into()]),
    );
    assert_eq!(read, want);
}

#[test]
fn a_form_value_that_is_not_a_number_is_an_error_on_its_field() {
    let f = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    let (read, errs) = every_type().answers_from_form(&[
        f("agree", "lots"),
        f("split.x", "-1"),
        f("split.y", "4"),
    ]);
    assert_eq!(fields_of(&errs), vec!["agree", "split.x"]);
    assert_eq!(read, answers(&[("split", points(&[("y", 4)]))]));
}

#[test]
fn scores_apply_reverse_and_average_a_matrix() {
    let i = every_type();
    let a = complete();
    assert_eq!(i.score(&a, "agree"), Some(4.0));
    // worry is reversed on 1..5: 1 + 5 - 2 = 4.
    assert_eq!(i.score(&a, "worry"), Some(4.0));
    // grid on 0..4: p = 3; q reversed: 0 + 4 - 1 = 3; mean (3 + 3) / 2 = 3.
    assert_eq!(i.score(&a, "grid"), Some(3.0));
    assert_eq!(i.score(&a, "colour"), None);
    assert_eq!(i.score(&Answers::default(), "agree"), None);
    let keys: Vec<&str> = i
        .scored_questions()
        .iter()
        .map(|q| q.key.as_str())
        .collect();
    assert_eq!(keys, vec!["agree", "worry", "grid"]);
}

#[test]
fn answers_are_json_in_the_documented_shapes() {
    let json = serde_json::to_string(&complete()).unwrap();
    assert_eq!(
        json,
        r#"{"agree":4,"colour":"blue","grid":{"p":3,"q":1},"split":{"x":5,"y":3,"z":2},"worry":2}"#
    );
    let back: Answers = serde_json::from_str(&json).unwrap();
    assert_eq!(back, complete());
}

proptest! {
    #[test]
    fn reverse_scoring_maps_min_to_max_and_back(n in 1u32..=5) {
        let i = every_type();
        let worry = |n| i.score(&answers(&[("worry", AnswerValue::Number(n))]), "worry").unwrap();
        prop_assert_eq!(worry(n) + f64::from(n), 6.0);
        prop_assert_eq!(worry(1), 5.0);
        prop_assert_eq!(worry(5), 1.0);
    }

    #[test]
    fn a_constant_sum_passes_exactly_when_it_adds_up(x in 0u32..=10, y in 0u32..=10, z in 0u32..=10) {
        let mut a = complete();
        a.0.insert("split".into(), points(&[("x", x), ("y", y), ("z", z)]));
        let ok = every_type().check_answers(&a, true).is_ok();
        prop_assert_eq!(ok, x + y + z == 10);
    }
}
