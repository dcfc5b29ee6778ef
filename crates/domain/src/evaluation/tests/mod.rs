//! Tests of the evaluation domain: hand-computed cases (the arithmetic is in the comments) and
//! properties.

mod answers;
mod cvf;
mod instrument;
mod stats;

use super::{Format, Instrument};

/// A small valid instrument with one question of every type, for the answer tests.
pub(super) fn every_type() -> Instrument {
    Instrument::parse(EVERY_TYPE, Format::Toml).expect("valid")
}

pub(super) const EVERY_TYPE: &str = r#"
key = "t"
version = 1
title = "Every type"

[[sections]]
key = "s"
title = "S"

[[sections.questions]]
key = "agree"
type = "scale"
text = "Agree?"
scale = { min = 1, max = 5, labels = ["1", "2", "3", "4", "5"] }

[[sections.questions]]
key = "worry"
type = "scale"
text = "Worry?"
reverse = true
scale = { min = 1, max = 5, labels = ["1", "2", "3", "4", "5"] }

[[sections.questions]]
key = "colour"
type = "single"
text = "Colour?"
options = [{ key = "red", label = "Red" }, { key = "blue", label = "Blue" }]

[[sections.questions]]
key = "fruit"
type = "multiple"
text = "Fruit?"
max = 2
options = [{ key = "apple", label = "Apple" }, { key = "pear", label = "Pear" }, { key = "fig", label = "Fig" }]
required = false

[[sections.questions]]
key = "note"
type = "free_text"
text = "Note?"
max_chars = 10
required = false

[[sections.questions]]
key = "split"
type = "constant_sum"
text = "Split"
total = 10
options = [{ key = "x", label = "X" }, { key = "y", label = "Y" }, { key = "z", label = "Z" }]

[[sections.questions]]
key = "grid"
type = "matrix"
text = "Grid"
scale = { min = 0, max = 4, labels = ["0", "1", "2", "3", "4"] }
items = [{ key = "p", text = "P" }, { key = "q", text = "Q", reverse = true }]
"#;
