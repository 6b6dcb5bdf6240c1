//! Reviews of assignments with a score per criterion (`reviews`, `review_scores`): a draft until submitted,
//! then never written again.

use crate::stages::CriterionRow;
use crate::{Conn, Result};

/// A review as stored; `state` is `draft` or `submitted`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewRow {
    pub id: String,
    pub assignment_id: String,
    pub state: String,
    pub comment: String,
    pub confidence: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

/// One criterion's score in a review.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScoreRow {
    pub review_id: String,
    pub criterion_id: String,
    pub score: i64,
    pub comment: String,
}

/// A stage as its reviews need it: how blind, and when reviews are due.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewStage {
    pub id: String,
    pub call_id: String,
    pub call_title: String,
    pub name: String,
    pub blind: String,
    pub reviews_due_at: Option<i64>,
}

/// A review of a stage with whose and on which proposal it is.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StageReview {
    pub assignment_id: String,
    pub proposal_id: String,
    pub user_id: String,
    pub reviewer_name: String,
    pub due_at: Option<i64>,
    pub review_id: Option<String>,
    pub state: Option<String>,
    pub comment: Option<String>,
    pub confidence: Option<i64>,
    pub submitted_at: Option<i64>,
}

const COLUMNS: &str = "id, assignment_id, state, comment, confidence, created_at, updated_at, submitted_at";

/// The stage with its call's title.
pub async fn stage(conn: &mut Conn, id: &str) -> Result<Option<ReviewStage>> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.call_id, c.title AS call_title, s.name, s.blind, s.reviews_due_at \
         FROM call_stages s JOIN calls c ON c.id = s.call_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The review of an assignment, if one was started.
pub async fn of_assignment(conn: &mut Conn, assignment: &str) -> Result<Option<ReviewRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM reviews WHERE assignment_id = $1"))
        .bind(assignment)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The reviews of several assignments (the reviewer's list).
pub async fn of_assignments(conn: &mut Conn, assignments: &[String]) -> Result<Vec<ReviewRow>> {
    if assignments.is_empty() {
        return Ok(Vec::new());
    }
    let marks = (1..=assignments.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {COLUMNS} FROM reviews WHERE assignment_id IN ({marks})");
    let mut q = sqlx::query_as(&sql);
    for a in assignments {
        q = q.bind(a);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// The review's scores.
pub async fn scores_of(conn: &mut Conn, review: &str) -> Result<Vec<ScoreRow>> {
    Ok(sqlx::query_as("SELECT review_id, criterion_id, score, comment FROM review_scores WHERE review_id = $1")
        .bind(review)
        .fetch_all(&mut *conn)
        .await?)
}

/// Writes the draft of `row.assignment_id` (creating it the first time) with its scores; false, writing
/// nothing, once it is submitted. Its first statements take the review's row, so of two writers at once the
/// second waits for the first and then sees what it did.
pub async fn save_draft(conn: &mut Conn, row: &ReviewRow, scores: &[ScoreRow]) -> Result<bool> {
    sqlx::query(&format!(
        "INSERT INTO reviews ({COLUMNS}) VALUES ($1, $2, 'draft', $3, $4, $5, $5, NULL) \
         ON CONFLICT (assignment_id) DO NOTHING"
    ))
    .bind(&row.id)
    .bind(&row.assignment_id)
    .bind(&row.comment)
    .bind(row.confidence)
    .bind(row.updated_at)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "UPDATE reviews SET comment = $2, confidence = $3, updated_at = $4 WHERE assignment_id = $1 AND state = 'draft'",
    )
    .bind(&row.assignment_id)
    .bind(&row.comment)
    .bind(row.confidence)
    .bind(row.updated_at)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let Some(id) = sqlx::query_scalar::<_, String>("SELECT id FROM reviews WHERE assignment_id = $1")
        .bind(&row.assignment_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM review_scores WHERE review_id = $1").bind(&id).execute(&mut *conn).await?;
    for s in scores {
        sqlx::query("INSERT INTO review_scores (review_id, criterion_id, score, comment) VALUES ($1, $2, $3, $4)")
            .bind(&id)
            .bind(&s.criterion_id)
            .bind(s.score)
            .bind(&s.comment)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

/// Submits the draft of an assignment; false if it was already submitted (or never started).
pub async fn submit(conn: &mut Conn, assignment: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE reviews SET state = 'submitted', submitted_at = $2, updated_at = $2 \
         WHERE assignment_id = $1 AND state = 'draft'",
    )
    .bind(assignment)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every active assignment of the stage with its review, if started, and the reviewer's name.
pub async fn of_stage(conn: &mut Conn, stage: &str) -> Result<Vec<StageReview>> {
    Ok(sqlx::query_as(
        "SELECT a.id AS assignment_id, a.proposal_id, a.user_id, u.display_name AS reviewer_name, a.due_at, \
         r.id AS review_id, r.state, r.comment, r.confidence, r.submitted_at \
         FROM assignments a JOIN users u ON u.id = a.user_id LEFT JOIN reviews r ON r.assignment_id = a.id \
         WHERE a.stage_id = $1 AND a.state = 'active' ORDER BY a.proposal_id, a.created_at, a.id",
    )
    .bind(stage)
    .fetch_all(&mut *conn)
    .await?)
}

/// The scores of every submitted review of the stage.
pub async fn submitted_scores_of_stage(conn: &mut Conn, stage: &str) -> Result<Vec<ScoreRow>> {
    Ok(sqlx::query_as(
        "SELECT rs.review_id, rs.criterion_id, rs.score, rs.comment FROM review_scores rs \
         JOIN reviews r ON r.id = rs.review_id JOIN assignments a ON a.id = r.assignment_id \
         WHERE a.stage_id = $1 AND a.state = 'active' AND r.state = 'submitted'",
    )
    .bind(stage)
    .fetch_all(&mut *conn)
    .await?)
}

/// The criteria of one stage, in order.
pub async fn criteria_of_stage(conn: &mut Conn, stage: &str) -> Result<Vec<CriterionRow>> {
    Ok(sqlx::query_as(
        "SELECT id, stage_id, position, name, description, weight, scale_min, scale_max FROM stage_criteria \
         WHERE stage_id = $1 ORDER BY position",
    )
    .bind(stage)
    .fetch_all(&mut *conn)
    .await?)
}
