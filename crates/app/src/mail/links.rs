//! Links in a mail body: found for the demo log, and the one-time ones redacted once delivered.

use std::ops::Range;

/// What a delivered one-time link is replaced with in the stored body.
pub const REDACTED: &str = "[link removed after delivery]";

/// The byte ranges of the `http://` and `https://` links in `body`.
pub fn find(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = &body[from..];
        let start = from + [rest.find("https://"), rest.find("http://")].into_iter().flatten().min()?;
        let len = body[start..].find(|c: char| c.is_whitespace() || "<>\"'()".contains(c) || is_bidi_mark(c));
        let end = len.map_or(body.len(), |l| start + l);
        from = end;
        Some(start..end)
    })
}

/// Bidi isolation and direction marks, which Fluent or translators may put right after a link.
fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{2066}'..='\u{2069}')
}

/// Whether a link carries a secret: a run of 32 or more hex digits (tokens are 64).
fn carries_token(link: &str) -> bool {
    let mut run = 0;
    for b in link.bytes() {
        run = if b.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 32 {
            return true;
        }
    }
    false
}

/// `body` with every link that carries a token replaced by [`REDACTED`].
pub fn redact(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut kept = 0;
    for link in find(body) {
        if carries_token(&body[link.clone()]) {
            out.push_str(&body[kept..link.start]);
            out.push_str(REDACTED);
            kept = link.end;
        }
    }
    out.push_str(&body[kept..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "3f1c0a9be4d2475f8a61c0e93b7d5a2f3f1c0a9be4d2475f8a61c0e93b7d5a2f";

    #[test]
    fn finds_links_up_to_whitespace_and_marks() {
        let body = "باز کنید: https://halqe.ir/claim/abc\nیا \u{2068}http://x.ir/a?b=c\u{2069}.";
        let found: Vec<&str> = find(body).map(|r| &body[r]).collect();
        assert_eq!(found, ["https://halqe.ir/claim/abc", "http://x.ir/a?b=c"]);
        assert_eq!(find("no links here").count(), 0);
    }

    #[test]
    fn redacts_only_links_with_tokens() {
        let body = format!(
            "سلام\nhttps://halqe.ir/password/reset?token={TOKEN}\nصفحه: https://halqe.ir/introductions/0193a8b2-7c3d-7e4f-9a1b-2c3d4e5f6a7b\nپایان"
        );
        let redacted = redact(&body);
        assert!(!redacted.contains(TOKEN), "{redacted}");
        assert_eq!(
            redacted,
            format!(
                "سلام\n{REDACTED}\nصفحه: https://halqe.ir/introductions/0193a8b2-7c3d-7e4f-9a1b-2c3d4e5f6a7b\nپایان"
            )
        );
        let path = format!("https://halqe.ir/claim/{TOKEN}");
        assert_eq!(redact(&path), REDACTED);
        assert_eq!(redact("بدون پیوند"), "بدون پیوند");
    }
}
