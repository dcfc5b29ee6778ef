//! The caller's own settings as JSON.

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimezoneIn {
    /// An IANA time zone meeting times are shown in, like Europe/Vienna; null for each set's
    /// own.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// A language Revans is written in.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
pub enum LocaleTag {
    /// British English.
    #[serde(rename = "en-GB")]
    EnGb,
    /// German.
    #[serde(rename = "de")]
    De,
}

impl From<LocaleTag> for revans_domain::Locale {
    fn from(tag: LocaleTag) -> Self {
        match tag {
            LocaleTag::EnGb => revans_domain::Locale::EnGb,
            LocaleTag::De => revans_domain::Locale::De,
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocaleIn {
    /// The language pages, emails and API error messages are written in for the caller; null
    /// for the organisation's default (else the browser's language).
    #[serde(default)]
    pub locale: Option<LocaleTag>,
}
