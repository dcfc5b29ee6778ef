//! Inviting someone and changing their roles, as JSON.

use revans_domain::Role;

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteIn {
    pub name: String,
    pub email: String,
    pub organisation_id: String,
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::roles)]
    pub roles: Vec<Role>,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolesIn {
    pub organisation_id: String,
    #[schema(schema_with = crate::api::schema_values::roles, required = true)]
    pub roles: Vec<Role>,
}

/// The roles as the action reads them.
pub fn role_names(roles: &[Role]) -> Vec<String> {
    roles.iter().map(|r| r.as_str().to_owned()).collect()
}

/// Who supervises a facilitator.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisorIn {
    /// The supervisor's person id: another facilitator of the lead's organisations.
    #[serde(default)]
    #[schema(required = true)]
    pub supervisor: String,
}
