//! Failed-login records, kept in the database so throttling holds across nodes.

use halqe_domain::clock::Millis;
use halqe_domain::ids::Id;

use crate::{Conn, Result};

/// Counts failures for a key since `since`.
pub async fn failures_since(conn: &mut Conn, key: &str, since: Millis) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND at > $2")
        .bind(key)
        .bind(since)
        .fetch_one(&mut *conn)
        .await?)
}

/// Records one failure and forgets this key's failures older than `forget_before`.
pub async fn record_failure(conn: &mut Conn, key: &str, now: Millis, forget_before: Millis) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1 AND at <= $2")
        .bind(key)
        .bind(forget_before)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO login_failures (id, throttle_key, at) VALUES ($1, $2, $3)")
        .bind(Id::<()>::new().as_str())
        .bind(key)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Clears a key after a successful login.
pub async fn clear(conn: &mut Conn, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1").bind(key).execute(&mut *conn).await?;
    Ok(())
}
