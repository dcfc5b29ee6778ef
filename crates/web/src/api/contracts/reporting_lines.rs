//! Reporting lines as JSON (the same rows as the CSV: who is managed by whom).

/// One person and their manager.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingLineIn {
    #[serde(default)]
    #[schema(required = true)]
    pub email: String,
    /// Null for nobody (the top of a chain).
    #[serde(default)]
    pub manager_email: Option<String>,
}

/// Every line is checked first; one bad line refuses them all, naming each line's problem,
/// and nothing is saved.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingLinesIn {
    #[serde(default)]
    #[schema(required = true)]
    pub lines: Vec<ReportingLineIn>,
}
