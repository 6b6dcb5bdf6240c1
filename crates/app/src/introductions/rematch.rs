//! Matching a saved need again: its text and fields, leaving out the candidates already introduced for it.

use std::sync::Arc;

use halqe_db::needs::NeedRow;
use halqe_db::{Conn, introductions, needs};
use halqe_domain::ids::NeedId;
use halqe_domain::permissions::{Actor, MatchCap};
use halqe_domain::user::Role;
use halqe_search::SearchIndex;
use halqe_search::matching::Match;
use halqe_search::query::Filters;

use super::IntroductionItem;
use crate::search::matching::{NeedRequest, match_need};
use crate::{App, Error, Result};

/// A saved need with the introductions made for it.
#[derive(Debug, Clone)]
pub struct SavedNeed {
    pub id: NeedId,
    pub text: String,
    pub fields: Vec<String>,
    pub introductions: Vec<IntroductionItem>,
}

impl SavedNeed {
    /// The ids of the candidates already introduced for this need.
    pub fn introduced(&self) -> Vec<String> {
        self.introductions.iter().map(|i| i.candidate_id.clone()).collect()
    }
}

/// A need `actor` may use: staff any, officers their agency's, anyone the ones they typed.
pub(super) async fn usable(conn: &mut Conn, actor: &Actor, id: &NeedId) -> Result<NeedRow> {
    let need = needs::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let own_agency = actor.has(Role::Officer)
        && need.agency_id.is_some()
        && need.agency_id.as_deref() == actor.agency_id.as_ref().map(|a| a.as_str());
    if actor.staff().is_ok() || own_agency || need.created_by == actor.user_id.as_str() {
        Ok(need)
    } else {
        Err(Error::NotFound)
    }
}

/// Need `id` with its introductions; `NotFound` for a need `actor` may not use.
pub async fn saved_need(app: &App, actor: &Actor, id: &NeedId) -> Result<SavedNeed> {
    let mut conn = app.db.conn().await?;
    let need = usable(&mut conn, actor, id).await?;
    let introductions = introductions::of_need(&mut conn, id).await?;
    Ok(SavedNeed {
        id: id.clone(),
        fields: serde_json::from_str(&need.fields).unwrap_or_default(),
        text: need.text,
        introductions: introductions.into_iter().map(IntroductionItem::from).collect(),
    })
}

/// Ranks candidates for a saved need with `filters`, never proposing one already introduced for it.
pub async fn rematch(
    app: &App,
    index: &Arc<SearchIndex>,
    cap: &MatchCap,
    need: &SavedNeed,
    mut filters: Filters,
    top: usize,
) -> Result<Vec<Match>> {
    filters.exclude.extend(need.introduced());
    let req = NeedRequest { text: need.text.clone(), fields: need.fields.clone(), filters, top };
    match_need(app, index, cap, &req).await
}
