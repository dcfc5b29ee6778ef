//! Request extractors for the API whose every problem is an `ApiError`, so it reaches the
//! client as the JSON error envelope, naming the field (or saying where, for broken JSON).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, StatusCode, header, request::Parts};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, AppError, FieldError};
use crate::text_guard::{refuse_nul_in_json, refuse_nul_in_pairs, unreadable_body};

/// A JSON body, read in three steps: JSON syntax, no NUL characters anywhere, then the type.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(ApiError(AppError::BadRequest(
                "Send the body as JSON with the header Content-Type: application/json".into(),
            )));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|e| {
            ApiError(if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                unreadable_body(&e)
            })
        })?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(syntax)?;
        refuse_nul_in_json(&value)?;
        serde_path_to_error::deserialize(value)
            .map(ApiJson)
            .map_err(|e| ApiError(AppError::Invalid(vec![data_error(&e)])))
    }
}

/// A body sent as JSON (read as `ApiJson` reads it) or as CSV text with the header
/// `Content-Type: text/csv`, for imports a spreadsheet can produce.
pub enum ApiJsonOrCsv<T> {
    Json(T),
    Csv(String),
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJsonOrCsv<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_csv(request.headers()) {
            return ApiJson::from_request(request, state)
                .await
                .map(|ApiJson(t)| ApiJsonOrCsv::Json(t));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|e| {
            ApiError(if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                unreadable_body(&e)
            })
        })?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            ApiError(AppError::BadRequest(
                "The CSV is not UTF-8 text. Save it as CSV UTF-8.".into(),
            ))
        })?;
        refuse_nul_in_pairs(&[("csv".to_owned(), text.clone())])?;
        Ok(ApiJsonOrCsv::Csv(text))
    }
}

fn is_csv(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .is_some_and(|m| m.type_() == mime::TEXT && m.subtype() == mime::CSV)
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(mime) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
    else {
        return false;
    };
    mime.type_() == mime::APPLICATION
        && (mime.subtype() == mime::JSON || mime.suffix().is_some_and(|s| s == mime::JSON))
}

fn syntax(e: serde_json::Error) -> ApiError {
    let message = if e.is_eof() && e.line() == 1 && e.column() == 0 {
        "The body is empty. Send a JSON object.".to_owned()
    } else {
        format!(
            "The body is not valid JSON: {} at line {}, column {}. Check the JSON near there.",
            plain(&without_position(&e.to_string())),
            e.line(),
            e.column()
        )
    };
    ApiError(AppError::BadRequest(message))
}

/// serde_json ends its messages with " at line L column C"; we say that ourselves.
fn without_position(text: &str) -> String {
    text.rsplit_once(" at line ")
        .map_or(text, |(head, _)| head)
        .to_owned()
}

/// Names the field at fault: the path to it, or for a missing or unknown field, that field.
fn data_error<E: std::fmt::Display>(e: &serde_path_to_error::Error<E>) -> FieldError {
    let text = without_position(&e.inner().to_string());
    let named = text.split('`').nth(1).map(str::to_owned);
    let path = e.path().to_string();
    // The path already ends with an unknown field's name, not with a missing one's.
    let at = |name: String| {
        if path == "." {
            name
        } else if path == name || path.ends_with(&format!(".{name}")) {
            path.clone()
        } else {
            format!("{path}.{name}")
        }
    };
    let (field, message) = if text.starts_with("missing field") {
        let name = at(named.unwrap_or_default());
        let message = format!("{name} is missing: this field is required");
        (name, message)
    } else if text.starts_with("unknown field") {
        let name = at(named.unwrap_or_default());
        let expected = text.split_once(", expected").map_or("", |(_, rest)| rest);
        let message = format!("{name} is an unknown field; expected{}", plain(expected));
        (name, message)
    } else {
        let name = if path == "." {
            "body".into()
        } else {
            path.clone()
        };
        let message = format!("{name} could not be read: {}", plain(&text));
        (name, message)
    };
    FieldError { field, message }
}

/// Query parameters, each problem naming its parameter (400), and no NUL characters.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| {
            ApiError(AppError::BadRequest(
                "The query string could not be read. Encode each parameter as name=value.".into(),
            ))
        })?;
        refuse_nul_in_pairs(&pairs).map_err(|e| ApiError(as_parameters(e)))?;
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|e| {
                let mut field = data_error(&e);
                if field.field == "body" {
                    field.field = "query".into();
                }
                ApiError(AppError::BadParameters(vec![field]))
            })
    }
}

fn as_parameters(e: AppError) -> AppError {
    match e {
        AppError::Invalid(fields) => AppError::BadParameters(fields),
        other => other,
    }
}

/// serde's wording without its backticks.
fn plain(text: &str) -> String {
    text.replace('`', "")
}
