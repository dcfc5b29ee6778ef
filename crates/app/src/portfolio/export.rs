//! The portfolio as a PDF for its owner: hours, certificates and only the evidence they chose,
//! with the whole text of the diary entries they tagged (their own). Laid out by
//! `revans_documents` like every report.

use revans_documents::{Block, Document, Table};

use super::view::{Portfolio, portfolio};
use crate::{App, Error, Viewer};

/// The document for a portfolio (pure: what the PDF says).
pub fn document(p: &Portfolio, today: &str) -> Document {
    let mut blocks = vec![
        Block::Heading("CPD hours".into()),
        Block::Paragraph(format!("{} in total.", p.total_hours)),
    ];
    if !p.cohorts.is_empty() {
        blocks.push(Block::Table(Table {
            caption: "Hours by programme".into(),
            header: ["Programme", "Cohort", "Standing", "Hours"]
                .map(str::to_owned)
                .to_vec(),
            rows: p
                .cohorts
                .iter()
                .map(|c| {
                    vec![
                        c.programme.clone(),
                        c.cohort.clone(),
                        c.standing.clone(),
                        c.hours.clone(),
                    ]
                })
                .collect(),
        }));
    }
    blocks.push(Block::Paragraph(format!(
        "Support circles outside a programme: {}.",
        p.circle_hours
    )));
    blocks.push(Block::Heading("Certificates".into()));
    if p.certificates.is_empty() {
        blocks.push(Block::Paragraph("No certificates yet.".into()));
    } else {
        blocks.push(Block::Table(Table {
            caption: "Certificates".into(),
            header: ["Programme", "Completed", "Hours", "Code", "Status"]
                .map(str::to_owned)
                .to_vec(),
            rows: p
                .certificates
                .iter()
                .map(|c| {
                    vec![
                        c.programme.clone(),
                        c.completed_on.clone(),
                        c.cpd_hours.clone(),
                        c.code.clone(),
                        if c.revoked { "Revoked" } else { "Valid" }.to_owned(),
                    ]
                })
                .collect(),
        }));
    }
    blocks.push(Block::Heading("Evidence".into()));
    if p.frameworks.is_empty() {
        blocks.push(Block::Paragraph("No evidence tagged yet.".into()));
    }
    for f in &p.frameworks {
        for d in &f.dimensions {
            blocks.push(Block::Heading(format!("{}: {}", f.name, d.name)));
            for id in &d.evidence {
                let Some(e) = p.evidence(id) else { continue };
                blocks.push(Block::Paragraph(format!(
                    "{} ({}): {}",
                    e.item.kind.label(),
                    e.item.on,
                    e.full_text.as_deref().unwrap_or(&e.item.title)
                )));
                if !e.note.is_empty() {
                    blocks.push(Block::Paragraph(format!("Note: {}", e.note)));
                }
            }
        }
    }
    Document {
        title: format!("CPD portfolio: {}", p.name),
        subtitle: format!("Exported on {today}"),
        blocks,
    }
}

/// The viewer's own portfolio as a PDF, with a file name.
pub async fn pdf(app: &App, viewer: &Viewer) -> Result<(String, Vec<u8>), Error> {
    let p = portfolio(app, viewer).await?;
    let today = revans_domain::day_in(crate::now_ms(), viewer.timezone());
    let doc = document(&p, &today);
    let bytes =
        tokio::task::spawn_blocking(revans_i18n::carried(move || revans_documents::to_pdf(&doc)))
            .await
            .map_err(Error::internal)?;
    Ok((format!("cpd-portfolio-{today}.pdf"), bytes))
}
