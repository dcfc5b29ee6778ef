//! Prometheus metrics at `GET /metrics`, for whoever runs the service: requests and their
//! durations by route (the route's pattern, never its ids, so the number of series stays
//! fixed), the job queue's depth and dead letters, email failures and sweep durations (both
//! recorded by app). The page exists only when `metrics_token` is configured, and answers only
//! to that bearer token.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;

use crate::state::AppState;

/// The process's one recorder (metrics are per process, however many routers a test builds).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        // Only fails if another recorder was installed first; then that one records.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Counts each routed request and times it, labelled by method, route pattern and status.
pub async fn track(request: Request, next: Next) -> Response {
    handle();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The metrics in Prometheus' text format, to the configured bearer token only.
pub async fn page(State(state): State<AppState>, request: Request) -> Response {
    let Some(expected) = &state.settings.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let sent = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !revans_app::security::same_secret(sent, expected.expose_secret()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
        )
            .into_response();
    }
    match revans_app::jobs::queue_depth(&state).await {
        Ok(depth) => {
            metrics::gauge!("revans_jobs_pending").set(depth.pending as f64);
            metrics::gauge!("revans_jobs_given_up").set(depth.given_up as f64);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the job queue could not be read"),
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle().render(),
    )
        .into_response()
}
