//! Professional frameworks that CPD evidence is tagged against (C10, issue 16): the NHS
//! Healthcare Leadership Model ships with Revans and a tenant may add its own (HCPC standards,
//! a college's competences). A framework is a TOML file: `id`, `name`, `source` and 1 to 20
//! `[[dimensions]]`, each with a `key`, `name` and `description`. Parsing checks everything and
//! every problem names its line and field, so a lead who pastes a file can fix it.

use std::collections::HashSet;

/// The most dimensions a framework may have (the portfolio groups evidence by dimension).
pub const MAX_DIMENSIONS: usize = 20;
/// The longest key (framework id or dimension key).
pub const MAX_KEY_CHARS: usize = 60;
/// The longest name.
pub const MAX_NAME_CHARS: usize = 120;
/// The longest description or source line.
pub const MAX_TEXT_CHARS: usize = 500;

/// One dimension of a framework: what a piece of evidence is tagged with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dimension {
    pub key: String,
    pub name: String,
    pub description: String,
}

/// A checked framework: a valid id, a name, where it comes from, and 1..=20 dimensions with
/// unique keys and names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Framework {
    id: String,
    name: String,
    source: String,
    dimensions: Vec<Dimension>,
}

/// One problem in a framework file: where, which field, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkProblem {
    /// 1-based line in the file, when the problem has a place.
    pub line: Option<usize>,
    /// `id`, `name`, `source`, `dimensions`, or `dimensions[3].key` (1-based).
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FrameworkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "Line {line}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

/// A key is lower-case letters, digits and single hyphens inside, 1 to 60 characters.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_CHARS
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !key.starts_with('-')
        && !key.ends_with('-')
        && !key.contains("--")
}

fn line_at(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Reads a text field of a table, with its line; a problem when missing, not a string, blank,
/// too long or holding a line break.
fn text_of(
    source: &str,
    table: &toml_edit::Table,
    table_line: Option<usize>,
    key: &str,
    field: &str,
    max: usize,
    problems: &mut Vec<FrameworkProblem>,
) -> Option<(String, Option<usize>)> {
    let mut problem = |line, message: String| {
        problems.push(FrameworkProblem {
            line,
            field: field.to_owned(),
            message,
        });
        None
    };
    let Some(item) = table.get(key) else {
        return problem(table_line, format!("add `{key} = \"...\"`"));
    };
    let line = item.span().map(|s| line_at(source, s.start)).or(table_line);
    let Some(text) = item.as_str() else {
        return problem(line, "must be text in double quotes".into());
    };
    let text = text.trim();
    if text.is_empty() {
        return problem(line, "must not be blank".into());
    }
    if text.chars().count() > max {
        return problem(line, format!("must be {max} characters or fewer"));
    }
    if text.contains(['\n', '\r', '\0']) {
        return problem(line, "must be one line".into());
    }
    Some((text.to_owned(), line))
}

impl Framework {
    /// Parses and checks a framework file; every problem found, in file order.
    pub fn parse(source: &str) -> Result<Framework, Vec<FrameworkProblem>> {
        let doc = toml_edit::ImDocument::parse(source).map_err(|e| {
            vec![FrameworkProblem {
                line: e.span().map(|s| line_at(source, s.start)),
                field: "file".into(),
                message: format!("is not valid TOML: {}", e.message().trim()),
            }]
        })?;
        let top = doc.as_table();
        let mut problems = Vec::new();
        for (key, _) in top.iter() {
            if !matches!(key, "id" | "name" | "source" | "dimensions") {
                let line = top
                    .get_key_value(key)
                    .and_then(|(k, _)| k.span())
                    .map(|s| line_at(source, s.start));
                problems.push(FrameworkProblem {
                    line,
                    field: key.to_owned(),
                    message: "is not part of a framework file: use id, name, source and \
                              [[dimensions]]"
                        .into(),
                });
            }
        }
        let id = text_of(
            source,
            top,
            Some(1),
            "id",
            "id",
            MAX_KEY_CHARS,
            &mut problems,
        );
        if let Some((id, line)) = &id
            && !valid_key(id)
        {
            problems.push(FrameworkProblem {
                line: *line,
                field: "id".into(),
                message: "use lower-case letters, digits and hyphens, like hcpc-standards".into(),
            });
        }
        let name = text_of(
            source,
            top,
            Some(1),
            "name",
            "name",
            MAX_NAME_CHARS,
            &mut problems,
        );
        let source_text = text_of(
            source,
            top,
            Some(1),
            "source",
            "source",
            MAX_TEXT_CHARS,
            &mut problems,
        );
        let mut dimensions = Vec::new();
        match top.get("dimensions") {
            None => problems.push(FrameworkProblem {
                line: None,
                field: "dimensions".into(),
                message: "add at least one [[dimensions]] table with key, name and description"
                    .into(),
            }),
            Some(item) => match item.as_array_of_tables() {
                None => problems.push(FrameworkProblem {
                    line: item.span().map(|s| line_at(source, s.start)),
                    field: "dimensions".into(),
                    message: "write each dimension as its own [[dimensions]] table".into(),
                }),
                Some(tables) => {
                    if tables.len() > MAX_DIMENSIONS {
                        problems.push(FrameworkProblem {
                            line: tables
                                .get(MAX_DIMENSIONS)
                                .and_then(|t| t.span())
                                .map(|s| line_at(source, s.start)),
                            field: "dimensions".into(),
                            message: format!("a framework has at most {MAX_DIMENSIONS} dimensions"),
                        });
                    }
                    let mut keys = HashSet::new();
                    let mut names = HashSet::new();
                    for (i, t) in tables.iter().enumerate() {
                        let at = t.span().map(|s| line_at(source, s.start));
                        let f = |k: &str| format!("dimensions[{}].{k}", i + 1);
                        for (k, _) in t.iter() {
                            if !matches!(k, "key" | "name" | "description") {
                                problems.push(FrameworkProblem {
                                    line: t
                                        .get_key_value(k)
                                        .and_then(|(k, _)| k.span())
                                        .map(|s| line_at(source, s.start))
                                        .or(at),
                                    field: f(k),
                                    message: "is not part of a dimension: use key, name and \
                                              description"
                                        .into(),
                                });
                            }
                        }
                        let key = text_of(
                            source,
                            t,
                            at,
                            "key",
                            &f("key"),
                            MAX_KEY_CHARS,
                            &mut problems,
                        );
                        let dname = text_of(
                            source,
                            t,
                            at,
                            "name",
                            &f("name"),
                            MAX_NAME_CHARS,
                            &mut problems,
                        );
                        let description = text_of(
                            source,
                            t,
                            at,
                            "description",
                            &f("description"),
                            MAX_TEXT_CHARS,
                            &mut problems,
                        );
                        if let Some((k, line)) = &key {
                            if !valid_key(k) {
                                problems.push(FrameworkProblem {
                                    line: *line,
                                    field: f("key"),
                                    message: "use lower-case letters, digits and hyphens, like \
                                              leading-with-care"
                                        .into(),
                                });
                            } else if !keys.insert(k.clone()) {
                                problems.push(FrameworkProblem {
                                    line: *line,
                                    field: f("key"),
                                    message: format!("\"{k}\" is used by an earlier dimension"),
                                });
                            }
                        }
                        if let Some((n, line)) = &dname
                            && !names.insert(n.to_lowercase())
                        {
                            problems.push(FrameworkProblem {
                                line: *line,
                                field: f("name"),
                                message: format!("\"{n}\" is used by an earlier dimension"),
                            });
                        }
                        if let (Some((key, _)), Some((name, _)), Some((description, _))) =
                            (key, dname, description)
                        {
                            dimensions.push(Dimension {
                                key,
                                name,
                                description,
                            });
                        }
                    }
                    if tables.is_empty() {
                        problems.push(FrameworkProblem {
                            line: None,
                            field: "dimensions".into(),
                            message: "add at least one dimension".into(),
                        });
                    }
                }
            },
        }
        match (id, name, source_text) {
            (Some((id, _)), Some((name, _)), Some((source, _))) if problems.is_empty() => {
                Ok(Framework {
                    id,
                    name,
                    source,
                    dimensions,
                })
            }
            _ => Err(problems),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    pub fn dimension(&self, key: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.key == key)
    }

    /// The framework written back as a file `parse` reads to the same framework.
    pub fn to_toml(&self) -> String {
        let q = |s: &str| toml_edit::Value::from(s).to_string();
        let mut out = format!(
            "id = {}\nname = {}\nsource = {}\n",
            q(&self.id),
            q(&self.name),
            q(&self.source)
        );
        for d in &self.dimensions {
            out.push_str(&format!(
                "\n[[dimensions]]\nkey = {}\nname = {}\ndescription = {}\n",
                q(&d.key),
                q(&d.name),
                q(&d.description)
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOOD: &str = "id = \"hcpc\"\nname = \"HCPC standards\"\nsource = \"HCPC\"\n\n\
        [[dimensions]]\nkey = \"one\"\nname = \"One\"\ndescription = \"First\"\n";

    #[test]
    fn a_good_file_parses() {
        let f = Framework::parse(GOOD).unwrap();
        assert_eq!(f.id(), "hcpc");
        assert_eq!(f.dimensions().len(), 1);
        assert_eq!(f.dimension("one").unwrap().name, "One");
    }

    #[test]
    fn problems_name_their_line_and_field() {
        let bad = GOOD.replace("key = \"one\"", "key = \"One Two\"");
        let problems = Framework::parse(&bad).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "dimensions[1].key");
        assert_eq!(problems[0].line, Some(6));
        assert!(
            problems[0]
                .to_string()
                .starts_with("Line 6, dimensions[1].key:")
        );
    }

    #[test]
    fn missing_fields_unknown_keys_and_duplicates_are_each_named() {
        let bad = "id = \"x\"\ncolour = \"red\"\n[[dimensions]]\nkey = \"a\"\nname = \"A\"\n\
                   description = \"d\"\n[[dimensions]]\nkey = \"a\"\nname = \"a\"\n\
                   description = \"d\"\n";
        let problems = Framework::parse(bad).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"colour"), "{fields:?}");
        assert!(fields.contains(&"name"), "{fields:?}");
        assert!(fields.contains(&"source"), "{fields:?}");
        assert!(fields.contains(&"dimensions[2].key"), "{fields:?}");
        assert!(fields.contains(&"dimensions[2].name"), "{fields:?}");
    }

    #[test]
    fn not_toml_says_so_with_the_line() {
        let problems = Framework::parse("id = \"x\"\nname = \n").unwrap_err();
        assert_eq!(problems[0].field, "file");
        assert_eq!(problems[0].line, Some(2));
    }

    #[test]
    fn no_dimensions_or_too_many_are_refused() {
        let none = "id = \"x\"\nname = \"X\"\nsource = \"S\"\n";
        assert_eq!(Framework::parse(none).unwrap_err()[0].field, "dimensions");
        let mut many = none.to_owned();
        for i in 0..21 {
            many.push_str(&format!(
                "[[dimensions]]\nkey = \"d{i}\"\nname = \"D{i}\"\ndescription = \"x\"\n"
            ));
        }
        assert_eq!(Framework::parse(&many).unwrap_err()[0].field, "dimensions");
    }

    fn key() -> impl Strategy<Value = String> {
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
    }

    fn text() -> impl Strategy<Value = String> {
        "[A-Za-z0-9 ,.'\"\\\\é&-]{0,40}".prop_map(|s| format!("T{s}"))
    }

    proptest! {
        /// Any valid framework survives being written out and read back.
        #[test]
        fn a_written_framework_reads_back_the_same(
            id in key(),
            name in text(),
            source in text(),
            dims in prop::collection::btree_map(key(), (text(), text()), 1..=MAX_DIMENSIONS),
        ) {
            let dimensions: Vec<Dimension> = dims
                .into_iter()
                .enumerate()
                .map(|(i, (key, (name, description)))| Dimension {
                    key,
                    name: format!("{i} {}", name.trim()),
                    description: description.trim().to_owned(),
                })
                .collect();
            let f = Framework {
                id,
                name: name.trim().to_owned(),
                source: source.trim().to_owned(),
                dimensions,
            };
            prop_assert_eq!(Framework::parse(&f.to_toml()), Ok(f));
        }

        /// Whatever is pasted, parsing never panics, and anything it accepts is within the
        /// limits: 1..=20 dimensions with valid, unique keys.
        #[test]
        fn anything_accepted_is_within_the_rules(source in "(?s).{0,400}") {
            if let Ok(f) = Framework::parse(&source) {
                prop_assert!(valid_key(f.id()));
                prop_assert!((1..=MAX_DIMENSIONS).contains(&f.dimensions().len()));
                let keys: HashSet<_> = f.dimensions().iter().map(|d| &d.key).collect();
                prop_assert_eq!(keys.len(), f.dimensions().len());
            }
        }

        /// A duplicated dimension key is always refused, naming the later one.
        #[test]
        fn a_duplicate_key_is_refused(k in key(), n in 1usize..5) {
            let mut s = "id = \"f\"\nname = \"F\"\nsource = \"S\"\n".to_owned();
            for i in 0..n {
                s.push_str(&format!("[[dimensions]]\nkey = \"u{i}\"\nname = \"U{i}\"\ndescription = \"x\"\n"));
            }
            for i in 0..2 {
                s.push_str(&format!("[[dimensions]]\nkey = \"{k}\"\nname = \"Dup {i}\"\ndescription = \"x\"\n"));
            }
            let problems = Framework::parse(&s).unwrap_err();
            let later = format!("dimensions[{}].key", n + 2);
            prop_assert!(problems.iter().any(|p| p.field == later));
        }

        /// Keys outside the alphabet are refused.
        #[test]
        fn a_key_with_other_characters_is_invalid(k in "[a-z]{0,5}[A-Z _./]{1,3}[a-z]{0,5}") {
            prop_assert!(!valid_key(&k));
        }
    }
}
