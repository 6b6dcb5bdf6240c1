//! Stored document vectors: which stored vector belongs to which text of a document (by the hash of its
//! mode and text), and filling a document's vectors from the database as the feed builds it.

use halqe_db::document_vectors;
use halqe_search::IndexDoc;
use halqe_search::int8::Int8;
use sha2::{Digest, Sha256};

use super::semantic::{self, DocText};
use crate::Result;

/// The key of a text's vector: the SHA-256 of its mode and the text as the engine embeds it.
pub fn hash(t: &DocText) -> String {
    let mut h = Sha256::new();
    h.update(t.mode.code().as_bytes());
    h.update([0]);
    h.update(t.text.as_bytes());
    hex::encode(h.finalize())
}

/// Fills `doc`'s vectors with those stored under `model` for its current texts; a text not embedded yet
/// keeps no vector (the document is then matched lexically on that part).
pub async fn fill(conn: &mut halqe_db::Conn, model: &str, kind: &str, doc: &mut IndexDoc) -> Result<()> {
    let stored = document_vectors::of(conn, kind, &doc.id, model).await?;
    if stored.is_empty() {
        return Ok(());
    }
    for t in semantic::texts(doc) {
        let h = hash(&t);
        if let Some(v) = stored.iter().find(|s| s.text_hash == h).and_then(|s| Int8::from_bytes(&s.vector)) {
            semantic::put(doc, t.slot, v.to_f32());
        }
    }
    Ok(())
}
