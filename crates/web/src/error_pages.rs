//! Turns an `ErrorReport` left by a handler into the final page or JSON body, adding the
//! request id. Here, and only here, server errors are logged with their cause.

use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::viewer_from_headers;
use crate::csrf::AnonCsrf;
use crate::error::{ApiError, AppError, ErrorReport, FieldError, Format, PageError};
use crate::layout::Layout;
use crate::startup::REQUEST_ID;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    heading: String,
    message: String,
    request_id: String,
    signed_in: bool,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable code: invalid, not_found, forbidden, unauthenticated, bad_request, conflict,
    /// too_large, method_not_allowed, too_many_requests, unavailable, internal.
    pub code: String,
    pub message: String,
    #[schema(value_type = Vec<crate::error::FieldErrorSchema>)]
    pub fields: Vec<FieldError>,
    /// Quote this when reporting a problem.
    pub request_id: String,
}

pub async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        ApiError(AppError::NotFound).into_response()
    } else {
        PageError(AppError::NotFound).into_response()
    }
}

pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    PageError(AppError::Internal("a handler panicked".into())).into_response()
}

/// An error response made outside our handlers (the body limit, axum's method check or path
/// reading): under `/api/` it still gets the JSON envelope, and a body too large gets the
/// usual page elsewhere.
fn unreported(response: &Response, api: bool) -> Option<ErrorReport> {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !status.is_client_error() && !status.is_server_error() || is_json {
        return None;
    }
    let format = if api { Format::Json } else { Format::Html };
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            (AppError::TooLarge.code(), AppError::TooLarge.public_message())
        }
        _ if !api => return None,
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "This address does not accept that method. The API description at /api/openapi.json lists each operation.".to_owned(),
        ),
        StatusCode::NOT_FOUND => (AppError::NotFound.code(), AppError::NotFound.public_message()),
        s if s.is_server_error() => (
            AppError::Internal(String::new()).code(),
            AppError::Internal(String::new()).public_message(),
        ),
        _ => (
            "bad_request",
            "The request could not be read. Check the address, its parameters and the body against /api/openapi.json.".to_owned(),
        ),
    };
    Some(ErrorReport {
        format,
        code,
        message,
        fields: Vec::new(),
        cause: None,
    })
}

pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let headers = request.headers().clone();
    let api = request.uri().path().starts_with("/api/");
    let anon = request.extensions().get::<AnonCsrf>().cloned();
    let response = next.run(request).await;
    let Some(report) = response
        .extensions()
        .get::<ErrorReport>()
        .cloned()
        .or_else(|| unreported(&response, api))
    else {
        return response;
    };
    let status = response.status();
    if let Some(cause) = &report.cause {
        tracing::error!(%request_id, status = status.as_u16(), %cause, "request failed");
    }
    let mut rendered = match report.format {
        Format::Json => axum::Json(ErrorBody {
            error: ErrorDetail {
                code: report.code.to_owned(),
                message: report.message,
                fields: report.fields,
                request_id,
            },
        })
        .into_response(),
        Format::Html => {
            let viewer = viewer_from_headers(&headers, &state).await.ok().flatten();
            let heading = match status {
                StatusCode::NOT_FOUND => "pub-error-not-found",
                StatusCode::FORBIDDEN => "pub-error-forbidden",
                StatusCode::INTERNAL_SERVER_ERROR => "pub-error-internal",
                StatusCode::SERVICE_UNAVAILABLE => "pub-error-unavailable",
                StatusCode::TOO_MANY_REQUESTS => "pub-error-too-many",
                _ => "pub-error-problem",
            };
            let heading = crate::i18n::t(heading);
            let message = match status {
                StatusCode::NOT_FOUND => crate::i18n::t("pub-error-not-found-body"),
                StatusCode::FORBIDDEN => crate::i18n::t("pub-error-forbidden-body"),
                _ if !report.fields.is_empty() => report
                    .fields
                    .iter()
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => report.message,
            };
            let csrf = viewer
                .as_ref()
                .map(|v| v.csrf.clone())
                .or(anon.map(|a| a.0))
                .unwrap_or_default();
            let page = ErrorPage {
                layout: Layout::new(&state, viewer.as_ref(), csrf, heading.clone(), ""),
                status: status.as_u16(),
                heading,
                message,
                request_id,
                signed_in: viewer.is_some(),
            };
            match page.render() {
                Ok(html) => Html(html).into_response(),
                Err(e) => {
                    tracing::error!(request_id = %page.request_id, error = %e, "the error page could not be rendered");
                    Response::new(Body::from("Sorry, there is a problem with the service."))
                }
            }
        }
    };
    *rendered.status_mut() = status;
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().append(name.clone(), value.clone());
        }
    }
    rendered
}
