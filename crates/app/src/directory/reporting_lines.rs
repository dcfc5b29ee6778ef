//! Who manages whom (C3), imported by a programme lead so that sets keep each management chain
//! apart. A file is checked whole first; one bad row rejects it with every row's problem, and
//! nothing is saved.

use revans_domain::{EmailAddress, FieldError, ReportingLines, ReportingRow};
use revans_storage::reporting_lines;

use crate::{Actor, App, Error, Viewer, people_in_scope};

/// The lines stored now in the viewer's organisations, as (person, manager) names, sorted.
pub async fn current(state: &App, viewer: &Viewer) -> Result<Vec<(String, String)>, Error> {
    let mut conn = state.store.conn().await?;
    let people = people_in_scope(&mut conn, viewer).await?;
    let names: std::collections::HashMap<_, _> =
        people.iter().map(|p| (&p.id, p.name.as_str())).collect();
    let name = |id: &revans_domain::Id| names.get(id).copied().unwrap_or_default().to_owned();
    let mut current = std::collections::BTreeSet::new();
    for root in viewer.admin_roots() {
        for (p, m) in reporting_lines::in_tree(&mut conn, &root).await? {
            current.insert((name(&p), name(&m)));
        }
    }
    Ok(current.into_iter().collect())
}

fn row_errors(errs: Vec<revans_domain::RowError>) -> Error {
    Error::Invalid(
        errs.into_iter()
            .map(|e| FieldError {
                field: "csv".into(),
                message: format!("Row {}, {}: {}", e.row, e.column, e.message),
            })
            .collect(),
    )
}

/// Parses the CSV (header `email,manager_email`), checks every row, saves all or nothing.
/// Returns how many rows were saved.
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
    import_rows(state, actor, &rows).await
}

/// Checks every row (each person and manager known in the lead's organisations, no one their
/// own manager, no cycle, with the lines already stored) and saves all or nothing.
pub async fn import_rows(
    state: &App,
    actor: &Actor<'_>,
    rows: &[ReportingRow],
) -> Result<usize, Error> {
    let mut tx = state.store.begin().await?;
    let people = people_in_scope(&mut tx, actor.viewer).await?;
    let known = |e: &EmailAddress| {
        people
            .iter()
            .any(|p| p.email.eq_ignore_ascii_case(e.as_str()))
    };
    let lines = ReportingLines::build(rows, &known).map_err(row_errors)?;
    // The file may close a cycle with lines already stored for people it does not list.
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
    lines.check_with_stored(&stored).map_err(row_errors)?;
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
