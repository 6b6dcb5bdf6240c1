//! Form input: an extractor that turns malformed bodies into a 400 page, and error display for templates.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use halqe_app::FormErrors;
use serde::de::DeserializeOwned;

use crate::context::Ctx;
use crate::error::WebError;

/// An urlencoded form; a body over the limit is a 413 page, anything else that does not parse a 400 page,
/// never a panic or a 500.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Form::<T>::from_request(req, state).await.map(|axum::Form(v)| Form(v)).map_err(|e| rejected(e.status()))
    }
}

/// A body extractor's refusal: 413 when the body is over the limit, else 400.
pub fn rejected(status: StatusCode) -> WebError {
    if status == StatusCode::PAYLOAD_TOO_LARGE { WebError::PayloadTooLarge } else { WebError::BadRequest }
}

/// Field errors of a re-rendered form, translated for the viewer.
#[derive(Debug, Clone, Default)]
pub struct Errors(FormErrors);

impl Errors {
    pub fn new(e: FormErrors) -> Self {
        Self(e)
    }

    /// The translated message for `field`, or empty when the field is fine.
    pub fn msg(&self, ctx: &Ctx, field: &str) -> String {
        self.0.get(field).map(|code| ctx.t(format!("invalid-{code}"))).unwrap_or_default()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.get(field).is_some()
    }

    /// Every message, for a form whose errors belong to no one field (an action button).
    pub fn messages(&self, ctx: &Ctx) -> Vec<String> {
        self.0.0.iter().map(|(_, code)| ctx.t(format!("invalid-{code}"))).collect()
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}
