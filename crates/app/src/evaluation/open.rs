//! Opening a challenge's evaluation: in the transaction that moves it to "in evaluation", every proposal
//! with a submitted version (withdrawn ones aside) enters its call's first stage, in review, with its
//! latest submitted version. Refused while there is a proposal to enter and the challenge's call (or the
//! challenge, outside any call) has no stage; a challenge that drew no proposal may still be evaluated, to
//! end without award.

use halqe_db::challenges::ChallengeListed;
use halqe_db::evaluations::{self, EvaluationRow};
use halqe_db::{Conn, proposals, stages};
use halqe_domain::evaluation::decisions::State;
use halqe_domain::ids::{CallId, ChallengeId, UserId};
use halqe_domain::proposal::Status;

use crate::{FormErrors, Result, audit};

/// Enters the challenge's submitted proposals into the first stage of its call; returns how many entered.
pub(crate) async fn open(conn: &mut Conn, by: &UserId, found: &ChallengeListed, now: i64) -> Result<usize> {
    let challenge = ChallengeId::from_db(found.row.id.clone());
    let submitted: Vec<_> = proposals::submitted_to(conn, &challenge)
        .await?
        .into_iter()
        .filter(|p| p.row.status != Status::Withdrawn)
        .collect();
    if submitted.is_empty() {
        return Ok(0);
    }
    let no_stage = || FormErrors::single("step", "evaluation_no_stage");
    let call = found.row.call_id.clone().map(CallId::from_db).ok_or_else(no_stage)?;
    let first = stages::of_call(conn, &call).await?.into_iter().next().ok_or_else(no_stage)?;
    let mut entered = Vec::new();
    for p in submitted {
        let row = EvaluationRow {
            proposal_id: p.row.id.clone(),
            call_id: call.to_string(),
            stage_id: first.id.clone(),
            version: p.row.versions,
            state: State::InReview.code().to_owned(),
            revision: 0,
            updated_at: now,
        };
        if evaluations::enter(conn, &row).await? {
            entered.push(row);
        }
    }
    let subjects: Vec<(&str, &str, serde_json::Value)> = entered
        .iter()
        .map(|r| {
            let details = serde_json::json!({
                "challenge": found.row.id, "stage": r.stage_id, "version": r.version, "state": r.state,
            });
            ("proposal", r.proposal_id.as_str(), details)
        })
        .collect();
    audit::record_each(conn, Some(by), "evaluation.enter", &subjects, now).await?;
    Ok(entered.len())
}
