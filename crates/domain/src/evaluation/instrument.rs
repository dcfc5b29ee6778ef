//! An instrument: a versioned questionnaire read from a TOML or JSON file (the format is
//! documented in docs/INSTRUMENTS.md).

use serde::{Deserialize, Serialize};

/// A questionnaire. Keys (instrument, section, question, option, item) are lower-case
/// `[a-z0-9_]`, so a form field `QUESTION.OPTION` is unambiguous.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable name across versions, e.g. `revans_leadership`.
    pub key: String,
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Set for an instrument whose answers are scored as a profile (the CVF culture profile).
    #[serde(default)]
    pub profile: Option<Profile>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Competing Values Framework: constant-sum questions `d1_now`..`d6_now` and
    /// `d1_pref`..`d6_pref`, each with options `a` (clan), `b` (adhocracy), `c` (market),
    /// `d` (hierarchy) and a total of 100.
    Cvf,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub hint: String,
    /// Required to submit (a draft may leave it out).
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// One point on a Likert scale; `reverse` scores it as `min + max - answer`.
    Scale {
        scale: Scale,
        #[serde(default)]
        reverse: bool,
    },
    Single {
        options: Vec<Choice>,
    },
    Multiple {
        options: Vec<Choice>,
        #[serde(default)]
        max: Option<u32>,
    },
    FreeText {
        #[serde(default = "free_text_max")]
        max_chars: u32,
    },
    /// Points split across the options, adding up to `total`.
    ConstantSum {
        options: Vec<Choice>,
        total: u32,
    },
    /// Several scale items sharing one scale; its score is the mean of its items.
    Matrix {
        scale: Scale,
        items: Vec<MatrixItem>,
    },
}

impl QuestionKind {
    /// The `type` as written in an instrument file.
    pub fn type_name(&self) -> &'static str {
        match self {
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::FreeText { .. } => "free_text",
            QuestionKind::ConstantSum { .. } => "constant_sum",
            QuestionKind::Matrix { .. } => "matrix",
        }
    }
}

fn free_text_max() -> u32 {
    2000
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    /// One label per point, from `min` to `max`.
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixItem {
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub reverse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// By the file's extension: `.toml` or `.json`.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Some(Format::Toml)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// One problem in an instrument file: where (line when known, and the field path such as
/// `sections[1].questions[2].scale.labels`) and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstrumentError {
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

/// What `revans instrument check` prints about a valid instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstrumentSummary {
    pub key: String,
    pub version: u32,
    pub title: String,
    pub sections: usize,
    pub questions: usize,
    /// (question type as written in the file, how many), in a fixed order.
    pub by_type: Vec<(&'static str, usize)>,
    pub profile: Option<Profile>,
}

impl Instrument {
    /// Parses and validates an instrument; every problem is returned, not just the first.
    pub fn parse(source: &str, format: Format) -> Result<Instrument, Vec<InstrumentError>> {
        let tree = match format {
            Format::Toml => super::tree::from_toml(source),
            Format::Json => super::tree::from_json(source),
        }
        .map_err(|e| vec![e])?;
        let mut checker = super::validate::Checker::default();
        checker.instrument(&tree);
        if !checker.errors.is_empty() {
            return Err(checker.errors);
        }
        // The checks above cover what the types require; should they miss something, the
        // deserializer's own message still names it.
        let typed = match format {
            Format::Toml => toml::from_str::<Instrument>(source).map_err(|e| InstrumentError {
                line: e.span().map(|s| super::tree::line_at(source, s.start)),
                field: "(file)".into(),
                message: e.message().to_owned(),
            }),
            Format::Json => {
                serde_json::from_str::<Instrument>(source).map_err(|e| InstrumentError {
                    line: Some(e.line()),
                    field: "(file)".into(),
                    message: e.to_string(),
                })
            }
        };
        typed.map_err(|e| vec![e])
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions().find(|q| q.key == key)
    }

    pub fn summary(&self) -> InstrumentSummary {
        let mut by_type = Vec::new();
        for name in super::validate::QUESTION_TYPES {
            let n = self
                .questions()
                .filter(|q| q.kind.type_name() == name)
                .count();
            if n > 0 {
                by_type.push((name, n));
            }
        }
        InstrumentSummary {
            key: self.key.clone(),
            version: self.version,
            title: self.title.clone(),
            sections: self.sections.len(),
            questions: self.questions().count(),
            by_type,
            profile: self.profile,
        }
    }
}
