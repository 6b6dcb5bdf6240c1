//! Recording one move of a challenge: its event (who, when, why, what changed) and its audit record, in
//! the caller's transaction.

use halqe_db::Conn;
use halqe_db::challenges::{self, EventRow};
use halqe_domain::challenge::Status;
use halqe_domain::ids::{ChallengeId, Id, UserId};

use crate::{Result, audit};

/// One move as it is recorded.
pub(crate) struct Move<'a> {
    pub challenge: &'a ChallengeId,
    pub actor: &'a UserId,
    /// A step code, or `create` / `edit`.
    pub kind: &'a str,
    pub from: Status,
    pub to: Status,
    pub reason: &'a str,
    /// The edited fields with their former values.
    pub changes: Vec<serde_json::Value>,
    pub at: i64,
}

impl Move<'_> {
    /// Writes the event and the audit record `challenge.<kind>`.
    pub(crate) async fn record(self, conn: &mut Conn) -> Result<()> {
        let changed: Vec<&serde_json::Value> = self.changes.iter().filter_map(|c| c.get("field")).collect();
        let details = serde_json::json!({
            "from": self.from.code(),
            "to": self.to.code(),
            "reason": self.reason,
            "changed": changed,
        });
        let event = EventRow {
            id: Id::<()>::new().to_string(),
            challenge_id: self.challenge.to_string(),
            actor_id: self.actor.to_string(),
            kind: self.kind.to_owned(),
            from_status: self.from,
            to_status: self.to,
            reason: self.reason.to_owned(),
            changes: serde_json::Value::Array(self.changes).to_string(),
            at: self.at,
        };
        challenges::insert_event(conn, &event).await?;
        let action = format!("challenge.{}", self.kind);
        audit::record(conn, Some(self.actor), &action, ("challenge", self.challenge.as_str()), details, self.at).await
    }
}
