//! `Keywords::parse` (skills, capabilities, and the same cells of an import) and the Persian
//! normalization it applies to each keyword.
#![no_main]

use std::collections::HashSet;

use halqe_domain::profile::Keywords;
use halqe_domain::{Invalid, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let normalized = text::normalize_fa(s);
    assert_eq!(text::normalize_fa(&normalized), normalized, "normalize_fa is idempotent");
    match Keywords::parse(s) {
        Ok(k) => {
            assert!(s.len() <= Keywords::MAX_INPUT_BYTES, "an over-long input is refused");
            assert!(k.len() <= Keywords::MAX_ITEMS);
            let mut seen = HashSet::new();
            for w in k.as_slice() {
                assert!(!w.is_empty() && w.chars().count() <= Keywords::MAX_CHARS, "{w:?}");
                assert_eq!(&text::normalize_fa(w), w, "keywords are stored normalized");
                assert!(!w.contains([',', '،', ';', '؛', '\n']), "{w:?}");
                assert!(seen.insert(w.to_lowercase()), "duplicate {w:?}");
            }
            assert_eq!(Keywords::parse(&k.to_db()).as_ref(), Ok(&k), "the stored form parses back");
            assert_eq!(Keywords::from_db(&k.to_db()), k, "the stored form reads back");
        }
        Err(e) => assert!(matches!(e, Invalid::TooLong | Invalid::TooMany), "{e:?}"),
    }
});
