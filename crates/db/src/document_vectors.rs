//! Document vectors: each indexed document's texts embedded once (by the embedding job) and read by every
//! node's search feed, with how far the embedding job has followed the feed and with which model.
//!
//! Storing a document's vectors appends the document to the search feed in the same transaction when
//! anything changed, so every node's index picks the vectors up.

use halqe_domain::clock::Millis;

use crate::{Conn, Result, search_feed};

/// One stored vector of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredVector {
    pub text_hash: String,
    /// Quantized bytes (the app's `search::vectors` decides the layout).
    pub vector: Vec<u8>,
}

/// The vectors stored for a document under `model`.
pub async fn of(conn: &mut Conn, kind: &str, id: &str, model: &str) -> Result<Vec<StoredVector>> {
    Ok(sqlx::query_as::<_, StoredVector>(
        "SELECT text_hash, vector FROM document_vectors WHERE entity_kind = $1 AND entity_id = $2 AND model = $3",
    )
    .bind(kind)
    .bind(id)
    .bind(model)
    .fetch_all(&mut *conn)
    .await?)
}

/// Makes a document's stored vectors under `model` exactly `keep` (hashes already stored) plus `added`:
/// every other row of the document goes (changed texts, another model). Appends the document to the search
/// feed when anything changed; returns whether it did. Call inside a transaction.
pub async fn replace(
    conn: &mut Conn,
    kind: &str,
    id: &str,
    model: &str,
    keep: &[String],
    added: &[StoredVector],
    now: Millis,
) -> Result<bool> {
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT text_hash, model FROM document_vectors WHERE entity_kind = $1 AND entity_id = $2")
            .bind(kind)
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let stale = stored.into_iter().filter(|(hash, m)| m != model || !keep.contains(hash)).map(|(hash, _)| hash);
    let mut changed = !added.is_empty();
    for hash in stale {
        sqlx::query("DELETE FROM document_vectors WHERE entity_kind = $1 AND entity_id = $2 AND text_hash = $3")
            .bind(kind)
            .bind(id)
            .bind(&hash)
            .execute(&mut *conn)
            .await?;
        changed = true;
    }
    for v in added {
        sqlx::query(
            "INSERT INTO document_vectors (entity_kind, entity_id, text_hash, model, vector, embedded_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (entity_kind, entity_id, text_hash)
             DO UPDATE SET model = excluded.model, vector = excluded.vector, embedded_at = excluded.embedded_at",
        )
        .bind(kind)
        .bind(id)
        .bind(&v.text_hash)
        .bind(model)
        .bind(&v.vector)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    if changed {
        search_feed::touch(conn, kind, id).await?;
    }
    Ok(changed)
}

/// Removes every vector of a document that no longer exists. Call inside a transaction.
pub async fn remove(conn: &mut Conn, kind: &str, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM document_vectors WHERE entity_kind = $1 AND entity_id = $2")
        .bind(kind)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How far the embedding job has followed the feed, and with which model (empty before its first run).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Head {
    pub model: String,
    pub seq: i64,
}

/// The embedding job's position.
pub async fn head(conn: &mut Conn) -> Result<Head> {
    Ok(sqlx::query_as::<_, Head>("SELECT model, seq FROM embedding_head WHERE id = 1").fetch_one(&mut *conn).await?)
}

/// Moves the embedding job's position to `to` if it is still `from` (another job did not move it meanwhile);
/// returns whether it moved. Call in the transaction that stored the vectors up to `to`.
pub async fn advance(conn: &mut Conn, from: &Head, to: &Head) -> Result<bool> {
    let moved = sqlx::query("UPDATE embedding_head SET model = $1, seq = $2 WHERE id = 1 AND model = $3 AND seq = $4")
        .bind(&to.model)
        .bind(to.seq)
        .bind(&from.model)
        .bind(from.seq)
        .execute(&mut *conn)
        .await?;
    Ok(moved.rows_affected() == 1)
}

/// The embedding backlog for `model`: feed changes the embedding job has not followed, or, when it last ran
/// with another model (or never), every person and organization.
pub async fn backlog(conn: &mut Conn, model: &str) -> Result<i64> {
    let h = head(conn).await?;
    if h.model != model {
        let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(&mut *conn).await?;
        let organizations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&mut *conn).await?;
        return Ok(people + organizations);
    }
    Ok((search_feed::head(conn).await? - h.seq).max(0))
}
