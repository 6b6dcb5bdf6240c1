//! The search feed: changed entities in commit order, for each node's index to follow.
//!
//! Only this crate appends to it: every db function that writes what a person's or an organization's
//! search document is built from (the profile, its fields, publications, past projects, memberships, claims
//! and their decisions, imports), or a challenge, appends the entity in the same transaction, so no caller
//! can forget it.

use halqe_domain::clock::Millis;

use crate::{Conn, Result};

/// Kinds of indexed entities.
pub const PERSON: &str = "person";
pub const ORGANIZATION: &str = "organization";
/// A challenge: the index holds it while it is public.
pub const CHALLENGE: &str = "challenge";

/// Records that an entity changed; call inside the transaction that changes it.
pub(crate) async fn touch(conn: &mut Conn, kind: &str, id: &str) -> Result<i64> {
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

/// Records that the person or the organization (whichever is given) changed.
pub(crate) async fn touch_either(conn: &mut Conn, person: Option<&str>, organization: Option<&str>) -> Result<()> {
    if let Some(id) = person {
        touch(conn, PERSON, id).await?;
    }
    if let Some(id) = organization {
        touch(conn, ORGANIZATION, id).await?;
    }
    Ok(())
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
pub(crate) async fn touch_many<'a>(conn: &mut Conn, kind: &str, ids: impl IntoIterator<Item = &'a str>) -> Result<()> {
    let ids: Vec<&str> = ids.into_iter().collect();
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
            q = q.bind(first + i as i64).bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Remembers where the head is now, for [`compact`] to delete by age.
pub async fn mark(conn: &mut Conn, now: Millis) -> Result<()> {
    sqlx::query("INSERT INTO search_marks (at, seq) SELECT $1, seq FROM search_head WHERE id = 1")
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes the changes already at the head when the newest mark older than `before` was taken, and
/// records the newest deleted sequence; returns how many changes went.
pub async fn compact(conn: &mut Conn, before: Millis) -> Result<u64> {
    let upto: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM search_marks WHERE at < $1")
        .bind(before)
        .fetch_one(&mut *conn)
        .await?;
    let Some(upto) = upto else { return Ok(0) };
    let deleted = sqlx::query("DELETE FROM search_changes WHERE seq <= $1").bind(upto).execute(&mut *conn).await?;
    sqlx::query("UPDATE search_head SET compacted_seq = $1 WHERE id = 1 AND compacted_seq < $1")
        .bind(upto)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM search_marks WHERE at < $1").bind(before).execute(&mut *conn).await?;
    Ok(deleted.rows_affected())
}

/// The newest change deleted by [`compact`]: an index behind it cannot catch up and must be rebuilt.
pub async fn compacted(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT compacted_seq FROM search_head WHERE id = 1").fetch_one(&mut *conn).await?)
}
