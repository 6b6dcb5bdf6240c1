//! The search feed: changed entities in commit order, for each node's index to follow.

use crate::{Conn, Result};

/// Kinds of indexed entities.
pub const PERSON: &str = "person";
pub const ORGANIZATION: &str = "organization";

/// Records that an entity changed; call inside the transaction that changes it.
pub async fn touch(conn: &mut Conn, kind: &str, id: &str) -> Result<i64> {
    let seq: i64 = sqlx::query_scalar("UPDATE search_head SET seq = seq + 1 WHERE id = 1 RETURNING seq")
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO search_changes (seq, entity_kind, entity_id) VALUES ($1, $2, $3)")
        .bind(seq)
        .bind(kind)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(seq)
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Change {
    pub seq: i64,
    pub entity_kind: String,
    pub entity_id: String,
}

/// Changes after `seq`, oldest first.
pub async fn after(conn: &mut Conn, seq: i64, limit: i64) -> Result<Vec<Change>> {
    Ok(sqlx::query_as::<_, Change>(
        "SELECT seq, entity_kind, entity_id FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(seq)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// The latest sequence number.
pub async fn head(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT seq FROM search_head WHERE id = 1").fetch_one(&mut *conn).await?)
}

/// Records many changed entities of one kind with one head update (bulk imports).
pub async fn touch_many(conn: &mut Conn, kind: &str, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let n = i64::try_from(ids.len()).unwrap_or(i64::MAX);
    let last: i64 = sqlx::query_scalar("UPDATE search_head SET seq = seq + $1 WHERE id = 1 RETURNING seq")
        .bind(n)
        .fetch_one(&mut *conn)
        .await?;
    // Rows in chunks, to stay under the bind-parameter limit of either backend.
    for (chunk_no, chunk) in ids.chunks(200).enumerate() {
        let first = last - n + 1 + (chunk_no * 200) as i64;
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("(${}, $1, ${})", 2 + 2 * i, 3 + 2 * i)).collect();
        let sql = format!("INSERT INTO search_changes (seq, entity_kind, entity_id) VALUES {}", values.join(", "));
        let mut q = sqlx::query(&sql).bind(kind);
        for (i, id) in chunk.iter().enumerate() {
            q = q.bind(first + i as i64).bind(id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
