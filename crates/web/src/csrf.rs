//! CSRF protection for every unsafe request: a same-origin check plus a per-session token.
//!
//! The token comes from the `x-csrf-token` header (htmx sends it from `hx-headers`), the `_csrf`
//! field of an urlencoded form, or the `_csrf` query parameter (multipart uploads).

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

fn field(pairs: &str, name: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(pairs)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Constant-time comparison, so the token cannot be guessed byte by byte.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cross_origin(req: &Request) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return true;
    }
    match (h.get(header::ORIGIN).and_then(|v| v.to_str().ok()), h.get(header::HOST).and_then(|v| v.to_str().ok())) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, o)| o) != Some(host),
        _ => false,
    }
}

/// Middleware: refuses unsafe requests from other origins or without the session's token (403).
pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_safe(req.method()) {
        return next.run(req).await;
    }
    let Some(expected) = req.extensions().get::<Ctx>().map(|c| c.csrf.clone()) else {
        return WebError::Csrf.into_response();
    };
    if cross_origin(&req) {
        tracing::warn!(route = crate::route_of(&req), "refused cross-origin unsafe request");
        return WebError::Csrf.into_response();
    }
    let header_token = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let query_token = req.uri().query().and_then(|q| field(q, "_csrf"));
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (req, form_token) = if header_token.is_none() && query_token.is_none() && is_form {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, state.web.max_body_bytes).await else {
            return WebError::PayloadTooLarge.into_response();
        };
        let token = std::str::from_utf8(&bytes).ok().and_then(|s| field(s, "_csrf"));
        (Request::from_parts(parts, Body::from(bytes)), token)
    } else {
        (req, None)
    };
    match header_token.or(query_token).or(form_token) {
        Some(token) if same(&token, &expected) => next.run(req).await,
        _ => {
            tracing::warn!(route = crate::route_of(&req), "refused unsafe request without a valid CSRF token");
            WebError::Csrf.into_response()
        }
    }
}
