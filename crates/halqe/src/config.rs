//! The configuration tree: defaults, then `halqe.toml`, then `HALQE_*` environment variables.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
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
    /// Trust `X-Forwarded-For` (only behind your own load balancer).
    pub trust_proxy: bool,
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
            trust_proxy: false,
            log_format: "text".into(),
            session_ttl_days: 14,
            storage_url: String::new(),
            s3_endpoint: String::new(),
            s3_region: String::new(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: String::new(),
            max_upload_mib: 10,
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
            .field("trust_proxy", &self.trust_proxy)
            .field("log_format", &self.log_format)
            .field("session_ttl_days", &self.session_ttl_days)
            .field("storage_url", &self.storage_url)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_region", &self.s3_region)
            .field("s3_access_key_id", &self.s3_access_key_id)
            .field("s3_secret_access_key", &"***")
            .field("max_upload_mib", &self.max_upload_mib)
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

    pub fn cookies_secure(&self) -> bool {
        self.base_url.starts_with("https://")
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
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact_url("postgres://halqe:s3cret@db:5432/halqe"), "postgres://halqe:***@db:5432/halqe");
        assert_eq!(redact_url("postgres://postgres@127.0.0.1/x"), "postgres://postgres@127.0.0.1/x");
        assert_eq!(redact_url("sqlite://data/halqe.db"), "sqlite://data/halqe.db");
        let cfg = Config {
            database_url: "postgres://u:pw@h/d".into(),
            secret_key: "abcd".into(),
            s3_secret_access_key: "s3-hush".into(),
            ..Config::default()
        };
        let shown = format!("{cfg:?}");
        assert!(!shown.contains("pw@") && !shown.contains("abcd") && !shown.contains("s3-hush"), "{shown}");
        assert!(!format!("{:?}", cfg.storage()).contains("s3-hush"));
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
    }
}
