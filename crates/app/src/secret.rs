//! Random single-use tokens: the plain value goes out by mail or cookie, only its SHA-256 is stored.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh random token; print `plain` once, store `hash`.
#[derive(Clone)]
pub struct Token {
    pub plain: String,
    pub hash: String,
}

impl Token {
    /// 256 random bits, hex-encoded.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let plain = hex::encode(bytes);
        let hash = hash(&plain);
        Self { plain, hash }
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

/// The stored form of a token received back from a client.
pub fn hash(plain: &str) -> String {
    hex::encode(Sha256::digest(plain.trim().as_bytes()))
}
