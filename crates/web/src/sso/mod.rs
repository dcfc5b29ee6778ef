//! Single sign-on with OpenID Connect (issue 17): the providers' configuration and the
//! protocol client. The pages are in `pages/sso.rs`; who an identity is here is decided by
//! `revans_app::sso`.
pub mod client;
pub mod config;

use crate::state::AppState;

/// The provider with this id, if the tenant has it.
pub fn provider<'a>(state: &'a AppState, id: &str) -> Option<&'a config::OidcProvider> {
    state.settings.oidc_providers.iter().find(|p| p.id == id)
}

/// The address the provider sends the browser back to (registered with the provider).
pub fn redirect_uri(state: &AppState, provider: &config::OidcProvider) -> String {
    format!(
        "{}/sign-in/sso/{}/callback",
        state.settings.base_url(),
        provider.id
    )
}

/// What the app layer needs to know of the provider's configuration.
pub fn policy(provider: &config::OidcProvider) -> revans_app::sso::ProviderPolicy {
    revans_app::sso::ProviderPolicy {
        id: provider.id.clone(),
        label: provider.label.clone(),
        allowed_domains: provider
            .allowed_domains
            .iter()
            .map(|d| d.to_ascii_lowercase())
            .collect(),
        create_accounts: provider.create_accounts,
        organisation: provider.organisation.clone(),
    }
}
