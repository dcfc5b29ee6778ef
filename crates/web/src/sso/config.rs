//! The OpenID providers a tenant signs in with (`[[oidc_providers]]` in revans.toml), checked
//! at start so a mistake is one sentence naming the key.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcProvider {
    /// Short name in the sign-in addresses (`/sign-in/sso/{id}`): lower-case letters, digits
    /// and hyphens.
    pub id: String,
    /// Shown on the button: "Sign in with {label}".
    pub label: String,
    /// The issuer URL; its `.well-known/openid-configuration` is read at each sign-in.
    pub issuer: String,
    pub client_id: String,
    /// The client secret itself, or (better) `client_secret_env`: the environment variable
    /// that holds it.
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// Email domains whose people may sign in with this provider (`nhs.net`): an account is
    /// linked or made only for a verified address in one of them.
    pub allowed_domains: Vec<String>,
    /// Whether a first sign-in by someone without an account makes one (with no role until a
    /// lead gives one).
    #[serde(default)]
    pub create_accounts: bool,
    /// The organisation (by name) accounts made at first sign-in belong to. Required with
    /// `create_accounts`.
    #[serde(default)]
    pub organisation: Option<String>,
}

impl OidcProvider {
    /// The client secret, read from the environment when named there. Checked at start.
    pub fn secret(&self) -> Option<SecretString> {
        match (&self.client_secret, &self.client_secret_env) {
            (Some(s), _) => Some(s.clone()),
            (None, Some(var)) => std::env::var(var).ok().map(SecretString::from),
            (None, None) => None,
        }
    }
}

/// Checks every provider; the first problem, naming its key.
pub fn validate(providers: &[OidcProvider]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, p) in providers.iter().enumerate() {
        let key = format!("oidc_providers[{i}]");
        let id_ok = !p.id.is_empty()
            && p.id.len() <= 40
            && p.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(format!(
                "{key}.id must be 1 to 40 lower-case letters, digits or hyphens (got \"{}\")",
                p.id
            ));
        }
        let key = format!("oidc_providers \"{}\"", p.id);
        if !seen.insert(p.id.as_str()) {
            return Err(format!("{key}: another provider already has this id"));
        }
        if p.label.trim().is_empty() {
            return Err(format!("{key}: label must not be empty"));
        }
        if !issuer_ok(&p.issuer) {
            return Err(format!(
                "{key}: issuer must be an https:// URL (http:// only on 127.0.0.1 or localhost), got \"{}\"",
                p.issuer
            ));
        }
        if p.client_id.trim().is_empty() {
            return Err(format!("{key}: client_id must not be empty"));
        }
        match (&p.client_secret, &p.client_secret_env) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{key}: give client_secret or client_secret_env, not both"
                ));
            }
            (None, None) => {
                return Err(format!(
                    "{key}: client_secret_env (the environment variable holding the client secret) or client_secret is required"
                ));
            }
            (Some(s), None) if s.expose_secret().is_empty() => {
                return Err(format!("{key}: client_secret must not be empty"));
            }
            (None, Some(var)) if std::env::var(var).map_or(true, |v| v.is_empty()) => {
                return Err(format!(
                    "{key}: client_secret_env names {var}, which is not set in the environment"
                ));
            }
            _ => {}
        }
        if p.allowed_domains.is_empty() {
            return Err(format!(
                "{key}: allowed_domains must list at least one email domain (for example [\"nhs.net\"])"
            ));
        }
        if let Some(bad) = p.allowed_domains.iter().find(|d| !domain_ok(d)) {
            return Err(format!(
                "{key}: allowed_domains has \"{bad}\", which is not an email domain like nhs.net"
            ));
        }
        if p.create_accounts
            && p.organisation
                .as_deref()
                .is_none_or(|o| o.trim().is_empty())
        {
            return Err(format!(
                "{key}: organisation (the name of the organisation new accounts join) is required when create_accounts is true"
            ));
        }
    }
    Ok(())
}

fn issuer_ok(issuer: &str) -> bool {
    if issuer.starts_with("https://") {
        return issuer.len() > "https://".len();
    }
    let Some(rest) = issuer.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    host == "127.0.0.1" || host == "localhost"
}

fn domain_ok(domain: &str) -> bool {
    domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider() -> OidcProvider {
        OidcProvider {
            id: "nhs".into(),
            label: "NHS mail".into(),
            issuer: "https://login.example/v2.0".into(),
            client_id: "revans".into(),
            client_secret: Some(SecretString::from("s3cret")),
            client_secret_env: None,
            allowed_domains: vec!["nhs.net".into()],
            create_accounts: false,
            organisation: None,
        }
    }

    #[test]
    fn each_mistake_names_its_key() {
        assert!(validate(&[provider()]).is_ok());
        type Mistake = Box<dyn Fn(&mut OidcProvider)>;
        let cases: Vec<(Mistake, &str)> = vec![
            (Box::new(|p| p.id = "NHS mail".into()), ".id must be"),
            (
                Box::new(|p| p.issuer = "http://login.example".into()),
                "issuer must be",
            ),
            (
                Box::new(|p| p.allowed_domains.clear()),
                "allowed_domains must list",
            ),
            (
                Box::new(|p| p.allowed_domains = vec!["@nhs.net".into()]),
                "not an email domain",
            ),
            (Box::new(|p| p.create_accounts = true), "organisation"),
            (Box::new(|p| p.client_secret = None), "client_secret_env"),
            (
                Box::new(|p| {
                    p.client_secret = None;
                    p.client_secret_env = Some("REVANS_TEST_NO_SUCH_SECRET_VAR".into());
                }),
                "REVANS_TEST_NO_SUCH_SECRET_VAR, which is not set",
            ),
        ];
        for (change, expected) in cases {
            let mut p = provider();
            change(&mut p);
            let err = validate(&[p]).unwrap_err();
            assert!(err.contains(expected), "{err}");
        }
        let err = validate(&[provider(), provider()]).unwrap_err();
        assert!(err.contains("already has this id"), "{err}");
        let mut local = provider();
        local.issuer = "http://127.0.0.1:9000".into();
        assert!(validate(&[local]).is_ok());
    }
}
