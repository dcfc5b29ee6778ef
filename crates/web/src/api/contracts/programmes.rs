//! A new programme, and a change of its status, as JSON.

use revans_domain::{AllocationRule, DeliveryMode, ProgrammeKind, ProgrammeStatus};

use super::{number_or_blank, one_per_line};
use crate::error::{AppError, FieldError};
use revans_app::places::programmes::ProgrammeInput;

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeIn {
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    #[serde(default)]
    #[schema(required = true)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::programme_kind, required = true)]
    pub kind: Option<ProgrammeKind>,
    /// Learning outcomes, one per item.
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub leads: String,
    /// In pounds with pence, like 450 or 450.5; absent for free.
    #[serde(default)]
    pub fee: Option<f64>,
    /// Whole or half hours, like 7 or 7.5; absent for none.
    #[serde(default)]
    pub cpd_hours: Option<f64>,
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::delivery_mode, required = true)]
    pub delivery_mode: Option<DeliveryMode>,
    /// The meeting link (virtual) or the place (in person).
    #[serde(default)]
    pub delivery_detail: String,
    /// Statements applicants confirm, one per item.
    #[serde(default)]
    pub eligibility: Vec<String>,
    /// Confirmations applicants give, one per item ("I have discussed this with my HR or OD lead").
    #[serde(default)]
    pub confirmations: Vec<String>,
    /// Questions, one per item; a choice is written "question | answer | answer".
    #[serde(default)]
    pub questions: Vec<String>,
    /// Phases, one per item ("Scoping: months 1-2").
    #[serde(default)]
    pub phases: Vec<String>,
    /// The id of another of the lead's programmes that people go on to.
    #[serde(default)]
    pub follow_on: Option<String>,
    /// A sponsor of the applicant's organisation must approve first.
    #[serde(default)]
    pub requires_sponsor_approval: bool,
    /// Absent for approval_order.
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::allocation_rule)]
    pub allocation_rule: Option<AllocationRule>,
    /// Days an offer stays open; absent for 7.
    #[serde(default)]
    pub offer_valid_days: Option<i64>,
    /// Cap on nominations from the programme's own organisation tree; absent for none.
    #[serde(default)]
    pub nomination_cap: Option<i64>,
}

impl TryFrom<ProgrammeIn> for ProgrammeInput {
    type Error = AppError;

    fn try_from(p: ProgrammeIn) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let fee = p.fee.map(|f| pounds(f, &mut errors)).unwrap_or_default();
        let input = ProgrammeInput {
            outcomes: one_per_line("outcomes", &p.outcomes, &mut errors),
            eligibility: one_per_line("eligibility", &p.eligibility, &mut errors),
            confirmations: one_per_line("confirmations", &p.confirmations, &mut errors),
            questions: one_per_line("questions", &p.questions, &mut errors),
            phases: one_per_line("phases", &p.phases, &mut errors),
            title: p.title,
            summary: p.summary,
            description: p.description,
            kind: p.kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            audience: p.audience,
            leads: p.leads,
            fee,
            cpd_hours: p.cpd_hours.map(|h| h.to_string()).unwrap_or_default(),
            delivery_mode: p
                .delivery_mode
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            delivery_detail: p.delivery_detail,
            follow_on: p.follow_on.unwrap_or_default(),
            requires_sponsor_approval: if p.requires_sponsor_approval {
                "yes".into()
            } else {
                String::new()
            },
            allocation_rule: p
                .allocation_rule
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            offer_valid_days: number_or_blank(p.offer_valid_days),
            nomination_cap: number_or_blank(p.nomination_cap),
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

/// Pounds as the action reads them ("450.50"); a fraction of a penny is refused rather than
/// rounded, so the stored fee is the one sent.
fn pounds(fee: f64, errors: &mut Vec<FieldError>) -> String {
    let pence = (fee * 100.0).round();
    if !fee.is_finite() || (pence - fee * 100.0).abs() > 1e-6 {
        errors.push(FieldError {
            field: "fee".into(),
            message: "Send the fee in pounds with at most two decimal places, like 450.50".into(),
        });
        return String::new();
    }
    // Within i64 for any fee the action could accept; it refuses anything out of range.
    let pence = pence as i64;
    let sign = if pence < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", pence.abs() / 100, pence.abs() % 100)
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    #[serde(default)]
    #[schema(schema_with = crate::api::schema_values::programme_status, required = true)]
    pub status: Option<ProgrammeStatus>,
}

impl StatusIn {
    pub fn as_str(&self) -> &'static str {
        self.status.map_or("", ProgrammeStatus::as_str)
    }
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CapIn {
    /// An organisation in the programme's region.
    #[serde(default)]
    #[schema(required = true)]
    pub organisation_id: String,
    /// The most applications it may hold (counting the organisations under it); null lifts
    /// its cap.
    #[serde(default)]
    pub cap: Option<i64>,
}
