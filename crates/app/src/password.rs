//! Argon2id password hashing, run off the async threads because it is slow on purpose.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::{Error, Result};

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(format!("join: {e}")))?
}

/// Checks a password against a stored PHC string; a malformed hash counts as a mismatch.
pub async fn verify(password: String, phc: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || Argon2::default().verify_password(password.as_bytes(), phc.as_str()).is_ok())
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))
}

/// A valid hash of no one's password, verified when the account does not exist so timing reveals nothing.
pub async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY.get_or_init(|| async { hash("no-such-account-padding".into()).await.unwrap_or_default() }).await
}
