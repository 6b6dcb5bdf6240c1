//! Open challenges that match an innovator's own profile, best first, for their home page and their daily
//! digest: the matcher run with the profile as the need over challenges, keeping only those published and
//! open for proposals that admit people and the person's province. Nothing for an account without a profile.

use std::collections::HashMap;
use std::sync::Arc;

use halqe_db::challenges::{self, ChallengeListed};
use halqe_db::{Conn, people};
use halqe_domain::challenge::{Eligibility, Status};
use halqe_domain::ids::{ChallengeId, PersonId, UserId};
use halqe_domain::introduction::CandidateKind;
use halqe_domain::registry::Visibility;
use halqe_search::matching::{Need, Weights};
use halqe_search::query::{Filters, Viewer};
use halqe_search::{DocKind, SearchIndex};

use super::form::codes;
use crate::search::matching::MAX_TEXT_CHARS;
use crate::{App, Error, Result};

/// Most suggestions the home page shows.
pub const HOME_TOP: usize = 5;
/// Most suggestions a digest lists.
pub const DIGEST_TOP: usize = 3;
/// Most open challenges a digest run indexes (soonest deadlines first).
const MAX_OPEN: i64 = 1000;
/// How many of the profile's words explain a suggestion.
const WORDS: usize = 4;

/// One open challenge suggested to a person, with the words of their profile it matched.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub id: ChallengeId,
    pub title: String,
    pub agency_name: String,
    pub deadline_at: i64,
    pub score: f32,
    /// Words of the profile, as the person wrote them, that the challenge also uses.
    pub words: Vec<String>,
}

impl Suggestion {
    pub fn href(&self) -> String {
        format!("/challenges/{}", self.id)
    }

    /// The matched words on one line.
    pub fn words_line(&self) -> String {
        self.words.join("، ")
    }
}

/// A person's profile as a need: its words, fields and province; `None` without a profile or words.
async fn profile_need(conn: &mut Conn, user: &UserId) -> Result<Option<(Need, Option<String>)>> {
    let Some(p) = people::by_user(conn, user).await? else { return Ok(None) };
    let fields = people::fields_of(conn, &PersonId::from_db(p.id.clone())).await?;
    let text: String = [p.skills, p.bio_fa, p.bio_en, p.education_field]
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n")
        .chars()
        .take(MAX_TEXT_CHARS)
        .collect();
    if text.trim().is_empty() && fields.is_empty() {
        return Ok(None);
    }
    let filters = Filters { kind: Some(DocKind::Challenge), province: p.province.clone(), ..Filters::default() };
    let viewer = Viewer { visibilities: vec![Visibility::Public.code().to_owned()], user_id: None };
    Ok(Some((Need { text, fields, filters, viewer, vector: Vec::new() }, p.province)))
}

/// What decides whether a challenge takes a person's proposal now.
struct Open<'a> {
    status: Status,
    eligibility: Eligibility,
    /// The JSON list of its provinces; empty: every province.
    provinces: &'a str,
    deadline_at: i64,
}

impl Open<'_> {
    fn of(c: &ChallengeListed) -> Open<'_> {
        let r = &c.row;
        Open { status: r.status, eligibility: r.eligibility, provinces: &r.provinces, deadline_at: r.deadline_at }
    }

    /// Whether it takes a proposal from a person of `province` at `now`.
    fn admits(&self, province: Option<&str>, now: i64) -> bool {
        let provinces = codes(self.provinces);
        self.status == Status::Published
            && now < self.deadline_at
            && self.eligibility.admits(CandidateKind::Person)
            && (provinces.is_empty() || province.is_some_and(|p| provinces.iter().any(|c| c == p)))
    }
}

/// The open challenges of `index` that best match `user`'s profile, at most `top`, best first; `None` for
/// an account without a profile (or with one that says nothing to match).
pub async fn for_user(
    app: &App,
    index: &Arc<SearchIndex>,
    user: &UserId,
    top: usize,
) -> Result<Option<Vec<Suggestion>>> {
    let mut conn = app.db.conn().await?;
    let Some((need, province)) = profile_need(&mut conn, user).await? else { return Ok(None) };
    let index = index.clone();
    // Closed or ineligible ones may still be in a node's index: read more than shown.
    let pool = top.saturating_mul(4);
    let found = tokio::task::spawn_blocking(move || index.match_need(&need, pool, &Weights::default()))
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))?;
    let ids: Vec<String> = found.iter().map(|m| m.doc.id.clone()).collect();
    let now = app.now();
    let mut open: HashMap<String, ChallengeListed> = challenges::public_among(&mut conn, &ids)
        .await?
        .into_iter()
        .filter(|c| Open::of(c).admits(province.as_deref(), now))
        .map(|c| (c.row.id.clone(), c))
        .collect();
    Ok(Some(
        found
            .into_iter()
            .filter_map(|m| {
                let c = open.remove(&m.doc.id)?;
                let mut words: Vec<String> = Vec::new();
                for t in m.matched_terms {
                    if words.len() < WORDS && !words.contains(&t.need) {
                        words.push(t.need);
                    }
                }
                Some(Suggestion {
                    id: ChallengeId::from_db(c.row.id),
                    title: c.row.title,
                    agency_name: c.agency_name,
                    deadline_at: c.row.deadline_at,
                    score: m.score,
                    words,
                })
            })
            .take(top)
            .collect(),
    ))
}

/// An index of the challenges open now, for work that has no node index to ask (the digest's runner).
pub async fn open_index(app: &App) -> Result<Arc<SearchIndex>> {
    let index = SearchIndex::in_memory().map_err(|e| Error::Internal(format!("search: {e}")))?;
    let mut conn = app.db.conn().await?;
    let mut docs = Vec::new();
    for c in challenges::open_at(&mut conn, app.now(), MAX_OPEN).await? {
        if let Some(doc) = crate::search::documents::challenge(&mut conn, &ChallengeId::from_db(c.row.id)).await? {
            docs.push(doc);
        }
    }
    index.upsert(&docs).map_err(|e| Error::Internal(format!("search: {e}")))?;
    index.commit().map_err(|e| Error::Internal(format!("search: {e}")))?;
    Ok(Arc::new(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admits(status: Status, eligibility: Eligibility, provinces: &str, province: Option<&str>, now: i64) -> bool {
        Open { status, eligibility, provinces, deadline_at: 100 }.admits(province, now)
    }

    #[test]
    fn only_published_open_challenges_for_people_of_the_province() {
        use Eligibility::{Both, Organizations, People};
        let published = Status::Published;
        assert!(admits(published, People, "[]", Some("tehran"), 50));
        assert!(admits(published, Both, "[]", None, 50), "no province named: open to all");
        assert!(admits(published, Both, r#"["tehran","fars"]"#, Some("fars"), 50));
        assert!(!admits(published, Both, r#"["tehran"]"#, Some("fars"), 50));
        assert!(!admits(published, Both, r#"["tehran"]"#, None, 50));
        assert!(!admits(published, Organizations, "[]", Some("tehran"), 50));
        assert!(!admits(published, People, "[]", Some("tehran"), 100), "the deadline passed");
        assert!(!admits(Status::Closed, People, "[]", Some("tehran"), 50));
    }
}
