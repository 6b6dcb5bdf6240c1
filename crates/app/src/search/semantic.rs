//! The optional semantic signal: loading the e5 model, embedding documents ("passage: ") for the index
//! and needs ("query: ") for matching (docs/adr/0004-semantic-engine-ffi.md).
//!
//! Only a build with `--features semantic` and a model file has an embedder; without one every function
//! here is a no-op and matching stays lexical.

use std::sync::Arc;

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

/// Loads the model at `$HALQE_E5_MODEL`, else `halqe_embed::default_model_path()`, when this build has
/// the engine; logs one line saying whether semantic matching is on, and why not.
pub fn load() -> Option<Arc<Embedder>> {
    if !halqe_embed::ENGINE {
        tracing::info!("semantic matching off: built without the semantic feature");
        return None;
    }
    let path = halqe_embed::default_model_path();
    if !path.is_file() {
        tracing::info!(
            model = %path.display(),
            "semantic matching off: no model file (run scripts/fetch-e5 or set HALQE_E5_MODEL)"
        );
        return None;
    }
    match Embedder::load(&path) {
        Ok(embedder) => {
            tracing::info!(model = %path.display(), engine = embedder.engine(), "semantic matching on");
            Some(Arc::new(embedder))
        }
        Err(e) => {
            tracing::warn!(error = %e, "semantic matching off: the model did not load");
            None
        }
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
/// `put`; returns how many texts failed (their batch logged, their keys left without a vector).
fn in_batches<K: Copy + std::fmt::Debug>(
    items: &[(K, String)],
    embed: impl Fn(&[&str]) -> Result<Vec<Vec<f32>>, BoxError>,
    mut put: impl FnMut(K, Vec<f32>),
) -> usize {
    let mut failed = 0;
    for chunk in items.chunks(BATCH) {
        let texts: Vec<&str> = chunk.iter().map(|(_, t)| t.as_str()).collect();
        match embed(&texts) {
            Ok(vectors) => chunk.iter().zip(vectors).for_each(|((key, _), v)| put(*key, v)),
            Err(e) => {
                let keys: Vec<K> = chunk.iter().map(|(k, _)| *k).collect();
                tracing::warn!(error = %e, ?keys, "embedding failed: indexed without these semantic vectors");
                failed += chunk.len();
            }
        }
    }
    failed
}

/// Fills each document's vectors: its [`IndexDoc::summary`] in "passage: " mode, as a passage answers a
/// question, and each of its first [`MAX_PUBLICATIONS`] publications in e5's symmetric "query: " mode,
/// since a paper and a need are texts of one kind (the expertise evaluation scores papers embedded as
/// passages worse: docs/benchmarks.md). Blocking (call it from `spawn_blocking`). A batch the engine
/// refuses leaves its texts without a vector (logged), so one odd profile never stops the feed; returns
/// how many texts that was.
pub fn embed_documents(embedder: &(impl Embed + ?Sized), docs: &mut [IndexDoc]) -> usize {
    let summaries: Vec<(usize, String)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i, engine_text(&d.summary(), MAX_TEXT_BYTES)))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let publications: Vec<((usize, usize), String)> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            d.publications
                .iter()
                .take(MAX_PUBLICATIONS)
                .enumerate()
                .map(move |(j, p)| ((i, j), engine_text(&p.passage(), MAX_PUBLICATION_BYTES)))
        })
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    in_batches(&summaries, |t| embedder.passages(t), |i, v| docs[i].vector = v)
        + in_batches(&publications, |t| embedder.queries(t), |(i, j), v| docs[i].publications[j].vector = v)
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
