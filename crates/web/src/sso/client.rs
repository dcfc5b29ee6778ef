//! The OpenID Connect protocol, through `openidconnect`: discovery from the issuer's
//! `.well-known/openid-configuration` (and its keys), the authorisation request with PKCE,
//! `state` and `nonce`, and the code exchange whose ID token is checked for its signature,
//! issuer, audience (our client id), expiry and nonce before any claim is read.

use std::time::Duration;

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    TokenResponse, reqwest,
};
use revans_app::sso::VerifiedIdentity;
use secrecy::ExposeSecret;

use super::config::OidcProvider;

/// Where to send the browser, and what to keep until it comes back.
pub struct Authorisation {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Why a provider's part of a sign-in failed.
#[derive(Debug)]
pub enum OidcFailure {
    /// The provider could not be reached or did not answer as OpenID Connect says: worth
    /// trying again later (shown as 502).
    Unavailable(String),
    /// The provider's answer failed a check: refused (shown as 400, saying which).
    Refused(String),
}

fn http() -> Result<reqwest::Client, OidcFailure> {
    reqwest::ClientBuilder::new()
        // Following redirects would let a provider's answer send us anywhere (SSRF).
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| OidcFailure::Unavailable(e.to_string()))
}

async fn discover(
    provider: &OidcProvider,
    http: &reqwest::Client,
) -> Result<CoreProviderMetadata, OidcFailure> {
    let issuer = IssuerUrl::new(provider.issuer.clone())
        .map_err(|e| OidcFailure::Unavailable(format!("issuer URL: {e}")))?;
    // Also checks that the document names this issuer, and fetches its signing keys.
    CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| OidcFailure::Unavailable(format!("discovery: {e}")))
}

fn secret(provider: &OidcProvider) -> Option<ClientSecret> {
    provider
        .secret()
        .map(|s| ClientSecret::new(s.expose_secret().to_owned()))
}

fn redirect(redirect_uri: &str) -> Result<RedirectUrl, OidcFailure> {
    RedirectUrl::new(redirect_uri.to_owned())
        .map_err(|e| OidcFailure::Unavailable(format!("redirect URI: {e}")))
}

/// The first leg: the provider's authorisation address for a fresh state, nonce and PKCE pair.
pub async fn authorise(
    provider: &OidcProvider,
    redirect_uri: &str,
) -> Result<Authorisation, OidcFailure> {
    let http = http()?;
    let metadata = discover(provider, &http).await?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        secret(provider),
    )
    .set_redirect_uri(redirect(redirect_uri)?);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    Ok(Authorisation {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// The second leg: exchanges the code (with the PKCE verifier) and checks the ID token.
pub async fn exchange(
    provider: &OidcProvider,
    redirect_uri: &str,
    code: &str,
    nonce: &str,
    pkce_verifier: &str,
) -> Result<VerifiedIdentity, OidcFailure> {
    let http = http()?;
    let metadata = discover(provider, &http).await?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        secret(provider),
    )
    .set_redirect_uri(redirect(redirect_uri)?);
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| OidcFailure::Unavailable(format!("token endpoint: {e}")))?
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
        .request_async(&http)
        .await
        .map_err(|e| match e {
            RequestTokenError::ServerResponse(answer) => OidcFailure::Refused(format!(
                "{} did not accept this sign-in's code ({}): it may have been used already or have expired. Start again from the sign-in page.",
                provider.label,
                answer.error()
            )),
            other => OidcFailure::Unavailable(format!("token request: {other}")),
        })?;
    let id_token = response.id_token().ok_or_else(|| {
        OidcFailure::Refused(format!(
            "{} did not send an ID token, so we cannot tell who you are.",
            provider.label
        ))
    })?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(nonce.to_owned()))
        .map_err(|e| OidcFailure::Refused(refusal(&provider.label, &e)))?;
    Ok(VerifiedIdentity {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|e| e.as_str().to_owned()),
        email_verified: claims.email_verified().unwrap_or(false),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned()),
    })
}

/// What a failed ID token check means, for the person signing in.
fn refusal(label: &str, e: &ClaimsVerificationError) -> String {
    let what = match e {
        ClaimsVerificationError::Expired(_) => "has expired",
        ClaimsVerificationError::InvalidAudience(_) => "was issued for another service",
        ClaimsVerificationError::InvalidIssuer(_) => "was issued by another provider",
        ClaimsVerificationError::InvalidNonce(_) => "belongs to another sign-in",
        ClaimsVerificationError::SignatureVerification(_) => "is not signed by the provider",
        _ => "failed a check",
    };
    format!(
        "The proof of identity {label} sent {what}, so you have not been signed in. Start again from the sign-in page; if this keeps happening, tell your programme office."
    )
}
