//! Reviewer assignment: the assignments in force (this reviewer reviews this proposal in this stage),
//! staff's pins and forbids per stage, and the solver's runs with the pairs they propose.

use crate::{Conn, Result, keyed};

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
    insert_assignments(conn, std::slice::from_ref(a)).await
}

/// One assignment, active or removed.
pub async fn get(conn: &mut Conn, id: &str) -> Result<Option<AssignmentRow>> {
    keyed::one(conn, &format!("SELECT {COLUMNS} FROM assignments WHERE id = $1"), id).await
}

/// The reviewer's active assignments, oldest first.
pub async fn list_for_reviewer(conn: &mut Conn, user: &str) -> Result<Vec<AssignmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM assignments WHERE user_id = $1 AND state = 'active' \
        ORDER BY created_at, id"
    );
    keyed::all(conn, &sql, user).await
}

/// Every assignment of `user` to `proposal`, in any stage and state, newest first.
pub async fn of_reviewer_on(conn: &mut Conn, user: &str, proposal: &str) -> Result<Vec<AssignmentRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM assignments WHERE user_id = $1 AND proposal_id = $2 ORDER BY created_at DESC, id DESC"
    ))
    .bind(user)
    .bind(proposal)
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

/// A pin (`pin`) or forbid (`forbid`) of one pair in a stage.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RuleRow {
    pub stage_id: String,
    pub proposal_id: String,
    pub user_id: String,
    pub rule: String,
    pub note: String,
    pub created_by: String,
    pub created_at: i64,
}

const RULE: &str = "stage_id, proposal_id, user_id, rule, note, created_by, created_at";

/// Sets the rule of a pair, replacing any earlier one.
pub async fn set_rule(conn: &mut Conn, r: &RuleRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO assignment_rules ({RULE}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (stage_id, proposal_id, user_id) DO UPDATE SET rule = excluded.rule, note = excluded.note, \
         created_by = excluded.created_by, created_at = excluded.created_at"
    ))
    .bind(&r.stage_id)
    .bind(&r.proposal_id)
    .bind(&r.user_id)
    .bind(&r.rule)
    .bind(&r.note)
    .bind(&r.created_by)
    .bind(r.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Drops the rule of a pair; false when there was none.
pub async fn clear_rule(conn: &mut Conn, stage: &str, proposal: &str, user: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM assignment_rules WHERE stage_id = $1 AND proposal_id = $2 AND user_id = $3")
        .bind(stage)
        .bind(proposal)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn rules_of(conn: &mut Conn, stage: &str) -> Result<Vec<RuleRow>> {
    let sql = format!(
        "SELECT {RULE} FROM assignment_rules WHERE stage_id = $1 \
        ORDER BY created_at, proposal_id, user_id"
    );
    keyed::all(conn, &sql, stage).await
}

/// One solve of a stage's assignment.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RunRow {
    pub id: String,
    pub stage_id: String,
    pub job_id: Option<String>,
    pub mode: String,
    pub state: String,
    pub total_affinity: Option<i64>,
    pub worst_affinity: Option<i64>,
    pub proven: i64,
    pub report: String,
    pub created_by: String,
    pub created_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

const RUN: &str = "id, stage_id, job_id, mode, state, total_affinity, worst_affinity, proven, report, created_by, \
    created_at, decided_by, decided_at";

pub async fn insert_run(conn: &mut Conn, r: &RunRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO assignment_runs ({RUN}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    ))
    .bind(&r.id)
    .bind(&r.stage_id)
    .bind(&r.job_id)
    .bind(&r.mode)
    .bind(&r.state)
    .bind(r.total_affinity)
    .bind(r.worst_affinity)
    .bind(r.proven)
    .bind(&r.report)
    .bind(&r.created_by)
    .bind(r.created_at)
    .bind(&r.decided_by)
    .bind(r.decided_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn run_by_id(conn: &mut Conn, id: &str) -> Result<Option<RunRow>> {
    keyed::one(conn, &format!("SELECT {RUN} FROM assignment_runs WHERE id = $1"), id).await
}

/// A stage's runs, newest first.
pub async fn runs_of(conn: &mut Conn, stage: &str, limit: i64) -> Result<Vec<RunRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {RUN} FROM assignment_runs WHERE stage_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    ))
    .bind(stage)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Records how a running solve ended; false when it was no longer running (cancelled meanwhile).
pub async fn finish_run(
    conn: &mut Conn,
    id: &str,
    state: &str,
    totals: Option<(i64, i64, bool)>,
    report: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE assignment_runs SET state = $2, total_affinity = $3, worst_affinity = $4, proven = $5, report = $6 \
         WHERE id = $1 AND state = 'running'",
    )
    .bind(id)
    .bind(state)
    .bind(totals.map(|t| t.0))
    .bind(totals.map(|t| t.1))
    .bind(i64::from(totals.is_some_and(|t| t.2)))
    .bind(report)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a run from `from` to `to` as `by` decided; false when it was no longer at `from` (of two staff
/// applying at once, one wins).
pub async fn decide_run(conn: &mut Conn, id: &str, from: &str, to: &str, by: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE assignment_runs SET state = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Discards every other proposed run of the stage (an applied run makes them stale).
pub async fn discard_others(conn: &mut Conn, stage: &str, kept: &str, by: &str, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE assignment_runs SET state = 'discarded', decided_by = $3, decided_at = $4 \
         WHERE stage_id = $1 AND id <> $2 AND state = 'proposed'",
    )
    .bind(stage)
    .bind(kept)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One pair a run proposes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PairRow {
    pub run_id: String,
    pub proposal_id: String,
    pub user_id: String,
    pub affinity: i64,
    pub explanation: String,
    pub pinned: i64,
}

const PAIR: &str = "run_id, proposal_id, user_id, affinity, explanation, pinned";

pub async fn insert_pairs(conn: &mut Conn, pairs: &[PairRow]) -> Result<()> {
    crate::bulk::insert_many(conn, &format!("INSERT INTO assignment_run_pairs ({PAIR})"), 6, pairs, |q, p| {
        q.bind(&p.run_id).bind(&p.proposal_id).bind(&p.user_id).bind(p.affinity).bind(&p.explanation).bind(p.pinned)
    })
    .await
}

pub async fn pairs_of(conn: &mut Conn, run: &str) -> Result<Vec<PairRow>> {
    let sql = format!(
        "SELECT {PAIR} FROM assignment_run_pairs WHERE run_id = $1 \
        ORDER BY proposal_id, affinity DESC, user_id"
    );
    keyed::all(conn, &sql, run).await
}

/// Inserts assignments; an active pair already in force is a `Conflict`.
pub async fn insert_assignments(conn: &mut Conn, rows: &[AssignmentRow]) -> Result<()> {
    crate::bulk::insert_many(conn, &format!("INSERT INTO assignments ({COLUMNS})"), 11, rows, |q, a| {
        q.bind(&a.id)
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
    })
    .await
}

/// A stage's assignments, active and removed, by proposal.
pub async fn of_stage(conn: &mut Conn, stage: &str) -> Result<Vec<AssignmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM assignments WHERE stage_id = $1 \
        ORDER BY proposal_id, created_at, user_id"
    );
    keyed::all(conn, &sql, stage).await
}

/// The active assignments of a reviewer in any stage of a call.
pub async fn active_in_call(conn: &mut Conn, call: &str, user: &str) -> Result<Vec<AssignmentRow>> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("a.{c}")).collect();
    Ok(sqlx::query_as(&format!(
        "SELECT {} FROM assignments a JOIN call_stages s ON s.id = a.stage_id \
         WHERE s.call_id = $1 AND a.user_id = $2 AND a.state = 'active' ORDER BY a.created_at, a.id",
        columns.join(", ")
    ))
    .bind(call)
    .bind(user)
    .fetch_all(&mut *conn)
    .await?)
}

/// How many active assignments each reviewer has in the call: (user, count).
pub async fn loads_in_call(conn: &mut Conn, call: &str) -> Result<Vec<(String, i64)>> {
    let sql = "SELECT a.user_id, COUNT(*) FROM assignments a JOIN call_stages s ON s.id = a.stage_id \
        WHERE s.call_id = $1 AND a.state = 'active' GROUP BY a.user_id";
    keyed::all(conn, sql, call).await
}

/// How a stage runs its assignment: its call, reviewers per proposal, when reviews are due, blind mode.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StagePlan {
    pub id: String,
    pub call_id: String,
    pub name: String,
    pub blind: String,
    pub reviewers_per_proposal: i64,
    pub reviews_due_at: Option<i64>,
    pub appeal_days: i64,
}

pub async fn stage_plan(conn: &mut Conn, stage: &str) -> Result<Option<StagePlan>> {
    let sql = "SELECT id, call_id, name, blind, reviewers_per_proposal, reviews_due_at, appeal_days FROM call_stages \
        WHERE id = $1";
    keyed::one(conn, sql, stage).await
}

/// The proposals under review in a stage, with the submitted version under evaluation, by id.
pub async fn in_review(conn: &mut Conn, stage: &str) -> Result<Vec<(String, i64)>> {
    let sql = "SELECT proposal_id, version FROM proposal_evaluations WHERE stage_id = $1 AND state = 'in_review' \
        ORDER BY proposal_id";
    keyed::all(conn, sql, stage).await
}

/// The run a job drives.
pub async fn run_of_job(conn: &mut Conn, job: &str) -> Result<Option<RunRow>> {
    keyed::one(conn, &format!("SELECT {RUN} FROM assignment_runs WHERE job_id = $1"), job).await
}

/// Sets how many reviewers each proposal of a stage needs, when their reviews are due, and the days to
/// appeal a rejection in it.
pub async fn plan(
    conn: &mut Conn,
    stage: &str,
    reviewers_per_proposal: i64,
    reviews_due_at: Option<i64>,
    appeal_days: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE call_stages SET reviewers_per_proposal = $2, reviews_due_at = $3, appeal_days = $4 WHERE id = $1",
    )
    .bind(stage)
    .bind(reviewers_per_proposal)
    .bind(reviews_due_at)
    .bind(appeal_days)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// (assignment, reviewer) of those of `ids` in force: who hears of each.
pub async fn active_reviewers(conn: &mut Conn, ids: &[String]) -> Result<Vec<(String, String)>> {
    let rows: Vec<(String, String, String)> =
        crate::bulk::fetch_in(conn, "SELECT id, user_id, state FROM assignments", "id", ids).await?;
    Ok(rows.into_iter().filter(|r| r.2 == "active").map(|(id, user, _)| (id, user)).collect())
}
