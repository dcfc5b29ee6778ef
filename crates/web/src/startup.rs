//! Building the app: state, router, listener. `Application::build` binds the listener first
//! (port 0 in tests picks a free one) and reports the port, so tests need no sleeps or fixed ports.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::HeaderName;
use revans_storage::Store;
use secrecy::ExposeSecret;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::mail::{Mailer, spawn_worker};
use crate::state::AppState;

/// How long the worker may take to finish its job in hand at shutdown.
const WORKER_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The largest request body accepted (the 413 message says "2 MB").
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// Opens the database (running migrations) and the mailer.
pub async fn build_state(settings: Settings) -> Result<AppState, String> {
    let store = Store::open(
        settings.database_url.expose_secret(),
        settings.max_connections,
    )
    .await
    .map_err(|e| {
        format!(
            "Cannot open the database at {}: {e}",
            settings.database_display()
        )
    })?;
    let mailer = Mailer::from_settings(&settings.mail)?;
    let app = revans_app::App {
        store,
        settings: Arc::new(revans_app::Settings {
            tenant_name: settings.tenant_name.clone(),
            public_url: settings.base_url(),
            unsafe_skip_capacity_check: false,
        }),
    };
    Ok(AppState {
        app,
        settings: Arc::new(settings),
        mailer: Arc::new(mailer),
    })
}

/// The whole application as one router, with its middleware.
pub fn router(state: AppState) -> Router {
    crate::routes::routes(state.clone())
        // A route layer, so the route's pattern (not the path with its ids) labels the metrics.
        .route_layer(axum::middleware::from_fn(crate::metrics::track))
        .fallback(crate::error_pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::csrf::ensure_cookie))
        // Inside `render_errors`, so a body over the limit gets the usual error page or JSON.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::error_pages::render_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::assets::security_headers))
        // Outside the error pages, so they too are written in the request's language.
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::i18n::request_locale))
        // gzip for pages, JSON and assets when the client asks (tower-http skips bodies under 32
        // bytes, images and event streams). Form tokens are masked per page against BREACH.
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(crate::error_pages::panic_response))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

pub struct Application {
    listener: tokio::net::TcpListener,
    state: AppState,
    addr: SocketAddr,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, String> {
        let listen = settings.listen;
        let state = build_state(settings).await?;
        Self::with_state(state, listen).await
    }

    pub async fn with_state(state: AppState, listen: SocketAddr) -> Result<Self, String> {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("Cannot listen on {listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        Ok(Self {
            listener,
            state,
            addr,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the process is asked to stop (Ctrl-C or SIGTERM).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = self
            .state
            .settings
            .run_worker
            .then(|| spawn_worker(self.state.clone(), stopped));
        let app = router(self.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        // Stops accepting, then lets requests in flight finish.
        let result = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await;
        // The worker finishes the job in hand (an email being sent) and claims no more; one
        // that hangs past the grace period is stopped, and its lease lets another take it over.
        let _ = stop.send(true);
        if let Some(mut w) = worker
            && tokio::time::timeout(WORKER_GRACE, &mut w).await.is_err()
        {
            tracing::warn!("the worker did not finish within {WORKER_GRACE:?}; stopping it");
            w.abort();
        }
        self.state.store.close().await;
        result
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
