//! The analyzer as a tantivy tokenizer, registered under [`ANALYZER`] for every text field.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analysis::analyze;

/// The name the index registers the Persian/English analyzer under, with its version. The schema
/// names it, so changing what terms a text gives means a new version here: an index built by the
/// previous analyzer then no longer matches the schema and is rebuilt ([`crate::SearchIndex::open`]).
pub const ANALYZER: &str = "halqe-2";

/// Tantivy adapter over [`analyze`].
#[derive(Debug, Clone, Default)]
pub struct HalqeTokenizer;

/// Tokens of one text, produced up front by [`analyze`].
pub struct HalqeTokenStream {
    tokens: Vec<Token>,
    index: usize,
    /// Returned before the first `advance`, so `token()` never panics.
    none: Token,
}

impl Tokenizer for HalqeTokenizer {
    type TokenStream<'a> = HalqeTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> HalqeTokenStream {
        let tokens = analyze(text)
            .into_iter()
            .map(|t| Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        HalqeTokenStream { tokens, index: 0, none: Token::default() }
    }
}

impl TokenStream for HalqeTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.index.checked_sub(1).and_then(|i| self.tokens.get(i)).unwrap_or(&self.none)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.index.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.none,
        }
    }
}
