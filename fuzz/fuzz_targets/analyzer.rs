//! The Persian/English analyzer (normalization, tokenization, stop words, stemming) and its tantivy
//! adapter: every text the index stores and every query goes through it.
#![no_main]

use halqe_search::analysis::{self, Term};
use halqe_search::tokenizer::HalqeTokenizer;
use libfuzzer_sys::fuzz_target;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// Longest term the analyzer keeps (`analysis::MAX_TERM_BYTES`).
const MAX_TERM_BYTES: usize = 64;

fuzz_target!(|s: &str| {
    let normalized = analysis::normalize(s);
    assert_eq!(analysis::normalize(&normalized), normalized, "normalization is idempotent");

    let terms = analysis::analyze(s);
    let mut end = 0;
    for (i, t) in terms.iter().enumerate() {
        let Term { text, start, end: stop, position } = t;
        assert_eq!(*position, i);
        assert!(end <= *start && start < stop && *stop <= s.len(), "{t:?} after byte {end}");
        assert!(s.is_char_boundary(*start) && s.is_char_boundary(*stop), "{t:?}");
        end = *stop;
        assert!(!text.is_empty() && text.len() <= MAX_TERM_BYTES, "{t:?}");
        assert!(text.chars().all(char::is_alphanumeric), "a term is one word: {t:?}");
        assert_eq!(&analysis::normalize(text), text, "a term is normalized: {t:?}");
    }

    let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(analysis::terms(&normalized), texts, "the index and a query see the same terms");

    let mut tokenizer = HalqeTokenizer;
    let mut stream = tokenizer.token_stream(s);
    for t in &terms {
        assert!(stream.advance());
        let token = stream.token();
        assert_eq!((token.text.as_str(), token.offset_from, token.offset_to), (t.text.as_str(), t.start, t.end));
    }
    assert!(!stream.advance(), "the tokenizer yields exactly the analyzer's terms");
});
