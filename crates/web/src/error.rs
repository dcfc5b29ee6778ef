//! One error type for the web layer, rendered two ways: an HTML page for people and a JSON
//! body for the API. Rendering happens once, in `render_errors` middleware, where the request id
//! is known; 500s say only "something went wrong" plus that id, and the cause is logged.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use revans_domain::ValidationError;

pub use revans_app::EMAIL_CANNOT_BE_USED;
pub use revans_domain::FieldError;

// How a field error is described in the OpenAPI document. The type itself is the domain's,
// which knows nothing of OpenAPI.
#[derive(utoipa::ToSchema)]
#[schema(as = FieldError)]
#[allow(dead_code)]
pub struct FieldErrorSchema {
    /// The form field or JSON key.
    field: String,
    message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("check the highlighted fields")]
    Invalid(Vec<FieldError>),
    #[error("page not found")]
    NotFound,
    #[error("you do not have permission to do that")]
    Forbidden,
    /// Refused for a reason the caller can act on (403), said in the message.
    #[error("{0}")]
    ForbiddenBecause(String),
    #[error("sign in to continue")]
    Unauthenticated,
    /// A page that needs a signed-in person, asked for by someone signed out: sign in, then
    /// come back to this path.
    #[error("sign in to continue")]
    SignInFirst(String),
    #[error("{0}")]
    BadRequest(String),
    /// Query parameters that could not be read, each named.
    #[error("check the query parameters named in the list")]
    BadParameters(Vec<FieldError>),
    #[error("the request body is too large: send at most 2 MB")]
    TooLarge,
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("the service is temporarily unavailable")]
    Unavailable(String),
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError {
            field: field.to_owned(),
            message: crate::i18n::error_message(&message.into()),
        }])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::ForbiddenBecause(_) => StatusCode::FORBIDDEN,
            AppError::Unauthenticated | AppError::SignInFirst(_) => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) | AppError::BadParameters(_) => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotFound => "not_found",
            AppError::Forbidden | AppError::ForbiddenBecause(_) => "forbidden",
            AppError::Unauthenticated | AppError::SignInFirst(_) => "unauthenticated",
            AppError::BadRequest(_) | AppError::BadParameters(_) => "bad_request",
            AppError::TooLarge => "too_large",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// What the person is told. Never the internal cause.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => crate::i18n::error_message(
                "Sorry, something went wrong on our side. Try again later.",
            ),
            AppError::Unavailable(_) => crate::i18n::error_message(
                "Sorry, the service is temporarily unavailable. Try again in a few minutes.",
            ),
            other => {
                let s = other.to_string();
                let mut c = s.chars();
                let sentence: String = c
                    .next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default();
                crate::i18n::error_message(&sentence)
            }
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(fields) | AppError::BadParameters(fields) => fields,
            _ => &[],
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Invalid(vec![FieldError {
            field: e.field.to_owned(),
            message: crate::i18n::error_message(&e.message),
        }])
    }
}

/// The one mapping from a use case's error to the web layer's.
impl From<revans_app::Error> for AppError {
    fn from(e: revans_app::Error) -> Self {
        use revans_app::Error as E;
        match e {
            E::Invalid(fields) => AppError::Invalid(crate::i18n::field_errors(fields)),
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::ForbiddenBecause(why) => AppError::ForbiddenBecause(why),
            E::Conflict(why) => AppError::Conflict(why),
            E::TooManyRequests(why) => AppError::TooManyRequests(why),
            E::Unavailable(cause) => AppError::Unavailable(cause),
            E::Internal(cause) => AppError::Internal(cause),
        }
    }
}

/// Which renderer an error gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
}

/// Carried in the response extensions to the `render_errors` middleware.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub format: Format,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
    /// Logged, never shown.
    pub cause: Option<String>,
}

fn report(err: AppError, format: Format) -> Response {
    let status = err.status();
    let cause = match &err {
        AppError::Internal(c) | AppError::Unavailable(c) => Some(c.clone()),
        _ => None,
    };
    let report = ErrorReport {
        format,
        code: err.code(),
        message: match (&err, format) {
            (AppError::Unauthenticated, Format::Json) => {
                "Send a valid personal access token in the header Authorization: Bearer rvn_..."
                    .to_owned()
            }
            _ => err.public_message(),
        },
        fields: err.fields().to_vec(),
        cause,
    };
    let mut response = status.into_response();
    response.extensions_mut().insert(report);
    response
}

/// An error from a page handler.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match &self.0 {
            AppError::Unauthenticated => {
                return axum::response::Redirect::to("/sign-in").into_response();
            }
            AppError::SignInFirst(next) => {
                let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
                return axum::response::Redirect::to(&format!("/sign-in?next={next}"))
                    .into_response();
            }
            _ => {}
        }
        report(self.0, Format::Html)
    }
}

/// An error from an API handler.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let unauthenticated = matches!(self.0, AppError::Unauthenticated);
        let mut response = report(self.0, Format::Json);
        if unauthenticated {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"revans\""),
            );
        }
        response
    }
}

pub type PageResult<T = Response> = Result<T, PageError>;
pub type ApiResult<T> = Result<T, ApiError>;
