//! Configuration, layered: built-in defaults, then `revans.toml` (if present), then `REVANS_*`
//! environment variables (and `DATABASE_URL`), then command-line flags. Validated once at start
//! so a mistake is one clear sentence naming the key, not a failure later.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::client_ip::ProxyRange;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://PATH` (the default, created on first run) or `postgres://...`.
    pub database_url: SecretString,
    pub listen: SocketAddr,
    /// Where people reach Revans, for links in emails. Defaults to `http://LISTEN`.
    pub base_url: Option<String>,
    pub max_connections: u32,
    /// The tenant's name, shown in the header and emails.
    pub tenant_name: String,
    /// An SVG or PNG shown in the header instead of the name alone.
    pub logo_path: Option<PathBuf>,
    pub session_hours: i64,
    /// How long the set formation engine searches when a lead forms sets (seconds).
    pub formation_seconds: f64,
    /// Marks cookies `Secure`. Defaults to true when `base_url` is https.
    pub cookie_secure: Option<bool>,
    /// Run the email worker in this process.
    pub run_worker: bool,
    /// Load balancers or reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For`
    /// header names the real client. Empty: the socket peer is the client.
    #[serde(default)]
    pub trusted_proxies: Vec<ProxyRange>,
    /// The bearer token a Prometheus scraper sends for `GET /metrics`; without one the page
    /// does not exist (404).
    #[serde(default)]
    pub metrics_token: Option<SecretString>,
    /// Where people write for help with this service (the programme office), shown in every
    /// page's footer and on the help page. Unset: they are told to ask their programme lead.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Rows on each page of the lists that grow (people, audit log...). Unset: 50, or 25 for
    /// lists with heavy rows. For demos and tests that want to see the pages turn.
    #[serde(default)]
    pub page_size: Option<usize>,
    /// People may erase their own account from the account page (issue 17). Off: only a
    /// programme lead of their organisation can.
    #[serde(default)]
    pub self_erasure: bool,
    /// Diary entries and questionnaire and application answers are deleted this many months
    /// after their cohort's last session ended. Unset: kept.
    #[serde(default)]
    pub retention_months: Option<u32>,
    /// Whether people may sign in with a password (issue 17); false leaves single sign-on only.
    #[serde(default = "password_sign_in_default")]
    pub password_sign_in: bool,
    /// The OpenID Connect providers people may sign in with (`[[oidc_providers]]`).
    #[serde(default)]
    pub oidc_providers: Vec<crate::sso::config::OidcProvider>,
    /// The language pages and emails use for people who have not chosen one (`en-GB` or
    /// `de`). Unset: each browser's preferred language, else English.
    #[serde(default)]
    pub default_locale: Option<revans_domain::Locale>,
    pub mail: MailSettings,
}

fn password_sign_in_default() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    /// For `folder`: each message is written there as an .eml file.
    pub folder: PathBuf,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<SecretString>,
    /// The longest one SMTP delivery may take, in seconds (each command, and the whole send):
    /// a relay that stalls or trickles is given up on and the email retried later.
    pub smtp_timeout_seconds: u64,
    pub from: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    Smtp,
    Folder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain SMTP, for a relay on loopback only.
    None,
    Starttls,
    Tls,
}

/// The defaults, as a serialisable layer under everything else.
#[derive(Serialize)]
struct Defaults {
    database_url: &'static str,
    listen: &'static str,
    max_connections: u32,
    tenant_name: &'static str,
    session_hours: i64,
    formation_seconds: f64,
    run_worker: bool,
    mail: MailDefaults,
}

#[derive(Serialize)]
struct MailDefaults {
    transport: MailTransport,
    folder: &'static str,
    smtp_host: &'static str,
    smtp_port: u16,
    smtp_security: SmtpSecurity,
    smtp_timeout_seconds: u64,
    from: &'static str,
}

/// Values given on the command line; `None` leaves the lower layers alone.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("Configuration problem: {0}")]
pub struct ConfigError(String);

impl Settings {
    /// Loads the layers. `file` is `revans.toml` unless given; a missing default file is fine,
    /// a missing named file is an error.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Defaults {
            database_url: "sqlite://revans.db",
            listen: "127.0.0.1:8080",
            max_connections: 10,
            tenant_name: "Revans",
            session_hours: 12,
            formation_seconds: 3.0,
            run_worker: true,
            mail: MailDefaults {
                transport: MailTransport::Folder,
                folder: "mail",
                smtp_host: "127.0.0.1",
                smtp_port: 25,
                smtp_security: SmtpSecurity::None,
                smtp_timeout_seconds: 30,
                from: "Revans <no-reply@revans.invalid>",
            },
        }));
        match file {
            Some(path) if !path.exists() => {
                return Err(ConfigError(format!(
                    "the configuration file {} does not exist",
                    path.display()
                )));
            }
            Some(path) => figment = figment.merge(Toml::file(path)),
            None => figment = figment.merge(Toml::file("revans.toml")),
        }
        figment = figment
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database_url".into()),
            )
            .merge(
                Env::prefixed("REVANS_")
                    // REVANS_LOG and REVANS_LOG_FORMAT are read by the logger, REVANS_TEST_* by the test suite.
                    .filter(|k| {
                        let k = k.as_str().to_ascii_lowercase();
                        k != "log" && k != "log_format" && !k.starts_with("test_")
                    })
                    .split("__"),
            )
            .merge(Serialized::defaults(overrides));
        let settings: Settings = figment.extract().map_err(|e| ConfigError(describe(e)))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database_url.expose_secret();
        if revans_storage::Backend::from_url(url).is_none() {
            return Err(ConfigError(
                "database_url must start with sqlite:// or postgres:// (for example sqlite://revans.db)".into(),
            ));
        }
        if let Some(base) = &self.base_url
            && !(base.starts_with("http://") || base.starts_with("https://"))
        {
            return Err(ConfigError(format!(
                "base_url must start with http:// or https:// (got \"{base}\")"
            )));
        }
        if self.base_url().starts_with("https://") && self.cookie_secure == Some(false) {
            return Err(ConfigError(
                "cookie_secure cannot be false when base_url is https: browsers reach Revans over https, and its __Host- cookies must be Secure".into(),
            ));
        }
        if self.max_connections == 0 {
            return Err(ConfigError("max_connections must be at least 1".into()));
        }
        if !(0.1..=120.0).contains(&self.formation_seconds) {
            return Err(ConfigError(
                "formation_seconds must be between 0.1 and 120".into(),
            ));
        }
        if !(1..=24 * 30).contains(&self.session_hours) {
            return Err(ConfigError(
                "session_hours must be between 1 and 720".into(),
            ));
        }
        if self.tenant_name.trim().is_empty() {
            return Err(ConfigError("tenant_name must not be empty".into()));
        }
        crate::sso::config::validate(&self.oidc_providers).map_err(ConfigError)?;
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError(format!(
                "mail.from must be an address like \"Revans <no-reply@example.org>\" (got \"{}\")",
                self.mail.from
            )));
        }
        Ok(())
    }

    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }

    /// Whether people reach Revans over https (then cookies carry `__Host-` and HSTS is sent).
    pub fn is_https(&self) -> bool {
        self.base_url().starts_with("https://")
    }

    pub fn cookie_secure(&self) -> bool {
        self.cookie_secure.unwrap_or_else(|| self.is_https())
    }

    /// A cookie's name: over https with the `__Host-` prefix, which browsers only accept from
    /// a secure origin, for the whole site (`Path=/`) and no `Domain`, so a sibling subdomain
    /// or a plain-http page cannot plant or overwrite it.
    pub fn cookie_name(&self, base: &'static str) -> std::borrow::Cow<'static, str> {
        if self.is_https() {
            format!("__Host-{base}").into()
        } else {
            base.into()
        }
    }

    /// The database URL with any password hidden, for logs and messages.
    pub fn database_display(&self) -> String {
        redact_url(self.database_url.expose_secret())
    }
}

/// `postgres://user:secret@host/db` -> `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    match (rest.find('@'), rest.find(':')) {
        (Some(at), Some(colon)) if colon < at => {
            format!(
                "{}{}:***{}",
                &url[..scheme_end],
                &rest[..colon],
                &rest[at..]
            )
        }
        _ => url.to_owned(),
    }
}

fn describe(err: figment::Error) -> String {
    let key = err.path.join(".");
    let what = match &err.kind {
        figment::error::Kind::UnknownField(field, _) => {
            format!("\"{field}\" is not a setting Revans knows")
        }
        figment::error::Kind::MissingField(field) => format!("\"{field}\" is required"),
        other => other.to_string(),
    };
    let source = err
        .metadata
        .as_ref()
        .map(|m| format!(" (from {})", m.name))
        .unwrap_or_default();
    if key.is_empty() {
        format!("{what}{source}")
    } else {
        format!("{key}: {what}{source}")
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's Jail API returns its own large error type
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://u:pw@h:5432/d"),
            "postgres://u:***@h:5432/d"
        );
        assert_eq!(redact_url("sqlite://revans.db"), "sqlite://revans.db");
    }

    #[test]
    fn a_bad_value_names_its_key() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("revans.toml", "listen = \"not an address\"\n")?;
            let err = Settings::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("listen"), "{err}");
            jail.create_file("revans.toml", "[mail]\nsmtp_prot = 25\n")?;
            let err = Settings::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("smtp_prot") && err.contains("not a setting"),
                "{err}"
            );
            Ok(())
        });
    }

    #[test]
    fn layers_apply_in_order_and_secrets_stay_hidden() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "revans.toml",
                "tenant_name = \"From file\"\nlisten = \"127.0.0.1:9000\"\n",
            )?;
            jail.set_env("REVANS_TENANT_NAME", "From env");
            jail.set_env("DATABASE_URL", "postgres://app:hunter2@db/revans");
            let s = Settings::load(
                None,
                &Overrides {
                    listen: Some("127.0.0.1:9100".into()),
                    ..Default::default()
                },
            )
            .unwrap();
            assert_eq!(s.tenant_name, "From env");
            assert_eq!(s.listen.port(), 9100);
            assert!(!format!("{s:?}").contains("hunter2"));
            assert_eq!(s.database_display(), "postgres://app:***@db/revans");
            jail.set_env("REVANS_MAIL__SMTP_PORT", "2525");
            assert_eq!(
                Settings::load(None, &Overrides::default())
                    .unwrap()
                    .mail
                    .smtp_port,
                2525
            );
            jail.set_env("DATABASE_URL", "mysql://x");
            let err = Settings::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("database_url must start with"), "{err}");
            jail.set_env("DATABASE_URL", "sqlite://x.db");
            jail.set_env("REVANS_TRUSTED_PROXIES", "[\"10.0.0.0/8\", \"127.0.0.1\"]");
            let s = Settings::load(None, &Overrides::default()).unwrap();
            assert_eq!(s.trusted_proxies.len(), 2);
            jail.set_env("REVANS_TRUSTED_PROXIES", "[\"10.0.0.0/40\"]");
            let err = Settings::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("trusted_proxies")
                    && err.contains("\"10.0.0.0/40\" is not an IP address or CIDR range"),
                "{err}"
            );
            Ok(())
        });
    }
}
