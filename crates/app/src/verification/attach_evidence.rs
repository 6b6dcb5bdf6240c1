//! The owner adds evidence to a claim; new evidence puts a rejected claim back in the staff queue.

use halqe_db::verification;
use halqe_domain::ids::{ClaimId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::verification::ClaimStatus;

use super::{access, evidence};
use crate::storage::{Stored, Upload};
use crate::{App, Error, FormErrors, Result, audit};

/// Attaches files to a claim the actor manages and returns its new status; a verified claim takes no more.
pub async fn attach_evidence(app: &App, actor: &Actor, id: &ClaimId, uploads: Vec<Upload>) -> Result<ClaimStatus> {
    let mut conn = app.db.conn().await?;
    let claim = verification::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    if !access::manages(&mut conn, &actor.user_id, &claim).await? {
        return Err(Error::NotFound);
    }
    drop(conn);
    let current = claim.status;
    let mut errors = FormErrors::default();
    let next = current.add_evidence().ok();
    if next.is_none() {
        errors.add("evidence", "claim_closed");
    }
    let files = evidence::check_all(app, uploads, &mut errors);
    errors.finish()?;
    let next = next.ok_or_else(|| Error::Internal("validated input missing".into()))?;
    let stored = evidence::store_all(app, files).await?;
    let result = write(app, &actor.user_id, id, (current, next), &stored).await;
    evidence::or_discard(app, &stored, result).await
}

async fn write(
    app: &App,
    user: &UserId,
    id: &ClaimId,
    (current, next): (ClaimStatus, ClaimStatus),
    stored: &[Stored],
) -> Result<ClaimStatus> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if current != next {
        if !verification::set_status(&mut tx, id, current, next, None, now).await? {
            return Err(FormErrors::single("evidence", "claim_closed"));
        }
        let details = serde_json::json!({ "from": current.code(), "to": next.code() });
        audit::record(&mut tx, Some(user), "claim.resubmit", ("claim", id.as_str()), details, now).await?;
    }
    evidence::record(&mut tx, id, stored, user, now).await?;
    halqe_db::commit(tx).await?;
    Ok(next)
}
