//! Refuses the NUL character (U+0000) in any submitted text, for every JSON body and every
//! form, before a handler sees it. PostgreSQL cannot store it in text and SQLite would keep
//! it silently, so both backends refuse it the same way: a field error naming the field.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::{ApiError, AppError, PageError};

fn refused(field: &str) -> AppError {
    AppError::field(
        field,
        format!(
            "{field} contains a null character (U+0000), which cannot be saved. Remove it and try again."
        ),
    )
}

/// Walks a decoded JSON body; fields are named by their path (`answers[1]`, `rules.size`).
pub fn refuse_nul_in_json(value: &Value) -> Result<(), AppError> {
    walk(value, "body")
}

fn walk(value: &Value, path: &str) -> Result<(), AppError> {
    match value {
        Value::String(s) if s.contains('\0') => Err(refused(path)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| walk(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            if k.contains('\0') {
                return Err(refused(path));
            }
            let child = if path == "body" {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            walk(v, &child)
        }),
        _ => Ok(()),
    }
}

/// Checks decoded name/value pairs (a form or a query string).
pub fn refuse_nul_in_pairs(pairs: &[(String, String)]) -> Result<(), AppError> {
    match pairs
        .iter()
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        Some((k, _)) if k.contains('\0') => Err(refused("form")),
        Some((k, _)) => Err(refused(k)),
        None => Ok(()),
    }
}

/// Middleware for urlencoded forms: reads the body once, checks every decoded field, and
/// hands the same bytes on. A body that cannot be decoded is left for the form's own reader.
pub async fn refuse_nul_in_forms(request: Request, next: Next) -> Response {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(mime::APPLICATION_WWW_FORM_URLENCODED.as_ref()));
    if !is_form {
        return next.run(request).await;
    }
    let api = request.uri().path().starts_with("/api/");
    let (parts, body) = request.into_parts();
    // The body limit layer outside bounds the size; reading past it is "too large".
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => return reject(unreadable_body(&e), api),
    };
    if let Ok(pairs) = serde_html_form::from_bytes::<Vec<(String, String)>>(&bytes)
        && let Err(e) = refuse_nul_in_pairs(&pairs)
    {
        return reject(e, api);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn reject(err: AppError, api: bool) -> Response {
    if api {
        ApiError(err).into_response()
    } else {
        PageError(err).into_response()
    }
}

/// Why a body could not be read: over the size limit, or cut off on the way.
pub fn unreadable_body(err: &(dyn std::error::Error + 'static)) -> AppError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return AppError::TooLarge;
        }
        cause = e.source();
    }
    AppError::BadRequest("The request body could not be read in full. Send it again.".into())
}
