//! Assignments in force: this reviewer reviews this proposal in this stage (`assignments`).

use crate::{Conn, Result};

/// An assignment as stored; `state` is `active` or `removed`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AssignmentRow {
    pub id: String,
    pub stage_id: String,
    pub proposal_id: String,
    pub user_id: String,
    pub run_id: Option<String>,
    pub affinity: i64,
    pub state: String,
    pub due_at: Option<i64>,
    pub created_at: i64,
    pub removed_at: Option<i64>,
    pub removed_reason: String,
}

const COLUMNS: &str =
    "id, stage_id, proposal_id, user_id, run_id, affinity, state, due_at, created_at, removed_at, removed_reason";

/// Puts an assignment in force.
pub async fn insert(conn: &mut Conn, a: &AssignmentRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO assignments ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"))
        .bind(&a.id)
        .bind(&a.stage_id)
        .bind(&a.proposal_id)
        .bind(&a.user_id)
        .bind(&a.run_id)
        .bind(a.affinity)
        .bind(&a.state)
        .bind(a.due_at)
        .bind(a.created_at)
        .bind(a.removed_at)
        .bind(&a.removed_reason)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One assignment, active or removed.
pub async fn get(conn: &mut Conn, id: &str) -> Result<Option<AssignmentRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM assignments WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The reviewer's active assignments, oldest first.
pub async fn list_for_reviewer(conn: &mut Conn, user: &str) -> Result<Vec<AssignmentRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM assignments WHERE user_id = $1 AND state = 'active' ORDER BY created_at, id"
    ))
    .bind(user)
    .fetch_all(&mut *conn)
    .await?)
}

/// The active assignments of one proposal in one stage.
pub async fn list_for_proposal(conn: &mut Conn, stage: &str, proposal: &str) -> Result<Vec<AssignmentRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM assignments WHERE stage_id = $1 AND proposal_id = $2 AND state = 'active' \
         ORDER BY created_at, id"
    ))
    .bind(stage)
    .bind(proposal)
    .fetch_all(&mut *conn)
    .await?)
}

/// Moves an active assignment's due date (staff's extension); false if it is not active.
pub async fn set_due(conn: &mut Conn, id: &str, due_at: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE assignments SET due_at = $2 WHERE id = $1 AND state = 'active'")
        .bind(id)
        .bind(due_at)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes an active assignment out of force, keeping the row and why; false if it was not active.
pub async fn remove(conn: &mut Conn, id: &str, reason: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE assignments SET state = 'removed', removed_at = $2, removed_reason = $3 WHERE id = $1 AND state = 'active'",
    )
    .bind(id)
    .bind(now)
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
