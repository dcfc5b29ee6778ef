//! A programme's evaluation targets as JSON (issue 14): numbers as numbers, dates `YYYY-MM-DD`.

use revans_app::evaluation::targets::{
    Direction, MeasurementInput, ProgrammeTargets, Status, TargetInput, TargetView,
};

/// A number as the action reads it (its shortest exact decimal form); absent is blank, for
/// the action to name.
fn number(n: Option<f64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// A target to add, or a target's new values (all of them).
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetIn {
    /// What is measured, at most 200 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub measure: String,
    /// "%", "days", "people"; absent for none.
    #[serde(default)]
    pub unit: Option<String>,
    /// The value before the programme, up to 4 decimal places.
    #[serde(default)]
    #[schema(required = true)]
    pub baseline: Option<f64>,
    /// The value to reach; above the baseline means higher is better. Must differ from it.
    #[serde(default)]
    #[schema(required = true)]
    pub target_value: Option<f64>,
    /// The date to reach it by, `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(required = true, format = Date, example = "2028-03-31")]
    pub target_date: String,
}

impl From<TargetIn> for TargetInput {
    fn from(t: TargetIn) -> Self {
        TargetInput {
            measure: t.measure,
            unit: t.unit.unwrap_or_default(),
            baseline: number(t.baseline),
            target_value: number(t.target_value),
            target_date: t.target_date,
        }
    }
}

/// The value measured for a target.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementIn {
    #[serde(default)]
    #[schema(required = true)]
    pub measured_value: Option<f64>,
    /// When it was measured, `YYYY-MM-DD`: today or earlier.
    #[serde(default)]
    #[schema(required = true, format = Date, example = "2028-04-02")]
    pub measured_on: String,
    /// Where the figure comes from; at most 1,000 characters.
    #[serde(default)]
    pub note: Option<String>,
}

impl From<MeasurementIn> for MeasurementInput {
    fn from(m: MeasurementIn) -> Self {
        MeasurementInput {
            measured_value: number(m.measured_value),
            measured_on: m.measured_on,
            note: m.note.unwrap_or_default(),
        }
    }
}

/// One target with where it stands.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TargetOut {
    pub id: String,
    pub measure: String,
    pub unit: Option<String>,
    pub baseline: f64,
    pub target_value: f64,
    #[schema(format = Date, example = "2028-03-31")]
    pub target_date: String,
    /// Which way is better: from the baseline towards the target.
    pub direction: Direction,
    pub measured_value: Option<f64>,
    #[schema(format = Date)]
    pub measured_on: Option<String>,
    pub note: Option<String>,
    /// met when the measured value reached the target, or went beyond it the right way.
    pub status: Status,
}

impl From<&TargetView> for TargetOut {
    fn from(t: &TargetView) -> Self {
        TargetOut {
            id: t.id.to_string(),
            measure: t.measure.clone(),
            unit: t.unit.clone(),
            baseline: t.baseline.as_f64(),
            target_value: t.target_value.as_f64(),
            target_date: t.target_date.to_string(),
            direction: t.direction,
            measured_value: t.measured.as_ref().map(|m| m.value.as_f64()),
            measured_on: t.measured.as_ref().map(|m| m.on.to_string()),
            note: t.measured.as_ref().and_then(|m| m.note.clone()),
            status: t.status,
        }
    }
}

/// A programme's targets, soonest date first.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TargetsOut {
    pub programme_id: String,
    pub programme_title: String,
    /// The caller may change them (a lead of the programme); an evaluator reads only.
    pub can_change: bool,
    pub targets: Vec<TargetOut>,
}

impl From<ProgrammeTargets> for TargetsOut {
    fn from(p: ProgrammeTargets) -> Self {
        TargetsOut {
            programme_id: p.programme_id.to_string(),
            programme_title: p.programme_title,
            can_change: p.can_change,
            targets: p.targets.iter().map(TargetOut::from).collect(),
        }
    }
}
