//! The bearer token that opens `/metrics`: kept only as its SHA-256, compared in constant time, never shown.

use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The configured metrics token (`metrics_token`).
#[derive(Clone)]
pub struct MetricsToken {
    digest: [u8; 32],
}

/// The configured token is too short to resist guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("metrics_token must be at least {} characters without spaces", MetricsToken::MIN_LEN)]
pub struct WeakToken;

impl MetricsToken {
    /// Shortest token accepted (e.g. `openssl rand -hex 32` gives 64 characters).
    pub const MIN_LEN: usize = 32;

    pub fn parse(plain: &str) -> Result<Self, WeakToken> {
        if plain.len() < Self::MIN_LEN || plain.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(WeakToken);
        }
        Ok(Self { digest: Sha256::digest(plain.as_bytes()).into() })
    }

    /// Whether the request's `Authorization: Bearer …` carries this token. Comparing digests keeps the
    /// time taken independent of the token's length and of how much of it a guess gets right.
    pub fn admits(&self, headers: &HeaderMap) -> bool {
        let Some(presented) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let Some((scheme, token)) = presented.split_once(' ') else { return false };
        let digest: [u8; 32] = Sha256::digest(token.trim().as_bytes()).into();
        scheme.eq_ignore_ascii_case("bearer") && bool::from(digest.ct_eq(&self.digest))
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(***)")
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn headers(authorization: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(authorization).unwrap());
        h
    }

    #[test]
    fn admits_only_its_own_bearer_token() {
        let t = MetricsToken::parse(TOKEN).unwrap();
        assert!(t.admits(&headers(&format!("Bearer {TOKEN}"))));
        assert!(t.admits(&headers(&format!("bearer {TOKEN}"))));
        assert!(!t.admits(&HeaderMap::new()));
        assert!(!t.admits(&headers(TOKEN)));
        assert!(!t.admits(&headers(&format!("Basic {TOKEN}"))));
        assert!(!t.admits(&headers(&format!("Bearer {TOKEN}0"))));
        assert!(!t.admits(&headers(&format!("Bearer {}", &TOKEN[1..]))));
    }

    #[test]
    fn short_or_spaced_tokens_are_refused_and_none_is_shown() {
        assert_eq!(MetricsToken::parse("too-short").unwrap_err(), WeakToken);
        assert!(MetricsToken::parse("0123456789abcdef 0123456789abcdef").is_err());
        assert_eq!(format!("{:?}", MetricsToken::parse(TOKEN).unwrap()), "MetricsToken(***)");
    }
}
