//! The audit signing key: an Ed25519 key in a file outside the database, and the public keys trusted to sign.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ed25519_dalek::Signer;
use rand::TryRngCore;
use zeroize::Zeroizing;

use crate::HOUR_MS;

/// Why a key could not be read, made or parsed.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("no audit signing key at {0} (create one with `halqe audit keygen`, or start `halqe serve` once)")]
    Missing(PathBuf),
    #[error("an audit signing key already exists at {0}")]
    Exists(PathBuf),
    #[error("{0} is not an audit signing key (expected 64 hex digits)")]
    Malformed(PathBuf),
    #[error("not an Ed25519 public key (expected 64 hex digits): {0}")]
    BadPublicKey(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the system's random generator failed: {0}")]
    Random(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io { path: path.to_path_buf(), source }
}

/// An Ed25519 signing key (wiped from memory on drop); `Debug` shows only its public half.
pub struct SigningKey(ed25519_dalek::SigningKey);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey").field("public_key", &self.public_key()).field("secret", &"***").finish()
    }
}

impl SigningKey {
    /// A new key from the operating system's random generator.
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.try_fill_bytes(&mut *seed).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Self(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// Reads a key file: the 32-byte secret as 64 hex digits.
    pub fn load(path: &Path) -> Result<Self, KeyError> {
        let text = Zeroizing::new(match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(KeyError::Missing(path.to_path_buf())),
            Err(e) => return Err(io(path)(e)),
        });
        warn_if_shared(path);
        let mut seed = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), &mut *seed).map_err(|_| KeyError::Malformed(path.to_path_buf()))?;
        Ok(Self(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// Writes a new key to `path` (readable by its owner only, mode 0600); never replaces an existing file.
    pub fn create(path: &Path) -> Result<Self, KeyError> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let key = Self::generate()?;
        // A temporary file is created 0600 and linked into place only once complete, so a crash never
        // leaves half a key and a concurrent creator's key is never overwritten.
        let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io(dir))?;
        let text = Zeroizing::new(hex::encode(key.0.to_bytes()));
        file.write_all(text.as_bytes()).map_err(io(path))?;
        file.write_all(b"\n").map_err(io(path))?;
        file.as_file().sync_all().map_err(io(path))?;
        file.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => KeyError::Exists(path.to_path_buf()),
            _ => io(path)(e.error),
        })?;
        Ok(key)
    }

    /// The key at `path`, created there first if there is none; `true` if it was created.
    pub fn load_or_create(path: &Path) -> Result<(Self, bool), KeyError> {
        match Self::load(path) {
            Err(KeyError::Missing(_)) => match Self::create(path) {
                Ok(key) => Ok((key, true)),
                Err(KeyError::Exists(_)) => Self::load(path).map(|k| (k, false)),
                Err(e) => Err(e),
            },
            loaded => loaded.map(|k| (k, false)),
        }
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

/// A key file anyone but its owner can read is no secret; say so (mounted secrets are often 0644).
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                path = %path.display(),
                mode = format!("{:o}", meta.permissions().mode() & 0o777),
                "the audit signing key is readable by other users: chmod 600 it"
            );
        }
    }
}

/// An Ed25519 public key, written as 64 hex digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

impl PublicKey {
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let bad = || KeyError::BadPublicKey(text.chars().take(80).collect());
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| bad())?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes).map(Self).map_err(|_| bad())
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    /// Whether `signature` is this key's (strict: no malleable or small-order forms) over `message`.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let signature = ed25519_dalek::Signature::from_bytes(signature);
        self.0.verify_strict(message, &signature).is_ok()
    }
}

impl std::fmt::Display for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

/// This process's audit keys: the signer (serving nodes, `halqe audit checkpoint`), the public keys a
/// checkpoint may be signed with, and how often checkpoints are signed.
#[derive(Debug, Clone)]
pub struct Keys {
    signer: Option<Arc<SigningKey>>,
    trusted: Vec<PublicKey>,
    /// How often a serving node signs a checkpoint; verification warns when the newest is over twice as old.
    pub interval_ms: i64,
}

impl Default for Keys {
    fn default() -> Self {
        Self { signer: None, trusted: Vec::new(), interval_ms: HOUR_MS }
    }
}

impl Keys {
    /// Trusts the signer's public key and `also_trusted` (earlier keys, other nodes' keys).
    pub fn new(signer: Option<SigningKey>, also_trusted: Vec<PublicKey>, interval_ms: i64) -> Self {
        let mut trusted: Vec<PublicKey> = signer.iter().map(SigningKey::public_key).collect();
        for key in also_trusted {
            if !trusted.contains(&key) {
                trusted.push(key);
            }
        }
        Self { signer: signer.map(Arc::new), trusted, interval_ms }
    }

    pub fn signer(&self) -> Option<&SigningKey> {
        self.signer.as_deref()
    }

    pub fn trusted(&self) -> &[PublicKey] {
        &self.trusted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_private_round_trips_and_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/audit.key");
        assert!(matches!(SigningKey::load(&path), Err(KeyError::Missing(_))));
        let (key, created) = SigningKey::load_or_create(&path).unwrap();
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let (again, created) = SigningKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(again.public_key(), key.public_key());
        assert!(matches!(SigningKey::create(&path), Err(KeyError::Exists(_))));
        assert_eq!(SigningKey::load(&path).unwrap().public_key(), key.public_key());

        let secret = std::fs::read_to_string(&path).unwrap();
        let shown = format!("{key:?} {:?}", Keys::new(Some(again), vec![], HOUR_MS));
        assert!(!shown.contains(secret.trim()), "{shown}");
        assert!(shown.contains(&key.public_key().to_hex()), "{shown}");

        std::fs::write(&path, "not hex").unwrap();
        assert!(matches!(SigningKey::load(&path), Err(KeyError::Malformed(_))));
    }

    #[test]
    fn signatures_verify_only_under_their_key_and_message() {
        let key = SigningKey::generate().unwrap();
        let other = SigningKey::generate().unwrap();
        let sig = key.sign(b"message");
        assert!(key.public_key().verifies(b"message", &sig));
        assert!(!key.public_key().verifies(b"messagE", &sig));
        assert!(!other.public_key().verifies(b"message", &sig));
        assert_eq!(PublicKey::parse(&key.public_key().to_hex()).unwrap(), key.public_key());
        assert!(PublicKey::parse("abc").is_err());
        let keys = Keys::new(Some(key), vec![other.public_key(), other.public_key()], HOUR_MS);
        assert_eq!(keys.trusted().len(), 2);
    }
}
