//! Server-side sessions, stored by the SHA-256 of their cookie value so a database leak yields no live session.

use halqe_domain::clock::Millis;
use halqe_domain::ids::UserId;

use crate::{Conn, Result};

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    pub user_id: UserId,
    pub seen_at: Millis,
    pub expires_at: Millis,
}

pub async fn insert(conn: &mut Conn, id_hash: &str, user: &UserId, now: Millis, expires_at: Millis) -> Result<()> {
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)")
        .bind(id_hash)
        .bind(user.as_str())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The session with this hash if it has not expired.
pub async fn live(conn: &mut Conn, id_hash: &str, now: Millis) -> Result<Option<Session>> {
    let row: Option<(String, i64, i64)> =
        sqlx::query_as("SELECT user_id, seen_at, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
            .bind(id_hash)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(user_id, seen_at, expires_at)| Session { user_id: UserId::from_db(user_id), seen_at, expires_at }))
}

/// Slides the expiry forward.
pub async fn touch(conn: &mut Conn, id_hash: &str, now: Millis, expires_at: Millis) -> Result<()> {
    sqlx::query("UPDATE sessions SET seen_at = $1, expires_at = $2 WHERE id_hash = $3")
        .bind(now)
        .bind(expires_at)
        .bind(id_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, id_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&mut *conn).await?;
    Ok(())
}

/// Ends every session of a user, e.g. after a password reset.
pub async fn delete_for_user(conn: &mut Conn, user: &UserId) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user.as_str()).execute(&mut *conn).await?;
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired(conn: &mut Conn, now: Millis) -> Result<u64> {
    let r = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&mut *conn).await?;
    Ok(r.rows_affected())
}
