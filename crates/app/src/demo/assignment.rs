//! The demo call in evaluation: two proposals of the challenge in evaluation under review in the screening
//! stage, a reviewer pool of two (one of them a member of an applicant organization, so the conflict shows
//! with its reason; the other with a registry profile whose expertise the affinity explains), and an
//! assignment solved by the job and applied by staff through the same use cases a page calls.

use halqe_db::evaluations::{self, EvaluationRow};
use halqe_db::{assignments, proposals};
use halqe_domain::evaluation::stages::DEFAULT_APPEAL_DAYS;
use halqe_domain::ids::{CallId, ProposalId, StageId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;

use super::demo_id;
use crate::evaluation::{assignment, pool};
use crate::{App, DAY_MS, Error, Result, audit};

/// The submitted proposals of the challenge in evaluation that are under review.
const IN_REVIEW: [&str; 2] = ["proposal-isfahan-digital-governance", "proposal-isfahan-negar"];
/// (account, load cap) of the pool.
const POOL: [(&str, &str); 2] = [("reviewer@halqe.demo", "4"), ("researcher@halqe.demo", "3")];

/// Puts the proposals under review, builds the pool, solves and applies the assignment.
pub(super) async fn load(app: &App) -> Result<()> {
    let now = app.now();
    let call: CallId = demo_id(super::challenges::CALL);
    let stage: StageId = demo_id("stage-screening");
    let staff: UserId = demo_id("staff@halqe.demo");
    let cap = Actor { user_id: staff.clone(), roles: vec![Role::Staff], agency_id: None }
        .staff()
        .map_err(|_| Error::Internal("demo staff".into()))?;
    let mut tx = app.db.begin().await?;
    assignments::plan(&mut tx, stage.as_str(), 1, Some(now + 21 * DAY_MS), DEFAULT_APPEAL_DAYS).await?;
    for slug in IN_REVIEW {
        let id: ProposalId = demo_id(slug);
        let found = proposals::by_id(&mut tx, &id).await?.ok_or(Error::NotFound)?;
        let row = EvaluationRow {
            proposal_id: id.to_string(),
            call_id: call.to_string(),
            stage_id: stage.to_string(),
            version: found.row.versions,
            state: "in_review".into(),
            revision: 0,
            updated_at: now,
        };
        evaluations::enter(&mut tx, &row).await?;
        let details = serde_json::json!({
            "challenge": found.row.challenge_id, "stage": row.stage_id, "version": row.version, "state": row.state,
        });
        audit::record(&mut tx, Some(&staff), "evaluation.enter", ("proposal", id.as_str()), details, now).await?;
    }
    halqe_db::commit(tx).await?;
    for (email, load) in POOL {
        pool::add(app, &cap, &call, email, load).await?;
    }
    let run = assignment::start(app, &cap, &call, stage.as_str(), "total").await?;
    let job = {
        let mut conn = app.db.conn().await?;
        assignments::run_by_id(&mut conn, &run).await?.and_then(|r| r.job_id).ok_or(Error::NotFound)?
    };
    let claimed = crate::jobs::runner::claim(app, "demo", Some(&job)).await?.ok_or(Error::NotFound)?;
    crate::jobs::runner::run_claimed(app, "demo", claimed).await?;
    assignment::apply(app, &cap, &call, &run).await?;
    Ok(())
}
