//! The applicant's side saves the working copy as they type (htmx, every pause) or with the editor's save
//! button; only bounds are checked, and only before the deadline.

use halqe_db::proposals;
use halqe_domain::ids::ProposalId;
use halqe_domain::permissions::Actor;

use super::access;
use super::form::ProposalForm;
use crate::{App, FormErrors, Result};

/// Saves `form` over proposal `id`; returns when it was saved.
pub async fn save(app: &App, actor: &Actor, id: &ProposalId, form: &ProposalForm) -> Result<i64> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let found = access::owned(&mut tx, actor, id).await?;
    access::changeable(&found, now)?;
    let mut row = found.row;
    form.apply(&mut row)?;
    row.updated_at = now;
    if !proposals::save_text(&mut tx, &row).await? {
        return Err(FormErrors::single("status", "proposal_withdrawn"));
    }
    halqe_db::commit(tx).await?;
    Ok(now)
}
