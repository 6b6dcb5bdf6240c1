//! Where each submitted proposal stands in its call's evaluation (`proposal_evaluations`).

use crate::{Conn, Result};

/// A proposal's place in the evaluation; `state` is the domain's code, `revision` counts decisions.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EvaluationRow {
    pub proposal_id: String,
    pub call_id: String,
    pub stage_id: String,
    pub version: i64,
    pub state: String,
    pub revision: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "proposal_id, call_id, stage_id, version, state, revision, updated_at";

/// Puts a submitted version of a proposal into a stage; a proposal already in evaluation is left as it is
/// (false), so opening an evaluation twice moves nobody back.
pub async fn enter(conn: &mut Conn, row: &EvaluationRow) -> Result<bool> {
    let done = sqlx::query(&format!(
        "INSERT INTO proposal_evaluations ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (proposal_id) DO NOTHING"
    ))
    .bind(&row.proposal_id)
    .bind(&row.call_id)
    .bind(&row.stage_id)
    .bind(row.version)
    .bind(&row.state)
    .bind(row.revision)
    .bind(row.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The proposal's place, if it is in evaluation.
pub async fn get(conn: &mut Conn, proposal_id: &str) -> Result<Option<EvaluationRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM proposal_evaluations WHERE proposal_id = $1"))
        .bind(proposal_id)
        .fetch_optional(&mut *conn)
        .await?)
}
