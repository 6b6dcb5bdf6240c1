//! What every handler can reach: the use cases and the web settings.

use std::sync::Arc;

use halqe_app::App;
use halqe_search::SearchIndex;

use crate::client_addr::TrustedProxies;
use crate::metrics::{Metrics, MetricsToken};

/// Web-only settings.
#[derive(Clone)]
pub struct WebConfig {
    /// Key for deriving CSRF tokens; shared by every node behind one load balancer.
    pub secret_key: Vec<u8>,
    /// Mark cookies `Secure` and send HSTS (true whenever the public URL is https).
    pub cookies_secure: bool,
    /// The proxies whose `X-Forwarded-For` is believed (see [`TrustedProxies::client`]).
    pub trusted_proxies: TrustedProxies,
    /// Show the demo accounts on the sign-in page.
    pub demo: bool,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
    /// Opens `/metrics` to requests bearing it; without one `/metrics` is 404.
    pub metrics_token: Option<MetricsToken>,
}

impl std::fmt::Debug for WebConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebConfig")
            .field("secret_key", &"***")
            .field("cookies_secure", &self.cookies_secure)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("demo", &self.demo)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("metrics_token", &self.metrics_token)
            .finish()
    }
}

/// Shared state of the router.
#[derive(Debug, Clone)]
pub struct AppState {
    pub app: App,
    pub web: Arc<WebConfig>,
    /// This node's search index, fed from the database by the serve loop.
    pub search: Arc<SearchIndex>,
    /// This node's request metrics.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(app: App, web: WebConfig, search: Arc<SearchIndex>) -> Self {
        Self { app, web: Arc::new(web), search, metrics: Arc::default() }
    }
}
