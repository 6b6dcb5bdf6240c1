//! Use cases: one module per verb phrase, each taking the capabilities it needs and running in one transaction.

pub mod accounts;
pub mod agencies;
pub mod audit;
pub mod calls;
pub mod challenges;
pub mod conversations;
pub mod demo;
pub mod evaluation;
pub mod fields;
pub mod i18n;
pub mod identity_conflicts;
pub mod imports;
pub mod introductions;
pub mod jobs;
pub mod kept_values;
pub mod limits;
pub mod mail;
pub mod metrics;
pub mod notifications;
pub mod organizations;
pub mod overview;
pub mod paging;
pub mod people;
pub mod profile_claims;
pub mod proposals;
pub mod questions;
pub mod rate_limits;
pub mod search;
pub mod storage;
pub mod verification;

pub mod password;

mod error;
mod secret;

use std::sync::Arc;

use halqe_db::Db;
use halqe_domain::clock::Clock;

pub use error::{Error, FormErrors, Result, RetryAfter};
pub use halqe_db::Backend;
pub use secret::Token;
pub use storage::Storage;

/// Settings the use cases need; the binary builds it from the configuration tree.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public base URL, used in links sent by mail (no trailing slash).
    pub base_url: String,
    /// How long an idle session lives.
    pub session_ttl_ms: i64,
    /// How long a job's lease lasts without a heartbeat: a killed worker's jobs are resumed or failed after it.
    pub job_lease_ms: i64,
    /// How long records are kept before the retention task deletes them.
    pub retention: jobs::retention::Retention,
    /// A membership that ended less than this many years ago still makes a conflict of interest.
    pub conflict_organization_years: u32,
    /// Reviewers with a review not submitted are reminded this many days before it is due (and again on the
    /// last day); 0: on the last day only.
    pub review_reminder_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            session_ttl_ms: 14 * DAY_MS,
            job_lease_ms: 30_000,
            retention: jobs::retention::Retention::default(),
            conflict_organization_years: 3,
            review_reminder_days: 3,
        }
    }
}

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Everything a use case may touch: the database, the clock, the settings, the file store and, in a
/// semantic build with its model, the embedder.
#[derive(Debug, Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub storage: Storage,
    /// The e5 model for the semantic signal (`search::model`); empty matches lexically only. A serving
    /// node that fetches its model puts it here once loaded, for every clone of the app.
    pub embedder: search::model::Slot,
    /// The audit checkpoint keys: none by default (nothing signed, nothing trusted).
    pub audit: audit::key::Keys,
    /// How queued mail leaves: the log transport by default.
    pub mailer: Arc<mail::Mailer>,
    /// This node's password-hashing slots and counter.
    pub passwords: Arc<password::Passwords>,
}

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>, settings: Settings, storage: Storage) -> Self {
        Self {
            db,
            clock,
            settings: Arc::new(settings),
            storage,
            embedder: search::model::Slot::default(),
            audit: audit::key::Keys::default(),
            mailer: Arc::new(mail::Mailer::log(false)),
            passwords: Arc::default(),
        }
    }

    /// The same app delivering mail with this mailer.
    #[must_use]
    pub fn with_mailer(mut self, mailer: mail::Mailer) -> Self {
        self.mailer = Arc::new(mailer);
        self
    }

    /// The same app with this model: its job runner embeds documents, its search feed reads their stored
    /// vectors, its matching embeds needs.
    #[must_use]
    pub fn with_embedder(mut self, embedder: Option<Arc<search::semantic::Model>>) -> Self {
        self.embedder = search::model::Slot::new(embedder);
        self
    }

    /// The same app with these password-hashing slots (tests and benchmarks size and read them).
    #[must_use]
    pub fn with_passwords(mut self, passwords: password::Passwords) -> Self {
        self.passwords = Arc::new(passwords);
        self
    }

    /// The same app signing and trusting audit checkpoints with these keys.
    #[must_use]
    pub fn with_audit_keys(mut self, keys: audit::key::Keys) -> Self {
        self.audit = keys;
        self
    }

    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// An absolute link for mail.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.settings.base_url.trim_end_matches('/'), path)
    }
}
