//! Completion and CPD (issue 16) bodies: a session's register and a lead's exception.

use revans_app::completion::register::MarkInput;
use revans_app::completion::views::CompletionStanding;

/// One row of a register: whom, and whether they were there.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionMarkIn {
    /// The participant's person id.
    #[serde(default)]
    #[schema(required = true)]
    pub person_id: String,
    /// True: present; false: absent.
    #[schema(required = true)]
    pub present: Option<bool>,
}

/// A session's register: the people marked (others keep what they had).
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionRegisterIn {
    #[serde(default)]
    #[schema(required = true)]
    pub marks: Vec<CompletionMarkIn>,
}

impl CompletionRegisterIn {
    pub fn marks(self) -> Vec<MarkInput> {
        self.marks
            .into_iter()
            .map(|m| MarkInput {
                person_id: m.person_id,
                present: m.present,
            })
            .collect()
    }
}

/// A lead's exception to the completion rule.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionExceptionIn {
    /// Why they count as completed; up to 500 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}

/// The overview's filter.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
pub struct CompletionParams {
    /// Only participants of this standing.
    pub standing: Option<CompletionStanding>,
}
