//! A parsed instrument file as a plain tree that remembers the line of every key and value, so
//! the checks in `validate` can report every problem with its line, whichever the format.

use super::InstrumentError;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node {
    /// 1-based line of the value (of its key, for a value inside a table).
    pub line: Option<usize>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Str(String),
    Int(i64),
    Float,
    Bool(bool),
    Null,
    Other,
    Array(Vec<Node>),
    /// Entries in file order.
    Table(Vec<(String, Node)>),
}

impl Value {
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "text",
            Value::Int(_) => "a whole number",
            Value::Float => "a decimal number",
            Value::Bool(_) => "true or false",
            Value::Null => "null",
            Value::Other => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// 1-based line of a byte offset.
pub(super) fn line_at(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

pub(super) fn from_toml(source: &str) -> Result<Node, InstrumentError> {
    let doc = toml_edit::ImDocument::parse(source).map_err(|e| InstrumentError {
        line: e.span().map(|s| line_at(source, s.start)),
        field: "(file)".into(),
        message: format!("not valid TOML: {}", e.message().trim()),
    })?;
    Ok(Node {
        line: Some(1),
        value: toml_table(source, doc.as_table().iter().map(|(k, _)| k), |k| {
            doc.as_table().get_key_value(k)
        }),
    })
}

fn toml_table<'a>(
    source: &str,
    keys: impl Iterator<Item = &'a str>,
    get: impl Fn(&str) -> Option<(&'a toml_edit::Key, &'a toml_edit::Item)>,
) -> Value {
    let mut entries = Vec::new();
    for k in keys {
        let Some((key, item)) = get(k) else { continue };
        let mut node = toml_item(source, item);
        if let Some(span) = key.span() {
            node.line = Some(line_at(source, span.start));
        }
        entries.push((k.to_owned(), node));
    }
    Value::Table(entries)
}

fn toml_item(source: &str, item: &toml_edit::Item) -> Node {
    let line = item.span().map(|s| line_at(source, s.start));
    match item {
        toml_edit::Item::None => Node {
            line,
            value: Value::Null,
        },
        toml_edit::Item::Value(v) => toml_value(source, v),
        toml_edit::Item::Table(t) => Node {
            line: t.span().map(|s| line_at(source, s.start)).or(line),
            value: toml_table(source, t.iter().map(|(k, _)| k), |k| t.get_key_value(k)),
        },
        toml_edit::Item::ArrayOfTables(a) => Node {
            line,
            value: Value::Array(
                a.iter()
                    .map(|t| Node {
                        line: t.span().map(|s| line_at(source, s.start)),
                        value: toml_table(source, t.iter().map(|(k, _)| k), |k| t.get_key_value(k)),
                    })
                    .collect(),
            ),
        },
    }
}

fn toml_value(source: &str, v: &toml_edit::Value) -> Node {
    let line = v.span().map(|s| line_at(source, s.start));
    let value = match v {
        toml_edit::Value::String(s) => Value::Str(s.value().clone()),
        toml_edit::Value::Integer(i) => Value::Int(*i.value()),
        toml_edit::Value::Float(_) => Value::Float,
        toml_edit::Value::Boolean(b) => Value::Bool(*b.value()),
        toml_edit::Value::Datetime(_) => Value::Other,
        toml_edit::Value::Array(a) => {
            Value::Array(a.iter().map(|v| toml_value(source, v)).collect())
        }
        toml_edit::Value::InlineTable(t) => {
            toml_table(source, t.iter().map(|(k, _)| k), |k| t.get_key_value(k))
        }
    };
    Node { line, value }
}

/// A small JSON reader that keeps lines (serde_json's values do not); syntax errors are left
/// to serde_json, which says what is wrong and where.
pub(super) fn from_json(source: &str) -> Result<Node, InstrumentError> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(source) {
        return Err(InstrumentError {
            line: Some(e.line()),
            field: "(file)".into(),
            message: format!("not valid JSON: {e}"),
        });
    }
    let mut reader = JsonReader {
        src: source.as_bytes(),
        pos: 0,
        line: 1,
    };
    reader.value().ok_or_else(|| InstrumentError {
        line: Some(reader.line),
        field: "(file)".into(),
        message: "not valid JSON".into(),
    })
}

struct JsonReader<'a> {
    src: &'a [u8],
    pos: usize,
    line: usize,
}

impl JsonReader<'_> {
    fn skip_space(&mut self) {
        while let Some(&c) = self.src.get(self.pos) {
            match c {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_space();
        let line = Some(self.line);
        let value = match *self.src.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    match *self.src.get(self.pos)? {
                        b'}' => {
                            self.pos += 1;
                            break;
                        }
                        b',' => self.pos += 1,
                        _ => {
                            let key_line = self.line;
                            let key = self.string()?;
                            self.skip_space();
                            if self.src.get(self.pos) != Some(&b':') {
                                return None;
                            }
                            self.pos += 1;
                            let mut node = self.value()?;
                            node.line = Some(key_line);
                            entries.push((key, node));
                        }
                    }
                }
                Value::Table(entries)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match *self.src.get(self.pos)? {
                        b']' => {
                            self.pos += 1;
                            break;
                        }
                        b',' => self.pos += 1,
                        _ => items.push(self.value()?),
                    }
                }
                Value::Array(items)
            }
            b'"' => Value::Str(self.string()?),
            _ => {
                let start = self.pos;
                while self.src.get(self.pos).is_some_and(|c| {
                    !matches!(c, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t')
                }) {
                    self.pos += 1;
                }
                let word = std::str::from_utf8(&self.src[start..self.pos]).ok()?;
                match word {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    _ => match word.parse::<i64>() {
                        Ok(i) => Value::Int(i),
                        Err(_) => Value::Float,
                    },
                }
            }
        };
        Some(Node { line, value })
    }

    /// A string literal; serde_json decodes its escapes.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        if self.src.get(self.pos) != Some(&b'"') {
            return None;
        }
        self.pos += 1;
        loop {
            match *self.src.get(self.pos)? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
        serde_json::from_slice(&self.src[start..self.pos]).ok()
    }
}
