//! A record's id from the path (`/sets/{id}`), validated once by the extractor. A path that is
//! not an id names nothing: "not found", as an HTML page or the API's JSON body.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use revans_domain::Id;

use crate::error::{ApiError, AppError, PageError};

/// The one id in the request's path.
pub struct PathId(pub Id);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(raw)| raw)
            .unwrap_or_default();
        Id::parse(&raw).map(PathId).ok_or_else(|| {
            if parts.uri.path().starts_with("/api/") {
                ApiError(AppError::NotFound).into_response()
            } else {
                PageError(AppError::NotFound).into_response()
            }
        })
    }
}
