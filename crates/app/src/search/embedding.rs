//! The embedding job: follows the search feed like a node's index does, embeds the texts of changed
//! documents whose vectors are missing for the current model, and stores them for every node to read
//! (docs/adr/0009-vectors-and-nearest-neighbours.md).
//!
//! Its position (`embedding_head`) records the model it ran with: a node with another model (or a feed
//! compacted past the position) starts a full pass over every person and organization, in which texts
//! already embedded under the model are skipped. Each batch commits its vectors with the new position, so
//! a cancelled or killed job loses at most one batch of work; storing a document's changed vectors
//! appends it to the feed, so every node's index picks them up.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use halqe_db::document_vectors::{self, Head, StoredVector};
use halqe_db::search_feed;
use halqe_search::IndexDoc;
use halqe_search::int8::Int8;

use super::semantic::{self, Model};
use super::{documents, vectors};
use crate::jobs::{self, Ending, Kind, Step, Work, runner};
use crate::{App, Error, Result};

/// Documents (or feed changes) per batch: each committed with its vectors and the job's progress.
const BATCH: usize = 32;

/// How many documents the embedding job has still to look at for this node's model: `None` without one.
pub async fn backlog(app: &App) -> Result<Option<i64>> {
    let Some(model) = app.embedder.get() else { return Ok(None) };
    let mut conn = app.db.conn().await?;
    Ok(Some(document_vectors::backlog(&mut conn, &model.identity).await?))
}

/// Queues the embedding job if this node has a model, there is a backlog and no embedding job is queued
/// or running; returns the job's id. The periodic task that calls it runs on one node per period.
pub async fn enqueue_if_due(app: &App) -> Result<Option<String>> {
    if backlog(app).await?.unwrap_or(0) == 0 {
        return Ok(None);
    }
    let mut tx = app.db.begin().await?;
    if halqe_db::jobs::active_of_kind(&mut tx, Kind::EmbedDocuments.code()).await? {
        return Ok(None);
    }
    let id = jobs::enqueue(&mut tx, Kind::EmbedDocuments, &serde_json::json!({}), true, None, app.now()).await?;
    halqe_db::commit(tx).await?;
    Ok(Some(id))
}

/// Runs embedding jobs in this process until the backlog is empty and no embedding job is active (tests);
/// returns how many texts this process's model embedded. A job another worker of this process claimed
/// first (a runner's tick between queueing and claiming) is waited for, not abandoned half-stored.
pub async fn run_here(app: &App) -> Result<u64> {
    let before = app.embedder.get().map_or(0, |m| m.embedded());
    loop {
        if let Some(id) = enqueue_if_due(app).await? {
            let owner = runner::owner_name("embed");
            if let Some(job) = runner::claim(app, &owner, Some(&id)).await? {
                runner::supervise(app, &job, Work::new(&job, &owner), async |w: &Work| execute_job(app, w).await)
                    .await?;
                continue;
            }
        } else if !embedding_active(app).await? {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Ok(app.embedder.get().map_or(0, |m| m.embedded()) - before)
}

/// Whether an embedding job is queued or running.
async fn embedding_active(app: &App) -> Result<bool> {
    let mut conn = app.db.conn().await?;
    Ok(halqe_db::jobs::active_of_kind(&mut conn, Kind::EmbedDocuments.code()).await?)
}

/// What one run did, for its result line.
#[derive(Debug, Default)]
struct Tally {
    documents: i64,
    texts: usize,
}

impl Tally {
    fn line(&self) -> String {
        format!("{} documents looked at, {} texts embedded", self.documents, self.texts)
    }
}

/// The job: a full pass when the position was left by another model (or compacted away), then the feed
/// from the position to its head.
pub(crate) async fn execute_job(app: &App, work: &Work) -> Result<(Ending, ())> {
    let Some(model) = app.embedder.get() else {
        return Ok((Ending::Failed("semantic matching is off on this node (no model)".into()), ()));
    };
    let mut tally = Tally::default();
    let mut conn = app.db.conn().await?;
    let mut at = document_vectors::head(&mut conn).await?;
    if at.model != model.identity || at.seq < search_feed::compacted(&mut conn).await? {
        let head = search_feed::head(&mut conn).await?;
        let mut all: Vec<(&str, String)> = Vec::new();
        all.extend(halqe_db::people::all_ids(&mut conn).await?.into_iter().map(|id| (search_feed::PERSON, id)));
        all.extend(
            halqe_db::organizations::all_ids(&mut conn).await?.into_iter().map(|id| (search_feed::ORGANIZATION, id)),
        );
        drop(conn);
        let total = all.len() as i64;
        for chunk in all.chunks(BATCH) {
            let entities: Vec<(&str, &str)> = chunk.iter().map(|(k, id)| (*k, id.as_str())).collect();
            tally.texts += embed_batch(app, &model, &entities, None).await?;
            tally.documents += entities.len() as i64;
            if let Some(ending) = stop(work.progress(app, tally.documents, total).await?, &tally) {
                return Ok((ending, ()));
            }
        }
        // Changes committed during the pass come after `head` and are followed next.
        let to = Head { model: model.identity.clone(), seq: head };
        let mut tx = app.db.begin().await?;
        document_vectors::advance(&mut tx, &at, &to).await?;
        halqe_db::commit(tx).await?;
        at = to;
        conn = app.db.conn().await?;
    }
    let total = (search_feed::head(&mut conn).await? - at.seq).max(0);
    let start = at.seq;
    loop {
        let changes = search_feed::after(&mut conn, at.seq, BATCH as i64).await?;
        let Some(last) = changes.last().map(|c| c.seq) else { break };
        let mut seen = HashSet::new();
        let entities: Vec<(&str, &str)> = changes
            .iter()
            .map(|c| (c.entity_kind.as_str(), c.entity_id.as_str()))
            // Challenges are found by the catalogue's words; only profiles are matched by meaning.
            .filter(|(kind, _)| *kind != search_feed::CHALLENGE)
            .filter(|e| seen.insert(*e))
            .collect();
        let to = Head { model: model.identity.clone(), seq: last };
        tally.texts += embed_batch(app, &model, &entities, Some((&at, &to))).await?;
        tally.documents += entities.len() as i64;
        at = to;
        let done = at.seq - start;
        if let Some(ending) = stop(work.progress(app, done, total.max(done)).await?, &tally) {
            return Ok((ending, ()));
        }
    }
    Ok((Ending::Succeeded(tally.line()), ()))
}

/// The ending when a progress report says to stop.
fn stop(step: Step, tally: &Tally) -> Option<Ending> {
    match step {
        Step::Continue => None,
        Step::Cancel => Some(Ending::Cancelled(tally.line())),
        // The ending is not recorded: the job is another worker's now.
        Step::Lost => Some(Ending::Cancelled(tally.line())),
    }
}

/// A document's current texts and what of them is stored under the model.
struct Pending {
    kind: String,
    id: String,
    /// `None`: the entity no longer exists.
    doc: Option<IndexDoc>,
    /// Hashes of its texts already stored.
    keep: Vec<String>,
    /// Its texts still to embed, with their hashes.
    missing: Vec<(String, semantic::DocText)>,
}

/// Embeds what the entities miss and stores it in one transaction, moving the job's position from `advance.0`
/// to `advance.1` in the same one (when given); returns how many texts were embedded.
async fn embed_batch(
    app: &App,
    model: &Arc<Model>,
    entities: &[(&str, &str)],
    advance: Option<(&Head, &Head)>,
) -> Result<usize> {
    let mut conn = app.db.conn().await?;
    let mut pending = Vec::with_capacity(entities.len());
    for (kind, id) in entities {
        let doc = documents::of(&mut conn, kind, id).await?;
        let stored: HashSet<String> = document_vectors::of(&mut conn, kind, id, &model.identity)
            .await?
            .into_iter()
            .map(|v| v.text_hash)
            .collect();
        let (mut keep, mut missing) = (Vec::new(), Vec::new());
        for t in doc.as_ref().map(semantic::texts).unwrap_or_default() {
            let h = vectors::hash(&t);
            if stored.contains(&h) {
                keep.push(h);
            } else if !missing.iter().any(|(m, _)| *m == h) {
                missing.push((h, t));
            }
        }
        pending.push(Pending { kind: (*kind).to_owned(), id: (*id).to_owned(), doc, keep, missing });
    }
    drop(conn);

    let asked: Vec<(semantic::Mode, String)> =
        pending.iter().flat_map(|p| p.missing.iter().map(|(_, t)| (t.mode, t.text.clone()))).collect();
    let embedded = asked.len();
    let engine = model.clone();
    let vectors = tokio::task::spawn_blocking(move || {
        let texts: Vec<(semantic::Mode, &str)> = asked.iter().map(|(m, t)| (*m, t.as_str())).collect();
        semantic::embed_texts(engine.as_ref(), &texts)
    })
    .await
    .map_err(|e| Error::Internal(format!("join: {e}")))?;
    let mut by_hash: HashMap<&str, Vec<u8>> = HashMap::new();
    let hashes = pending.iter().flat_map(|p| p.missing.iter().map(|(h, _)| h.as_str()));
    for (h, v) in hashes.zip(vectors) {
        if let Some(v) = v {
            by_hash.insert(h, Int8::of(&v).to_bytes());
        }
    }

    let now = app.now();
    let mut tx = app.db.begin().await?;
    for p in &pending {
        if p.doc.is_none() {
            document_vectors::remove(&mut tx, &p.kind, &p.id).await?;
            continue;
        }
        let added: Vec<StoredVector> = p
            .missing
            .iter()
            .filter_map(|(h, _)| {
                by_hash.get(h.as_str()).map(|v| StoredVector { text_hash: h.clone(), vector: v.clone() })
            })
            .collect();
        document_vectors::replace(&mut tx, &p.kind, &p.id, &model.identity, &p.keep, &added, now).await?;
    }
    if let Some((from, to)) = advance
        && !document_vectors::advance(&mut tx, from, to).await?
    {
        // Another embedding job moved the position: leave the work to it.
        return Err(Error::Internal("the embedding position moved under this job".into()));
    }
    halqe_db::commit(tx).await?;
    Ok(embedded)
}
