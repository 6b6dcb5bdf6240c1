//! Evaluation stages of a call and their criteria.

use halqe_domain::ids::CallId;

use crate::{Conn, Result};

/// A stage as stored; `gate` and `blind` are the domain's codes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StageRow {
    pub id: String,
    pub call_id: String,
    pub position: i64,
    pub name: String,
    pub blind: String,
    pub gate: String,
    pub gate_value: i64,
    pub created_by: String,
    pub created_at: i64,
}

/// A criterion as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CriterionRow {
    pub id: String,
    pub stage_id: String,
    pub position: i64,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
}

const STAGE: &str = "id, call_id, position, name, blind, gate, gate_value, created_by, created_at";
const CRITERION: &str = "id, stage_id, position, name, description, weight, scale_min, scale_max";

/// Adds a stage after the call's last; its position comes from the same statement, so two staff adding
/// at once cannot take one position (the second insert fails on the unique key instead).
pub async fn insert_stage(conn: &mut Conn, s: &StageRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO call_stages ({STAGE}) SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $4, $5, $6, $7, $8 \
         FROM call_stages WHERE call_id = $2"
    ))
    .bind(&s.id)
    .bind(&s.call_id)
    .bind(&s.name)
    .bind(&s.blind)
    .bind(&s.gate)
    .bind(s.gate_value)
    .bind(&s.created_by)
    .bind(s.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Adds a criterion after the stage's last.
pub async fn insert_criterion(conn: &mut Conn, c: &CriterionRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO stage_criteria ({CRITERION}) SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $4, $5, $6, $7 \
         FROM stage_criteria WHERE stage_id = $2"
    ))
    .bind(&c.id)
    .bind(&c.stage_id)
    .bind(&c.name)
    .bind(&c.description)
    .bind(c.weight)
    .bind(c.scale_min)
    .bind(c.scale_max)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The call's stages in order.
pub async fn of_call(conn: &mut Conn, call: &CallId) -> Result<Vec<StageRow>> {
    Ok(sqlx::query_as::<_, StageRow>(&format!("SELECT {STAGE} FROM call_stages WHERE call_id = $1 ORDER BY position"))
        .bind(call.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// The criteria of every stage of the call, by stage and position.
pub async fn criteria_of_call(conn: &mut Conn, call: &CallId) -> Result<Vec<CriterionRow>> {
    let columns = CRITERION.split(", ").map(|c| format!("c.{c}")).collect::<Vec<_>>().join(", ");
    Ok(sqlx::query_as::<_, CriterionRow>(&format!(
        "SELECT {columns} FROM stage_criteria c JOIN call_stages s ON s.id = c.stage_id \
         WHERE s.call_id = $1 ORDER BY s.position, c.position"
    ))
    .bind(call.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The stage's call, if the stage exists.
pub async fn call_of(conn: &mut Conn, stage: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar::<_, String>("SELECT call_id FROM call_stages WHERE id = $1")
        .bind(stage)
        .fetch_optional(&mut *conn)
        .await?)
}
