//! The JSON API under `/api/v1`: the same use cases and permissions as the pages, described by
//! an OpenAPI document at `/api/openapi.json`.

pub mod openapi;
pub mod search;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Every API error: a stable snake_case code and the HTTP status.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// e.g. `forbidden`, `not_found`, `invalid_input`, `unauthenticated`.
    pub error: String,
    pub status: u16,
}

/// A JSON error response.
pub fn error(status: StatusCode, code: &str) -> Response {
    (status, Json(ApiError { error: code.to_owned(), status: status.as_u16() })).into_response()
}
