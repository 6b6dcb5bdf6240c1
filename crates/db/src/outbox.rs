//! Outgoing mail, written in the same transaction as the change that causes it and delivered afterwards.

use halqe_domain::clock::Millis;
use halqe_domain::ids::Id;

use crate::{Conn, Result};

/// A queued or sent message.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Mail {
    pub id: String,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// Queues a message.
pub async fn enqueue(conn: &mut Conn, to: &str, subject: &str, body: &str, now: Millis) -> Result<String> {
    let id = Id::<Mail>::new();
    sqlx::query("INSERT INTO mail_outbox (id, to_addr, subject, body_text, created_at) VALUES ($1, $2, $3, $4, $5)")
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
    let head = "INSERT INTO mail_outbox (id, to_addr, subject, body_text, created_at)";
    crate::bulk::insert_many(conn, head, 5, mails, |q, m| {
        q.bind(Id::<Mail>::new().as_str().to_owned()).bind(&m.to).bind(&m.subject).bind(&m.body).bind(now)
    })
    .await
}

/// Messages not yet delivered, oldest first.
pub async fn unsent(conn: &mut Conn, limit: i64) -> Result<Vec<Mail>> {
    Ok(sqlx::query_as::<_, Mail>(
        "SELECT id, to_addr, subject, body_text, created_at, sent_at FROM mail_outbox
         WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Marks a message delivered.
pub async fn mark_sent(conn: &mut Conn, id: &str, now: Millis) -> Result<()> {
    sqlx::query("UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every message to one address, newest first; tests and the operator CLI read mail here.
pub async fn to_address(conn: &mut Conn, to: &str) -> Result<Vec<Mail>> {
    Ok(sqlx::query_as::<_, Mail>(
        "SELECT id, to_addr, subject, body_text, created_at, sent_at FROM mail_outbox
         WHERE to_addr = $1 ORDER BY created_at DESC, id DESC",
    )
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
