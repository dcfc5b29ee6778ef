//! A sponsor's nomination as JSON.

/// Someone of the sponsor's organisations, nominated for a programme taking applications.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominationIn {
    /// The programme's id.
    #[serde(default)]
    #[schema(required = true)]
    pub programme: String,
    /// The nominee's email address.
    #[serde(default)]
    #[schema(required = true)]
    pub email: String,
}
