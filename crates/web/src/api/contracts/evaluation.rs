//! Evaluation (C9) bodies: an instrument file, a wave, invitations and a respondent's answers.

use revans_app::evaluation::plan::{Anonymity, InviteInput, Timing, WaveInput};

#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentFormat {
    Toml,
    Json,
}

/// An instrument file as its text (docs/INSTRUMENTS.md).
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentIn {
    #[schema(required = true)]
    pub format: Option<InstrumentFormat>,
    #[serde(default)]
    #[schema(required = true)]
    pub source: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WaveIn {
    #[serde(default)]
    #[schema(required = true)]
    pub instrument_id: String,
    /// Required unless `timing` is `on_dates` (and `send_automatically` is false).
    pub cohort_id: Option<String>,
    /// Defaults to a name from the timing ("After the last session").
    pub name: Option<String>,
    #[schema(required = true)]
    pub timing: Option<Timing>,
    /// For `months_after`: 1 to 60.
    pub months_after: Option<u32>,
    /// For `on_dates`: the first and last day it is open, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub opens_on: Option<String>,
    #[schema(format = Date)]
    pub closes_on: Option<String>,
    #[schema(required = true)]
    pub anonymity: Option<Anonymity>,
    /// Send it to the cohort's participants when it opens and remind those who have not
    /// answered three days before it closes (always so for `after_each_session`).
    #[serde(default)]
    pub send_automatically: bool,
}

impl From<WaveIn> for WaveInput {
    fn from(w: WaveIn) -> Self {
        WaveInput {
            instrument: w.instrument_id,
            cohort: w.cohort_id.unwrap_or_default(),
            name: w.name.unwrap_or_default(),
            timing: w.timing.map(|t| t.as_str().to_owned()).unwrap_or_default(),
            months: w.months_after.map(|m| m.to_string()).unwrap_or_default(),
            opens: w.opens_on.unwrap_or_default(),
            closes: w.closes_on.unwrap_or_default(),
            anonymity: w
                .anonymity
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
            send_automatically: w.send_automatically,
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationsIn {
    /// The wave's cohort's accepted participants.
    #[serde(default)]
    pub participants: bool,
    /// People without a place: a comparison group, a board.
    #[serde(default)]
    pub emails: Vec<String>,
    /// The group `emails` answer as ("comparison", "board").
    pub group: Option<String>,
}

impl From<InvitationsIn> for InviteInput {
    fn from(i: InvitationsIn) -> Self {
        InviteInput {
            participants: i.participants,
            emails: i.emails.join("\n"),
            group: i.group.unwrap_or_default(),
        }
    }
}

/// A respondent's answers, keyed by question key: a number for a scale, a key for a single
/// choice, text for free text, a list of keys for multiple choice, an object of numbers for a
/// constant sum or a matrix (docs/INSTRUMENTS.md).
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersIn {
    #[serde(default)]
    #[schema(value_type = Object, required = true)]
    pub answers: revans_domain::evaluation::Answers,
    /// Free-text answers may be shown to evaluators (only in groups of 8 or more).
    #[serde(default)]
    pub free_text_consent: bool,
    /// Send the answers (every required question answered) rather than save a draft.
    #[serde(default)]
    pub submit: bool,
}
