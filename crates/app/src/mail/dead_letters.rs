//! The admins' view of the outbox: what waits, what died and why, and retrying a dead message.

use halqe_db::outbox;
use halqe_domain::permissions::AdminCap;

use crate::{App, Error, Result, audit};

/// The newest dead letters shown.
const SHOWN: i64 = 100;

/// A message that could not be delivered; its body is not shown (it may hold a one-time link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: String,
    pub dead_at: i64,
}

/// The outbox at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub pending: i64,
    pub dead: i64,
    pub sent: i64,
    /// The newest dead letters, most recent first.
    pub dead_letters: Vec<DeadLetter>,
}

pub async fn overview(app: &App, _cap: &AdminCap) -> Result<Overview> {
    let mut conn = app.db.conn().await?;
    let counts = outbox::counts(&mut conn).await?;
    let dead_letters = outbox::dead(&mut conn, SHOWN)
        .await?
        .into_iter()
        .map(|m| DeadLetter {
            id: m.id,
            to: m.to_addr,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            dead_at: m.dead_at.unwrap_or_default(),
        })
        .collect();
    Ok(Overview { pending: counts.pending, dead: counts.dead, sent: counts.sent, dead_letters })
}

/// Gives a dead message a fresh set of attempts, due now; audited. Not found unless it is dead.
pub async fn retry(app: &App, cap: &AdminCap, id: &str) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !outbox::retry(&mut tx, id, now).await? {
        return Err(Error::NotFound);
    }
    audit::record(&mut tx, Some(cap.by()), "mail.retry", ("mail", id), serde_json::json!({}), now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
