//! Matching an agency's need to capacities: officers and staff only, within what they may see.

use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;
use halqe_search::SearchIndex;
use halqe_search::matching::{Match, Need, Weights};
use halqe_search::query::Filters;

use super::directory::viewer;
use crate::{Error, Result};

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

/// Ranks people and organizations for a need, each with its explanation.
pub async fn match_need(index: &std::sync::Arc<SearchIndex>, actor: &Actor, req: &NeedRequest) -> Result<Vec<Match>> {
    if !(actor.has(Role::Officer) || actor.has(Role::Staff) || actor.has(Role::Admin)) {
        return Err(Error::Forbidden);
    }
    let need = Need {
        text: req.text.chars().take(5000).collect(),
        fields: req.fields.clone(),
        filters: req.filters.clone(),
        viewer: viewer(Some(actor)),
    };
    let top = req.top.clamp(1, MAX_TOP);
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.match_need(&need, top, &Weights::default()))
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))
}
