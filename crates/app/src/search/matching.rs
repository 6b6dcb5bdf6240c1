//! Matching an agency's need to capacities: officers and staff only, within what they may see.

use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;
use halqe_embed::Embedder;
use halqe_search::SearchIndex;
use halqe_search::matching::{Match, Need, Weights};
use halqe_search::query::Filters;

use super::directory::viewer;
use super::semantic;
use crate::{App, Error, Result};

/// Most candidates one request may ask for.
pub const MAX_TOP: usize = 100;

/// A need typed by an officer or staff.
#[derive(Debug, Clone, Default)]
pub struct NeedRequest {
    pub text: String,
    pub fields: Vec<String>,
    pub filters: Filters,
    pub top: usize,
}

/// Ranks people and organizations for a need, each with its explanation; with the app's embedder, the
/// semantic signal counts for every candidate whose document has a vector.
pub async fn match_need(
    app: &App,
    index: &std::sync::Arc<SearchIndex>,
    actor: &Actor,
    req: &NeedRequest,
) -> Result<Vec<Match>> {
    if !(actor.has(Role::Officer) || actor.has(Role::Staff) || actor.has(Role::Admin)) {
        return Err(Error::Forbidden);
    }
    let need = Need {
        text: req.text.chars().take(5000).collect(),
        fields: req.fields.clone(),
        filters: req.filters.clone(),
        viewer: viewer(Some(actor)),
        vector: Vec::new(),
    };
    let top = req.top.clamp(1, MAX_TOP);
    let index = index.clone();
    let embedder = app.embedder.clone();
    tokio::task::spawn_blocking(move || rank(embedder.as_deref(), &index, &need, top))
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))
}

/// The matcher at the product's weights, with the semantic signal when there is an embedder: the need
/// embedded in "query: " mode against each candidate's stored vectors (none for documents indexed
/// without them). Blocking: embedding the need runs the model.
pub fn rank(
    embedder: Option<&Embedder>,
    index: &SearchIndex,
    need: &Need,
    top: usize,
) -> halqe_search::index::Result<Vec<Match>> {
    let vector = embedder.and_then(|e| semantic::embed_need(e, &need.text)).unwrap_or_default();
    index.match_need(&Need { vector, ..need.clone() }, top, &Weights::default())
}
