//! The public catalogue: published challenges found through the search index (Persian-aware text search,
//! field and province from the index), narrowed by agency, status and deadline.

use std::sync::Arc;

use halqe_db::challenges;
use halqe_domain::challenge::Status;
use halqe_domain::province::Province;
use halqe_search::directory::{DirectoryQuery, Segment};
use halqe_search::query::{Filters, Viewer};
use halqe_search::{DocKind, SearchIndex};

use super::view::ChallengeView;
use crate::fields::Taxonomy;
use crate::search::directory::over;
use crate::{App, DAY_MS, Error, FormErrors, Result};

/// Challenges per page.
pub const PAGE_SIZE: usize = 20;
/// Longest search text, in characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Most challenges one search reads from the index before the filters the index does not hold.
const MAX_FOUND: usize = 1000;
/// "Closing soon": the deadline is within this many days.
pub const SOON_DAYS: i64 = 14;

/// Where the deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineFilter {
    /// Still taking proposals.
    Open,
    /// Open, and ending within [`SOON_DAYS`].
    Soon,
    /// Past.
    Passed,
}

impl DeadlineFilter {
    pub const ALL: [DeadlineFilter; 3] = [DeadlineFilter::Open, DeadlineFilter::Soon, DeadlineFilter::Passed];

    /// Stable code (Fluent `challenge-deadline-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Soon => "soon",
            Self::Passed => "passed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == s.trim())
    }

    fn admits(self, deadline_at: i64, now: i64) -> bool {
        match self {
            Self::Open => now < deadline_at,
            Self::Soon => now < deadline_at && deadline_at <= now + SOON_DAYS * DAY_MS,
            Self::Passed => deadline_at <= now,
        }
    }
}

/// What the catalogue's search form sends.
#[derive(Debug, Clone, Default)]
pub struct CatalogueRequest {
    pub text: String,
    pub field: Option<String>,
    pub agency: Option<String>,
    pub province: Option<Province>,
    /// A public status; none lists every public one but archived.
    pub status: Option<Status>,
    pub deadline: Option<DeadlineFilter>,
    /// 1-based.
    pub page: usize,
}

/// One found challenge, with the words that matched highlighted.
#[derive(Debug, Clone)]
pub struct Found {
    pub challenge: ChallengeView,
    pub snippet: Vec<Segment>,
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub found: Vec<Found>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// The agencies with public challenges, for the filter: (id, name).
    pub agencies: Vec<(String, String)>,
}

/// Searches the public challenges.
pub async fn search(app: &App, index: &Arc<SearchIndex>, req: &CatalogueRequest) -> Result<Catalogue> {
    if over(&req.text, MAX_TEXT_CHARS) {
        return Err(FormErrors::single("q", "too_long"));
    }
    if req.status.is_some_and(|s| !s.is_public()) {
        return Err(FormErrors::single("status", "choice"));
    }
    let q = DirectoryQuery {
        text: req.text.clone(),
        filters: Filters {
            kind: Some(DocKind::Challenge),
            field: req.field.clone().filter(|f| !f.is_empty()),
            province: req.province.map(|p| p.code().to_owned()),
            ..Filters::default()
        },
        viewer: Viewer { visibilities: vec!["public".into()], user_id: None },
        offset: 0,
        limit: MAX_FOUND,
    };
    let index = index.clone();
    let hits = tokio::task::spawn_blocking(move || index.directory(&q))
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))?
        .hits;
    let ids: Vec<String> = hits.iter().map(|h| h.doc.id.clone()).collect();
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let rows = challenges::public_among(&mut conn, &ids).await?;
    drop(conn);
    let now = app.now();
    let mut agencies: Vec<(String, String)> = Vec::new();
    for r in &rows {
        if !agencies.iter().any(|(id, _)| *id == r.row.agency_id) {
            agencies.push((r.row.agency_id.clone(), r.agency_name.clone()));
        }
    }
    agencies.sort_by(|a, b| a.1.cmp(&b.1));
    let admitted = |c: &ChallengeView| {
        req.agency.as_deref().is_none_or(|a| a.is_empty() || c.agency_id == a)
            && match req.status {
                Some(s) => c.status == s,
                None => c.status != Status::Archived,
            }
            && req.deadline.is_none_or(|d| d.admits(c.deadline_at, now))
    };
    let mut views: Vec<ChallengeView> = rows.into_iter().map(|c| ChallengeView::build(c, &taxonomy)).collect();
    views.retain(admitted);
    // In the index's order: by relevance for a text, else as the index holds them, re-sorted by deadline.
    let rank = |id: &str| ids.iter().position(|x| x == id).unwrap_or(usize::MAX);
    if req.text.trim().is_empty() {
        views.sort_by(|a, b| b.is_open(now).cmp(&a.is_open(now)).then(a.deadline_at.cmp(&b.deadline_at)));
    } else {
        views.sort_by_key(|v| rank(&v.id));
    }
    let total = views.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = req.page.clamp(1, pages);
    let found = views
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|challenge| {
            let snippet = hits.iter().find(|h| h.doc.id == challenge.id).map(|h| h.snippet.clone()).unwrap_or_default();
            Found { challenge, snippet }
        })
        .collect();
    Ok(Catalogue { found, total, page, pages, agencies })
}

/// The newest published challenges, for the Atom feed.
pub async fn recent(app: &App, limit: i64) -> Result<Vec<ChallengeView>> {
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let rows = challenges::published_since(&mut conn, 0, limit).await?;
    Ok(rows.into_iter().map(|c| ChallengeView::build(c, &taxonomy)).collect())
}
