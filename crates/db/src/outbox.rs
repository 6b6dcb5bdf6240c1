//! Outgoing mail, written in the same transaction as the change that causes it and delivered afterwards.
//!
//! Delivery claims one due message at a time: the claim counts an attempt and moves `next_attempt_at` to
//! the end of a lease, so concurrent workers never hold the same message and a killed worker's message
//! falls due again when its lease ends. `attempts` fences the claimant's failure report.

use halqe_domain::clock::Millis;
use halqe_domain::ids::Id;

use crate::{Conn, Result};

/// A queued, sent or dead message.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Mail {
    pub id: String,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// Claims so far; the value a claim returns identifies that claim.
    pub attempts: i64,
    pub last_error: Option<String>,
    /// When the last attempt failed for good; an admin may retry it.
    pub dead_at: Option<i64>,
}

const COLUMNS: &str = "id, to_addr, subject, body_text, created_at, sent_at, attempts, last_error, dead_at";

/// Queues a message.
pub async fn enqueue(conn: &mut Conn, to: &str, subject: &str, body: &str, now: Millis) -> Result<String> {
    let id = Id::<Mail>::new();
    sqlx::query(
        "INSERT INTO mail_outbox (id, to_addr, subject, body_text, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(id.as_str())
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id.as_str().to_owned())
}

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues many messages with multi-row inserts (a bulk import's invitations).
pub async fn enqueue_many(conn: &mut Conn, mails: &[NewMail], now: Millis) -> Result<()> {
    let head = "INSERT INTO mail_outbox (id, to_addr, subject, body_text, created_at, next_attempt_at)";
    crate::bulk::insert_many(conn, head, 6, mails, |q, m| {
        q.bind(Id::<Mail>::new().as_str().to_owned()).bind(&m.to).bind(&m.subject).bind(&m.body).bind(now).bind(now)
    })
    .await
}

/// Claims the oldest due message with fewer than `max_attempts` attempts, leasing it until `lease_until`.
///
/// PostgreSQL skips rows another claim holds; the outer conditions are re-checked against the row as
/// committed, so two claims can never both win one message on either backend.
pub async fn claim_next(conn: &mut Conn, now: Millis, lease_until: Millis, max_attempts: i64) -> Result<Option<Mail>> {
    let skip_locked = if !conn.backend_name().eq_ignore_ascii_case("sqlite") { "FOR UPDATE SKIP LOCKED" } else { "" };
    let due = "sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $2 AND attempts < $3";
    let sql = format!(
        "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1
         WHERE id = (SELECT id FROM mail_outbox WHERE {due} ORDER BY next_attempt_at, id LIMIT 1 {skip_locked})
           AND {due}
         RETURNING {COLUMNS}"
    );
    Ok(sqlx::query_as::<_, Mail>(&sql)
        .bind(lease_until)
        .bind(now)
        .bind(max_attempts)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Records a delivery, keeping `body` (the caller's redacted copy) in place of the original.
pub async fn mark_sent(conn: &mut Conn, id: &str, body: &str, now: Millis) -> Result<()> {
    sqlx::query("UPDATE mail_outbox SET sent_at = $1, body_text = $2 WHERE id = $3 AND sent_at IS NULL")
        .bind(now)
        .bind(body)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What becomes of a message whose attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Due again at this time.
    RetryAt(Millis),
    /// Dead: no further attempts until an admin retries it.
    Dead,
}

/// Records a failed attempt, unless the message has been claimed again since `attempt` (its lease ended).
pub async fn mark_failed(
    conn: &mut Conn,
    id: &str,
    attempt: i64,
    error: &str,
    after: AfterFailure,
    now: Millis,
) -> Result<()> {
    let (next, dead) = match after {
        AfterFailure::RetryAt(at) => (at, None),
        AfterFailure::Dead => (now, Some(now)),
    };
    sqlx::query(
        "UPDATE mail_outbox SET last_error = $1, next_attempt_at = $2, dead_at = $3
         WHERE id = $4 AND attempts = $5 AND sent_at IS NULL",
    )
    .bind(error)
    .bind(next)
    .bind(dead)
    .bind(id)
    .bind(attempt)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Moves messages whose last allowed attempt was interrupted (its lease ended unreported) to dead,
/// keeping their last error or recording `reason`; returns how many.
pub async fn bury_exhausted(conn: &mut Conn, now: Millis, max_attempts: i64, reason: &str) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET dead_at = $1, last_error = COALESCE(last_error, $2)
         WHERE sent_at IS NULL AND dead_at IS NULL AND attempts >= $3 AND next_attempt_at <= $1",
    )
    .bind(now)
    .bind(reason)
    .bind(max_attempts)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Makes a dead message due now with a fresh set of attempts; false if it is not dead.
pub async fn retry(conn: &mut Conn, id: &str, now: Millis) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = $1
         WHERE id = $2 AND dead_at IS NOT NULL AND sent_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many messages wait for delivery (due or not), have died, and have been sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct Counts {
    pub pending: i64,
    pub dead: i64,
    pub sent: i64,
}

pub async fn counts(conn: &mut Conn) -> Result<Counts> {
    Ok(sqlx::query_as::<_, Counts>(
        "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND dead_at IS NULL THEN 1 ELSE 0 END), 0) AS pending,
                COALESCE(SUM(CASE WHEN dead_at IS NOT NULL AND sent_at IS NULL THEN 1 ELSE 0 END), 0) AS dead,
                COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS sent
         FROM mail_outbox",
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Dead messages, most recently died first.
pub async fn dead(conn: &mut Conn, limit: i64) -> Result<Vec<Mail>> {
    Ok(sqlx::query_as::<_, Mail>(&format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE dead_at IS NOT NULL AND sent_at IS NULL
         ORDER BY dead_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every message to one address, newest first; tests and the operator CLI read mail here.
pub async fn to_address(conn: &mut Conn, to: &str) -> Result<Vec<Mail>> {
    Ok(sqlx::query_as::<_, Mail>(&format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE to_addr = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(to)
    .fetch_all(&mut *conn)
    .await?)
}

/// Deletes mail sent before `before`; returns how many messages went.
pub async fn delete_sent_before(conn: &mut Conn, before: Millis) -> Result<u64> {
    let r = sqlx::query("DELETE FROM mail_outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected())
}

/// Records a message as dead after `attempts` attempts that ended with `error` (demo data).
pub async fn bury(conn: &mut Conn, id: &str, attempts: i64, error: &str, now: Millis) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET attempts = $1, last_error = $2, dead_at = $3 WHERE id = $4 AND sent_at IS NULL",
    )
    .bind(attempts)
    .bind(error)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
