//! Moving a challenge one step of its lifecycle (submit, return with comments, approve, publish, close,
//! evaluate, award or not, archive): the one transition rule, recorded with who, when and why. Evaluating
//! enters the submitted proposals into the call's first stage in the same transaction.

use halqe_db::challenges;
use halqe_domain::challenge::{Refused, Status, Step, step_reason};
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;

use super::access;
use super::events::Move;
use crate::{App, Error, FormErrors, Result};

/// A step the rules refuse: a side taking another's step is forbidden; one that does not apply now is a
/// form error the page shows.
fn refusal(r: Refused) -> Error {
    match r {
        Refused::NotYourStep(_) => Error::Forbidden,
        Refused::WrongState(_) => FormErrors::single("step", "challenge_wrong_state"),
    }
}

/// Takes `step` on challenge `id` with `reason` (required to return or to end without award); returns
/// the new status.
pub async fn take(app: &App, actor: &Actor, id: &ChallengeId, step: Step, reason: &str) -> Result<Status> {
    let reason = step_reason(step, reason).map_err(|e| FormErrors::single("reason", e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, sides) = access::party(&mut tx, actor, id).await?;
    let by = sides.acting_for(|p| step.allowed_to(p)).ok_or(Error::Forbidden)?;
    let current = found.row.status;
    let next = current.apply(by, step).map_err(refusal)?;
    // Publishing, or sending for review, a challenge whose deadline has passed would open nothing.
    if matches!(step, Step::Submit | Step::Approve | Step::Publish) && found.row.deadline_at <= now {
        return Err(FormErrors::single("deadline", "deadline_past"));
    }
    if !challenges::set_status(&mut tx, id, current, next, now).await? {
        return Err(FormErrors::single("step", "challenge_wrong_state"));
    }
    let moved = Move {
        challenge: id,
        actor: &actor.user_id,
        kind: step.code(),
        from: current,
        to: next,
        reason: &reason,
        changes: Vec::new(),
        at: now,
    };
    moved.record(&mut tx).await?;
    if step == Step::Evaluate {
        crate::evaluation::open::open(&mut tx, &actor.user_id, &found, now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(next)
}
