//! Staff merge a duplicate into an earlier question of the same challenge: the duplicate leaves the lists,
//! its asker is pointed at the original and hears of its answer (at once if it has one).

use halqe_db::challenges;
use halqe_db::questions::{self, QuestionListed};
use halqe_domain::ids::{ChallengeId, QuestionId, UserId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::StaffCap;
use halqe_domain::question::{Placed, Refused, State, check_merge};

use crate::conversations::subjects;
use crate::notifications::send::{self, Event};
use crate::{App, Error, FormErrors, Result, audit};

fn placed(q: &QuestionListed, state: State) -> Placed<'_> {
    Placed { state, challenge: &q.row.challenge_id, asked_at: q.row.created_at, id: &q.row.id }
}

/// Merges question `id` into the question `into` (an id as sent); returns their challenge.
pub async fn merge(app: &App, staff: &StaffCap, id: &QuestionId, into: &str) -> Result<ChallengeId> {
    let into = QuestionId::parse(into.trim()).ok_or_else(|| FormErrors::single("into", "choice"))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // Both rows, in one order for every merge, so two crossed merges wait for each other, never deadlock.
    let mut both = [id.clone(), into.clone()];
    both.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    for q in &both {
        questions::lock(&mut tx, q).await?;
    }
    let (dup, dup_state) = super::found(&mut tx, id).await?;
    let (original, original_state) = match super::found(&mut tx, &into).await {
        Ok(found) => found,
        Err(Error::NotFound) => return Err(FormErrors::single("into", Refused::NotEarlier.code())),
        Err(e) => return Err(e),
    };
    check_merge(&placed(&dup, dup_state), &placed(&original, original_state))
        .map_err(|r| FormErrors::single("into", r.code()))?;
    if !questions::merge(&mut tx, id, &into, staff.by(), now).await? {
        return Err(FormErrors::single("into", Refused::Merged.code()));
    }
    let challenge = ChallengeId::from_db(dup.row.challenge_id.clone());
    let details = serde_json::json!({ "challenge": challenge.as_str(), "into": into.as_str() });
    audit::record(&mut tx, Some(staff.by()), "question.merge", ("question", id.as_str()), details, now).await?;
    if original_state == State::Answered {
        let found = challenges::by_id(&mut tx, &challenge).await?.ok_or(Error::NotFound)?;
        let about = subjects::challenge_view(&found);
        let event = Event { kind: Kind::QuestionAnswered, about: &about, actor_name: "" };
        let to = [UserId::from_db(dup.row.asked_by)];
        send::notify(app, &mut tx, &event, &to, Some(staff.by()), now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(challenge)
}
