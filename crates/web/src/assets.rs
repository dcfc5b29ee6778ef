//! Static assets compiled into the binary (no CDN), and security headers on every response.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

const CSS: &str = include_str!("../assets/revans.css");
const JS: &str = include_str!("../assets/revans.js");

/// A fingerprint of each asset, computed when Revans is compiled. Pages link to
/// `/assets/revans.css?v=FINGERPRINT`, so a browser may keep an asset for a year: a new
/// release changes the link, and with it what is fetched.
pub const CSS_VERSION: &str = as_text(&CSS_FINGERPRINT);
pub const JS_VERSION: &str = as_text(&JS_FINGERPRINT);
const CSS_FINGERPRINT: [u8; 16] = fingerprint(CSS);
const JS_FINGERPRINT: [u8; 16] = fingerprint(JS);

const fn as_text(hex: &'static [u8; 16]) -> &'static str {
    match std::str::from_utf8(hex) {
        Ok(s) => s,
        Err(_) => panic!("a fingerprint is hex digits"),
    }
}

/// FNV-1a (64 bits) as 16 hex digits: not a security hash, only a name that changes when the
/// content does.
const fn fingerprint(text: &str) -> [u8; 16] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    let mut out = [0u8; 16];
    let mut k = 0;
    while k < 16 {
        out[k] = HEX[((hash >> (60 - 4 * k)) & 0xf) as usize];
        k += 1;
    }
    out
}
fn asset(
    request_headers: &HeaderMap,
    body: &'static str,
    content_type: &'static str,
    version: &'static str,
) -> Response {
    let etag = format!("\"{version}\"");
    // A year, and never revalidated while fresh: the link names the version (see above).
    let cache = (header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    let unchanged = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if unchanged {
        return (
            StatusCode::NOT_MODIFIED,
            [cache, (header::ETAG, etag.as_str())],
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, content_type),
            cache,
            (header::ETAG, etag.as_str()),
        ],
        body,
    )
        .into_response()
}

pub async fn css(headers: HeaderMap) -> Response {
    asset(&headers, CSS, "text/css; charset=utf-8", CSS_VERSION)
}

pub async fn js(headers: HeaderMap) -> Response {
    asset(&headers, JS, "text/javascript; charset=utf-8", JS_VERSION)
}

/// The tenant's logo from `logo_path`, if configured.
pub async fn logo(State(state): State<AppState>) -> Response {
    let Some(path) = state.settings.logo_path.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let content_type = match path.extension().and_then(|e| e.to_str()) {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, content_type)], bytes).into_response(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "logo unreadable");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Ready to take traffic: the database answers and every migration is applied (a load
/// balancer sends requests only to instances that say so). 503 names what is missing.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.pending_migrations().await {
        Ok(pending) if pending.is_empty() => (StatusCode::OK, "ready").into_response(),
        Ok(pending) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("migrations not applied: {}", pending.join(", ")),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // The circles calendar's embeddable twin may be framed by any site (an intranet page).
    let framable = request.uri().path() == "/circles/embed";
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // Only when people reach Revans over https: the browser then refuses plain http to this
    // host (and its subdomains) for a year, so a network attacker cannot strip TLS.
    if state.settings.is_https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        if framable {
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors *; form-action 'self'; base-uri 'none'")
        } else {
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        },
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !framable {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
