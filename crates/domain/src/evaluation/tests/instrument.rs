use super::super::{Format, Instrument, InstrumentError, Profile};
use super::EVERY_TYPE;

const LEADERSHIP: &str = include_str!("../../../../../instruments/leadership-v1.toml");
const CULTURE: &str = include_str!("../../../../../instruments/culture-profile-v1.toml");

fn errors(source: &str, format: Format) -> Vec<InstrumentError> {
    Instrument::parse(source, format).expect_err("should be refused")
}

/// (line, field) of each error, to compare with what the file says.
fn places(errors: &[InstrumentError]) -> Vec<(Option<usize>, &str)> {
    errors.iter().map(|e| (e.line, e.field.as_str())).collect()
}

#[test]
fn the_shipped_leadership_questionnaire_is_valid_and_uses_every_type() {
    let i = Instrument::parse(LEADERSHIP, Format::Toml).unwrap();
    let s = i.summary();
    assert_eq!(
        (s.key.as_str(), s.version, s.sections),
        ("revans_leadership", 1, 4)
    );
    assert_eq!(
        s.by_type,
        vec![
            ("scale", 4),
            ("single", 1),
            ("multiple", 1),
            ("free_text", 1),
            ("constant_sum", 1),
            ("matrix", 1)
        ]
    );
    assert_eq!(s.questions, 9);
    assert_eq!(s.profile, None);
    // Reverse-scored items are present, both as a scale question and inside the matrix.
    assert!(LEADERSHIP.contains("reverse = true"));
    assert_eq!(i.scored_questions().len(), 5);
}

#[test]
fn the_shipped_culture_profile_is_a_valid_cvf_instrument() {
    let i = Instrument::parse(CULTURE, Format::Toml).unwrap();
    let s = i.summary();
    assert_eq!(s.profile, Some(Profile::Cvf));
    assert_eq!(s.by_type, vec![("constant_sum", 12)]);
    assert_eq!(s.sections, 2);
}

#[test]
fn json_is_read_like_toml() {
    let toml: toml::Value = toml::from_str(LEADERSHIP).unwrap();
    let json = serde_json::to_string_pretty(&toml).unwrap();
    let from_json = Instrument::parse(&json, Format::Json).unwrap();
    assert_eq!(
        from_json,
        Instrument::parse(LEADERSHIP, Format::Toml).unwrap()
    );
}

#[test]
fn every_problem_is_reported_with_its_line_and_field() {
    let source = r#"key = "Bad Key"
version = 0
title = "T"
colour = "blue"

[[sections]]
key = "s"
title = "S"

[[sections.questions]]
key = "q1"
type = "scale"
text = "Q1"
scale = { min = 5, max = 1, labels = ["a"] }

[[sections.questions]]
key = "q2"
type = "scale"
text = "Q2"
scale = { min = 1, max = 3, labels = ["a", "b"] }


[[sections.questions]]
key = "q3"
type = "single"
text = "Q3"
options = [{ key = "only", label = "Only" }]

[[sections.questions]]
key = "q4"
type = "constant_sum"
text = "Q4"
total = 0
options = [{ key = "a", label = "A" }, { key = "b", label = "B" }]

[[sections.questions]]
key = "q5"
type = "multiple"
text = "Q5"
max = 3
options = [{ key = "a", label = "A" }, { key = "b", label = "B" }]

[[sections.questions]]
type = "free_text"
text = "Q6"
colour = "red"

[[sections.questions]]
key = "q7"
type = "ranking"
text = "Q7"
"#;
    let errs = errors(source, Format::Toml);
    assert_eq!(
        places(&errs),
        vec![
            (Some(4), "colour"),
            (Some(1), "key"),
            (Some(2), "version"),
            (Some(14), "sections[0].questions[0].scale.max"),
            (Some(20), "sections[0].questions[1].scale.labels"),
            (Some(27), "sections[0].questions[2].options"),
            (Some(33), "sections[0].questions[3].total"),
            (Some(40), "sections[0].questions[4].max"),
            (Some(46), "sections[0].questions[5].colour"),
            (Some(43), "sections[0].questions[5].key"),
            (Some(50), "sections[0].questions[6].type"),
        ],
        "{errs:#?}"
    );
    let labels = &errs[4];
    assert!(labels.message.contains("needs 3"), "{}", labels.message);
    assert!(errs[0].message.starts_with("unknown field"));
    assert!(errs[9].message.starts_with("missing"));
}

#[test]
fn duplicate_keys_are_refused_wherever_they_are() {
    let source = r#"key = "k"
version = 1
title = "T"

[[sections]]
key = "s"
title = "S"

[[sections.questions]]
key = "q"
type = "single"
text = "Q"
options = [{ key = "a", label = "A" }, { key = "a", label = "A again" }]

[[sections]]
key = "s"
title = "S again"

[[sections.questions]]
key = "q"
type = "matrix"
text = "M"
scale = { min = 1, max = 2, labels = ["x", "y"] }
items = [{ key = "i", text = "I" }, { key = "i", text = "I" }]
"#;
    let errs = errors(source, Format::Toml);
    assert_eq!(
        places(&errs),
        vec![
            (Some(13), "sections[0].questions[0].options[1].key"),
            (Some(16), "sections[1].key"),
            (Some(20), "sections[1].questions[0].key"),
            (Some(24), "sections[1].questions[0].items[1].key"),
        ],
        "{errs:#?}"
    );
    assert!(errs[2].message.contains("sections[0].questions[0]"));
}

#[test]
fn a_key_must_be_lower_case_letters_digits_and_underscores() {
    let source = EVERY_TYPE.replace("key = \"agree\"", "key = \"Agree-1\"");
    let errs = errors(&source, Format::Toml);
    assert_eq!(
        places(&errs),
        vec![(Some(11), "sections[0].questions[0].key")]
    );
}

#[test]
fn a_syntax_error_names_its_line() {
    let errs = errors("key = \"k\"\nversion = 1\ntitle = \n", Format::Toml);
    assert_eq!(places(&errs), vec![(Some(3), "(file)")]);
    let errs = errors("{\n  \"key\": \"k\",\n  \"version\": 1,,\n}", Format::Json);
    assert_eq!(places(&errs), vec![(Some(3), "(file)")]);
}

#[test]
fn json_errors_have_lines_too() {
    let source = r#"{
  "key": "k",
  "version": 1,
  "title": "T",
  "sections": [
    {
      "key": "s",
      "title": "S",
      "questions": [
        { "key": "q", "type": "scale", "text": "Q",
          "scale": { "min": 1, "max": 2, "labels": ["one"] } }
      ]
    }
  ]
}"#;
    let errs = errors(source, Format::Json);
    assert_eq!(
        places(&errs),
        vec![(Some(11), "sections[0].questions[0].scale.labels")]
    );
}

#[test]
fn missing_fields_are_named() {
    let errs = errors("version = 1\n[[sections]]\nkey = \"s\"\n", Format::Toml);
    assert_eq!(
        places(&errs),
        vec![
            (Some(1), "key"),
            (Some(1), "title"),
            (Some(2), "sections[0].title"),
            (Some(2), "sections[0].questions"),
        ],
        "{errs:#?}"
    );
}

#[test]
fn a_cvf_instrument_needs_its_twelve_questions() {
    // Drop d3_pref, make d1_now's total 90 and give d2_now an option e instead of d.
    let mut source = CULTURE.replacen("total = 100", "total = 90", 1);
    source = source.replacen(
        "{ key = \"d\", label = \"Leaders",
        "{ key = \"e\", label = \"Leaders",
        1,
    );
    source = source.replace("key = \"d3_pref\"", "key = \"d3_preferred\"");
    let errs = errors(&source, Format::Toml);
    let line_of = |needle: &str| {
        source
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
    };
    assert_eq!(
        places(&errs),
        vec![
            (line_of("total = 90"), "sections[0].questions[0].total"),
            (
                line_of("key = \"d2_now\"").map(|l| l + 4),
                "sections[0].questions[1].options"
            ),
            (line_of("profile = \"cvf\""), "profile"),
        ],
        "{errs:#?}"
    );
    assert!(
        errs[2].message.ends_with("missing: d3_pref"),
        "{}",
        errs[2].message
    );
}

#[test]
fn the_summary_counts_questions_by_type() {
    let s = super::every_type().summary();
    assert_eq!(s.questions, 7);
    assert_eq!(s.by_type[0], ("scale", 2));
}

#[test]
fn a_file_that_is_not_a_table_is_refused() {
    let errs = errors("[1, 2]", Format::Json);
    assert_eq!(places(&errs), vec![(Some(1), "(file)")]);
    assert_eq!(errs[0].message, "expected a table, found a list");
}

#[test]
fn a_json_field_given_twice_is_refused() {
    let source = "{\n  \"key\": \"k\",\n  \"key\": \"again\",\n  \"version\": 1,\n  \"title\": \"T\",\n  \"sections\": []\n}";
    let errs = errors(source, Format::Json);
    assert_eq!(
        places(&errs),
        vec![(Some(3), "key"), (Some(6), "sections")],
        "{errs:#?}"
    );
    assert_eq!(errs[0].message, "given twice; keep one");
}

proptest::proptest! {
    /// Whatever the file holds, parsing answers with a result (never a panic), and every error
    /// line lies inside the file.
    #[test]
    fn parsing_never_panics_and_lines_are_in_the_file(
        cut in 0usize..2000,
        noise in "[ -~\n]{0,40}",
    ) {
        for (source, format) in [(LEADERSHIP, Format::Toml), (CULTURE, Format::Toml)] {
            let mut end = cut.min(source.len());
            while !source.is_char_boundary(end) {
                end -= 1;
            }
            let mangled = format!("{}{noise}{}", &source[..end], &source[end..]);
            if let Err(errs) = Instrument::parse(&mangled, format) {
                let lines = mangled.lines().count().max(1);
                for e in errs {
                    proptest::prop_assert!(e.line.is_none_or(|l| l >= 1 && l <= lines + 1), "{e:?}");
                }
            }
        }
        let json = serde_json::to_string_pretty(&toml::from_str::<toml::Value>(LEADERSHIP).unwrap()).unwrap();
        let mut end = cut.min(json.len());
        while !json.is_char_boundary(end) {
            end -= 1;
        }
        let _ = Instrument::parse(&format!("{}{noise}{}", &json[..end], &json[end..]), Format::Json);
    }
}
