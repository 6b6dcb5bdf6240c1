//! Calls: rounds with dates and rules that group challenges.

use halqe_domain::call::Status;
use halqe_domain::ids::CallId;

use crate::{Conn, Result};

/// A call as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CallRow {
    pub id: String,
    pub title: String,
    pub rules: String,
    pub opens_at: i64,
    pub closes_at: i64,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub created_by: String,
    pub created_at: i64,
    pub published_at: Option<i64>,
}

const COLUMNS: &str = "id, title, rules, opens_at, closes_at, status, created_by, created_at, published_at";

pub async fn insert(conn: &mut Conn, c: &CallRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO calls ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
        .bind(&c.id)
        .bind(&c.title)
        .bind(&c.rules)
        .bind(c.opens_at)
        .bind(c.closes_at)
        .bind(c.status.code())
        .bind(&c.created_by)
        .bind(c.created_at)
        .bind(c.published_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Saves the title, rules and dates.
pub async fn update(conn: &mut Conn, c: &CallRow) -> Result<bool> {
    let done = sqlx::query("UPDATE calls SET title = $2, rules = $3, opens_at = $4, closes_at = $5 WHERE id = $1")
        .bind(&c.id)
        .bind(&c.title)
        .bind(&c.rules)
        .bind(c.opens_at)
        .bind(c.closes_at)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Publishes a draft call; false if it was not a draft.
pub async fn publish(conn: &mut Conn, id: &CallId, now: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE calls SET status = $2, published_at = $3 WHERE id = $1 AND status = $4")
        .bind(id.as_str())
        .bind(Status::Published.code())
        .bind(now)
        .bind(Status::Draft.code())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id(conn: &mut Conn, id: &CallId) -> Result<Option<CallRow>> {
    Ok(sqlx::query_as::<_, CallRow>(&format!("SELECT {COLUMNS} FROM calls WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// Every call (staff), or only the published ones, newest opening first.
pub async fn list(conn: &mut Conn, published_only: bool) -> Result<Vec<CallRow>> {
    let filter = if published_only { "WHERE status = $1" } else { "WHERE status <> $1 OR status = $1" };
    Ok(sqlx::query_as::<_, CallRow>(&format!("SELECT {COLUMNS} FROM calls {filter} ORDER BY opens_at DESC, id"))
        .bind(Status::Published.code())
        .fetch_all(&mut *conn)
        .await?)
}
