//! A new organisation, as JSON.

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationIn {
    pub name: String,
    /// An organisation the caller administers.
    pub parent_id: String,
}
