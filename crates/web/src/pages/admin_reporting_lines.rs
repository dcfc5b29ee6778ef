//! Programme leads importing who manages whom (C3): a CSV with `email` and `manager_email`
//! columns. The whole file is checked first; one bad row rejects it with every row's problem,
//! and nothing is saved.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_domain::{EmailAddress, ReportingLines, ReportingRow};
use revans_storage::reporting_lines;

use crate::auth::{Admin, ClientIp, Viewer};
use crate::csrf::CsrfForm;
use crate::error::{AppError, FieldError, PageResult};
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::state::AppState;
use revans_app::{Actor, people_in_scope};

#[derive(Template)]
#[template(path = "admin_reporting_lines.html")]
struct Page {
    layout: Layout,
    errors: Errors,
    csv: String,
    /// (person, manager) names as stored now.
    current: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: Errors,
    csv: String,
    notice: Option<&str>,
) -> Result<Page, AppError> {
    let mut conn = state.store.conn().await?;
    let people = people_in_scope(&mut conn, viewer).await?;
    let name = |id: &revans_domain::Id| {
        people
            .iter()
            .find(|p| &p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut current = Vec::new();
    for root in viewer.admin_roots() {
        for (p, m) in reporting_lines::in_tree(&mut conn, &root).await? {
            let pair = (name(&p), name(&m));
            if !current.contains(&pair) {
                current.push(pair);
            }
        }
    }
    current.sort();
    let layout = Layout::new(
        state,
        Some(viewer),
        viewer.csrf.clone(),
        "Reporting lines",
        "/admin/people",
    )
    .with_errors(&errors)
    .with_notice(notice);
    Ok(Page {
        layout,
        errors,
        csv,
        current,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = (q.notice.as_deref() == Some("imported")).then_some(
        "Reporting lines saved. Sets formed from now on keep each management chain apart.",
    );
    render(&page(&state, &viewer, Errors::default(), String::new(), notice).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ImportForm {
    csv: String,
}

pub async fn import(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(f): CsrfForm<ImportForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match import_csv(&state, &actor, &f.csv).await {
        Ok(n) => Ok(
            Redirect::to(&format!("/admin/reporting-lines?notice=imported&rows={n}"))
                .into_response(),
        ),
        Err(e) => {
            let p = page(&state, &viewer, Errors::default(), f.csv.clone(), None).await?;
            form_error(e, |errors| Page {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}

fn row_errors(errs: Vec<revans_domain::RowError>) -> AppError {
    AppError::Invalid(
        errs.into_iter()
            .map(|e| FieldError {
                field: "csv".into(),
                message: format!("Row {}, {}: {}", e.row, e.column, e.message),
            })
            .collect(),
    )
}

/// Parses the CSV (header `email,manager_email`), checks every row, saves all or nothing.
pub async fn import_csv(
    state: &AppState,
    actor: &Actor<'_>,
    csv_text: &str,
) -> Result<usize, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::field("csv", format!("Row 1 could not be read: {e}")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(email_col), Some(manager_col)) = (col("email"), col("manager_email")) else {
        return Err(AppError::field(
            "csv",
            "Row 1 must be the header: email,manager_email",
        ));
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| AppError::field("csv", format!("Row {} could not be read: {e}", i + 2)))?;
        let manager = record.get(manager_col).unwrap_or("").to_owned();
        rows.push(ReportingRow {
            row: i + 2,
            email: record.get(email_col).unwrap_or("").to_owned(),
            manager_email: (!manager.is_empty()).then_some(manager),
        });
    }
    if rows.is_empty() {
        return Err(AppError::field("csv", "The file has a header but no rows"));
    }
    let mut tx = state.store.begin().await?;
    let people = people_in_scope(&mut tx, actor.viewer).await?;
    let known = |e: &EmailAddress| {
        people
            .iter()
            .any(|p| p.email.eq_ignore_ascii_case(e.as_str()))
    };
    let lines = ReportingLines::build(&rows, &known).map_err(row_errors)?;
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
    for row in &rows {
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
