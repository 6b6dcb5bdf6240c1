//! The semantic signal: the loaded e5 model, what of a document is embedded ("passage: " for its
//! summary, "query: " for each publication) and embedding needs ("query: ") for matching
//! (docs/adr/0010-rust-embedding-engine.md). Documents are embedded by the embedding job
//! (`search::embedding`), never by a node following the feed.
//!
//! Which model a node has, and where it comes from, is `search::model`'s; without one matching stays
//! lexical.

use std::sync::atomic::{AtomicU64, Ordering};

use halqe_embed::{BoxError, Embed, Embedder};
use halqe_search::IndexDoc;

/// Texts per engine call: one batch shares each weight pass (about 0.1 s per profile on two cores).
const BATCH: usize = 16;

/// Bytes of a summary or a need that are embedded: the first 16 KiB (a handful of the model's 512-token
/// windows) bound the cost of one text, far below the engine's own limit, `halqe_embed::MAX_TEXT_BYTES`.
const MAX_TEXT_BYTES: usize = 16 * 1024;

/// Bytes of one publication that are embedded: a title and an abstract fit in one 512-token window.
const MAX_PUBLICATION_BYTES: usize = 4 * 1024;

/// Publications embedded per profile, the newest first (the database's order): an older tail adds little
/// to a profile whose publications weigh half every few years (`halqe_search::semantic`), and each costs
/// about 0.1 s on two cores.
const MAX_PUBLICATIONS: usize = 50;

/// A loaded model, its identity and how many texts this process has embedded with it.
#[derive(Debug)]
pub struct Model {
    pub embedder: Embedder,
    /// The model file's name and SHA-256: stored vectors carry it, so a new model is embedded afresh.
    pub identity: String,
    embedded: AtomicU64,
}

impl Model {
    pub fn new(embedder: Embedder, identity: String) -> Self {
        Self { embedder, identity, embedded: AtomicU64::new(0) }
    }

    /// Texts this process has embedded (documents by the embedding job, needs, directory queries).
    pub fn embedded(&self) -> u64 {
        self.embedded.load(Ordering::Relaxed)
    }

    fn count(&self, texts: &[&str]) {
        self.embedded.fetch_add(texts.len() as u64, Ordering::Relaxed);
    }
}

impl Embed for Model {
    fn passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        self.count(texts);
        self.embedder.passages(texts)
    }

    fn queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        self.count(texts);
        self.embedder.queries(texts)
    }
}

/// A text the engine accepts, of bounded cost: no NUL, at most `max` bytes (cut at a character boundary).
fn engine_text(text: &str, max: usize) -> String {
    let mut t = text.replace('\0', " ");
    if t.len() > max {
        let mut end = max;
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        t.truncate(end);
    }
    t
}

/// Embeds `items` (a key and a text each) in batches of [`BATCH`] with `embed`, giving each vector to
/// `put`; a batch that fails is logged and its keys left without a vector.
fn in_batches<K: Copy + std::fmt::Debug>(
    items: &[(K, String)],
    embed: impl Fn(&[&str]) -> Result<Vec<Vec<f32>>, BoxError>,
    mut put: impl FnMut(K, Vec<f32>),
) {
    for chunk in items.chunks(BATCH) {
        let texts: Vec<&str> = chunk.iter().map(|(_, t)| t.as_str()).collect();
        match embed(&texts) {
            Ok(vectors) => chunk.iter().zip(vectors).for_each(|((key, _), v)| put(*key, v)),
            Err(e) => {
                let keys: Vec<K> = chunk.iter().map(|(k, _)| *k).collect();
                tracing::warn!(error = %e, ?keys, "embedding failed: these texts have no semantic vector");
            }
        }
    }
}

/// How a text is embedded: e5's "passage: " mode, or its "query: " mode (also its symmetric mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Passage,
    Query,
}

impl Mode {
    pub fn code(self) -> &'static str {
        match self {
            Self::Passage => "passage",
            Self::Query => "query",
        }
    }
}

/// Where a text's vector goes in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Summary,
    Publication(usize),
}

/// One text of a document as the engine embeds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    pub slot: Slot,
    pub mode: Mode,
    pub text: String,
}

/// What is embedded of a document: its [`IndexDoc::summary`] in "passage: " mode, as a passage answers a
/// question, and each of its first [`MAX_PUBLICATIONS`] publications in e5's symmetric "query: " mode,
/// since a paper and a need are texts of one kind (the expertise evaluation scores papers embedded as
/// passages worse: docs/benchmarks.md). Blank texts are left out.
pub fn texts(doc: &IndexDoc) -> Vec<DocText> {
    let summary =
        DocText { slot: Slot::Summary, mode: Mode::Passage, text: engine_text(&doc.summary(), MAX_TEXT_BYTES) };
    let publications = doc.publications.iter().take(MAX_PUBLICATIONS).enumerate().map(|(j, p)| DocText {
        slot: Slot::Publication(j),
        mode: Mode::Query,
        text: engine_text(&p.passage(), MAX_PUBLICATION_BYTES),
    });
    std::iter::once(summary).chain(publications).filter(|t| !t.text.trim().is_empty()).collect()
}

/// Puts a text's vector in its slot of `doc`.
pub fn put(doc: &mut IndexDoc, slot: Slot, vector: Vec<f32>) {
    match slot {
        Slot::Summary => doc.vector = vector,
        Slot::Publication(j) => {
            if let Some(p) = doc.publications.get_mut(j) {
                p.vector = vector;
            }
        }
    }
}

/// Embeds texts, each in its mode, in batches; `None` where the engine refused a text's batch (logged).
/// Blocking (call it from `spawn_blocking`).
pub fn embed_texts(embedder: &(impl Embed + ?Sized), texts: &[(Mode, &str)]) -> Vec<Option<Vec<f32>>> {
    let mut out = vec![None; texts.len()];
    for mode in [Mode::Passage, Mode::Query] {
        let items: Vec<(usize, String)> =
            texts.iter().enumerate().filter(|(_, t)| t.0 == mode).map(|(i, t)| (i, t.1.to_owned())).collect();
        let embed = |t: &[&str]| match mode {
            Mode::Passage => embedder.passages(t),
            Mode::Query => embedder.queries(t),
        };
        in_batches(&items, embed, |i, v| out[i] = Some(v));
    }
    out
}

/// Fills each document's vectors by embedding its [`texts`]. Blocking (call it from `spawn_blocking`).
/// A batch the engine refuses leaves its texts without a vector (logged); returns how many texts that was.
pub fn embed_documents(embedder: &(impl Embed + ?Sized), docs: &mut [IndexDoc]) -> usize {
    let texts: Vec<(usize, DocText)> =
        docs.iter().enumerate().flat_map(|(i, d)| texts(d).into_iter().map(move |t| (i, t))).collect();
    let asked: Vec<(Mode, &str)> = texts.iter().map(|(_, t)| (t.mode, t.text.as_str())).collect();
    let vectors = embed_texts(embedder, &asked);
    let mut failed = 0;
    for ((i, t), v) in texts.iter().zip(vectors) {
        match v {
            Some(v) => put(&mut docs[*i], t.slot, v),
            None => failed += 1,
        }
    }
    failed
}

/// The need's query vector, or `None` (no text, or the engine refused it: logged, matching stays lexical).
pub fn embed_need(embedder: &(impl Embed + ?Sized), text: &str) -> Option<Vec<f32>> {
    let text = engine_text(text, MAX_TEXT_BYTES);
    if text.trim().is_empty() {
        return None;
    }
    embedder.queries(&[&text]).map_err(|e| tracing::warn!(error = %e, "embedding a need failed")).ok()?.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_texts_have_no_nul_and_fit() {
        assert_eq!(engine_text("a\0b", 10), "a b");
        let long = "ی".repeat(MAX_TEXT_BYTES);
        let cut = engine_text(&long, MAX_TEXT_BYTES);
        assert!(cut.len() <= MAX_TEXT_BYTES && cut.len() > MAX_TEXT_BYTES - 2, "{}", cut.len());
    }
}
