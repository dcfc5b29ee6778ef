//! What a lead knows about a cohort's people beyond their organisation (profession, grade,
//! time zone...), pasted as a CSV, and the rules on it, one per line in plain words:
//!
//! ```text
//! diverse profession          mix professions (weight 1)
//! diverse profession 2        ... twice as strongly
//! similar timezone            keep numeric values close (a soft aim)
//! at most 2 per department    a hard rule
//! at least 1 Director per grade
//! ```
//!
//! Both are checked whole, with the row or line of every problem, before the engine runs.

use revans_engine::{AttrValues, Attribute, Rule};
use revans_storage::people::Person;

use revans_domain::FieldError;

/// The attributes (one value per person, in the cohort's order) and the rules on them, with
/// attribute indexes into `attributes`.
#[derive(Debug, Default)]
pub(crate) struct AttributeRules {
    pub attributes: Vec<Attribute>,
    pub rules: Vec<Rule>,
}

fn error(field: &str, message: String) -> FieldError {
    FieldError {
        field: field.into(),
        message,
    }
}

/// Parses the CSV (header `email,COLUMN,...`) and the rule lines. With `strict`, a row for
/// someone without a place is an error; otherwise (rules stored earlier, people since gone)
/// it is skipped.
pub(crate) fn parse(
    csv_text: &str,
    rules_text: &str,
    people: &[Person],
    strict: bool,
) -> Result<AttributeRules, Vec<FieldError>> {
    let mut errors = Vec::new();
    let (columns, cells) = read_csv(csv_text, people, strict, &mut errors);
    let rules = read_rules(rules_text, &columns, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let numeric: Vec<bool> = (0..columns.len())
        .map(|c| {
            rules
                .iter()
                .any(|r| matches!(r, Rule::Similar { attr, .. } if *attr == c))
        })
        .collect();
    let mut attributes = Vec::new();
    for (c, name) in columns.iter().enumerate() {
        let values = if numeric[c] {
            let mut out = Vec::new();
            for (p, cell) in cells.iter().map(|row| &row[c]).enumerate() {
                match cell.as_deref().map(str::parse::<f64>) {
                    None => out.push(None),
                    Some(Ok(v)) if v.is_finite() => out.push(Some(v)),
                    Some(_) => {
                        errors.push(error(
                            "attributes",
                            format!(
                                "{}: \"similar {name}\" needs numbers in that column, like 5.5, not \"{}\"",
                                people[p].email,
                                cell.as_deref().unwrap_or("")
                            ),
                        ));
                        out.push(None);
                    }
                }
            }
            AttrValues::Numeric(out)
        } else {
            AttrValues::Categorical(cells.iter().map(|row| row[c].clone()).collect())
        };
        attributes.push(Attribute {
            name: name.clone(),
            values,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(AttributeRules { attributes, rules })
}

/// The column names (without `email`) and, per person in `people`, their cells.
fn read_csv(
    text: &str,
    people: &[Person],
    strict: bool,
    errors: &mut Vec<FieldError>,
) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    if text.trim().is_empty() {
        return (Vec::new(), vec![Vec::new(); people.len()]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.trim().as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase()).collect(),
        Err(e) => {
            errors.push(error("attributes", format!("Row 1 could not be read: {e}")));
            return (Vec::new(), vec![Vec::new(); people.len()]);
        }
    };
    if header.first().map(String::as_str) != Some("email") || header.len() < 2 {
        errors.push(error(
            "attributes",
            "Row 1 must be the header: email, then one column per attribute, like email,profession,grade".into(),
        ));
        return (Vec::new(), vec![Vec::new(); people.len()]);
    }
    let columns: Vec<String> = header[1..].to_vec();
    for (i, c) in columns.iter().enumerate() {
        if c.is_empty() || c == "organisation" || columns[..i].contains(c) {
            errors.push(error(
                "attributes",
                format!(
                    "Row 1: column {} needs a name of its own (not blank, not organisation, not repeated)",
                    i + 2
                ),
            ));
        }
    }
    let mut cells = vec![vec![None; columns.len()]; people.len()];
    let mut seen = vec![false; people.len()];
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(error(
                    "attributes",
                    format!("Row {row} could not be read: {e}"),
                ));
                continue;
            }
        };
        let email = record.get(0).unwrap_or("").to_lowercase();
        let Some(p) = people.iter().position(|p| p.email.to_lowercase() == email) else {
            if strict {
                errors.push(error(
                    "attributes",
                    format!("Row {row}: \"{email}\" has no confirmed place in this cohort"),
                ));
            }
            continue;
        };
        if std::mem::replace(&mut seen[p], true) {
            errors.push(error(
                "attributes",
                format!("Row {row}: {email} is listed twice"),
            ));
            continue;
        }
        for (c, cell) in cells[p].iter_mut().enumerate() {
            *cell = record
                .get(c + 1)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned);
        }
    }
    (columns, cells)
}

fn read_rules(text: &str, columns: &[String], errors: &mut Vec<FieldError>) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let n = i + 1;
        let column = |name: &str, errors: &mut Vec<FieldError>| {
            let found = columns.iter().position(|c| c == &name.to_lowercase());
            if found.is_none() {
                errors.push(error(
                    "attribute_rules",
                    if columns.is_empty() {
                        format!("Line {n}: \"{name}\" is not a column; paste the people's attributes first")
                    } else {
                        format!(
                            "Line {n}: \"{name}\" is not a column; the columns are {}",
                            columns.join(", ")
                        )
                    },
                ));
            }
            found
        };
        let count = |raw: &str| raw.parse::<usize>().ok().filter(|k| (1..=50).contains(k));
        let weight = |raw: Option<&&str>| match raw {
            None => Some(1.0),
            Some(w) => w
                .parse::<f64>()
                .ok()
                .filter(|w| w.is_finite() && *w > 0.0 && *w <= 100.0),
        };
        match words.as_slice() {
            [kind @ ("diverse" | "similar"), col, rest @ ..] if rest.len() <= 1 => {
                let attr = column(col, errors);
                match (attr, weight(rest.first())) {
                    (Some(attr), Some(weight)) if *kind == "diverse" => {
                        rules.push(Rule::Diverse { attr, weight });
                    }
                    (Some(attr), Some(weight)) => rules.push(Rule::Similar { attr, weight }),
                    (_, None) => errors.push(error(
                        "attribute_rules",
                        format!("Line {n}: the weight must be a number above 0, up to 100, like 2"),
                    )),
                    _ => {}
                }
            }
            ["at", "most", k, "per", col] => match (count(k), column(col, errors)) {
                (Some(k), Some(attr)) => rules.push(Rule::MaxPer { attr, k }),
                (None, _) => errors.push(error(
                    "attribute_rules",
                    format!("Line {n}: \"{k}\" must be a whole number from 1 to 50"),
                )),
                _ => {}
            },
            ["at", "least", k, value @ .., "per", col] if !value.is_empty() => {
                match (count(k), column(col, errors)) {
                    (Some(k), Some(attr)) => rules.push(Rule::MinPer {
                        attr,
                        value: value.join(" "),
                        k,
                    }),
                    (None, _) => errors.push(error(
                        "attribute_rules",
                        format!("Line {n}: \"{k}\" must be a whole number from 1 to 50"),
                    )),
                    _ => {}
                }
            }
            _ => errors.push(error(
                "attribute_rules",
                format!(
                    "Line {n}: write a rule like \"diverse profession\", \"similar timezone\", \"at most 2 per department\" or \"at least 1 Director per grade\""
                ),
            )),
        }
    }
    rules
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use revans_domain::Id;

    fn people(emails: &[&str]) -> Vec<Person> {
        emails
            .iter()
            .map(|e| Person {
                id: Id::from_trusted(format!("id-{e}")),
                organisation_id: Id::from_trusted("org".to_owned()),
                organisation_name: "Org".into(),
                email: (*e).into(),
                name: (*e).into(),
                activated: true,
                created_at: 0,
                timezone: None,
                locale: None,
            })
            .collect()
    }

    fn messages(e: Vec<FieldError>) -> Vec<String> {
        e.into_iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect()
    }

    #[test]
    fn values_follow_the_cohorts_order_and_blank_cells_are_unknown() {
        let ps = people(&["a@x.example", "b@x.example", "c@x.example"]);
        let csv = "Email,Grade,Zone\nc@x.example,Director,1\nA@X.example,,-5.5\n";
        let r = parse(
            csv,
            "similar zone 2\nat least 1 Director per grade",
            &ps,
            true,
        )
        .unwrap();
        assert_eq!(
            r.attributes[0].values,
            AttrValues::Categorical(vec![None, None, Some("Director".into())])
        );
        assert_eq!(
            r.attributes[1].values,
            AttrValues::Numeric(vec![Some(-5.5), None, Some(1.0)])
        );
        assert_eq!(
            r.rules,
            vec![
                Rule::Similar {
                    attr: 1,
                    weight: 2.0
                },
                Rule::MinPer {
                    attr: 0,
                    value: "Director".into(),
                    k: 1
                }
            ]
        );
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let ps = people(&["a@x.example"]);
        let csv = "email,grade,grade\na@x.example,x,y\na@x.example,x,y\nz@x.example,x,y\n";
        let errs = parse(
            csv,
            "mix grade\nat most 0 per grade\ndiverse grade -1",
            &ps,
            true,
        )
        .unwrap_err();
        assert_eq!(
            messages(errs),
            vec![
                "attributes: Row 1: column 3 needs a name of its own (not blank, not organisation, not repeated)",
                "attributes: Row 3: a@x.example is listed twice",
                "attributes: Row 4: \"z@x.example\" has no confirmed place in this cohort",
                "attribute_rules: Line 1: write a rule like \"diverse profession\", \"similar timezone\", \"at most 2 per department\" or \"at least 1 Director per grade\"",
                "attribute_rules: Line 2: \"0\" must be a whole number from 1 to 50",
                "attribute_rules: Line 3: the weight must be a number above 0, up to 100, like 2",
            ]
        );
    }

    #[test]
    fn rules_stored_earlier_skip_people_who_have_gone() {
        let ps = people(&["a@x.example"]);
        let csv = "email,grade\na@x.example,Director\ngone@x.example,Manager\n";
        assert!(parse(csv, "", &ps, true).is_err());
        let r = parse(csv, "", &ps, false).unwrap();
        assert_eq!(
            r.attributes[0].values,
            AttrValues::Categorical(vec![Some("Director".into())])
        );
    }

    #[test]
    fn nothing_pasted_means_no_attributes_and_rules_need_columns() {
        let ps = people(&["a@x.example"]);
        assert!(parse("", "", &ps, true).unwrap().attributes.is_empty());
        let errs = parse("", "diverse profession", &ps, true).unwrap_err();
        assert_eq!(
            messages(errs),
            vec![
                "attribute_rules: Line 1: \"profession\" is not a column; paste the people's attributes first"
            ]
        );
    }

    fn attr_of(rule: &Rule) -> usize {
        match rule {
            Rule::Diverse { attr, .. }
            | Rule::Similar { attr, .. }
            | Rule::MaxPer { attr, .. }
            | Rule::MinPer { attr, .. }
            | Rule::DontIsolate { attr, .. } => *attr,
        }
    }

    proptest::proptest! {
        // Pasted text from a lead, of any shape: never a panic; when accepted, one value per
        // person in every column and every rule names a column that exists (issue 12, the
        // attribute CSV among the parsers of outside input).
        #[test]
        fn any_pasted_attributes_and_rules_read_or_are_refused_cleanly(
            csv in "(email|a@x|b@x|c@x|grade|role|,|\"|\n|[0-9.]{1,3}|Nurse|[ -~]{0,6}){0,40}",
            rules in "((diverse|similar|at most|at least|per|[0-9]{1,2}| |grade|role|x)\n?){0,12}",
            strict in proptest::bool::ANY,
        ) {
            let who = people(&["a@x", "b@x", "c@x"]);
            if let Ok(parsed) = parse(&csv, &rules, &who, strict) {
                for a in &parsed.attributes {
                    let n = match &a.values {
                        AttrValues::Categorical(v) => v.len(),
                        AttrValues::Numeric(v) => v.len(),
                    };
                    proptest::prop_assert_eq!(n, who.len());
                }
                for r in &parsed.rules {
                    proptest::prop_assert!(attr_of(r) < parsed.attributes.len());
                }
            }
        }
    }
}
