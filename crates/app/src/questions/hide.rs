//! Staff hide a question with a reason: it leaves the public page, its asker sees that it is hidden and why.
//! Duplicates merged into it are un-merged in the same step (answerable again, each on its own): otherwise
//! their askers would be pointed at a hidden question, or told nothing at all.

use halqe_db::questions;
use halqe_domain::ids::{ChallengeId, QuestionId};
use halqe_domain::introduction::Reason;
use halqe_domain::permissions::StaffCap;
use halqe_domain::question::{Refused, check_hide};

use crate::{App, FormErrors, Result, audit};

/// Hides question `id` for `reason` (required); returns its challenge.
pub async fn hide(app: &App, staff: &StaffCap, id: &QuestionId, reason: &str) -> Result<ChallengeId> {
    let reason = Reason::parse(reason).map_err(|e| FormErrors::single("reason", e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (q, state) = super::found(&mut tx, id).await?;
    check_hide(state).map_err(|r| FormErrors::single("reason", r.code()))?;
    if !questions::hide(&mut tx, id, staff.by(), reason.as_str(), now).await? {
        return Err(FormErrors::single("reason", Refused::Hidden.code()));
    }
    let unmerged = questions::unmerge_into(&mut tx, id).await?;
    let challenge = ChallengeId::from_db(q.row.challenge_id);
    let details = serde_json::json!({
        "challenge": challenge.as_str(), "reason": reason.as_str(), "was": state.code(), "unmerged": unmerged,
    });
    audit::record(&mut tx, Some(staff.by()), "question.hide", ("question", id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(challenge)
}
