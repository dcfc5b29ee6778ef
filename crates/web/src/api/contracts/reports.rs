//! The theme vocabulary as JSON.

use super::one_per_line;
use crate::error::AppError;

/// The words members tag their problems with; this replaces the list.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabularyIn {
    /// One theme per item, like "workforce".
    #[serde(default)]
    #[schema(required = true)]
    pub themes: Vec<String>,
}

impl VocabularyIn {
    /// The themes as the action reads them, one per line.
    pub fn lines(&self) -> Result<String, AppError> {
        let mut errors = Vec::new();
        let lines = one_per_line("themes", &self.themes, &mut errors);
        if errors.is_empty() {
            Ok(lines)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}
