//! Single sign-on (issue 17) against a loopback issuer this test serves itself, signing ID
//! tokens with a test-only RSA key (`sso_test_key.pem`), for the cases a real provider will not
//! produce on demand: an ID token for another audience, an expired one, an unverified email.
//! A well-formed token is accepted first, so each refusal is the check's doing, not the fake's.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
};

use crate::helpers::*;
use crate::sso::{footprint, provider};

const KEY: &str = include_str!("sso_test_key.pem");

/// What the next ID token says.
#[derive(Clone)]
struct NextToken {
    nonce: String,
    audience: String,
    /// Seconds from now until it expires (negative: already expired).
    expires_in: i64,
    email_verified: bool,
}

struct Issuer {
    url: String,
    next: Arc<Mutex<Option<NextToken>>>,
}

fn key() -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(KEY, Some(JsonWebKeyId::new("test-key".into()))).unwrap()
}

async fn serve_issuer() -> Issuer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let next: Arc<Mutex<Option<NextToken>>> = Arc::default();
    let discovery = serde_json::json!({
        "issuer": url,
        "authorization_endpoint": format!("{url}/authorize"),
        "token_endpoint": format!("{url}/token"),
        "jwks_uri": format!("{url}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    });
    let jwks =
        serde_json::to_value(CoreJsonWebKeySet::new(vec![key().as_verification_key()])).unwrap();
    let token_issuer = url.clone();
    let token_next = next.clone();
    let router = Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(move || async move { axum::Json(discovery) }),
        )
        .route("/jwks", get(move || async move { axum::Json(jwks) }))
        .route(
            "/token",
            post(move || async move {
                let next = token_next
                    .lock()
                    .unwrap()
                    .clone()
                    .expect("a token to issue");
                let now = chrono::Utc::now();
                let claims = CoreIdTokenClaims::new(
                    IssuerUrl::new(token_issuer).unwrap(),
                    vec![Audience::new(next.audience)],
                    now + chrono::Duration::seconds(next.expires_in),
                    now - chrono::Duration::seconds(600),
                    StandardClaims::new(SubjectIdentifier::new("fake-subject-1".into()))
                        .set_email(Some(EndUserEmail::new(PARTICIPANT.into())))
                        .set_email_verified(Some(next.email_verified)),
                    EmptyAdditionalClaims {},
                )
                .set_nonce(Some(Nonce::new(next.nonce)));
                let token = CoreIdToken::new(
                    claims,
                    &key(),
                    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                    None,
                    None,
                )
                .unwrap();
                axum::Json(serde_json::json!({
                    "access_token": "test-access-token",
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": token,
                }))
            }),
        );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Issuer { url, next }
}

/// Starts a sign-in and comes back with a code, the issuer primed to answer with `token`
/// (its nonce taken from the authorisation request, as a provider would).
async fn come_back(
    c: &mut Client,
    issuer: &Issuer,
    token: impl FnOnce(String) -> NextToken,
) -> Response {
    let r = c.get("/sign-in/sso/local").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let auth = reqwest::Url::parse(&r.location.unwrap()).unwrap();
    let param = |name: &str| {
        auth.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    *issuer.next.lock().unwrap() = Some(token(param("nonce")));
    let state = param("state");
    c.get(&format!(
        "/sign-in/sso/local/callback?code=test-code&state={state}"
    ))
    .await
}

fn good(nonce: String) -> NextToken {
    NextToken {
        nonce,
        audience: "revans-test".into(),
        expires_in: 300,
        email_verified: true,
    }
}

#[tokio::test]
async fn id_tokens_for_another_audience_expired_or_unverified_are_refused() {
    let issuer = serve_issuer().await;
    let p = provider("local", &issuer.url, true);
    let app = TestApp::spawn_with(move |s| s.oidc_providers = vec![p]).await;

    // Well formed: signed in (so the fake is a fair provider).
    let mut c = app.client();
    let r = come_back(&mut c, &issuer, good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(c.cookies.contains_key("revans_session"));

    let before = footprint(&app).await;
    type Case<'a> = (fn(String) -> NextToken, StatusCode, &'a str);
    let cases: [Case; 3] = [
        (
            |n| NextToken {
                audience: "another-service".into(),
                ..good(n)
            },
            StatusCode::BAD_REQUEST,
            "was issued for another service",
        ),
        (
            |n| NextToken {
                expires_in: -60,
                ..good(n)
            },
            StatusCode::BAD_REQUEST,
            "has expired",
        ),
        (
            |n| NextToken {
                email_verified: false,
                ..good(n)
            },
            StatusCode::FORBIDDEN,
            "did not confirm an email address",
        ),
    ];
    for (token, status, says) in cases {
        let mut c = app.client();
        let r = come_back(&mut c, &issuer, token).await;
        assert_eq!(r.status, status, "{says}: {}", r.body);
        assert!(r.body.contains(says), "{says}: {}", r.body);
        assert!(!c.cookies.contains_key("revans_session"), "{says}");
        assert_eq!(footprint(&app).await, before, "{says}");
    }
}
