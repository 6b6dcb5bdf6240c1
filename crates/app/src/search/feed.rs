//! Following the search feed: each node applies changes in sequence order to its own index.

use halqe_db::search_feed::{self, Change};
use halqe_domain::ids::{OrganizationId, PersonId};
use halqe_search::{IndexDoc, SearchIndex};

use super::{documents, semantic};
use crate::{App, Error, Result};

/// Changes applied per index commit.
const BATCH: i64 = 500;

/// Changes applied per index commit when documents are embedded (about 0.1 s each on two cores): the
/// feed position then advances every few seconds rather than once a minute.
const SEMANTIC_BATCH: i64 = 50;

fn search_err(e: halqe_search::SearchError) -> Error {
    Error::Internal(format!("search index: {e}"))
}

async fn document(conn: &mut halqe_db::Conn, c: &Change) -> Result<Option<IndexDoc>> {
    match c.entity_kind.as_str() {
        search_feed::PERSON => documents::person(conn, &PersonId::from_db(c.entity_id.clone())).await,
        search_feed::ORGANIZATION => documents::organization(conn, &OrganizationId::from_db(c.entity_id.clone())).await,
        _ => Ok(None),
    }
}

/// With the app's embedder, fills the documents' semantic vectors off the async threads; without it,
/// returns them as they are.
async fn embed(app: &App, mut docs: Vec<IndexDoc>) -> Result<Vec<IndexDoc>> {
    let Some(embedder) = app.embedder.clone() else { return Ok(docs) };
    if docs.is_empty() {
        return Ok(docs);
    }
    tokio::task::spawn_blocking(move || {
        semantic::embed_documents(embedder.as_ref(), &mut docs);
        docs
    })
    .await
    .map_err(|e| Error::Internal(format!("join: {e}")))
}

/// Applies every change the index has not seen; returns how many were applied. The position stored with
/// the index advances only in the commit that holds the changed documents, vectors included.
pub async fn catch_up(app: &App, index: &SearchIndex) -> Result<usize> {
    let batch = if app.embedder.is_some() { SEMANTIC_BATCH } else { BATCH };
    let mut applied = 0;
    loop {
        let from = index.applied_seq().map_err(search_err)?;
        let mut conn = app.db.conn().await?;
        // Retention deleted changes this index never applied: only a rebuild brings it back.
        if from < search_feed::compacted(&mut conn).await? {
            drop(conn);
            tracing::warn!(position = from, "the search index is behind the retained feed; rebuilding it");
            applied += rebuild(app, index).await?;
            continue;
        }
        let changes = search_feed::after(&mut conn, from, batch).await?;
        let Some(last) = changes.last().map(|c| c.seq) else { return Ok(applied) };
        let mut upserts = Vec::new();
        let mut deletes = Vec::new();
        for c in &changes {
            match document(&mut conn, c).await? {
                Some(doc) => upserts.push(doc),
                None => deletes.push(c.entity_id.clone()),
            }
        }
        drop(conn);
        // The same entity may appear several times in a batch; the last state wins.
        upserts.reverse();
        let mut seen = std::collections::HashSet::new();
        upserts.retain(|d| seen.insert(d.id.clone()));
        let upserts = embed(app, upserts).await?;
        index.delete(&deletes).map_err(search_err)?;
        index.upsert(&upserts).map_err(search_err)?;
        index.commit_at(last).map_err(search_err)?;
        applied += changes.len();
    }
}

/// How many feed changes this node's index has not applied yet.
pub async fn lag(app: &App, index: &SearchIndex) -> Result<i64> {
    let mut conn = app.db.conn().await?;
    let head = search_feed::head(&mut conn).await?;
    Ok((head - index.applied_seq().map_err(search_err)?).max(0))
}

/// Rebuilds the index from the database: every person and organization, then the feed position. The caller
/// has the index to itself (tantivy's writer lock keeps a serving node out).
pub async fn reindex(app: &App, index: &SearchIndex) -> Result<usize> {
    let total = rebuild(app, index).await?;
    // Changes committed while we rebuilt are applied on top.
    catch_up(app, index).await?;
    Ok(total)
}

/// Writes every person and organization into an emptied index, at the feed position read first.
async fn rebuild(app: &App, index: &SearchIndex) -> Result<usize> {
    let mut conn = app.db.conn().await?;
    let head = search_feed::head(&mut conn).await?;
    index.clear().map_err(search_err)?;
    let mut total = 0;
    for (kind, ids) in [
        (search_feed::PERSON, halqe_db::people::all_ids(&mut conn).await?),
        (search_feed::ORGANIZATION, halqe_db::organizations::all_ids(&mut conn).await?),
    ] {
        for chunk in ids.chunks(1000) {
            let mut docs = Vec::with_capacity(chunk.len());
            for id in chunk {
                let change = Change { seq: 0, entity_kind: kind.to_owned(), entity_id: id.clone() };
                if let Some(d) = document(&mut conn, &change).await? {
                    docs.push(d);
                }
            }
            let docs = embed(app, docs).await?;
            total += docs.len();
            index.add_new(&docs).map_err(search_err)?;
        }
    }
    index.commit_at(head).map_err(search_err)?;
    Ok(total)
}
