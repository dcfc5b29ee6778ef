//! The caller's own settings as JSON.

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimezoneIn {
    /// An IANA time zone meeting times are shown in, like Europe/Vienna; null for each set's
    /// own.
    #[serde(default)]
    pub timezone: Option<String>,
}
