//! The capacity directory as a use case: the viewer's visibility decides what the index may return.

use halqe_domain::permissions::Actor;
use halqe_domain::registry::listable;
use halqe_search::SearchIndex;
use halqe_search::directory::{DirectoryQuery, DirectoryResults};
use halqe_search::query::{Filters, Viewer};

use super::semantic;
use crate::{App, Error, FormErrors, Result};

/// Results per page.
pub const PAGE_SIZE: usize = 20;
/// Longest query text; a longer one is refused, not cut.
pub const MAX_TEXT_CHARS: usize = 500;
/// Most pages a request may skip.
pub const MAX_SKIPPED_PAGES: usize = 500;
/// Below this many results a first page also offers profiles related by meaning.
pub const FEW_RESULTS: usize = 5;
/// Most profiles related by meaning on a page.
pub const RELATED: usize = 5;

/// What the directory form sends.
#[derive(Debug, Clone, Default)]
pub struct DirectoryRequest {
    pub text: String,
    pub filters: Filters,
    /// 1-based.
    pub page: usize,
}

/// The search viewer for an actor: the visibilities `listable` allows, plus their own documents.
pub fn viewer(actor: Option<&Actor>) -> Viewer {
    Viewer {
        visibilities: listable(actor).iter().map(|v| v.code().to_owned()).collect(),
        user_id: actor.map(|a| a.user_id.as_str().to_owned()),
    }
}

impl DirectoryRequest {
    /// The index query for `viewer`, at most [`MAX_SKIPPED_PAGES`] skipped; a text over [`MAX_TEXT_CHARS`]
    /// is refused.
    pub fn query(&self, viewer: Viewer) -> Result<DirectoryQuery> {
        if over(&self.text, MAX_TEXT_CHARS) {
            return Err(FormErrors::single("q", "too_long"));
        }
        Ok(DirectoryQuery {
            text: self.text.clone(),
            filters: self.filters.clone(),
            viewer,
            offset: self.page.saturating_sub(1).min(MAX_SKIPPED_PAGES) * PAGE_SIZE,
            limit: PAGE_SIZE,
        })
    }
}

/// Whether `text` has more than `max` characters, looking at no more of it than needed.
pub(crate) fn over(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().nth(max).is_some()
}

/// One page of the directory for this viewer; when its words find fewer than [`FEW_RESULTS`] and the
/// node has a model, the first page also offers up to [`RELATED`] profiles related by meaning.
pub async fn search(
    app: &App,
    index: &std::sync::Arc<SearchIndex>,
    actor: Option<&Actor>,
    req: &DirectoryRequest,
) -> Result<DirectoryResults> {
    let q = req.query(viewer(actor))?;
    let index = index.clone();
    let model = app.embedder.get();
    tokio::task::spawn_blocking(move || {
        let mut results = index.directory(&q)?;
        if let Some(model) = model.filter(|_| results.total < FEW_RESULTS && q.offset == 0)
            && let Some(vector) = semantic::embed_need(model.as_ref(), &q.text)
        {
            let shown: Vec<String> = results.hits.iter().map(|h| h.doc.id.clone()).collect();
            results.related = index.related(&q, &vector, &shown, RELATED)?;
        }
        Ok::<_, halqe_search::SearchError>(results)
    })
    .await
    .map_err(|e| Error::Internal(format!("join: {e}")))?
    .map_err(|e| Error::Internal(format!("search: {e}")))
}
