//! Reminders sent to reviewers before their reviews are due (`review_reminders`), and the assignments that
//! may need one.

use crate::assignments::AssignmentRow;
use crate::{Conn, Result};

/// An active assignment whose review is not submitted, its proposal still in review in its stage, due
/// (the assignment's own date, else the stage's) after `now` and no later than the horizon.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Pending {
    #[sqlx(flatten)]
    pub row: AssignmentRow,
    /// When its review is due.
    pub due: i64,
}

/// The assignments due in `(now, horizon]` that a reminder may concern, soonest first.
pub async fn pending(conn: &mut Conn, now: i64, horizon: i64) -> Result<Vec<Pending>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.stage_id, a.proposal_id, a.user_id, a.run_id, a.affinity, a.state, a.due_at, a.created_at, \
         a.removed_at, a.removed_reason, COALESCE(a.due_at, s.reviews_due_at) AS due \
         FROM assignments a JOIN call_stages s ON s.id = a.stage_id \
         JOIN proposal_evaluations e ON e.proposal_id = a.proposal_id AND e.stage_id = a.stage_id \
         LEFT JOIN reviews r ON r.assignment_id = a.id \
         WHERE a.state = 'active' AND e.state = 'in_review' AND r.submitted_at IS NULL \
         AND COALESCE(a.due_at, s.reviews_due_at) > $1 AND COALESCE(a.due_at, s.reviews_due_at) <= $2 \
         ORDER BY due, a.id",
    )
    .bind(now)
    .bind(horizon)
    .fetch_all(&mut *conn)
    .await?)
}

/// Claims the reminder of `kind` for an assignment due at `due`; false when it was claimed before (by this
/// node or another), so it is not sent twice. The claim holds once its transaction commits.
pub async fn claim(conn: &mut Conn, assignment: &str, kind: &str, due: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO review_reminders (assignment_id, kind, due_at, sent_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (assignment_id, kind, due_at) DO NOTHING",
    )
    .bind(assignment)
    .bind(kind)
    .bind(due)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
