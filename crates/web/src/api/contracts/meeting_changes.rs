//! Bodies for what happens around a meeting (issue 11): apologies and "everyone was present".

use std::collections::BTreeMap;

use revans_domain::{Attendance, Id};

use crate::error::{AppError, FieldError};

/// A member's apologies for a meeting that has not started.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApologyIn {
    /// A short note for the facilitator, up to 200 characters; may be left out.
    #[serde(default)]
    pub note: String,
}

/// Everyone was present, except the members named here (person id to `absent` or
/// `apologies`). Members who sent apologies are recorded as apologies unless named.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EveryonePresentIn {
    /// Send `{}` when everyone came.
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::attendance_by_person, required = true)]
    pub exceptions: Option<BTreeMap<String, Attendance>>,
}

impl EveryonePresentIn {
    /// The exceptions as the action reads them, or None when the field was left out.
    pub fn exceptions(&self) -> Result<Option<Vec<(Id, String)>>, AppError> {
        let Some(map) = &self.exceptions else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for (person, status) in map {
            let Some(id) = Id::parse(person) else {
                return Err(AppError::Invalid(vec![FieldError {
                    field: format!("exceptions.{person}"),
                    message: "Name a member of this set by their person id".into(),
                }]));
            };
            out.push((id, status.as_str().to_owned()));
        }
        Ok(Some(out))
    }
}
