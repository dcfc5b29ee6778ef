//! Masterclasses from interests (issue 16) bodies.

/// Where an interest comes from.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterestSourceKindIn {
    Set,
    Circle,
}

/// An interest to record: one of the caller's sets or circles and a topic (from the suggested
/// topics or in their own words; it is stored trimmed, in lower case, with single spaces).
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct InterestRecordIn {
    #[schema(required = true)]
    pub source_kind: Option<InterestSourceKindIn>,
    /// The set's or circle's id.
    #[schema(required = true)]
    pub source_id: String,
    #[schema(required = true)]
    pub topic: String,
}

impl InterestRecordIn {
    pub fn input(self) -> revans_app::interests::record::RecordInterest {
        revans_app::interests::record::RecordInterest {
            source_kind: match self.source_kind {
                Some(InterestSourceKindIn::Set) => "set".into(),
                Some(InterestSourceKindIn::Circle) => "circle".into(),
                None => String::new(),
            },
            source_id: self.source_id,
            topic: self.topic,
            own_words: String::new(),
        }
    }
}

/// A topic a lead makes a masterclass of (as listed in their figures).
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MasterclassFromInterestIn {
    #[schema(required = true)]
    pub topic: String,
}
