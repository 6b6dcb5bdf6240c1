//! Rate limits: at most so many events per key (an account, an address, a pair) in a sliding window,
//! counted in the database so they hold across nodes.
//!
//! An event is recorded first and counted after, without a lock: each request then sees at least every
//! event committed before its own, so however many arrive together, no more than the limit are admitted.
//! A refused event is taken back, so refusals never push the limit further out.

use halqe_db::Conn;
use halqe_db::rate_limits::{self as events, Recent};
use halqe_domain::clock::Millis;
use halqe_domain::ids::Id;
use sha2::{Digest, Sha256};

use crate::{App, DAY_MS, Error, HOUR_MS, MINUTE_MS, Result, RetryAfter};

/// A limit on one kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Names the kind of event and what it is counted per, e.g. `register:address`.
    pub name: &'static str,
    /// Events allowed within the window (with a backoff: before the delays start).
    pub max: i64,
    pub window_ms: i64,
    /// With a backoff, past `max` the k-th further event must come 2^k seconds after the one before,
    /// at most this long; without, anything past `max` waits until the oldest event leaves the window.
    pub backoff_cap_ms: Option<i64>,
}

/// Sign-in failures of one account from one address: five free, then growing delays (2 s, 4 s, … 15 min).
pub const SIGN_IN: Limit =
    Limit { name: "sign_in:account_address", max: 5, window_ms: HOUR_MS, backoff_cap_ms: Some(15 * MINUTE_MS) };
/// Password checks that failed from one address, whatever the account.
pub const SIGN_IN_ADDRESS: Limit =
    Limit { name: "sign_in:address", max: 20, window_ms: 15 * MINUTE_MS, backoff_cap_ms: None };
/// Registrations from one address.
pub const REGISTER_ADDRESS: Limit =
    Limit { name: "register:address", max: 20, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Registrations (and so mails) for one email address.
pub const REGISTER_EMAIL: Limit = Limit { name: "register:email", max: 3, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Password-reset requests from one address.
pub const RESET_ADDRESS: Limit = Limit { name: "reset:address", max: 10, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Password-reset requests (and so mails) for one email address.
pub const RESET_EMAIL: Limit = Limit { name: "reset:email", max: 3, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Invitations (officers, organization members) sent by one account.
pub const INVITE_ACCOUNT: Limit = Limit { name: "invite:account", max: 50, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Invitations sent from one address.
pub const INVITE_ADDRESS: Limit = Limit { name: "invite:address", max: 100, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Introduction messages written by one account.
pub const MESSAGE_ACCOUNT: Limit =
    Limit { name: "message:account", max: 30, window_ms: 10 * MINUTE_MS, backoff_cap_ms: None };
/// Introduction messages written from one address.
pub const MESSAGE_ADDRESS: Limit =
    Limit { name: "message:address", max: 60, window_ms: 10 * MINUTE_MS, backoff_cap_ms: None };

/// Public questions asked by one account (each notifies the challenge's officers).
pub const QUESTION_ACCOUNT: Limit =
    Limit { name: "question:account", max: 10, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Public questions asked from one address.
pub const QUESTION_ADDRESS: Limit =
    Limit { name: "question:address", max: 30, window_ms: HOUR_MS, backoff_cap_ms: None };

/// Proposal submissions by one account (each mails a receipt and tells the agency's officers).
pub const SUBMIT_ACCOUNT: Limit = Limit { name: "submit:account", max: 10, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Proposal submissions from one address.
pub const SUBMIT_ADDRESS: Limit = Limit { name: "submit:address", max: 30, window_ms: HOUR_MS, backoff_cap_ms: None };
/// Team invitations to one person by one account, whatever the proposal: a removal followed by a new
/// invitation mails the person again, so this bounds what one account can send one person.
pub const TEAM_INVITE_PAIR: Limit =
    Limit { name: "team_invite:account_person", max: 3, window_ms: DAY_MS, backoff_cap_ms: None };

/// Refused openings of review assignments by one account (each may write the audit chain): past this,
/// 429 and nothing more is recorded.
pub const REVIEW_REFUSED_ACCOUNT: Limit =
    Limit { name: "review_refused:account", max: 20, window_ms: HOUR_MS, backoff_cap_ms: None };
/// The audit entry of one account's refused opening of one assignment, for one reason: once a day, so
/// reloading a stale link, or being made to, does not fill the chain.
pub const REVIEW_REFUSED_RECORD: Limit =
    Limit { name: "review_refused:account_assignment", max: 1, window_ms: DAY_MS, backoff_cap_ms: None };
/// Conflict declarations and withdrawals by one account (each is audited).
pub const CONFLICT_DECLARE_ACCOUNT: Limit =
    Limit { name: "conflict_declare:account", max: 20, window_ms: HOUR_MS, backoff_cap_ms: None };

/// Events older than this are deleted by [`purge`]; no window is longer.
pub const RETENTION_MS: i64 = DAY_MS;

impl Limit {
    /// When the event that sees `recent` may be tried again, if it is refused.
    pub fn refused_until(&self, recent: &Recent, now: Millis) -> Option<Millis> {
        if recent.count <= self.max {
            return None;
        }
        match self.backoff_cap_ms {
            None => Some(recent.oldest.unwrap_or(now) + self.window_ms),
            Some(cap) => {
                let k = u32::try_from(recent.count - self.max).unwrap_or(u32::MAX).min(30);
                let delay = (1000_i64 << k).min(cap);
                let previous = recent.newest_other.unwrap_or(now);
                (now - previous < delay).then_some(previous + delay)
            }
        }
    }

    fn key(&self, subject: &str) -> String {
        // Subjects are emails and addresses: kept as a digest, so the table holds no personal data.
        format!("{}:{}", self.name, hex::encode(&Sha256::digest(subject.as_bytes())[..16]))
    }
}

/// An event a limit admitted.
#[derive(Debug, Clone)]
pub struct Admitted {
    id: String,
    key: String,
}

impl Admitted {
    /// Takes the event back (the attempt did not happen, e.g. the server was too busy to run it).
    pub async fn undo(&self, conn: &mut Conn) -> Result<()> {
        Ok(events::delete(conn, &self.id).await?)
    }

    /// Forgets every event of this key (a successful sign-in ends its pair's delays).
    pub async fn clear(&self, conn: &mut Conn) -> Result<()> {
        Ok(events::clear(conn, &self.key).await?)
    }
}

/// Records one event for `subject` under `limit`, or refuses it with [`Error::Throttled`].
pub async fn take(app: &App, limit: &Limit, subject: &str) -> Result<Admitted> {
    let key = limit.key(subject);
    let id = Id::<()>::new().to_string();
    let now = app.now();
    let since = now - limit.window_ms;
    let mut conn = app.db.conn().await?;
    events::record(&mut conn, &id, &key, now, since).await?;
    let recent = events::recent(&mut conn, &key, since, &id).await?;
    if let Some(until) = limit.refused_until(&recent, now) {
        events::delete(&mut conn, &id).await?;
        tracing::info!(limit = limit.name, events = recent.count, "rate limit reached");
        return Err(Error::Throttled(RetryAfter::until(until, now)));
    }
    Ok(Admitted { id, key })
}

/// Takes one event under each `(limit, subject)`, in order; if one refuses, those already taken are taken back.
pub async fn take_all(app: &App, limits: &[(&Limit, &str)]) -> Result<Vec<Admitted>> {
    let mut taken = Vec::with_capacity(limits.len());
    for (limit, subject) in limits {
        match take(app, limit, subject).await {
            Ok(a) => taken.push(a),
            Err(e) => {
                undo_all(app, &taken).await?;
                return Err(e);
            }
        }
    }
    Ok(taken)
}

/// Runs `attempt` under one event of each limit; if it fails (refused, or lost a race), its events are
/// taken back, so only what happened counts and a user correcting a refused form is not throttled.
pub async fn counted<T>(
    app: &App,
    limits: &[(&Limit, &str)],
    attempt: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    let taken = take_all(app, limits).await?;
    let result = attempt.await;
    if result.is_err() {
        undo_all(app, &taken).await?;
    }
    result
}

/// Takes back events that were admitted for an attempt that did not happen.
pub async fn undo_all(app: &App, taken: &[Admitted]) -> Result<()> {
    let mut conn = app.db.conn().await?;
    for a in taken {
        a.undo(&mut conn).await?;
    }
    Ok(())
}

/// Deletes events older than every window.
pub async fn purge(app: &App) -> Result<u64> {
    let mut conn = app.db.conn().await?;
    Ok(events::purge(&mut conn, app.now() - RETENTION_MS).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_800_000_000_000;

    fn recent(count: i64, oldest: Millis, newest_other: Option<Millis>) -> Recent {
        Recent { count, oldest: Some(oldest), newest_other }
    }

    #[test]
    fn a_plain_limit_refuses_past_max_until_the_oldest_event_leaves_the_window() {
        assert_eq!(RESET_EMAIL.refused_until(&recent(3, NOW - 1000, Some(NOW - 10)), NOW), None);
        assert_eq!(RESET_EMAIL.refused_until(&recent(4, NOW - 1000, Some(NOW - 10)), NOW), Some(NOW - 1000 + HOUR_MS));
    }

    #[test]
    fn a_backoff_doubles_the_wait_after_each_further_event_up_to_its_cap() {
        let free = recent(5, NOW - 60_000, Some(NOW - 1));
        assert_eq!(SIGN_IN.refused_until(&free, NOW), None, "the first five are free, however close together");
        // The sixth event must come 2 s after the fifth, the seventh 4 s after the sixth, …
        assert_eq!(SIGN_IN.refused_until(&recent(6, NOW - 60_000, Some(NOW - 1_999)), NOW), Some(NOW + 1));
        assert_eq!(SIGN_IN.refused_until(&recent(6, NOW - 60_000, Some(NOW - 2_000)), NOW), None);
        assert_eq!(SIGN_IN.refused_until(&recent(7, NOW - 60_000, Some(NOW - 3_000)), NOW), Some(NOW + 1_000));
        assert_eq!(SIGN_IN.refused_until(&recent(7, NOW - 60_000, Some(NOW - 4_000)), NOW), None);
        // … never more than fifteen minutes, however many came before.
        let many = recent(500, NOW - HOUR_MS + 1, Some(NOW - 15 * MINUTE_MS));
        assert_eq!(SIGN_IN.refused_until(&many, NOW), None);
        let many = recent(500, NOW - HOUR_MS + 1, Some(NOW - 1));
        assert_eq!(SIGN_IN.refused_until(&many, NOW), Some(NOW - 1 + 15 * MINUTE_MS));
    }

    #[test]
    fn events_arriving_together_past_the_free_ones_are_all_refused() {
        // Two requests at the same millisecond each see the other as the newest other event.
        assert!(SIGN_IN.refused_until(&recent(6, NOW - 60_000, Some(NOW)), NOW).is_some());
    }

    #[test]
    fn keys_keep_no_personal_data() {
        let key = SIGN_IN.key("someone@example.ir|203.0.113.7");
        assert!(key.starts_with("sign_in:account_address:") && !key.contains("example") && !key.contains("203"));
        assert_ne!(key, SIGN_IN.key("someone@example.ir|203.0.113.8"));
    }
}
