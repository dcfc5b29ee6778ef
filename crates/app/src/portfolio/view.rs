//! The portfolio as its owner reads it: CPD hours from the one reading of the completion and
//! CPD rules (`completion::person_cpd`), their certificates (revoked ones marked), and their
//! evidence grouped by framework and dimension. A fixed number of queries, whatever its size.

use std::collections::BTreeMap;

use crate::completion::views::hours_text;
use revans_storage::portfolio::{self as store, EvidenceRow, ItemRow};

use super::evidence::{PortfolioItem, PortfolioItemKind, item};
use super::frameworks::{PortfolioFrameworkView, available};
use crate::{App, Error, Viewer};

/// Hours from one cohort.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioCohortHours {
    pub programme: String,
    pub cohort: String,
    /// Completed, Completed by exception, At risk, On track or Not completed.
    pub standing: String,
    pub completed_on: Option<String>,
    pub minutes: u32,
    /// "18.5 hours".
    pub hours: String,
}

/// A certificate the viewer holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioCertificate {
    pub code: String,
    pub programme: String,
    pub cohort: String,
    pub completed_on: String,
    pub cpd_hours: String,
    pub revoked: bool,
}

/// A piece of evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioEvidence {
    pub id: String,
    pub item: PortfolioItem,
    /// The whole text of a diary entry (the author's own), for the export; absent otherwise.
    #[serde(skip)]
    pub full_text: Option<String>,
    pub framework_id: String,
    pub framework: String,
    /// Names of the dimensions it is tagged with.
    pub dimensions: Vec<String>,
    pub note: String,
}

/// One dimension with the evidence tagged against it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioDimension {
    pub key: String,
    pub name: String,
    /// Ids of the evidence (in `evidence`) tagged with it.
    pub evidence: Vec<String>,
}

/// A framework the viewer has evidence against, dimension by dimension.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioFramework {
    pub id: String,
    pub name: String,
    pub dimensions: Vec<PortfolioDimension>,
}

/// Everything the portfolio page, its API twin and the export show.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Portfolio {
    pub name: String,
    pub total_minutes: u32,
    pub total_hours: String,
    pub cohorts: Vec<PortfolioCohortHours>,
    /// Hours from support circles that are not part of a cohort.
    pub circle_hours: String,
    pub certificates: Vec<PortfolioCertificate>,
    pub evidence: Vec<PortfolioEvidence>,
    pub frameworks: Vec<PortfolioFramework>,
}

impl Portfolio {
    /// A piece of evidence by id.
    pub fn evidence(&self, id: &str) -> Option<&PortfolioEvidence> {
        self.evidence.iter().find(|e| e.id == id)
    }
}

/// The viewer's own portfolio (anyone signed in has one; nobody reads another's).
pub async fn portfolio(app: &App, viewer: &Viewer) -> Result<Portfolio, Error> {
    let mut conn = app.store.conn().await?;
    let me = &viewer.person.id;
    let cpd = crate::completion::person_cpd(&mut conn, me, crate::now_ms()).await?;
    let certificates = store::certificates_of(&mut conn, me).await?;
    let rows = store::evidence_of(&mut conn, me).await?;
    let frameworks = available(&mut conn, viewer).await?;
    let evidence = group(&rows, &frameworks, viewer.timezone());
    Ok(Portfolio {
        name: viewer.person.name.clone(),
        total_minutes: cpd.total_minutes(),
        total_hours: hours_text(cpd.total_minutes()),
        cohorts: cpd
            .cohorts
            .iter()
            .map(|c| PortfolioCohortHours {
                programme: c.programme_title.clone(),
                cohort: c.cohort_name.clone(),
                standing: revans_i18n::t(c.standing.message_id()),
                completed_on: c.completed_on.clone(),
                minutes: c.cpd.total(),
                hours: hours_text(c.cpd.total()),
            })
            .collect(),
        circle_hours: hours_text(cpd.standalone_circle_minutes),
        certificates: certificates
            .into_iter()
            .map(|c| PortfolioCertificate {
                code: c.code,
                programme: c.programme_title,
                cohort: c.cohort_name,
                completed_on: c.completed_on,
                cpd_hours: hours_text(u32::try_from(c.cpd_minutes).unwrap_or(0)),
                revoked: c.revoked_at.is_some(),
            })
            .collect(),
        frameworks: by_dimension(&evidence, &frameworks),
        evidence,
    })
}

/// One piece of evidence per id from the rows (one per dimension).
fn group(
    rows: &[EvidenceRow],
    frameworks: &[PortfolioFrameworkView],
    zone: &str,
) -> Vec<PortfolioEvidence> {
    let mut out: Vec<PortfolioEvidence> = Vec::new();
    for r in rows {
        let framework = frameworks.iter().find(|f| f.id == r.framework);
        let dimension = framework
            .and_then(|f| f.dimensions.iter().find(|d| d.key == r.dimension_key))
            .map_or_else(|| r.dimension_key.clone(), |d| d.name.clone());
        if let Some(e) = out.iter_mut().find(|e| e.id == r.id) {
            e.dimensions.push(dimension);
            continue;
        }
        let row = ItemRow {
            kind: r.kind.clone(),
            item_id: r.item_id.clone(),
            ordinal: r.ordinal,
            title: r.title.clone(),
            at: r.at,
        };
        let Some(item) = item(&row, zone) else {
            continue;
        };
        out.push(PortfolioEvidence {
            id: r.id.clone(),
            full_text: (item.kind == PortfolioItemKind::DiaryEntry).then(|| r.title.clone()),
            item,
            framework_id: r.framework.clone(),
            framework: framework.map_or_else(|| r.framework.clone(), |f| f.name.clone()),
            dimensions: vec![dimension],
            note: r.note.clone(),
        });
    }
    out
}

/// The frameworks with evidence, each dimension with the evidence tagged against it (in the
/// framework's order; dimensions without evidence are left out).
fn by_dimension(
    evidence: &[PortfolioEvidence],
    frameworks: &[PortfolioFrameworkView],
) -> Vec<PortfolioFramework> {
    let mut used: BTreeMap<usize, PortfolioFramework> = BTreeMap::new();
    for (i, f) in frameworks.iter().enumerate() {
        let dimensions: Vec<PortfolioDimension> = f
            .dimensions
            .iter()
            .map(|d| PortfolioDimension {
                key: d.key.clone(),
                name: d.name.clone(),
                evidence: evidence
                    .iter()
                    .filter(|e| e.framework_id == f.id && e.dimensions.contains(&d.name))
                    .map(|e| e.id.clone())
                    .collect(),
            })
            .filter(|d| !d.evidence.is_empty())
            .collect();
        if !dimensions.is_empty() {
            used.insert(
                i,
                PortfolioFramework {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    dimensions,
                },
            );
        }
    }
    used.into_values().collect()
}
