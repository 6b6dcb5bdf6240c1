//! Reading the `Cookie` header and writing `Set-Cookie` with the right flags.

use axum::http::{HeaderMap, HeaderValue, header};

/// The session cookie: an opaque random value whose hash keys the session row.
pub const SESSION: &str = "halqe_sid";
/// A random value for visitors without a session, so their forms carry a CSRF token too.
pub const ANON: &str = "halqe_anon";
/// The interface language of a visitor without a session.
pub const LANG: &str = "halqe_lang";

/// The value of cookie `name`, if sent.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: always HttpOnly, SameSite=Lax and path `/`; Secure when asked.
pub fn set(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let s = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// A `Set-Cookie` value that deletes the cookie.
pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        let v = set(SESSION, "abc", 60, true);
        assert_eq!(v.to_str().unwrap(), "halqe_sid=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
        let v = set(LANG, "en", 60, false);
        assert!(!v.to_str().unwrap().contains("Secure"));
        assert!(v.to_str().unwrap().contains("HttpOnly; SameSite=Lax"));
    }

    #[test]
    fn reads_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; halqe_lang=en; halqe_sid="));
        assert_eq!(get(&h, LANG), Some("en"));
        assert_eq!(get(&h, SESSION), None);
        assert_eq!(get(&h, "b"), None);
    }
}
