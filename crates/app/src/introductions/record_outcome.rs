//! The agency side records how an accepted introduction ended: engaged, or not engaged with a reason; the
//! candidate is told that it ended (the reason is on the introduction's page, not in the mail).

use halqe_domain::ids::IntroductionId;
use halqe_domain::introduction::{Outcome, Status, Step};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;

use crate::{App, FormErrors, Result};

use super::notify;
use super::steps;

/// Records the outcome form (`engaged`, or `not_engaged` with a reason); returns the new status.
pub async fn record_outcome(
    app: &App,
    actor: &Actor,
    id: &IntroductionId,
    outcome: &str,
    reason: &str,
) -> Result<Status> {
    let outcome = Outcome::parse(outcome, reason).map_err(|(field, e)| FormErrors::single(field, e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, status) = steps::take(&mut tx, actor, id, &Step::Close(outcome), now).await?;
    let kind = found.row.candidate_kind;
    let to = notify::candidate_accounts(&mut tx, kind, &found.row.candidate_id).await?;
    let kind = if status == Status::Engaged { Kind::IntroductionEngaged } else { Kind::IntroductionNotEngaged };
    notify::tell(app, &mut tx, kind, &found, &found.candidate_name, &to, now).await?;
    halqe_db::commit(tx).await?;
    Ok(status)
}
