//! Turning a `&str` into what the C engine may be given.

use std::ffi::{CStr, CString};

use super::CEngineError;
use crate::{EmbedError, MAX_TEXT_BYTES};

/// A text the engine can take: NUL-terminated without inner NULs, at most [`MAX_TEXT_BYTES`] (e5.c does
/// its tokenizer arithmetic in `int` with buffers of up to 16 bytes per input byte: 1 MiB keeps that far
/// from overflow), and with every character whose normalization outgrows e5.c's 4-code-points-per-byte
/// buffer replaced by its expansion (`Tokenizer::expansions`). In the shipped model that is «ﷺ» (U+FDFA,
/// 3 bytes → 18 code points): a text of twenty of them overflowed the heap (found with AddressSanitizer).
/// The expansions are fixed points of the map, so the engine tokenizes the same code points. Only
/// [`EngineText::new`] makes one.
#[derive(Debug)]
pub(crate) struct EngineText(CString);

impl EngineText {
    pub(crate) fn new(index: usize, text: &str, expansions: &[(char, String)]) -> Result<Self, EmbedError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(EmbedError::TooLong { index, len: text.len() });
        }
        let expanded;
        let mut text = text;
        if text.contains(|c| expansions.iter().any(|(e, _)| *e == c)) {
            let mut out = String::with_capacity(text.len() * 2);
            for c in text.chars() {
                match expansions.iter().find(|(e, _)| *e == c) {
                    Some((_, expansion)) => out.push_str(expansion),
                    None => out.push(c),
                }
            }
            if out.len() > MAX_TEXT_BYTES {
                return Err(EmbedError::TooLong { index, len: out.len() });
            }
            expanded = out;
            text = &expanded;
        }
        CString::new(text).map(Self).map_err(|_| CEngineError::Nul { index }.into())
    }

    pub(crate) fn as_c_str(&self) -> &CStr {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expansions() -> Vec<(char, String)> {
        vec![('\u{FDFA}', "صلى الله عليه وسلم".to_owned())]
    }

    #[test]
    fn plain_text_passes_unchanged() -> Result<(), EmbedError> {
        let t = EngineText::new(0, "هوش مصنوعی در دولت", &expansions())?;
        assert_eq!(t.as_c_str().to_str().ok(), Some("هوش مصنوعی در دولت"));
        Ok(())
    }

    #[test]
    fn long_expansions_are_applied_so_the_engine_stays_within_its_buffer() -> Result<(), EmbedError> {
        let input = "محمد ﷺ فرمود".to_owned() + &"ﷺ".repeat(50);
        let t = EngineText::new(0, &input, &expansions())?;
        let s = t.as_c_str().to_str().unwrap_or_default();
        assert!(!s.contains('\u{FDFA}'));
        assert!(s.starts_with("محمد صلى الله عليه وسلم فرمود"));
        // Every code point now costs the tokenizer at most 4 code points per byte.
        assert!(s.chars().count() <= 4 * s.len());
        Ok(())
    }

    #[test]
    fn rejects_nul_and_oversized_texts() {
        assert!(matches!(EngineText::new(3, "a\0b", &[]), Err(EmbedError::CEngine(CEngineError::Nul { index: 3 }))));
        let big = "a".repeat(MAX_TEXT_BYTES + 1);
        assert!(matches!(EngineText::new(1, &big, &[]), Err(EmbedError::TooLong { index: 1, .. })));
        let growing = "ﷺ".repeat(MAX_TEXT_BYTES / 3);
        assert!(matches!(EngineText::new(0, &growing, &expansions()), Err(EmbedError::TooLong { .. })));
    }
}
