//! Decisions on proposals in evaluation and the appeals against them. A decision's first write moves the
//! proposal's `proposal_evaluations` row on condition that its revision is the one the decider saw, so of
//! two concurrent decisions exactly one changes it and the other finds nothing to change.

use halqe_domain::evaluation::decisions::{Outcome, State};

use crate::{Conn, Result};

/// A decision as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DecisionRow {
    pub id: String,
    pub proposal_id: String,
    pub stage_id: String,
    #[sqlx(try_from = "String")]
    pub outcome: Outcome,
    pub to_stage_id: Option<String>,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: i64,
    pub appeal_id: Option<String>,
    pub audit_seq: Option<i64>,
}

/// A decision with the names its pages show.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DecisionListed {
    #[sqlx(flatten)]
    pub row: DecisionRow,
    pub stage_name: String,
    pub stage_position: i64,
    pub appeal_days: i64,
}

const COLUMNS: &str =
    "id, proposal_id, stage_id, outcome, to_stage_id, reason, decided_by, decided_at, appeal_id, audit_seq";

fn listed(filter: &str) -> String {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("d.{c}")).collect();
    format!(
        "SELECT {}, s.name AS stage_name, s.position AS stage_position, s.appeal_days \
         FROM decisions d JOIN call_stages s ON s.id = d.stage_id WHERE {filter}",
        columns.join(", ")
    )
}

/// Moves a proposal to `stage` and `state` if its revision is still `seen`; false when another decision
/// came first (or it is not in evaluation).
pub async fn move_evaluation(
    conn: &mut Conn,
    proposal: &str,
    seen: i64,
    stage: &str,
    state: State,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE proposal_evaluations SET stage_id = $3, state = $4, revision = revision + 1, updated_at = $5 \
         WHERE proposal_id = $1 AND revision = $2",
    )
    .bind(proposal)
    .bind(seen)
    .bind(stage)
    .bind(state.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert(conn: &mut Conn, d: &DecisionRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO decisions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"))
        .bind(&d.id)
        .bind(&d.proposal_id)
        .bind(&d.stage_id)
        .bind(d.outcome.code())
        .bind(&d.to_stage_id)
        .bind(&d.reason)
        .bind(&d.decided_by)
        .bind(d.decided_at)
        .bind(&d.appeal_id)
        .bind(d.audit_seq)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A proposal's decisions, oldest first.
pub async fn of_proposal(conn: &mut Conn, proposal: &str) -> Result<Vec<DecisionListed>> {
    Ok(sqlx::query_as::<_, DecisionListed>(&format!("{} ORDER BY d.decided_at, d.id", listed("d.proposal_id = $1")))
        .bind(proposal)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn by_id(conn: &mut Conn, id: &str) -> Result<Option<DecisionListed>> {
    Ok(sqlx::query_as::<_, DecisionListed>(&listed("d.id = $1")).bind(id).fetch_optional(&mut *conn).await?)
}

/// A proposal in a stage, as the stage's decision page lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InStage {
    pub proposal_id: String,
    pub title: String,
    pub applicant_name: String,
    pub version: i64,
    #[sqlx(try_from = "String")]
    pub state: State,
    pub revision: i64,
}

/// The proposals whose evaluation stands in `stage`, first submitted first.
pub async fn in_stage(conn: &mut Conn, stage: &str) -> Result<Vec<InStage>> {
    Ok(sqlx::query_as::<_, InStage>(
        "SELECT e.proposal_id, p.title, p.applicant_name, e.version, e.state, e.revision \
         FROM proposal_evaluations e JOIN proposals p ON p.id = e.proposal_id \
         WHERE e.stage_id = $1 ORDER BY p.submitted_at, p.id",
    )
    .bind(stage)
    .fetch_all(&mut *conn)
    .await?)
}

/// An appeal as stored; `state` is pending, upheld or overturned.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AppealRow {
    pub id: String,
    pub decision_id: String,
    pub proposal_id: String,
    pub filed_by: String,
    pub reason: String,
    pub filed_at: i64,
    pub state: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub answer: String,
}

const APPEAL: &str = "id, decision_id, proposal_id, filed_by, reason, filed_at, state, decided_by, decided_at, answer";

/// Files an appeal; a second appeal against the same decision is `Error::Conflict`.
pub async fn insert_appeal(conn: &mut Conn, a: &AppealRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO appeals ({APPEAL}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"))
        .bind(&a.id)
        .bind(&a.decision_id)
        .bind(&a.proposal_id)
        .bind(&a.filed_by)
        .bind(&a.reason)
        .bind(a.filed_at)
        .bind(&a.state)
        .bind(&a.decided_by)
        .bind(a.decided_at)
        .bind(&a.answer)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A proposal's appeals, oldest first.
pub async fn appeals_of(conn: &mut Conn, proposal: &str) -> Result<Vec<AppealRow>> {
    Ok(sqlx::query_as::<_, AppealRow>(&format!(
        "SELECT {APPEAL} FROM appeals WHERE proposal_id = $1 ORDER BY filed_at, id"
    ))
    .bind(proposal)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn appeal_by_id(conn: &mut Conn, id: &str) -> Result<Option<AppealRow>> {
    Ok(sqlx::query_as::<_, AppealRow>(&format!("SELECT {APPEAL} FROM appeals WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Records the answer to a pending appeal; false if it was already answered.
pub async fn answer_appeal(conn: &mut Conn, id: &str, state: &str, by: &str, at: i64, answer: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE appeals SET state = $2, decided_by = $3, decided_at = $4, answer = $5 WHERE id = $1 AND state = 'pending'",
    )
    .bind(id)
    .bind(state)
    .bind(by)
    .bind(at)
    .bind(answer)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A pending appeal as staff's queue lists it: with its proposal's title, the call and stage of the
/// rejection, and who took it (who may therefore not answer).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Queued {
    #[sqlx(flatten)]
    pub appeal: AppealRow,
    pub title: String,
    pub call_title: String,
    pub stage_name: String,
    pub rejected_by: String,
    pub rejected_at: i64,
}

/// Pending appeals, oldest first (the staff's queue), with a bound.
pub async fn pending(conn: &mut Conn, limit: i64) -> Result<Vec<Queued>> {
    let columns: Vec<String> = APPEAL.split(", ").map(|c| format!("a.{c}")).collect();
    Ok(sqlx::query_as::<_, Queued>(&format!(
        "SELECT {}, p.title, c.title AS call_title, s.name AS stage_name, d.decided_by AS rejected_by, \
         d.decided_at AS rejected_at FROM appeals a JOIN decisions d ON d.id = a.decision_id \
         JOIN proposals p ON p.id = a.proposal_id JOIN call_stages s ON s.id = d.stage_id \
         JOIN calls c ON c.id = s.call_id WHERE a.state = 'pending' ORDER BY a.filed_at, a.id LIMIT $1",
        columns.join(", ")
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}
