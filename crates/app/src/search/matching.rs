//! Matching an agency's need to capacities: officers and staff only, within what they may see.

use halqe_domain::permissions::MatchCap;
use halqe_search::SearchIndex;
use halqe_search::matching::{Match, Need, Weights};
use halqe_search::query::{Filters, Viewer};

use super::directory::{over, viewer};
use super::semantic;
use crate::{App, Error, FormErrors, Result};

/// Most candidates one request may ask for.
pub const MAX_TOP: usize = 100;
/// Longest need text; a longer one is refused, not cut.
pub const MAX_TEXT_CHARS: usize = 5000;
/// Most taxonomy fields one need may name.
pub const MAX_FIELDS: usize = 32;
/// Most candidates one request may leave out or score (a saved need's introductions, a shortlist).
pub const MAX_LISTED: usize = 2000;

/// A need typed by an officer or staff.
#[derive(Debug, Clone, Default)]
pub struct NeedRequest {
    pub text: String,
    pub fields: Vec<String>,
    pub filters: Filters,
    pub top: usize,
}

impl NeedRequest {
    /// The need to rank for `viewer`; a text over [`MAX_TEXT_CHARS`], more fields than [`MAX_FIELDS`] or
    /// more listed candidates than [`MAX_LISTED`] are refused before any search (each listed one is scored
    /// against every candidate).
    pub fn need(&self, viewer: Viewer) -> Result<Need> {
        if over(&self.text, MAX_TEXT_CHARS) {
            return Err(FormErrors::single("need", "too_long"));
        }
        if self.fields.len() > MAX_FIELDS {
            return Err(FormErrors::single("fields", "too_many"));
        }
        if self.filters.exclude.len() > MAX_LISTED || self.filters.only.len() > MAX_LISTED {
            return Err(FormErrors::single("exclude", "too_many"));
        }
        Ok(Need {
            text: self.text.clone(),
            fields: self.fields.clone(),
            filters: self.filters.clone(),
            viewer,
            vector: Vec::new(),
        })
    }
}

/// Ranks people and organizations for a need, each with its explanation; with the app's embedder, the
/// semantic signal counts for every candidate whose document has a vector.
pub async fn match_need(
    app: &App,
    index: &std::sync::Arc<SearchIndex>,
    cap: &MatchCap,
    req: &NeedRequest,
) -> Result<Vec<Match>> {
    let need = req.need(viewer(Some(cap.actor())))?;
    let top = req.top.clamp(1, MAX_TOP);
    let index = index.clone();
    let embedder = app.embedder.get();
    tokio::task::spawn_blocking(move || rank(embedder.as_deref(), &index, &need, top))
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))
}

/// The matcher at the product's weights, with the semantic signal when there is an embedder: the need
/// embedded in "query: " mode against each candidate's stored vectors (none for documents indexed
/// without them), and its nearest neighbours as candidates. Every page, the API, `halqe match` and the
/// evaluations (`halqe-bench eval`, whose embedder is a cache in front of the model) rank through it.
/// Blocking: embedding the need runs the model.
pub fn rank(
    embedder: Option<&(impl halqe_embed::Embed + ?Sized)>,
    index: &SearchIndex,
    need: &Need,
    top: usize,
) -> halqe_search::index::Result<Vec<Match>> {
    rank_with(embedder, index, need, top, &Weights::default())
}

/// [`rank`] at other weights than the product's, for the evaluations' weight sweeps
/// (`halqe-bench eval … --text-weight/--semantic-weight`).
pub fn rank_with(
    embedder: Option<&(impl halqe_embed::Embed + ?Sized)>,
    index: &SearchIndex,
    need: &Need,
    top: usize,
    weights: &Weights,
) -> halqe_search::index::Result<Vec<Match>> {
    let vector = embedder.and_then(|e| semantic::embed_need(e, &need.text)).unwrap_or_default();
    index.match_need(&Need { vector, ..need.clone() }, top, weights)
}
