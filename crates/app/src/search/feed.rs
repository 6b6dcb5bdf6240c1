//! Following the search feed: each node applies changes in sequence order to its own index.

use halqe_db::search_feed::{self, Change};
use halqe_search::{IndexDoc, SearchIndex};

use super::{documents, vectors};
use crate::jobs::Observer;
use crate::{App, Error, Result};

/// Changes applied per index commit.
const BATCH: i64 = 500;

fn search_err(e: halqe_search::SearchError) -> Error {
    Error::Internal(format!("search index: {e}"))
}

/// The document of a change as the database has it now, with the vectors stored for this node's model
/// (none without a model, or before the embedding job reached it). Never embeds.
async fn document(app: &App, conn: &mut halqe_db::Conn, c: &Change) -> Result<Option<IndexDoc>> {
    let Some(mut doc) = documents::of(conn, &c.entity_kind, &c.entity_id).await? else { return Ok(None) };
    if let Some(model) = app.embedder.get() {
        vectors::fill(conn, &model.identity, &c.entity_kind, &mut doc).await?;
    }
    Ok(Some(doc))
}

/// Applies every change the index has not seen; returns how many were applied. The position stored with
/// the index advances only in the commit that holds the changed documents, stored vectors included.
pub async fn catch_up(app: &App, index: &SearchIndex) -> Result<usize> {
    let mut applied = 0;
    loop {
        let from = index.applied_seq().map_err(search_err)?;
        let mut conn = app.db.conn().await?;
        // Retention deleted changes this index never applied: only a rebuild brings it back.
        if from < search_feed::compacted(&mut conn).await? {
            drop(conn);
            tracing::warn!(position = from, "the search index is behind the retained feed; rebuilding it");
            applied += rebuild(app, index, None).await?;
            continue;
        }
        let changes = search_feed::after(&mut conn, from, BATCH).await?;
        let Some(last) = changes.last().map(|c| c.seq) else { return Ok(applied) };
        let mut upserts = Vec::new();
        let mut deletes = Vec::new();
        for c in &changes {
            match document(app, &mut conn, c).await? {
                Some(doc) => upserts.push(doc),
                None => deletes.push(c.entity_id.clone()),
            }
        }
        drop(conn);
        // The same entity may appear several times in a batch; the last state wins.
        upserts.reverse();
        let mut seen = std::collections::HashSet::new();
        upserts.retain(|d| seen.insert(d.id.clone()));
        index.delete(&deletes).map_err(search_err)?;
        index.upsert(&upserts).map_err(search_err)?;
        index.commit_at(last).map_err(search_err)?;
        applied += changes.len();
    }
}

/// Keeps this node's index within `period` of the database, for as long as the task runs.
pub async fn follow(app: App, index: std::sync::Arc<SearchIndex>, period: std::time::Duration) {
    let mut follower = Follower::new(&app);
    let mut tick = tokio::time::interval(period);
    loop {
        tick.tick().await;
        if let Err(e) = follower.step(&app, &index).await {
            tracing::warn!(error = %e, "search feed failed");
        }
    }
}

/// A node's index following the feed, and noticing the node's model arrive (fetched while it served).
#[derive(Debug)]
pub struct Follower {
    /// The model the index's documents were last read for.
    model: Option<String>,
}

impl Follower {
    pub fn new(app: &App) -> Self {
        Self { model: app.embedder.identity() }
    }

    /// Applies pending changes. When the node's model has changed since the last step and vectors are
    /// already stored under it (another node embedded them), rebuilds the index first so that documents
    /// indexed without them get them; documents not embedded yet come through the feed as the embedding
    /// job stores their vectors.
    pub async fn step(&mut self, app: &App, index: &SearchIndex) -> Result<usize> {
        let model = app.embedder.identity();
        if model != self.model {
            let stored = match &model {
                Some(identity) => {
                    let mut conn = app.db.conn().await?;
                    halqe_db::document_vectors::head(&mut conn).await?.model == *identity
                }
                None => false,
            };
            self.model = model;
            if stored {
                tracing::info!("rebuilding this node's search index with the vectors stored for its new model");
                return reindex(app, index, None).await;
            }
        }
        catch_up(app, index).await
    }
}

/// How many feed changes this node's index has not applied yet.
pub async fn lag(app: &App, index: &SearchIndex) -> Result<i64> {
    let mut conn = app.db.conn().await?;
    let head = search_feed::head(&mut conn).await?;
    Ok((head - index.applied_seq().map_err(search_err)?).max(0))
}

/// Rebuilds the index from the database: every person and organization, then the feed position; `progress`
/// is told (documents done, total) as it goes. The caller has the index to itself (tantivy's writer lock
/// keeps a serving node out).
pub async fn reindex(app: &App, index: &SearchIndex, progress: Option<&Observer>) -> Result<usize> {
    let total = rebuild(app, index, progress).await?;
    // Changes committed while we rebuilt are applied on top.
    catch_up(app, index).await?;
    Ok(total)
}

/// Writes every person, organization and public challenge into an emptied index, at the feed position read first; tells
/// `progress` of the records read after each batch.
async fn rebuild(app: &App, index: &SearchIndex, progress: Option<&Observer>) -> Result<usize> {
    let mut conn = app.db.conn().await?;
    let head = search_feed::head(&mut conn).await?;
    index.clear().map_err(search_err)?;
    let everyone = [
        (search_feed::PERSON, halqe_db::people::all_ids(&mut conn).await?),
        (search_feed::ORGANIZATION, halqe_db::organizations::all_ids(&mut conn).await?),
        (search_feed::CHALLENGE, halqe_db::challenges::all_ids(&mut conn).await?),
    ];
    let records = everyone.iter().map(|(_, ids)| ids.len()).sum::<usize>();
    let report = |done: usize| {
        if let Some(tell) = progress {
            tell(i64::try_from(done).unwrap_or(i64::MAX), i64::try_from(records).unwrap_or(i64::MAX));
        }
    };
    report(0);
    let (mut total, mut done) = (0, 0);
    for (kind, ids) in everyone {
        for chunk in ids.chunks(1000) {
            let mut docs = Vec::with_capacity(chunk.len());
            for id in chunk {
                let change = Change { seq: 0, entity_kind: kind.to_owned(), entity_id: id.clone() };
                if let Some(d) = document(app, &mut conn, &change).await? {
                    docs.push(d);
                }
            }
            total += docs.len();
            index.add_new(&docs).map_err(search_err)?;
            done += chunk.len();
            report(done);
        }
    }
    index.commit_at(head).map_err(search_err)?;
    Ok(total)
}
