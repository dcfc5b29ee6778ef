//! A diary or reflective log entry, as JSON.

/// Who may read an entry besides its author: `private` (the default), `facilitator` or `set`
/// for a learning diary; `private` or `supervisor` for a facilitator's reflective log.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    Private,
    Facilitator,
    Set,
    Supervisor,
}

impl Sharing {
    /// The word the action reads; it decides which choices fit the entry.
    pub fn word(sharing: Option<Sharing>) -> String {
        match sharing {
            None => "",
            Some(Sharing::Private) => "private",
            Some(Sharing::Facilitator) => "facilitator",
            Some(Sharing::Set) => "set",
            Some(Sharing::Supervisor) => "supervisor",
        }
        .to_owned()
    }
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryIn {
    /// Up to 20,000 characters.
    pub body: String,
    /// One of the caller's sets (required to share a diary entry with a set or its facilitator).
    #[serde(default)]
    pub set_id: Option<String>,
    #[serde(default)]
    pub sharing: Option<Sharing>,
    /// What the entry is about: `meeting:ID` or `problem:ID` of one of the caller's sets.
    #[serde(default)]
    pub about: Option<String>,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryUpdateIn {
    /// Up to 20,000 characters.
    pub body: String,
    #[serde(default)]
    pub sharing: Option<Sharing>,
    /// Share the entry again, so whoever holds the relationship now (a new supervisor, a
    /// facilitator who joined the set later) may read it too. Changing `sharing` does so anyway.
    #[serde(default)]
    pub share_again: bool,
}
