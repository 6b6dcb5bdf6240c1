//! Staff put a challenge in a call or take it out; a challenge belongs to at most one call.

use halqe_db::{calls, challenges};
use halqe_domain::ids::{CallId, ChallengeId};
use halqe_domain::permissions::StaffCap;

use crate::{App, Error, FormErrors, Result, audit};

/// Puts challenge `challenge` in call `call` (`None`: out of any); only a challenge past the agency's
/// drafts (submitted or later) may join.
pub async fn assign(app: &App, staff: &StaffCap, challenge: &ChallengeId, call: Option<&CallId>) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let found = challenges::by_id(&mut tx, challenge).await?.ok_or(Error::NotFound)?;
    if let Some(call) = call {
        calls::by_id(&mut tx, call).await?.ok_or(Error::NotFound)?;
        if matches!(found.row.status, halqe_domain::challenge::Status::Draft) {
            return Err(FormErrors::single("challenge", "challenge_still_draft"));
        }
    }
    challenges::set_call(&mut tx, challenge, call, now).await?;
    let details = serde_json::json!({ "call": call.map(CallId::as_str), "before": found.row.call_id });
    audit::record(&mut tx, Some(staff.by()), "challenge.assign_call", ("challenge", challenge.as_str()), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
