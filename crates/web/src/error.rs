//! The one mapping from failures to HTTP: a status, a stable code, a localized page; causes go to the log only.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::context::Ctx;

/// Why a request failed, as the web layer shows it.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("csrf")]
    Csrf,
    #[error("forbidden")]
    Forbidden,
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("email not verified")]
    Unverified,
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    /// Too many requests of this kind; try again after this many seconds.
    #[error("throttled")]
    Throttled(u64),
    /// Every password-hashing slot stayed busy; try again shortly.
    #[error("busy")]
    Busy,
    #[error("link expired")]
    LinkExpired,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("invalid input")]
    Invalid(halqe_app::FormErrors),
    #[error("internal: {0}")]
    Internal(String),
}

/// Marks a response for the context middleware to render as a localized error page.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub code: &'static str,
    /// The refused fields of an `invalid_input` page, each shown with its message.
    pub fields: halqe_app::FormErrors,
    /// Seconds for the `Retry-After` header (429, 503).
    pub retry_after: Option<u64>,
}

impl WebError {
    fn page(&self) -> ErrorPage {
        let retry_after = match self {
            Self::Throttled(secs) => Some(*secs),
            Self::Busy => Some(BUSY_RETRY_AFTER_SECS),
            _ => None,
        };
        let (status, code) = match self {
            Self::Csrf => (StatusCode::FORBIDDEN, "csrf"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Self::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            Self::Unverified => (StatusCode::FORBIDDEN, "email_unverified"),
            Self::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Self::BadRequest => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::Throttled(_) => (StatusCode::TOO_MANY_REQUESTS, "throttled"),
            Self::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Self::LinkExpired => (StatusCode::GONE, "link_expired"),
            Self::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        let fields = if let Self::Invalid(e) = self { e.clone() } else { halqe_app::FormErrors::default() };
        ErrorPage { status, code, fields, retry_after }
    }
}

/// What a 503 for busy password hashing asks the client to wait: the queue's own wait, rounded up.
const BUSY_RETRY_AFTER_SECS: u64 = halqe_app::password::QUEUE_WAIT.as_secs() + 1;

/// Adds `Retry-After` to a response when the page asks for one.
pub fn with_retry_after(mut response: Response, retry_after: Option<u64>) -> Response {
    if let Some(secs) = retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let page = self.page();
        let mut response = (page.status, page.code).into_response();
        response.extensions_mut().insert(page);
        response
    }
}

impl From<halqe_app::Error> for WebError {
    fn from(e: halqe_app::Error) -> Self {
        use halqe_app::Error as E;
        match e {
            E::Forbidden | E::AccountDisabled => Self::Forbidden,
            E::NotFound => Self::NotFound,
            E::Throttled(after) => Self::Throttled(after.0),
            E::Busy => Self::Busy,
            E::LinkExpired => Self::LinkExpired,
            E::Form(e) => Self::Invalid(e),
            E::BadCredentials => Self::BadRequest,
            E::Db(e) => Self::Internal(e.to_string()),
            E::Internal(e) => Self::Internal(e),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate<'a> {
    ctx: &'a Ctx,
    /// Each refused field and its localized message.
    fields: Vec<(&'static str, String)>,
    code: &'a str,
    title_key: String,
    body_key: String,
    status: i64,
}

/// Renders an error page in the viewer's language.
pub fn render_error(ctx: &Ctx, page: ErrorPage) -> Response {
    let retry_after = page.retry_after;
    with_retry_after(render_error_body(ctx, page), retry_after)
}

fn render_error_body(ctx: &Ctx, page: ErrorPage) -> Response {
    if ctx.path.starts_with("/api/") {
        if !page.fields.is_empty() {
            return crate::api::invalid(ctx, &page.fields);
        }
        return crate::api::error(ctx, page.status, page.code);
    }
    let fields = page.fields.0.iter().map(|(f, code)| (*f, ctx.t(format!("invalid-{code}")))).collect();
    let tpl = ErrorTemplate {
        ctx,
        fields,
        code: page.code,
        title_key: format!("error-{}-title", page.code),
        body_key: format!("error-{}-body", page.code),
        status: i64::from(page.status.as_u16()),
    };
    match tpl.render() {
        Ok(html) => (page.status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            page.status.into_response()
        }
    }
}

/// Renders any page template, turning a render failure into a logged 500.
pub fn render(tpl: &impl Template) -> Result<Response, WebError> {
    tpl.render().map(|html| Html(html).into_response()).map_err(|e| WebError::Internal(format!("template: {e}")))
}
