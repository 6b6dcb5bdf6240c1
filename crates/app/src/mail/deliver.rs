//! The delivery step: claim one due message, send it, record the outcome; safe on any number of nodes.

use halqe_db::outbox::{self, AfterFailure};

use super::links;
use super::transport::{Outgoing, SendError};
use crate::{App, Result};

/// Messages one call sends at most, so a long queue does not hold up the caller's other steps.
const BATCH: usize = 50;

/// The error recorded for a message whose last attempt ended with its lease unreported.
const INTERRUPTED: &str = "the last attempt was interrupted (the sending process stopped)";

/// Delivers due mail and returns how many messages went out: the single idempotent step that the
/// background loop of `halqe serve` (and any job runner or `halqe worker`) calls, as often as it likes.
///
/// Each message is claimed alone under a lease (no other worker or node takes it meanwhile), sent, then
/// marked sent with its one-time links redacted ([`links::redact`]). A failed attempt is retried after
/// `retry_base_ms`, doubled per attempt; a permanent failure, or the `max_attempts`th, makes it dead until an
/// admin retries it ([`super::retry`]). A transient failure ends the round, so an unreachable server does not
/// use up every message's attempts at once.
///
/// Delivery is at least once, and exactly once unless the process dies in one window: after the SMTP server
/// has answered the final `250` and before `mark_sent` commits. That message stays with the server, and
/// its lease ends unreported, so it is sent again; its Message-ID (the outbox id) is the same both times,
/// which lets receivers drop the copy. Dying earlier, even with the body already transmitted, sends
/// nothing: the server discards a transaction whose client left before its answer.
pub async fn deliver_pending(app: &App) -> Result<usize> {
    let mailer = &app.mailer;
    let buried =
        outbox::bury_exhausted(&mut *app.db.conn().await?, app.now(), mailer.max_attempts, INTERRUPTED).await?;
    if buried > 0 {
        tracing::warn!(target: "halqe::mail", count = buried, "mail dead after an interrupted last attempt");
    }
    // Half the lease: the claim ends only after the send has been given up, never during it.
    let send_limit = std::time::Duration::from_millis(u64::try_from(mailer.lease_ms / 2).unwrap_or(0));
    let mut sent = 0;
    for _ in 0..BATCH {
        let now = app.now();
        let claimed =
            outbox::claim_next(&mut *app.db.conn().await?, now, now + mailer.lease_ms, mailer.max_attempts).await?;
        let Some(m) = claimed else { break };
        let out = Outgoing { id: &m.id, to: &m.to_addr, subject: &m.subject, body: &m.body_text };
        let result = tokio::time::timeout(send_limit, mailer.transport.send(&mailer.from, out))
            .await
            .unwrap_or_else(|_| Err(SendError { permanent: false, message: "timed out".into() }));
        let now = app.now();
        let mut conn = app.db.conn().await?;
        match result {
            Ok(()) => {
                outbox::mark_sent(&mut conn, &m.id, &links::redact(&m.body_text), now).await?;
                sent += 1;
            }
            Err(e) => {
                let after = if e.permanent || m.attempts >= mailer.max_attempts {
                    AfterFailure::Dead
                } else {
                    AfterFailure::RetryAt(now.saturating_add(backoff(mailer.retry_base_ms, m.attempts)))
                };
                tracing::warn!(target: "halqe::mail", id = %m.id, attempt = m.attempts, dead = after == AfterFailure::Dead,
                    error = %e.message, "mail delivery failed");
                outbox::mark_failed(&mut conn, &m.id, m.attempts, &e.message, after, now).await?;
                if !e.permanent {
                    break;
                }
            }
        }
    }
    Ok(sent)
}

/// The wait after failed attempt `attempt` (from 1): `base`, doubled per further attempt, at most a day.
fn backoff(base: i64, attempt: i64) -> i64 {
    let doublings = u32::try_from((attempt - 1).clamp(0, 20)).unwrap_or(0);
    base.saturating_mul(1 << doublings).min(crate::DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_day() {
        let minute = crate::MINUTE_MS;
        let waits: Vec<i64> = (1..=4).map(|a| backoff(minute, a)).collect();
        assert_eq!(waits, [minute, 2 * minute, 4 * minute, 8 * minute]);
        assert_eq!(backoff(minute, 40), crate::DAY_MS);
        assert_eq!(backoff(minute, 0), minute);
    }
}
