//! The checks of one question, its scale and its options or items, and the CVF profile's
//! twelve questions.

use super::{COMMON_QUESTION_FIELDS, Checker, Entries, QUESTION_TYPES, SeenQuestion, get, join};
use crate::evaluation::tree::{Node, Value};

impl Checker {
    pub(super) fn question(&mut self, node: &Node, path: &str) {
        let kind = match &node.value {
            Value::Table(entries) => match get(entries, "type").map(|n| &n.value) {
                Some(Value::Str(t)) => Some(t.clone()),
                _ => None,
            },
            _ => None,
        };
        let specific: &[&str] = match kind.as_deref() {
            Some("scale") => &["scale", "reverse"],
            Some("single") => &["options"],
            Some("multiple") => &["options", "max"],
            Some("free_text") => &["max_chars"],
            Some("constant_sum") => &["options", "total"],
            Some("matrix") => &["scale", "items"],
            _ => &[],
        };
        let required: &[&str] = match kind.as_deref() {
            Some("scale") => &["scale"],
            Some("single" | "multiple") => &["options"],
            Some("constant_sum") => &["options", "total"],
            Some("matrix") => &["scale", "items"],
            _ => &[],
        };
        let known_type = kind.as_deref().is_some_and(|k| QUESTION_TYPES.contains(&k));
        let mut allowed: Vec<&str> = COMMON_QUESTION_FIELDS.to_vec();
        allowed.extend_from_slice(specific);
        let mut all_required = vec!["key", "text", "type"];
        all_required.extend_from_slice(required);
        let entries = if known_type {
            self.table(node, path, &allowed, &all_required)
        } else {
            // Without a known type the other fields cannot be judged: say what the type must be.
            let any_field = [
                "key",
                "text",
                "hint",
                "required",
                "type",
                "scale",
                "reverse",
                "options",
                "max",
                "max_chars",
                "total",
                "items",
            ];
            let entries = self.table(node, path, &any_field, &["key", "text"]);
            if let Some(e) = entries {
                let line = get(e, "type").and_then(|n| n.line).or(node.line);
                let found = match get(e, "type").map(|n| &n.value) {
                    Some(Value::Str(t)) => format!("`{t}` is not a question type"),
                    Some(other) => format!("expected text, found {}", other.kind()),
                    None => "missing".into(),
                };
                self.err(
                    line,
                    &join(path, "type"),
                    format!("{found}: use one of {}", QUESTION_TYPES.join(", ")),
                );
            }
            entries
        };
        let Some(entries) = entries else { return };
        let key = self.key(entries, path);
        if let Some(k) = &key {
            let line = get(entries, "key").and_then(|n| n.line);
            if let Some(first) = self.question_keys.get(k) {
                let first = first.clone();
                self.err(
                    line,
                    &join(path, "key"),
                    format!("duplicate question key `{k}`: {first} has it too"),
                );
            } else {
                self.question_keys.insert(k.clone(), path.to_owned());
            }
        }
        self.text(entries, path, "text");
        self.string(entries, path, "hint");
        self.boolean(entries, path, "required");
        let mut seen = SeenQuestion {
            key: key.unwrap_or_default(),
            path: path.to_owned(),
            kind: kind.clone(),
            options: Vec::new(),
            total: None,
            total_line: None,
            type_line: get(entries, "type").and_then(|n| n.line),
            options_line: get(entries, "options").and_then(|n| n.line),
        };
        if !known_type {
            self.questions.push(seen);
            return;
        }
        match kind.as_deref() {
            Some("scale") => {
                self.scale(entries, path);
                self.boolean(entries, path, "reverse");
            }
            Some("single") => {
                seen.options = self.options(entries, path);
            }
            Some("multiple") => {
                seen.options = self.options(entries, path);
                if let Some(max) = self.int(entries, path, "max", 1, i64::from(u32::MAX))
                    && !seen.options.is_empty()
                    && max > seen.options.len() as i64
                {
                    let line = get(entries, "max").and_then(|n| n.line);
                    self.err(
                        line,
                        &join(path, "max"),
                        format!("is {max} but there are only {} options", seen.options.len()),
                    );
                }
            }
            Some("free_text") => {
                self.int(entries, path, "max_chars", 1, i64::from(u32::MAX));
            }
            Some("constant_sum") => {
                seen.options = self.options(entries, path);
                seen.total = self.int(entries, path, "total", 0, i64::from(u32::MAX));
                seen.total_line = get(entries, "total").and_then(|n| n.line);
                if seen.total == Some(0) {
                    self.err(
                        seen.total_line,
                        &join(path, "total"),
                        "is 0: the points to split must be more than 0",
                    );
                }
            }
            Some("matrix") => {
                self.scale(entries, path);
                self.choices(
                    entries,
                    path,
                    "items",
                    &["key", "text", "reverse"],
                    "text",
                    1,
                );
            }
            _ => {}
        }
        self.questions.push(seen);
    }

    fn scale(&mut self, entries: &Entries, path: &str) {
        let Some(node) = get(entries, "scale") else {
            return;
        };
        let path = join(path, "scale");
        let Some(scale) = self.table(
            node,
            &path,
            &["min", "max", "labels"],
            &["min", "max", "labels"],
        ) else {
            return;
        };
        let min = self.int(scale, &path, "min", 0, 255);
        let max = self.int(scale, &path, "max", 0, 255);
        let labels = self.array(scale, &path, "labels");
        if let Some(labels) = labels {
            for (i, l) in labels.iter().enumerate() {
                match &l.value {
                    Value::Str(s) if !s.trim().is_empty() => {}
                    Value::Str(_) => self.err(
                        l.line,
                        &format!("{path}.labels[{i}]"),
                        "is empty; write the label",
                    ),
                    other => self.err(
                        l.line,
                        &format!("{path}.labels[{i}]"),
                        format!("expected text, found {}", other.kind()),
                    ),
                }
            }
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min >= max {
                let line = get(scale, "max").and_then(|n| n.line);
                self.err(
                    line,
                    &join(&path, "max"),
                    format!("must be more than min ({min})"),
                );
            } else if let Some(labels) = labels {
                let want = (max - min + 1) as usize;
                if labels.len() != want {
                    let line = get(scale, "labels").and_then(|n| n.line);
                    self.err(
                        line,
                        &join(&path, "labels"),
                        format!("has {} labels; a scale from {min} to {max} needs {want}, one per point", labels.len()),
                    );
                }
            }
        }
    }

    fn options(&mut self, entries: &Entries, path: &str) -> Vec<String> {
        self.choices(entries, path, "options", &["key", "label"], "label", 2)
    }

    /// Options or matrix items: a list of tables with unique keys, at least `least` of them.
    fn choices(
        &mut self,
        entries: &Entries,
        path: &str,
        name: &str,
        fields: &[&str],
        text: &str,
        least: usize,
    ) -> Vec<String> {
        let Some(list) = self.array(entries, path, name) else {
            return Vec::new();
        };
        let list_path = join(path, name);
        if list.len() < least {
            let line = get(entries, name).and_then(|n| n.line);
            self.err(
                line,
                &list_path,
                format!("lists {}; at least {least} are needed", list.len()),
            );
        }
        let mut keys: Vec<String> = Vec::new();
        for (i, node) in list.iter().enumerate() {
            let path = format!("{list_path}[{i}]");
            let Some(e) = self.table(node, &path, fields, &["key", text]) else {
                continue;
            };
            if let Some(k) = self.key(e, &path) {
                if keys.contains(&k) {
                    let line = get(e, "key").and_then(|n| n.line);
                    self.err(
                        line,
                        &join(&path, "key"),
                        format!("duplicate key `{k}` in {list_path}"),
                    );
                }
                keys.push(k);
            }
            self.text(e, &path, text);
            self.boolean(e, &path, "reverse");
        }
        keys
    }

    pub(super) fn cvf(&mut self, profile_line: Option<usize>) {
        let mut missing = Vec::new();
        for d in 1..=6 {
            for which in ["now", "pref"] {
                let key = format!("d{d}_{which}");
                let Some(q) = self.questions.iter().find(|q| q.key == key) else {
                    missing.push(key);
                    continue;
                };
                let path = q.path.clone();
                let (kind, total) = (q.kind.clone(), q.total);
                let (type_line, options_line, total_line) =
                    (q.type_line, q.options_line, q.total_line);
                let mut options = q.options.clone();
                if kind.as_deref() != Some("constant_sum") {
                    self.err(
                        type_line,
                        &join(&path, "type"),
                        format!("`{key}` must be a constant_sum question in a `cvf` instrument"),
                    );
                    continue;
                }
                options.sort();
                if options != ["a", "b", "c", "d"] {
                    self.err(
                        options_line,
                        &join(&path, "options"),
                        format!("`{key}` must have exactly the options a, b, c, d (clan, adhocracy, market, hierarchy)"),
                    );
                }
                if total.is_some_and(|t| t != 100) {
                    self.err(
                        total_line,
                        &join(&path, "total"),
                        format!("`{key}` must split 100 points in a `cvf` instrument"),
                    );
                }
            }
        }
        if !missing.is_empty() {
            self.err(
                profile_line,
                "profile",
                format!(
                    "a `cvf` instrument needs the constant-sum questions d1_now..d6_now and d1_pref..d6_pref (options a, b, c, d; total 100); missing: {}",
                    missing.join(", ")
                ),
            );
        }
    }
}
