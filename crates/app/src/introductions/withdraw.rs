//! The agency side takes back an introduction (or an invitation to apply) the candidate has not answered;
//! the candidate is told it was withdrawn.

use halqe_domain::ids::IntroductionId;
use halqe_domain::introduction::{Status, Step};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;

use super::{notify, steps};
use crate::{App, Result};

/// Withdraws introduction `id` as its agency side; returns the new status.
pub async fn withdraw(app: &App, actor: &Actor, id: &IntroductionId) -> Result<Status> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, status) = steps::take(&mut tx, actor, id, &Step::Withdraw, now).await?;
    let to = notify::candidate_accounts(&mut tx, found.row.candidate_kind, &found.row.candidate_id).await?;
    let asker = found.agency_name.clone().unwrap_or_else(|| found.requester_name.clone());
    notify::tell(app, &mut tx, Kind::IntroductionWithdrawn, &found, &asker, &to, now).await?;
    halqe_db::commit(tx).await?;
    Ok(status)
}
