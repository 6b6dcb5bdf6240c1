//! Rate-limit events (table `rate_events`), kept in the database so every limit holds across nodes.

use halqe_domain::clock::Millis;

use crate::{Conn, Result};

/// The events of one key within a window, as one request sees them after recording its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recent {
    /// Events in the window, this request's own included.
    pub count: i64,
    /// The oldest event in the window.
    pub oldest: Option<Millis>,
    /// The newest event in the window other than this request's own.
    pub newest_other: Option<Millis>,
}

/// Records event `id` for `key` at `now`, first forgetting the key's events at or before `forget_before`.
pub async fn record(conn: &mut Conn, id: &str, key: &str, now: Millis, forget_before: Millis) -> Result<()> {
    sqlx::query("DELETE FROM rate_events WHERE rate_key = $1 AND at <= $2")
        .bind(key)
        .bind(forget_before)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO rate_events (id, rate_key, at) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(key)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The key's events after `since`, seen from event `own`.
pub async fn recent(conn: &mut Conn, key: &str, since: Millis, own: &str) -> Result<Recent> {
    let (count, oldest, newest_other): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(at), MAX(CASE WHEN id <> $3 THEN at END) FROM rate_events \
         WHERE rate_key = $1 AND at > $2",
    )
    .bind(key)
    .bind(since)
    .bind(own)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Recent { count, oldest, newest_other })
}

/// Takes back one event.
pub async fn delete(conn: &mut Conn, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM rate_events WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// Forgets every event of a key.
pub async fn clear(conn: &mut Conn, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM rate_events WHERE rate_key = $1").bind(key).execute(&mut *conn).await?;
    Ok(())
}

/// Deletes every event at or before `before` (keys that stopped being used); returns how many.
pub async fn purge(conn: &mut Conn, before: Millis) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM rate_events WHERE at <= $1").bind(before).execute(&mut *conn).await?.rows_affected())
}
