//! The CPD portfolio (C10, issue 16) bodies: tagging evidence and adding a framework.

use revans_app::portfolio::{EvidenceInput, FrameworkInput, PortfolioItemKind};

/// A piece of evidence: one of the caller's own items, a framework and its dimensions.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioEvidenceIn {
    /// What the item is.
    #[serde(default)]
    #[schema(required = true)]
    pub kind: Option<PortfolioItemKind>,
    /// The entry's, action's or meeting's id; the cohort's or circle's for a session.
    #[serde(default)]
    #[schema(required = true)]
    pub id: String,
    /// The session's number, for `cohort_session` and `circle_session`.
    #[serde(default)]
    pub session: Option<i64>,
    /// A framework's id from `GET /api/v1/frameworks`.
    #[serde(default)]
    #[schema(required = true)]
    pub framework: String,
    /// Keys of the framework's dimensions, one or more.
    #[serde(default)]
    #[schema(required = true)]
    pub dimensions: Vec<String>,
    /// A short note (up to 500 characters), only for the caller.
    #[serde(default)]
    pub note: String,
}

impl PortfolioEvidenceIn {
    pub fn input(self) -> EvidenceInput {
        EvidenceInput {
            kind: self.kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            id: self.id,
            session: self.session,
            framework: self.framework,
            dimensions: self.dimensions,
            note: self.note,
        }
    }
}

/// A framework file to add to the caller's tenant (TOML, the shipped framework's format).
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioFrameworkIn {
    #[serde(default)]
    #[schema(required = true)]
    pub source: String,
}

impl PortfolioFrameworkIn {
    pub fn input(self) -> FrameworkInput {
        FrameworkInput {
            source: self.source,
        }
    }
}
