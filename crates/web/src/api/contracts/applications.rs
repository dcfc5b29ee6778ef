//! Applying, answering an offer and deciding, as JSON.

use revans_app::places::applications::ApplyInput;

/// Submit the application, or keep it as a draft.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplyAction {
    #[default]
    Submit,
    Save,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyIn {
    /// Indexes (from 0) of the eligibility statements confirmed.
    #[serde(default)]
    pub eligibility: Vec<u32>,
    /// Indexes (from 0) of the confirmations given.
    #[serde(default)]
    pub confirmations: Vec<u32>,
    /// Answers to the programme's questions, in order.
    #[serde(default)]
    pub answers: Vec<String>,
    /// Cohort ids, first choice first.
    #[serde(default)]
    pub preferences: Vec<String>,
    /// Absent to submit.
    #[serde(default)]
    pub action: ApplyAction,
}

impl From<ApplyIn> for ApplyInput {
    fn from(a: ApplyIn) -> Self {
        let texts = |ns: &[u32]| ns.iter().map(u32::to_string).collect();
        ApplyInput {
            eligibility: texts(&a.eligibility),
            confirmations: texts(&a.confirmations),
            answers: a.answers,
            preferences: a.preferences,
            action: match a.action {
                ApplyAction::Submit => "submit".into(),
                ApplyAction::Save => "save".into(),
            },
        }
    }
}

/// An answer to an offer of a place, or withdrawing an application.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfferResponse {
    Accept,
    Decline,
    Withdraw,
}

impl OfferResponse {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferResponse::Accept => "accept",
            OfferResponse::Decline => "decline",
            OfferResponse::Withdraw => "withdraw",
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondIn {
    #[serde(default)]
    #[schema(required = true)]
    pub response: Option<OfferResponse>,
}

/// What to do with the applications chosen.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    /// Application ids.
    #[serde(default)]
    #[schema(required = true)]
    pub applications: Vec<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub decision: Option<Decision>,
    /// Required to reject; sent to the applicant.
    #[serde(default)]
    pub reason: String,
}

/// The lead's decision on one application.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OneDecisionIn {
    #[serde(default)]
    #[schema(required = true)]
    pub decision: Option<Decision>,
    /// Required to reject; sent to the applicant.
    #[serde(default)]
    pub reason: String,
}

/// What a sponsor decides about an application from their organisation.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SponsorChoice {
    Approve,
    Decline,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SponsorDecisionIn {
    #[serde(default)]
    #[schema(required = true)]
    pub decision: Option<SponsorChoice>,
    /// Required to decline; emailed to the applicant and shown to the programme lead.
    #[serde(default)]
    pub reason: String,
}
