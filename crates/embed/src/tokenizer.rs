//! The XLM-RoBERTa SentencePiece-unigram tokenizer, as e5.c runs it: the model's per-code-point
//! normalization map, runs of spaces collapsed, the metaspace «▁», and Viterbi over the pieces' scores.
//!
//! Every buffer grows with the text (a normalization may turn one code point into 18), so no input can
//! outgrow one; the text's length is bounded only for its cost (`MAX_TEXT_BYTES`).
#![forbid(unsafe_code)]

use crate::model_file::{NormMap, Vocab};

/// The SentencePiece metaspace marker that stands for a space.
const META: u32 = 0x2581;

/// The vocabulary and normalization map, with a hash table from piece bytes to piece id.
#[derive(Debug)]
pub(crate) struct Tokenizer {
    vocab: Vocab,
    norm: NormMap,
    /// Open addressing over piece ids + 1 (0 = empty), FNV-1a of the piece's bytes, linear probing.
    table: Vec<u32>,
    mask: usize,
    /// The score of a one-character unknown piece: the lowest piece score minus 10.
    unk_score: f32,
    /// The longest piece, in bytes: Viterbi tries no longer span.
    max_piece_bytes: usize,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Appends `cp` as UTF-8, as e5.c encodes it (any value, valid scalar or not).
fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    let cont = |shift: u32| 0x80 | ((cp >> shift) & 0x3F) as u8;
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend([0xC0 | (cp >> 6) as u8, cont(0)]);
    } else if cp < 0x10000 {
        out.extend([0xE0 | (cp >> 12) as u8, cont(6), cont(0)]);
    } else {
        out.extend([0xF0 | ((cp >> 18) & 0x07) as u8, cont(12), cont(6), cont(0)]);
    }
}

impl Tokenizer {
    pub(crate) fn new(vocab: Vocab, norm: NormMap) -> Self {
        let pieces = vocab.scores.len();
        let size = (pieces * 2).next_power_of_two().max(2);
        let mask = size - 1;
        let mut table = vec![0u32; size];
        let mut max_piece_bytes = 1;
        for id in 0..pieces {
            let piece = piece(&vocab, id);
            if piece.is_empty() {
                continue;
            }
            max_piece_bytes = max_piece_bytes.max(piece.len());
            // Like e5.c, every piece is inserted: of two equal pieces the first is found first.
            let mut slot = fnv1a(piece) as usize & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = id as u32 + 1;
        }
        let unk_score = vocab.scores.iter().copied().fold(1e30f32, f32::min) - 10.0;
        Self { vocab, norm, table, mask, unk_score, max_piece_bytes }
    }

    pub(crate) fn bos(&self) -> u32 {
        self.vocab.bos
    }

    pub(crate) fn eos(&self) -> u32 {
        self.vocab.eos
    }

    fn lookup(&self, bytes: &[u8]) -> Option<u32> {
        let mut slot = fnv1a(bytes) as usize & self.mask;
        loop {
            let id = self.table[slot].checked_sub(1)?;
            if piece(&self.vocab, id as usize) == bytes {
                return Some(id);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// What the normalization map turns `cp` into, if it has an entry for it.
    fn mapped(&self, cp: u32) -> Option<&[u32]> {
        let i = self.norm.cps.binary_search(&cp).ok()?;
        Some(&self.norm.outs[self.norm.starts[i]..self.norm.starts[i + 1]])
    }

    /// The normalized code points of `text`: the map applied, runs of spaces collapsed to one.
    fn normalize(&self, text: &str) -> Vec<u32> {
        let mut cps: Vec<u32> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            let cp = u32::from(c);
            for &m in self.mapped(cp).unwrap_or(std::slice::from_ref(&cp)) {
                if !(m == 0x20 && cps.last() == Some(&0x20)) {
                    cps.push(m);
                }
            }
        }
        cps
    }

    /// The content token ids of `text` (no `<s>`/`</s>`), as e5.c's `tok_content` gives them.
    pub(crate) fn tokenize(&self, text: &str) -> Vec<u32> {
        let cps = self.normalize(text);
        // The metaspace: one leading «▁» unless the text starts with a space, every space becomes «▁».
        let mut bytes = Vec::with_capacity(cps.len() * 3 + 3);
        let mut starts = Vec::with_capacity(cps.len() + 2);
        if cps.first() != Some(&0x20) {
            starts.push(0);
            push_utf8(&mut bytes, META);
        }
        for &cp in &cps {
            starts.push(bytes.len());
            push_utf8(&mut bytes, if cp == 0x20 { META } else { cp });
        }
        starts.push(bytes.len());
        self.viterbi(&bytes, &starts)
    }

    /// The best segmentation of `bytes` into pieces (characters start at `starts`, which ends with the
    /// length), an unknown character scoring [`Self::unk_score`]; ties go to the first path found.
    fn viterbi(&self, bytes: &[u8], starts: &[usize]) -> Vec<u32> {
        let n = starts.len() - 1;
        let mut best = vec![-1e30f32; n + 1];
        // For each character boundary: the piece that ends there (None: an unknown character) and where
        // it starts.
        let mut back: Vec<(Option<u32>, usize)> = vec![(None, 0); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] <= -1e29 {
                continue;
            }
            let from = starts[i];
            for e in i + 1..=n {
                let len = starts[e] - from;
                if len > self.max_piece_bytes {
                    break;
                }
                if let Some(id) = self.lookup(&bytes[from..starts[e]]).filter(|id| *id != self.vocab.unk) {
                    let score = best[i] + self.vocab.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        back[e] = (Some(id), i);
                    }
                }
            }
            let score = best[i] + self.unk_score;
            if score > best[i + 1] {
                best[i + 1] = score;
                back[i + 1] = (None, i);
            }
        }
        let mut ids = Vec::new();
        let mut i = n;
        while i > 0 {
            let (id, from) = back[i];
            ids.push(id.unwrap_or(self.vocab.unk));
            i = from;
        }
        ids.reverse();
        ids
    }

    /// Characters whose normalization gives more than `per_byte` code points per UTF-8 byte, with their
    /// expansion, for an engine that sizes a buffer by that ratio. `Err` if an expansion is not a fixed
    /// point of the map (applying it first would then change what the engine sees).
    #[cfg(feature = "c-engine")]
    pub(crate) fn expansions(&self, per_byte: usize) -> Result<Vec<(char, String)>, String> {
        let mut out = Vec::new();
        for &cp in &self.norm.cps {
            let (Some(c), Some(outs)) = (char::from_u32(cp), self.mapped(cp)) else { continue };
            if outs.len() <= per_byte * c.len_utf8() {
                continue;
            }
            let mut expansion = String::new();
            for &o in outs {
                let oc = char::from_u32(o).filter(|oc| *oc != '\0').ok_or(format!("U+{cp:04X} expands to {o:#x}"))?;
                if self.mapped(o).is_some_and(|again| again != [o]) {
                    return Err(format!("U+{cp:04X} expands to U+{o:04X}, which the map changes again"));
                }
                expansion.push(oc);
            }
            out.push((c, expansion));
        }
        Ok(out)
    }
}

fn piece(vocab: &Vocab, id: usize) -> &[u8] {
    &vocab.blob[vocab.offsets[id] as usize..vocab.offsets[id + 1] as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model_file::tests::{read_bytes, tiny_model};

    fn tokenizer() -> Tokenizer {
        let model = read_bytes(&tiny_model()).unwrap_or_else(|e| panic!("{e}"));
        Tokenizer::new(model.vocab, model.norm)
    }

    #[test]
    fn prefers_the_best_scoring_pieces_and_falls_back_to_unknown() {
        let t = tokenizer();
        // «▁ab» (-1) beats «▁a» (-2) + unknown «b».
        assert_eq!(t.tokenize("ab"), [5]);
        assert_eq!(t.tokenize("a"), [4]);
        // Runs of spaces collapse; a leading space is the metaspace itself; unknown characters are <unk>.
        assert_eq!(t.tokenize("a   a"), [4, 4]);
        assert_eq!(t.tokenize(" a"), [4]);
        assert_eq!(t.tokenize("zy"), [3, 3, 3]);
        assert_eq!(t.tokenize(""), [3]);
    }

    #[test]
    fn long_normalizations_have_room() {
        let t = tokenizer();
        // Each «ﷺ» (3 bytes) normalizes to 18 code points; e5.c's buffer held 4 per byte.
        let ids = t.tokenize(&"ﷺ".repeat(200));
        assert_eq!(ids.len(), 1 + 200 * 18, "one leading «▁» and every code point unknown");
    }
}
