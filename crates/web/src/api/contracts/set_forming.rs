//! Changing a cohort's sets as JSON: moving or marking someone as left, applying the engine's
//! repair, a set's facilitators, and a participant's own choice of set. Ids are sent as the
//! action names them, so an error's `field` is the body's field.

use revans_domain::Id;

use crate::error::{AppError, FieldError};

/// An id the body names, or a 422 naming the field.
fn id(field: &str, raw: &str, what: &str) -> Result<Id, FieldError> {
    Id::parse(raw.trim()).ok_or_else(|| FieldError {
        field: field.to_owned(),
        message: format!("{field} must be the id of {what}"),
    })
}

fn ids<const N: usize>(found: [Result<Id, FieldError>; N]) -> Result<[Id; N], AppError> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for r in found {
        match r {
            Ok(id) => out.push(id),
            Err(e) => errors.push(e),
        }
    }
    out.try_into().map_err(|_| AppError::Invalid(errors))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    /// The membership to move (`members[].id` of the cohort's sets); their pair moves too.
    #[serde(default)]
    #[schema(required = true)]
    pub member: String,
    /// The set to move them to.
    #[serde(default)]
    #[schema(required = true)]
    pub to_set: String,
}

impl MoveIn {
    pub fn ids(&self) -> Result<(Id, Id), AppError> {
        let [member, to_set] = ids([
            id("member", &self.member, "a member of this cohort's sets"),
            id("to_set", &self.to_set, "one of this cohort's sets"),
        ])?;
        Ok((member, to_set))
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeaveIn {
    /// The membership that ends today (`members[].id` of the cohort's sets).
    #[serde(default)]
    #[schema(required = true)]
    pub member: String,
}

impl LeaveIn {
    pub fn id(&self) -> Result<Id, AppError> {
        let [member] = ids([id(
            "member",
            &self.member,
            "a current member of this cohort's sets",
        )])?;
        Ok(member)
    }
}

/// One move of the engine's proposal that the lead accepts.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepairMoveIn {
    /// `moves[].person_id` of the proposal.
    pub person_id: String,
    /// `moves[].to_set` of the proposal.
    pub to_set: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepairIn {
    /// The moves accepted, from `GET /api/v1/cohorts/{id}/sets/repair`.
    #[serde(default)]
    #[schema(required = true)]
    pub moves: Vec<RepairMoveIn>,
}

impl RepairIn {
    pub fn pairs(&self) -> Result<Vec<(Id, Id)>, AppError> {
        let mut errors = Vec::new();
        let mut out = Vec::new();
        for (i, m) in self.moves.iter().enumerate() {
            let person = id(&format!("moves[{i}].person_id"), &m.person_id, "a person");
            let set = id(&format!("moves[{i}].to_set"), &m.to_set, "a set");
            match (person, set) {
                (Ok(p), Ok(s)) => out.push((p, s)),
                (p, s) => errors.extend(p.err().into_iter().chain(s.err())),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FacilitatorsIn {
    /// One or two person ids, facilitators of the lead's organisations; this replaces the
    /// set's facilitators.
    #[serde(default)]
    #[schema(required = true)]
    pub facilitators: Vec<String>,
}

impl FacilitatorsIn {
    pub fn ids(&self) -> Result<Vec<Id>, AppError> {
        let mut errors = Vec::new();
        let mut out = Vec::new();
        for (i, raw) in self.facilitators.iter().enumerate() {
            match id(&format!("facilitators[{i}]"), raw, "a facilitator") {
                Ok(id) => out.push(id),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceIn {
    /// One of the sets open for choosing (`GET /api/v1/cohorts/{id}/choices`).
    #[serde(default)]
    #[schema(required = true)]
    pub set: String,
}

impl ChoiceIn {
    pub fn id(&self) -> Result<Id, revans_app::Error> {
        Id::parse(self.set.trim()).ok_or_else(|| revans_app::Error::field("set", "Choose a set"))
    }
}
