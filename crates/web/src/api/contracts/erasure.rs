//! Erasing a person, as JSON.

/// The confirmation an erasure needs: it cannot be undone.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseIn {
    /// Must be true: the person's own records are deleted and cannot be brought back.
    #[serde(default)]
    #[schema(required = true)]
    pub confirm: bool,
}
