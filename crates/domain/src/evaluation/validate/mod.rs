//! The checks of an instrument file, over the line-keeping tree: every problem is collected
//! with its line and field path (`sections[1].questions[2].scale.labels`, indexes from 0).

use std::collections::HashMap;

mod question;

use super::InstrumentError;
use super::tree::{Node, Value};

pub(super) const QUESTION_TYPES: [&str; 6] = [
    "scale",
    "single",
    "multiple",
    "free_text",
    "constant_sum",
    "matrix",
];

const COMMON_QUESTION_FIELDS: [&str; 5] = ["key", "text", "hint", "required", "type"];

/// `[a-z0-9_]+`.
pub(super) fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[derive(Default)]
pub(super) struct Checker {
    pub errors: Vec<InstrumentError>,
    /// Every question key seen: its path.
    question_keys: HashMap<String, String>,
    /// The questions as the CVF check needs them.
    questions: Vec<SeenQuestion>,
}

struct SeenQuestion {
    key: String,
    path: String,
    kind: Option<String>,
    options: Vec<String>,
    total: Option<i64>,
    total_line: Option<usize>,
    type_line: Option<usize>,
    options_line: Option<usize>,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

type Entries = [(String, Node)];

fn get<'a>(entries: &'a Entries, name: &str) -> Option<&'a Node> {
    entries.iter().find(|(k, _)| k == name).map(|(_, n)| n)
}

impl Checker {
    fn err(&mut self, line: Option<usize>, field: &str, message: impl Into<String>) {
        self.errors.push(InstrumentError {
            line,
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// The entries of a table, with unknown, duplicated and missing fields reported.
    fn table<'a>(
        &mut self,
        node: &'a Node,
        path: &str,
        allowed: &[&str],
        required: &[&str],
    ) -> Option<&'a Entries> {
        let Value::Table(entries) = &node.value else {
            self.err(
                node.line,
                if path.is_empty() { "(file)" } else { path },
                format!("expected a table, found {}", node.value.kind()),
            );
            return None;
        };
        for (i, (name, value)) in entries.iter().enumerate() {
            if entries[..i].iter().any(|(k, _)| k == name) {
                self.err(value.line, &join(path, name), "given twice; keep one");
            } else if !allowed.contains(&name.as_str()) {
                self.err(
                    value.line,
                    &join(path, name),
                    format!("unknown field; the fields here are {}", allowed.join(", ")),
                );
            }
        }
        for name in required {
            if get(entries, name).is_none() {
                self.err(node.line, &join(path, name), "missing; add it");
            }
        }
        Some(entries)
    }

    fn string<'a>(&mut self, entries: &'a Entries, path: &str, name: &str) -> Option<&'a str> {
        let node = get(entries, name)?;
        match &node.value {
            Value::Str(s) => Some(s),
            other => {
                self.err(
                    node.line,
                    &join(path, name),
                    format!("expected text, found {}", other.kind()),
                );
                None
            }
        }
    }

    fn text(&mut self, entries: &Entries, path: &str, name: &str) {
        if let Some(s) = self.string(entries, path, name)
            && s.trim().is_empty()
        {
            let line = get(entries, name).and_then(|n| n.line);
            self.err(line, &join(path, name), "is empty; write it");
        }
    }

    fn key(&mut self, entries: &Entries, path: &str) -> Option<String> {
        let s = self.string(entries, path, "key")?;
        if !is_key(s) {
            let line = get(entries, "key").and_then(|n| n.line);
            self.err(
                line,
                &join(path, "key"),
                format!("`{s}` is not a key: use lower-case letters, digits and _ only"),
            );
        }
        Some(s.to_owned())
    }

    fn int(
        &mut self,
        entries: &Entries,
        path: &str,
        name: &str,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let node = get(entries, name)?;
        match node.value {
            Value::Int(i) if (min..=max).contains(&i) => Some(i),
            Value::Int(i) => {
                self.err(
                    node.line,
                    &join(path, name),
                    format!("{i} is out of range: use {min} to {max}"),
                );
                None
            }
            ref other => {
                self.err(
                    node.line,
                    &join(path, name),
                    format!("expected a whole number, found {}", other.kind()),
                );
                None
            }
        }
    }

    fn boolean(&mut self, entries: &Entries, path: &str, name: &str) {
        if let Some(node) = get(entries, name)
            && !matches!(node.value, Value::Bool(_))
        {
            self.err(
                node.line,
                &join(path, name),
                format!("expected true or false, found {}", node.value.kind()),
            );
        }
    }

    fn array<'a>(&mut self, entries: &'a Entries, path: &str, name: &str) -> Option<&'a [Node]> {
        let node = get(entries, name)?;
        match &node.value {
            Value::Array(items) => Some(items),
            other => {
                self.err(
                    node.line,
                    &join(path, name),
                    format!("expected a list, found {}", other.kind()),
                );
                None
            }
        }
    }

    pub fn instrument(&mut self, root: &Node) {
        let Some(top) = self.table(
            root,
            "",
            &[
                "key",
                "version",
                "title",
                "description",
                "profile",
                "sections",
            ],
            &["key", "version", "title", "sections"],
        ) else {
            return;
        };
        self.key(top, "");
        self.int(top, "", "version", 1, i64::from(u32::MAX));
        self.text(top, "", "title");
        self.string(top, "", "description");
        let mut cvf = None;
        if let Some(p) = self.string(top, "", "profile") {
            let line = get(top, "profile").and_then(|n| n.line);
            if p == "cvf" {
                cvf = Some(line);
            } else {
                self.err(
                    line,
                    "profile",
                    format!("unknown profile `{p}`: the one profile is `cvf`"),
                );
            }
        }
        if let Some(sections) = self.array(top, "", "sections") {
            if sections.is_empty() {
                let line = get(top, "sections").and_then(|n| n.line);
                self.err(line, "sections", "has no sections; add at least one");
            }
            let mut section_keys: HashMap<String, String> = HashMap::new();
            for (i, s) in sections.iter().enumerate() {
                let path = format!("sections[{i}]");
                self.section(s, &path, &mut section_keys);
            }
        }
        if let Some(line) = cvf {
            self.cvf(line);
        }
    }

    fn section(&mut self, node: &Node, path: &str, keys: &mut HashMap<String, String>) {
        let Some(entries) = self.table(
            node,
            path,
            &["key", "title", "intro", "questions"],
            &["key", "title", "questions"],
        ) else {
            return;
        };
        if let Some(k) = self.key(entries, path) {
            let line = get(entries, "key").and_then(|n| n.line);
            if let Some(first) = keys.get(&k) {
                self.err(
                    line,
                    &join(path, "key"),
                    format!("duplicate section key `{k}`: {first} has it too"),
                );
            } else {
                keys.insert(k, path.to_owned());
            }
        }
        self.text(entries, path, "title");
        self.string(entries, path, "intro");
        if let Some(questions) = self.array(entries, path, "questions") {
            if questions.is_empty() {
                let line = get(entries, "questions").and_then(|n| n.line);
                self.err(
                    line,
                    &join(path, "questions"),
                    "has no questions; add at least one",
                );
            }
            for (i, q) in questions.iter().enumerate() {
                self.question(q, &format!("{path}.questions[{i}]"));
            }
        }
    }
}
