//! The web layer: axum routes, server-rendered pages, and the one place requests are authorized.
//!
//! A request passes, in order: security headers, request id and tracing, [`context`] (who is asking,
//! in which language), [`csrf`] (unsafe methods only), [`authz`] (the route's [`Access`] rule), then
//! one handler that extracts input, calls one use case and renders a template. Around it all, [`metrics`]
//! times every request.
//!
//! [`Access`]: halqe_domain::permissions::Access

pub mod api;
pub mod client_addr;
pub mod routes;

mod assets;
mod authz;
mod choices;
mod context;
mod cookies;
mod csrf;
mod error;
mod forms;
mod metrics;
mod pages;
mod state;
mod uploads;

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use client_addr::TrustedProxies;
pub use metrics::{MetricsToken, WeakToken};
pub use state::{AppState, WebConfig};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/// The route pattern a request matched (`/claim/{token}`), for logs: paths and query strings carry one-time
/// tokens, so no log line names the URI itself.
pub(crate) fn route_of<B>(req: &axum::http::Request<B>) -> &str {
    req.extensions().get::<axum::extract::MatchedPath>().map_or("(unmatched)", axum::extract::MatchedPath::as_str)
}

/// The request span: method and route pattern, never the URI.
fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    tracing::debug_span!("request", method = %req.method(), route = route_of(req))
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let mut router = routes::build(state.clone())
        .layer(axum::middleware::from_fn_with_state(state.clone(), authz::authorize))
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::protect))
        .layer(axum::middleware::from_fn_with_state(state.clone(), context::attach))
        .layer(RequestBodyLimitLayer::new(uploads::request_limit(&state)))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ));
    if state.web.cookies_secure {
        router = router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    router
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(CatchPanicLayer::new())
        // Outermost, so that what it counts is what the client got, a panic's 500 included.
        .layer(metrics::Track::new(state.metrics.clone()))
}
