//! Moving an introduction one step, with its timeline event and audit record, inside the caller's transaction.

use halqe_db::Conn;
use halqe_db::introductions::{self, Event, IntroductionListed};
use halqe_domain::ids::{Id, IntroductionId, UserId};
use halqe_domain::introduction::{Outcome, Refused, Status, Step};
use halqe_domain::permissions::Actor;

use super::access;
use crate::{Error, FormErrors, Result, audit};

/// One step as the timeline records it.
pub(crate) struct Entry<'a> {
    pub intro: &'a IntroductionId,
    pub actor: &'a UserId,
    pub kind: Status,
    pub detail: &'a str,
    pub at: i64,
}

impl Entry<'_> {
    /// The step as a timeline row with id `event`.
    pub(crate) fn event(&self, event: Id<Event>) -> Event {
        Event {
            id: event.to_string(),
            introduction_id: self.intro.to_string(),
            actor_id: Some(self.actor.to_string()),
            kind: self.kind.code().to_owned(),
            detail: self.detail.to_owned(),
            at: self.at,
        }
    }

    /// Adds the step to the introduction's timeline under event id `event`.
    pub(crate) async fn record(&self, conn: &mut Conn, event: Id<Event>) -> Result<()> {
        introductions::insert_event(conn, &self.event(event)).await?;
        Ok(())
    }
}

/// A step the rules refuse: a party taking another's step is forbidden; a step that no longer applies
/// is a form error the page shows.
fn refusal(r: Refused) -> Error {
    match r {
        Refused::NotYourStep(_) => Error::Forbidden,
        Refused::WrongState(_) => FormErrors::single("step", "introduction_wrong_state"),
    }
}

/// Takes `step` on introduction `id` for `actor` and returns the introduction as it was and its new status.
pub(super) async fn take(
    conn: &mut Conn,
    actor: &Actor,
    id: &IntroductionId,
    step: &Step,
    now: i64,
) -> Result<(IntroductionListed, Status)> {
    let (found, parties) = access::visible(conn, actor, id).await?;
    let current = found.row.status;
    let next = current.apply(parties.acting_for(step), step).map_err(refusal)?;
    let reason = match step {
        Step::Close(Outcome::NotEngaged(r)) => r.as_str(),
        _ => "",
    };
    if !introductions::set_status(conn, id, current, next, reason, now).await? {
        return Err(FormErrors::single("step", "introduction_wrong_state"));
    }
    Entry { intro: id, actor: &actor.user_id, kind: next, detail: reason, at: now }.record(conn, Id::new()).await?;
    let details = serde_json::json!({ "from": current.code(), "to": next.code(), "reason": reason });
    audit::record(
        conn,
        Some(&actor.user_id),
        &format!("introduction.{}", next.code()),
        ("introduction", id.as_str()),
        details,
        now,
    )
    .await?;
    Ok((found, next))
}
