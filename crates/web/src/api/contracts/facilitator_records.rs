//! Facilitator records (issue 15) bodies: background, a qualification, a supervision session,
//! a mentor pairing and a programme's award.

use revans_app::facilitator_records::awards::AwardInput;
use revans_app::facilitator_records::mentors::PairInput;
use revans_app::facilitator_records::profile::BackgroundInput;
use revans_app::facilitator_records::qualifications::QualificationInput;
use revans_app::facilitator_records::supervision::SessionInput;

#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnlineConfidenceIn {
    NotYet,
    Somewhat,
    Confident,
    VeryConfident,
}

impl OnlineConfidenceIn {
    fn as_str(self) -> &'static str {
        match self {
            OnlineConfidenceIn::NotYet => "not_yet",
            OnlineConfidenceIn::Somewhat => "somewhat",
            OnlineConfidenceIn::Confident => "confident",
            OnlineConfidenceIn::VeryConfident => "very_confident",
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BackgroundIn {
    /// 0 to 60.
    #[schema(required = true)]
    pub years_facilitating: Option<u32>,
    #[schema(required = true)]
    pub online_confidence: Option<OnlineConfidenceIn>,
    /// Lower-case codes, like `["en", "cy"]`.
    #[serde(default)]
    #[schema(required = true)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub training_history: String,
}

impl From<BackgroundIn> for BackgroundInput {
    fn from(b: BackgroundIn) -> Self {
        BackgroundInput {
            years_facilitating: b
                .years_facilitating
                .map(|y| y.to_string())
                .unwrap_or_default(),
            online_confidence: b
                .online_confidence
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            languages: b.languages.join(","),
            training_history: b.training_history,
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationIn {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[serde(default)]
    #[schema(required = true)]
    pub level: String,
    /// `YYYY-MM-DD`, today or before.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub awarded_on: String,
    /// `YYYY-MM-DD`, after `awarded_on`; absent when it does not expire.
    #[schema(format = Date)]
    pub expires_on: Option<String>,
    /// A link to the evidence or where it is kept.
    #[serde(default)]
    pub evidence: String,
}

impl From<QualificationIn> for QualificationInput {
    fn from(q: QualificationIn) -> Self {
        QualificationInput {
            name: q.name,
            level: q.level,
            awarded_on: q.awarded_on,
            expires_on: q.expires_on.unwrap_or_default(),
            evidence: q.evidence,
        }
    }
}

#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupervisionKindIn {
    OneToOne,
    Group,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionIn {
    /// `YYYY-MM-DD`, today or before.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub held_on: String,
    /// A facilitator or lead of your region.
    #[serde(default)]
    #[schema(required = true)]
    pub supervisor_id: String,
    /// 0.25 to 24, in steps of up to two decimals, like 1.5.
    #[schema(required = true)]
    pub hours: Option<f64>,
    #[schema(required = true)]
    pub kind: Option<SupervisionKindIn>,
}

impl From<SessionIn> for SessionInput {
    fn from(s: SessionIn) -> Self {
        SessionInput {
            held_on: s.held_on,
            supervisor: s.supervisor_id,
            hours: s.hours.map(|h| h.to_string()).unwrap_or_default(),
            kind: match s.kind {
                Some(SupervisionKindIn::OneToOne) => "one_to_one".into(),
                Some(SupervisionKindIn::Group) => "group".into(),
                None => String::new(),
            },
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PairIn {
    #[serde(default)]
    #[schema(required = true)]
    pub mentor_id: String,
    #[serde(default)]
    #[schema(required = true)]
    pub mentee_id: String,
}

impl From<PairIn> for PairInput {
    fn from(p: PairIn) -> Self {
        PairInput {
            mentor: p.mentor_id,
            mentee: p.mentee_id,
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardIn {
    /// Absent or empty: completers gain nothing.
    pub qualification: Option<String>,
    pub level: Option<String>,
}

impl From<AwardIn> for AwardInput {
    fn from(a: AwardIn) -> Self {
        AwardInput {
            qualification: a.qualification.unwrap_or_default(),
            level: a.level.unwrap_or_default(),
        }
    }
}
