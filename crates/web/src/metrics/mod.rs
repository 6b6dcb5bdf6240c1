//! `/metrics` in the Prometheus text format: this node's requests (latency by route pattern, method and
//! status class) and, read from the database at each scrape, the jobs, the mail outbox and the search feed
//! lag. The route is open only with the metrics token ([`crate::authz`]); without one configured it is 404.

mod requests;
mod token;

use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use halqe_app::metrics::Backlog;
use prometheus_client::encoding::{EncodeLabelSet, prometheus_text};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::error::WebError;
use crate::state::AppState;

pub use requests::Track;
pub use token::{MetricsToken, WeakToken};

use requests::RequestLabels;

/// Every metric's name starts with this.
const PREFIX: &str = "halqe";

/// Latency bucket bounds in seconds, from a page served from memory to the 30-second request timeout.
const LATENCY_BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

type Requests = Family<RequestLabels, Histogram, fn() -> Histogram>;

/// This node's request metrics, kept from start-up.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Requests,
}

impl Default for Metrics {
    fn default() -> Self {
        let requests = Requests::new_with_constructor(latency_histogram);
        let mut registry = Registry::with_prefix(PREFIX);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route pattern, method and status class; its _count is the request count",
            requests.clone(),
        );
        Self { registry, requests }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

impl Metrics {
    fn observe(&self, labels: &RequestLabels, elapsed: Duration) {
        self.requests.get_or_create(labels).observe(elapsed.as_secs_f64());
    }

    /// The exposition: the request metrics, then the backlog as of this scrape.
    fn render(&self, backlog: &Backlog) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        prometheus_text::encode(&mut out, &self.registry)?;
        prometheus_text::encode(&mut out, &backlog_registry(backlog))?;
        Ok(out)
    }
}

/// The backlog as gauges, in a registry of its own per scrape, so a value is never left over from an
/// earlier one.
fn backlog_registry(b: &Backlog) -> Registry {
    let mut r = Registry::with_prefix(PREFIX);
    let jobs = Family::<StateLabel, Gauge>::default();
    for (state, n) in &b.jobs {
        jobs.get_or_create(&StateLabel { state: state.code() }).set(*n);
    }
    r.register("jobs", "Jobs by state, whole database (failed ones stay until retention removes them)", jobs);
    let mail = Family::<StateLabel, Gauge>::default();
    mail.get_or_create(&StateLabel { state: "pending" }).set(b.mail_pending);
    mail.get_or_create(&StateLabel { state: "dead" }).set(b.mail_dead);
    r.register(
        "mail_outbox_messages",
        "Outbox messages waiting for delivery (pending) or dead letters, whole database",
        mail,
    );
    let lag = Gauge::<i64>::default();
    lag.set(b.feed_lag);
    r.register("search_feed_lag", "Search feed changes this node's index has not applied yet", lag);
    r
}

/// `GET /metrics`.
pub async fn scrape(State(state): State<AppState>) -> Result<Response, WebError> {
    let backlog = halqe_app::metrics::backlog(&state.app, &state.search).await?;
    let body = state.metrics.render(&backlog).map_err(|e| WebError::Internal(format!("metrics: {e}")))?;
    Ok(([(header::CONTENT_TYPE, prometheus_text::CONTENT_TYPE)], body).into_response())
}
