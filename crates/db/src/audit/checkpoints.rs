//! Signed checkpoints of the chain's head, as stored: written by the signer, read back by verification.

use crate::{Conn, Result};

/// One stored checkpoint: the head's sequence and hash at `at`, signed with the key `public_key` (hex).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub seq: i64,
    pub hash: String,
    pub at: i64,
    pub public_key: String,
    pub signature: String,
}

const COLUMNS: &str = "id, seq, hash, at, public_key, signature";

pub async fn insert(conn: &mut Conn, row: &Row) -> Result<()> {
    sqlx::query(&format!("INSERT INTO audit_checkpoints ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"))
        .bind(&row.id)
        .bind(row.seq)
        .bind(&row.hash)
        .bind(row.at)
        .bind(&row.public_key)
        .bind(&row.signature)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Checkpoints in id (creation) order, `limit` at a time after `after_id` (`""` for the first page).
pub async fn page(conn: &mut Conn, after_id: &str, limit: i64) -> Result<Vec<Row>> {
    Ok(sqlx::query_as::<_, Row>(&format!("SELECT {COLUMNS} FROM audit_checkpoints WHERE id > $1 ORDER BY id LIMIT $2"))
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// The most recently signed checkpoint.
pub async fn newest(conn: &mut Conn) -> Result<Option<Row>> {
    Ok(sqlx::query_as::<_, Row>(&format!("SELECT {COLUMNS} FROM audit_checkpoints ORDER BY at DESC, id DESC LIMIT 1"))
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_checkpoints").fetch_one(&mut *conn).await?)
}
