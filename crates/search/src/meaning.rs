//! Candidates by meaning: a query vector's nearest documents in the nearest-neighbour index, kept only
//! when the viewer may see them and the filters admit them, and only when close enough to be related.

use std::collections::HashSet;

use tantivy::collector::DocSetCollector;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, Term};

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
        let admitted: HashSet<DocAddress> = searcher.search(&q, &DocSetCollector)?;
        let mut out = Vec::with_capacity(k.min(admitted.len()));
        for id in &ids {
            if out.len() == k {
                break;
            }
            if let Some(address) = self.address(searcher, id)?.filter(|a| admitted.contains(a)) {
                out.push(address);
            }
        }
        Ok(out)
    }

    /// Where the live document `id` is, looked up in the id field's postings: the matcher loads only the
    /// documents it keeps, not every neighbour the filters are checked on.
    fn address(&self, searcher: &Searcher, id: &str) -> Result<Option<DocAddress>> {
        let term = Term::from_field_text(self.fields.id, id);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(mut postings) = segment
                .inverted_index(self.fields.id)?
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    return Ok(Some(DocAddress::new(ord as u32, doc)));
                }
                doc = postings.advance();
            }
        }
        Ok(None)
    }
}
