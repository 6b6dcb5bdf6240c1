//! The JSON API under `/api/v1`: the same use cases and permissions as the pages, described by
//! an OpenAPI document at `/api/openapi.json`.

pub mod challenges;
pub mod conversations;
pub mod decisions;
pub mod introductions;
pub mod notifications;
pub mod openapi;
pub mod proposals;
pub mod questions;
pub mod reviews;
pub mod search;

use axum::Json;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::i18n::{Isolation, t_args};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use crate::context::Ctx;
use crate::error::WebError;

/// Every API error: a stable snake_case code, the HTTP status and a message in the caller's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// e.g. `forbidden`, `not_found`, `invalid_input`, `unauthenticated`, `bad_request`, `csrf`.
    pub error: String,
    pub status: u16,
    /// What went wrong, in the caller's language (Persian unless their account or language cookie says English).
    pub message: String,
    /// With `invalid_input`: each refused field, with its code and message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// One refused input field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    /// The input field, e.g. `need`, `candidates`, `reason`, `body`; `step` when the step does not apply.
    pub field: String,
    /// e.g. `required`, `too_long`, `choice`, `already_introduced`, `introduction_wrong_state`.
    pub code: String,
    pub message: String,
}

fn message(ctx: &Ctx, key: &str) -> String {
    t_args(ctx.locale, Isolation::Plain, key, &[])
}

/// A JSON error response with the localized message of `code`.
pub fn error(ctx: &Ctx, status: StatusCode, code: &str) -> Response {
    let body = ApiError {
        error: code.to_owned(),
        status: status.as_u16(),
        message: message(ctx, &format!("error-{code}-title")),
        fields: Vec::new(),
    };
    (status, Json(body)).into_response()
}

/// 422 `invalid_input` with each field's localized message (the pages show the same messages by the fields).
pub fn invalid(ctx: &Ctx, errors: &FormErrors) -> Response {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let fields = errors
        .0
        .iter()
        .map(|(field, code)| FieldError {
            field: (*field).to_owned(),
            code: (*code).to_owned(),
            message: message(ctx, &format!("invalid-{code}")),
        })
        .collect();
    let body = ApiError {
        error: "invalid_input".to_owned(),
        status: status.as_u16(),
        message: message(ctx, "error-invalid_input-title"),
        fields,
    };
    (status, Json(body)).into_response()
}

/// The response to a use case's refusal: field errors as 422 JSON, anything else through [`WebError`].
pub fn refused(ctx: &Ctx, e: halqe_app::Error) -> Result<Response, WebError> {
    match e {
        halqe_app::Error::Form(errors) => Ok(invalid(ctx, &errors)),
        e => Err(e.into()),
    }
}

/// A JSON request body; over the limit a 413, anything else that does not parse a 400 `bad_request`, never a
/// panic or a 500.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Json::<T>::from_request(req, state).await.map(|Json(v)| Body(v)).map_err(|e| crate::forms::rejected(e.status()))
    }
}
