//! Importing who manages whom (C3), from a CSV (`email,manager_email`, the page and the API)
//! or from JSON rows (the API). The whole import is checked first; one bad row refuses it
//! with every row's problem, and nothing is saved.

use revans_domain::{EmailAddress, ReportingLines, ReportingRow, RowError};
use revans_storage::reporting_lines;

use crate::App;
use crate::Error;
use crate::Viewer;
use crate::{Actor, people_in_scope};
use revans_domain::FieldError;

/// One person of the lead's organisations and who manages them.
#[derive(Debug, Clone)]
pub struct ReportingLine {
    pub person_id: revans_domain::Id,
    pub person_name: String,
    pub person_email: String,
    pub manager_id: revans_domain::Id,
    /// None for a manager outside the lead's organisations.
    pub manager_name: Option<String>,
    pub manager_email: Option<String>,
}

/// The reporting lines stored for the people of the lead's organisations, by person id.
pub async fn current(state: &App, viewer: &Viewer) -> Result<Vec<ReportingLine>, Error> {
    let mut conn = state.store.conn().await?;
    let conn = &mut conn;
    let people = people_in_scope(conn, viewer).await?;
    // Looked up by id, not searched: a region has thousands of people.
    let by_id: std::collections::HashMap<_, _> = people.iter().map(|p| (&p.id, p)).collect();
    let find = |id: &revans_domain::Id| by_id.get(id).copied();
    let mut seen = std::collections::HashSet::new();
    let mut lines: Vec<ReportingLine> = Vec::new();
    for root in viewer.admin_roots() {
        for (p, m) in reporting_lines::in_tree(conn, &root).await? {
            let Some(person) = find(&p) else { continue };
            if !seen.insert(p.clone()) {
                continue;
            }
            let manager = find(&m);
            lines.push(ReportingLine {
                person_id: p.clone(),
                person_name: person.name.clone(),
                person_email: person.email.clone(),
                manager_id: m.clone(),
                manager_name: manager.map(|x| x.name.clone()),
                manager_email: manager.map(|x| x.email.clone()),
            });
        }
    }
    lines.sort_by(|a, b| a.person_id.as_str().cmp(b.person_id.as_str()));
    Ok(lines)
}

/// Where the rows came from, so each problem names the place to fix it.
#[derive(Debug, Clone, Copy)]
pub enum RowsFrom {
    /// The `csv` field; rows are numbered as in the file (row 1 is the header).
    Csv,
    /// A JSON `lines` array; rows are numbered from 0, as the array's items.
    Json,
}

fn row_errors(from: RowsFrom, errs: Vec<RowError>) -> Error {
    Error::Invalid(
        errs.into_iter()
            .map(|e| match from {
                RowsFrom::Csv => FieldError {
                    field: "csv".into(),
                    message: format!("Row {}, {}: {}", e.row, e.column, e.message),
                },
                RowsFrom::Json => FieldError {
                    field: format!("lines[{}].{}", e.row, e.column),
                    message: format!("lines[{}].{}: {}", e.row, e.column, e.message),
                },
            })
            .collect(),
    )
}

/// Parses the CSV (header `email,manager_email`), then imports its rows.
pub async fn import_csv(state: &App, actor: &Actor<'_>, csv_text: &str) -> Result<usize, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::field("csv", format!("Row 1 could not be read: {e}")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(email_col), Some(manager_col)) = (col("email"), col("manager_email")) else {
        return Err(Error::field(
            "csv",
            "Row 1 must be the header: email,manager_email",
        ));
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| Error::field("csv", format!("Row {} could not be read: {e}", i + 2)))?;
        let manager = record.get(manager_col).unwrap_or("").to_owned();
        rows.push(ReportingRow {
            row: i + 2,
            email: record.get(email_col).unwrap_or("").to_owned(),
            manager_email: (!manager.is_empty()).then_some(manager),
        });
    }
    if rows.is_empty() {
        return Err(Error::field("csv", "The file has a header but no rows"));
    }
    import(state, actor, &rows, RowsFrom::Csv).await
}

/// Checks every row against the people in the lead's organisations and the lines already
/// stored (a row may close a cycle with them), then saves all or nothing.
pub async fn import(
    state: &App,
    actor: &Actor<'_>,
    rows: &[ReportingRow],
    from: RowsFrom,
) -> Result<usize, Error> {
    if rows.is_empty() {
        return Err(match from {
            RowsFrom::Csv => Error::field("csv", "The file has a header but no rows"),
            RowsFrom::Json => Error::field("lines", "Send at least one line"),
        });
    }
    let mut tx = state.store.begin().await?;
    let people = people_in_scope(&mut tx, actor.viewer).await?;
    let known = |e: &EmailAddress| {
        people
            .iter()
            .any(|p| p.email.eq_ignore_ascii_case(e.as_str()))
    };
    let lines = ReportingLines::build(rows, &known).map_err(|e| row_errors(from, e))?;
    let email_of = |id: &revans_domain::Id| {
        people
            .iter()
            .find(|p| &p.id == id)
            .and_then(|p| EmailAddress::parse(&p.email).ok())
    };
    let mut stored = Vec::new();
    for root in actor.viewer.admin_roots() {
        for (p, m) in reporting_lines::in_tree(&mut tx, &root).await? {
            if let (Some(p), Some(m)) = (email_of(&p), email_of(&m)) {
                stored.push((p, m));
            }
        }
    }
    lines
        .check_with_stored(&stored)
        .map_err(|e| row_errors(from, e))?;
    let id_of = |e: &EmailAddress| {
        people
            .iter()
            .find(|p| p.email.eq_ignore_ascii_case(e.as_str()))
            .map(|p| p.id.clone())
    };
    let pairs = lines.pairs();
    for row in rows {
        let Ok(email) = EmailAddress::parse(&row.email) else {
            continue;
        };
        let Some(person) = id_of(&email) else {
            continue;
        };
        let manager = pairs
            .iter()
            .find(|(p, _)| p == &email)
            .and_then(|(_, m)| id_of(m));
        reporting_lines::set_manager(&mut tx, &person, manager.as_ref()).await?;
    }
    if let Some(org) = actor.viewer.admin_roots().first() {
        actor
            .audit(
                &mut tx,
                "reporting_lines.imported",
                "organisation",
                org.as_str(),
                &format!("{} rows", rows.len()),
                org,
            )
            .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(rows.len())
}
