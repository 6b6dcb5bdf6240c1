//! Candidates by meaning: a query vector's nearest documents in the nearest-neighbour index, kept only
//! when the viewer may see them and the filters admit them, and only when close enough to be related.

use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::index::{Result, SearchIndex};
use crate::query::{self, Combine, Filters, Viewer};

/// The cosine (e5's, between a "query:" vector and a profile vector) below which a document is not
/// offered by meaning: e5 puts unrelated texts at about 0.7 to 0.8 (`halqe_embed::COSINE_FLOOR`), and a
/// profile answering a need in another language at about 0.83 and above.
pub const MEANING_FLOOR: f32 = 0.8;

impl SearchIndex {
    /// Up to `k` documents nearest to `vector` (at least [`MEANING_FLOOR`]) that `filters` and `viewer`
    /// admit, nearest first.
    pub(crate) fn by_meaning(
        &self,
        searcher: &Searcher,
        vector: &[f32],
        filters: &Filters,
        viewer: &Viewer,
        k: usize,
    ) -> Result<Vec<DocAddress>> {
        if vector.is_empty() || k == 0 {
            return Ok(Vec::new());
        }
        // Filters remove some neighbours: ask for more, as many as a few pages of results.
        let nearest = self.ann.read().unwrap_or_else(std::sync::PoisonError::into_inner).nearest(vector, k * 4);
        let ids: Vec<String> = nearest
            .into_iter()
            .filter(|(_, score)| *score >= MEANING_FLOOR)
            .map(|(id, _)| id.to_string())
            .filter(|id| filters.only.is_empty() || filters.only.contains(id))
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let admitted = Filters { only: ids.clone(), ..filters.clone() };
        let q = query::build(&self.fields, &[], Combine::Any, &admitted, viewer);
        let found = searcher.search(&q, &TopDocs::with_limit(ids.len()).order_by_score())?;
        let mut by_id = Vec::with_capacity(found.len());
        for (_, address) in found {
            let stored: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = stored.get_first(self.fields.id).and_then(|v| v.as_str()).map(str::to_owned) {
                by_id.push((id, address));
            }
        }
        let mut out: Vec<DocAddress> =
            ids.iter().filter_map(|id| by_id.iter().find(|(i, _)| i == id).map(|(_, a)| *a)).collect();
        out.truncate(k);
        Ok(out)
    }
}
