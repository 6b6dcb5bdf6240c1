//! The layer that times every request and counts it under its route pattern, method and status class.
//!
//! Per request it reads the matched pattern, looks its labels up in the histogram family (a hash lookup
//! under a read lock; a label set's first request inserts it) and records one observation: no boxing, no
//! string is built.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use axum::extract::MatchedPath;
use axum::http::{Method, Request, Response, StatusCode};
use prometheus_client::encoding::EncodeLabelSet;
use tower::{Layer, Service};

use super::Metrics;
use crate::routes;

/// The route label of a request whose path matched no route: raw paths would make every mistyped or probing
/// URL a series of its own.
pub const UNMATCHED: &str = "unmatched";

/// One request series: the route pattern as the route table spells it, the method, the status class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub(super) struct RequestLabels {
    route: &'static str,
    method: &'static str,
    status: &'static str,
}

/// Methods counted by name; any other is `other`.
const METHODS: [&str; 9] = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"];

fn method_label(m: &Method) -> &'static str {
    METHODS.into_iter().find(|k| *k == m.as_str()).unwrap_or("other")
}

fn status_class(s: StatusCode) -> &'static str {
    match s.as_u16() / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        5 => "5xx",
        _ => "other",
    }
}

/// Times the requests of the services it wraps into [`Metrics`].
#[derive(Debug, Clone)]
pub struct Track {
    metrics: Arc<Metrics>,
}

impl Track {
    pub fn new(metrics: Arc<Metrics>) -> Self {
        Self { metrics }
    }
}

impl<S> Layer<S> for Track {
    type Service = Tracked<S>;

    fn layer(&self, inner: S) -> Tracked<S> {
        Tracked { inner, metrics: self.metrics.clone() }
    }
}

/// A service whose requests are timed.
#[derive(Debug, Clone)]
pub struct Tracked<S> {
    inner: S,
    metrics: Arc<Metrics>,
}

impl<S, B, R> Service<Request<B>> for Tracked<S>
where
    S: Service<Request<B>, Response = Response<R>>,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = Timed<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let route =
            req.extensions().get::<MatchedPath>().and_then(|p| routes::pattern(p.as_str())).unwrap_or(UNMATCHED);
        let method = method_label(req.method());
        Timed { inner: self.inner.call(req), metrics: self.metrics.clone(), route, method, start: Instant::now() }
    }
}

pin_project_lite::pin_project! {
    /// A request in flight; records its latency when the response head is ready (a streamed body's
    /// transfer is not included).
    pub struct Timed<F> {
        #[pin]
        inner: F,
        metrics: Arc<Metrics>,
        route: &'static str,
        method: &'static str,
        start: Instant,
    }
}

impl<F, R, E> Future for Timed<F>
where
    F: Future<Output = Result<Response<R>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let out = ready!(this.inner.poll(cx));
        if let Ok(response) = &out {
            let labels =
                RequestLabels { route: this.route, method: this.method, status: status_class(response.status()) };
            this.metrics.observe(&labels, this.start.elapsed());
        }
        Poll::Ready(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_bounded() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"PROPFIND").unwrap()), "other");
        assert_eq!(status_class(StatusCode::NOT_FOUND), "4xx");
        assert_eq!(status_class(StatusCode::from_u16(799).unwrap()), "other");
    }
}
