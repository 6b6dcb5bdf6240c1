//! The applicant's side withdraws a proposal before the deadline: it leaves the agency's list of
//! proposals in play, its versions are kept, and the decision is on the audit chain.

use halqe_db::proposals;
use halqe_domain::ids::ProposalId;
use halqe_domain::permissions::Actor;

use super::access;
use crate::{App, FormErrors, Result, audit};

/// Withdraws proposal `id`.
pub async fn withdraw(app: &App, actor: &Actor, id: &ProposalId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let found = access::owned(&mut tx, actor, id).await?;
    access::changeable(&found, now)?;
    if !proposals::withdraw(&mut tx, id, now).await? {
        return Err(FormErrors::single("status", "proposal_withdrawn"));
    }
    let details = serde_json::json!({
        "challenge": found.row.challenge_id,
        "from": found.row.status.code(),
        "versions": found.row.versions,
    });
    audit::record(&mut tx, Some(&actor.user_id), "proposal.withdraw", ("proposal", id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
