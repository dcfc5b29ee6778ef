//! A lead's hand changes to a cohort's sets as JSON (issue 11): swapping two people, the
//! facilitators of every set at once, a set's name.

use revans_domain::Id;

use crate::error::{AppError, FieldError};

fn id(field: &str, raw: &str, what: &str) -> Result<Id, FieldError> {
    Id::parse(raw.trim()).ok_or_else(|| FieldError {
        field: field.to_owned(),
        message: format!("{field} must be the id of {what}"),
    })
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SwapIn {
    /// A membership (`members[].id` of the cohort's sets); their pair moves with them.
    #[serde(default)]
    #[schema(required = true)]
    pub member_a: String,
    /// A membership in another set of the cohort, to change places with `member_a`.
    #[serde(default)]
    #[schema(required = true)]
    pub member_b: String,
}

impl SwapIn {
    pub fn ids(&self) -> Result<(Id, Id), AppError> {
        let a = id("member_a", &self.member_a, "a member of this cohort's sets");
        let b = id("member_b", &self.member_b, "a member of this cohort's sets");
        match (a, b) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (a, b) => Err(AppError::Invalid(
                a.err().into_iter().chain(b.err()).collect(),
            )),
        }
    }
}

/// One set's facilitators.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetFacilitatorsIn {
    /// The set's id.
    pub set: String,
    /// One or two person ids who hold the facilitator role.
    pub facilitators: Vec<String>,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllFacilitatorsIn {
    /// Every set of the cohort with its facilitators; saved together or not at all.
    #[serde(default)]
    #[schema(required = true)]
    pub sets: Vec<SetFacilitatorsIn>,
}

impl AllFacilitatorsIn {
    pub fn choices(&self) -> Result<Vec<(Id, Vec<Id>)>, AppError> {
        let mut errors = Vec::new();
        let mut out = Vec::new();
        for (i, s) in self.sets.iter().enumerate() {
            let set = id(
                &format!("sets[{i}].set"),
                &s.set,
                "one of this cohort's sets",
            );
            let mut chosen = Vec::new();
            for (k, raw) in s.facilitators.iter().enumerate() {
                match id(
                    &format!("sets[{i}].facilitators[{k}]"),
                    raw,
                    "a facilitator",
                ) {
                    Ok(p) => chosen.push(p),
                    Err(e) => errors.push(e),
                }
            }
            match set {
                Ok(set) => out.push((set, chosen)),
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
pub struct SetNameIn {
    /// 1 to 60 characters, unique within the cohort.
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
}
