//! The people and teams that best match a challenge, for its agency's officers and staff: the matcher run
//! with the challenge's text as the need, its fields, and who may answer it as filters.

use std::sync::Arc;

use halqe_domain::challenge::Eligibility;
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;
use halqe_search::matching::Match;
use halqe_search::query::Filters;
use halqe_search::{DocKind, SearchIndex};

use super::access;
use super::view::ChallengeView;
use crate::fields::Taxonomy;
use crate::search::matching::{MAX_TEXT_CHARS, NeedRequest, match_need};
use crate::{App, Error, Result};

/// Most candidates shown for a challenge.
pub const TOP: usize = 20;

/// The challenge as a need: what it is about and what it wants, cut at the matcher's limit.
pub(crate) fn need_text(c: &ChallengeView) -> String {
    let text = [&c.title, &c.problem, &c.affected, &c.outcome, &c.success_measure, &c.constraints]
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// Who may answer: people, organizations or both; one named province narrows the search to it.
fn filters(c: &ChallengeView) -> Filters {
    let kind = match c.eligibility {
        Eligibility::People => Some(DocKind::Person),
        Eligibility::Organizations => Some(DocKind::Organization),
        Eligibility::Both => None,
    };
    let province = match c.provinces.as_slice() {
        [only] => Some(only.code().to_owned()),
        _ => None,
    };
    Filters { kind, province, ..Filters::default() }
}

/// Challenge `id` and its best-matching candidates, explained; only for its agency's officers and staff.
pub async fn matches(
    app: &App,
    index: &Arc<SearchIndex>,
    actor: &Actor,
    id: &ChallengeId,
) -> Result<(ChallengeView, Vec<Match>)> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::party(&mut conn, actor, id).await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    drop(conn);
    let cap = actor.matcher().map_err(|_| Error::Forbidden)?;
    if !sides.any() {
        return Err(Error::Forbidden);
    }
    let challenge = ChallengeView::build(found, &taxonomy);
    let req = NeedRequest {
        text: need_text(&challenge),
        fields: challenge.fields.iter().map(|f| f.id.clone()).collect(),
        filters: filters(&challenge),
        top: TOP,
    };
    let found = match_need(app, index, &cap, &req).await?;
    Ok((challenge, found))
}
