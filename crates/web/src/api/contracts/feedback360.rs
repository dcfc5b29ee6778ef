//! 360 feedback (C9) bodies: the lead's offer, a participant's new round and their raters.

use revans_app::evaluation::feedback360::RatersInput;

/// The instrument the programme offers its participants for 360 feedback.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferIn {
    #[serde(default)]
    #[schema(required = true)]
    pub instrument_id: String,
}

/// A new round for a programme offering 360 feedback where the caller holds a place.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundIn {
    #[serde(default)]
    #[schema(required = true)]
    pub programme_id: String,
}

/// Raters' email addresses by group; each is emailed their own link.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatersIn {
    /// Usually one; shown to the participant with a single answer.
    #[serde(default)]
    pub manager: Vec<String>,
    /// Shown only once 3 or more have answered.
    #[serde(default)]
    pub peers: Vec<String>,
    /// People who report to the participant; shown only once 3 or more have answered.
    #[serde(default)]
    pub reports: Vec<String>,
}

impl From<RatersIn> for RatersInput {
    fn from(r: RatersIn) -> Self {
        RatersInput {
            manager: r.manager.join("\n"),
            peers: r.peers.join("\n"),
            reports: r.reports.join("\n"),
        }
    }
}
