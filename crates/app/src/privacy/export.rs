//! Subject access (issue 17, C11): everything Revans holds about the person asking, as a ZIP
//! with `data.json` (one key per table, rows as stored) and `index.html` (the same, readable).
//! What is read is driven by the privacy register: for each table about a person, the rows
//! about this one, never anyone else's (a diary entry someone shared with them is the
//! author's, not theirs). Secrets (password and token hashes) are left out.

use revans_storage::privacy_register::{self, TableRows};
use serde_json::{Map, Value};

use crate::{Actor, App, Error};

/// Everything held about one person, ready for `data.json` and the readable page.
#[derive(Debug, Clone)]
pub struct SubjectAccess {
    pub person_name: String,
    pub email: String,
    /// When the export was made, in the person's zone ("5 Mar 2027, 14:05 GMT").
    pub made: String,
    /// The day it was made, `YYYY-MM-DD`, for the file's name.
    pub made_on: String,
    /// Every table about a person, in the register's order; most are empty for anyone.
    pub tables: Vec<HeldTable>,
}

/// One table's rows about the person.
#[derive(Debug, Clone)]
pub struct HeldTable {
    /// The table's name, the key in `data.json`.
    pub table: &'static str,
    /// In plain words: "Diary entries".
    pub title: String,
    pub why: &'static str,
    pub kept: &'static str,
    pub columns: Vec<&'static str>,
    /// Each column in plain words: "Created at".
    pub labels: Vec<String>,
    /// Values as stored.
    pub rows: Vec<Vec<Value>>,
    /// The same values for reading: times in the person's zone, yes and no, blanks.
    pub cells: Vec<Vec<String>>,
}

impl SubjectAccess {
    /// The tables holding at least one row about the person.
    pub fn held(&self) -> impl Iterator<Item = &HeldTable> {
        self.tables.iter().filter(|t| !t.rows.is_empty())
    }

    /// The titles of the tables holding nothing about the person.
    pub fn empty_titles(&self) -> Vec<&str> {
        self.tables
            .iter()
            .filter(|t| t.rows.is_empty())
            .map(|t| t.title.as_str())
            .collect()
    }

    /// `data.json`: one key per table, each a list of rows as objects (column: value).
    pub fn data_json(&self) -> Result<Vec<u8>, Error> {
        let mut tables = Map::new();
        for t in &self.tables {
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    let object: Map<String, Value> = t
                        .columns
                        .iter()
                        .map(|c| (*c).to_owned())
                        .zip(row.iter().cloned())
                        .collect();
                    Value::Object(object)
                })
                .collect();
            tables.insert(t.table.to_owned(), Value::Array(rows));
        }
        serde_json::to_vec_pretty(&Value::Object(tables)).map_err(Error::internal)
    }

    /// The ZIP a person downloads: `data.json` and `index.html` (rendered by the caller from
    /// this export, so the page's markup stays in templates).
    pub fn zip(&self, index_html: String) -> Result<Vec<u8>, Error> {
        revans_documents::zip_files(&[
            ("data.json".to_owned(), self.data_json()?),
            ("index.html".to_owned(), index_html.into_bytes()),
        ])
        .map_err(Error::internal)
    }

    /// "revans-data-2027-03-05.zip".
    pub fn file_name(&self) -> String {
        format!("revans-data-{}.zip", self.made_on)
    }
}

/// Everything Revans holds about the person acting, read for them alone (the export is
/// audited). A fixed number of queries: one per register entry about a person.
pub async fn subject_access(app: &App, actor: &Actor<'_>) -> Result<SubjectAccess, Error> {
    let person = &actor.viewer.person;
    let mut conn = app.store.conn().await?;
    actor
        .audit(
            &mut conn,
            "privacy.exported",
            "person",
            person.id.as_str(),
            "Downloaded everything Revans holds about them",
            &person.organisation_id,
        )
        .await?;
    let rows = privacy_register::rows_about(&mut conn, &person.id, &person.email).await?;
    let zone = actor.viewer.timezone();
    let now = crate::now_ms();
    Ok(SubjectAccess {
        person_name: person.name.clone(),
        email: person.email.clone(),
        made: revans_domain::when_in(now, zone),
        made_on: revans_domain::day_in(now, zone),
        tables: rows.into_iter().map(|t| held(t, zone)).collect(),
    })
}

fn held(t: TableRows, zone: &str) -> HeldTable {
    let cells = t
        .rows
        .iter()
        .map(|row| {
            t.columns
                .iter()
                .zip(row)
                .map(|(c, v)| readable(c, v, zone))
                .collect()
        })
        .collect();
    HeldTable {
        table: t.entry.table,
        title: words(t.entry.table),
        why: t.entry.why,
        kept: t.entry.kept,
        labels: t.columns.iter().map(|c| words(c)).collect(),
        columns: t.columns,
        rows: t.rows,
        cells,
    }
}

/// "diary_entries" -> "Diary entries"; "person_id" -> "Person id".
fn words(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value for reading: a time column (`..._at`, milliseconds) in the person's zone.
fn readable(column: &str, value: &Value, zone: &str) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "Yes".into(),
        Value::Bool(false) => "No".into(),
        Value::Number(n) if column.ends_with("_at") || column == "at" => match n.as_i64() {
            Some(ms) => revans_domain::when_in(ms, zone),
            None => n.to_string(),
        },
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_words() {
        assert_eq!(words("diary_entries"), "Diary entries");
        assert_eq!(words("at"), "At");
    }

    #[test]
    fn times_read_in_the_zone() {
        let v = Value::from(1_800_000_000_000_i64);
        assert!(readable("created_at", &v, "Europe/London").contains("2027"));
        assert_eq!(readable("capacity", &Value::from(3), "Europe/London"), "3");
        assert_eq!(readable("present", &Value::Bool(true), "UTC"), "Yes");
    }
}
