//! The optional semantic signal: loading the e5 model, embedding documents ("passage: ") for the index
//! and needs ("query: ") for matching (docs/adr/0004-semantic-engine-ffi.md).
//!
//! Only a build with `--features semantic` and a model file has an embedder; without one every function
//! here is a no-op and matching stays lexical.

use std::sync::Arc;

use halqe_embed::Embedder;
use halqe_search::IndexDoc;

/// Texts per engine call: one batch shares each weight pass (about 0.1 s per profile on two cores).
const BATCH: usize = 16;

/// Bytes of a text that are embedded: the first 16 KiB (a handful of the model's 512-token windows) bound
/// the cost of one profile; [`IndexDoc::passage`] puts skills and capabilities first, so what is cut is
/// the tail of long publication lists. Far below the engine's own limit, `halqe_embed::MAX_TEXT_BYTES`.
const MAX_TEXT_BYTES: usize = 16 * 1024;

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

/// A text the engine accepts, of bounded cost: no NUL, at most [`MAX_TEXT_BYTES`] (cut at a character boundary).
fn engine_text(text: &str) -> String {
    let mut t = text.replace('\0', " ");
    if t.len() > MAX_TEXT_BYTES {
        let mut end = MAX_TEXT_BYTES;
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        t.truncate(end);
    }
    t
}

/// Fills each document's vector from its [`IndexDoc::passage`], in batches; blocking (call it from
/// `spawn_blocking`). A batch the engine refuses leaves its documents without a vector (logged), so one
/// odd profile never stops the feed; they simply get no semantic signal.
pub fn embed_documents(embedder: &Embedder, docs: &mut [IndexDoc]) {
    let texts: Vec<(usize, String)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i, engine_text(&d.passage())))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    for chunk in texts.chunks(BATCH) {
        let batch: Vec<&str> = chunk.iter().map(|(_, t)| t.as_str()).collect();
        match embedder.embed_passages(&batch) {
            Ok(vectors) => {
                for ((i, _), v) in chunk.iter().zip(vectors) {
                    docs[*i].vector = v;
                }
            }
            Err(e) => {
                let ids: Vec<&str> = chunk.iter().map(|(i, _)| docs[*i].id.as_str()).collect();
                tracing::warn!(error = %e, ?ids, "embedding documents failed: indexed without a semantic vector");
            }
        }
    }
}

/// The need's query vector, or `None` (no text, or the engine refused it: logged, matching stays lexical).
pub fn embed_need(embedder: &Embedder, text: &str) -> Option<Vec<f32>> {
    let text = engine_text(text);
    if text.trim().is_empty() {
        return None;
    }
    embedder.embed_queries(&[&text]).map_err(|e| tracing::warn!(error = %e, "embedding a need failed")).ok()?.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_texts_have_no_nul_and_fit() {
        assert_eq!(engine_text("a\0b"), "a b");
        let long = "ی".repeat(MAX_TEXT_BYTES);
        let cut = engine_text(&long);
        assert!(cut.len() <= MAX_TEXT_BYTES && cut.len() > MAX_TEXT_BYTES - 2, "{}", cut.len());
    }
}
