//! The JSON API under `/api/v1`, authenticated by personal access tokens. Everything the
//! pages do goes through the same `actions`, so both say the same thing.

pub mod audit;
pub mod cohorts;
pub mod me;
pub mod openapi;
pub mod organisations;
pub mod people;
pub mod programmes;
pub mod sets;
pub mod tokens;
// Learning diaries and the themes report (C5).
pub mod diaries;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// A JSON body whose problems are reported as specific, field-naming errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(ApiError(describe(rejection))),
        }
    }
}

fn describe(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::BadRequest(
            "Send the body as JSON with the header Content-Type: application/json".into(),
        ),
        JsonRejection::JsonSyntaxError(e) => AppError::BadRequest(format!(
            "The body is not valid JSON: {}",
            inner(&e.body_text())
        )),
        JsonRejection::JsonDataError(e) => {
            // serde says e.g. "unknown field `nmae`, expected one of ..." or "missing field `email`".
            let text = inner(&e.body_text());
            let field = text
                .split('`')
                .nth(1)
                .map(str::to_owned)
                .unwrap_or_else(|| "body".into());
            AppError::Invalid(vec![crate::error::FieldError {
                field,
                message: text,
            }])
        }
        other => AppError::BadRequest(other.body_text()),
    }
}

/// Drops axum's prefix ("Failed to deserialize the JSON body into the target type: ").
fn inner(text: &str) -> String {
    text.rsplit_once(": ")
        .map_or(text, |(_, rest)| rest)
        .to_owned()
}
