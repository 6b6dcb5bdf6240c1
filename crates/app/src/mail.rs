//! Composing mail into the outbox (inside the caller's transaction) and delivering it.
//!
//! Until SMTP delivery arrives, delivery writes each message to the log; the outbox keeps them all.

use halqe_db::{Conn, outbox};
use halqe_domain::locale::Locale;

use crate::i18n::{Isolation, t_args};
use crate::{App, Result};

/// Queues a localized message: `key` names `mail-<key>-subject` and `mail-<key>-body` in Fluent.
pub async fn queue(
    conn: &mut Conn,
    to: &str,
    locale: Locale,
    key: &str,
    args: &[(&'static str, &str)],
    now: i64,
) -> Result<()> {
    let subject = t_args(locale, Isolation::Plain, &format!("mail-{key}-subject"), args);
    let body = t_args(locale, Isolation::Plain, &format!("mail-{key}-body"), args);
    outbox::enqueue(conn, to, &subject, &body, now).await?;
    Ok(())
}

/// Composes a localized message like [`queue`] without writing it, for [`queue_all`].
pub fn compose(to: &str, locale: Locale, key: &str, args: &[(&'static str, &str)]) -> outbox::NewMail {
    outbox::NewMail {
        to: to.to_owned(),
        subject: t_args(locale, Isolation::Plain, &format!("mail-{key}-subject"), args),
        body: t_args(locale, Isolation::Plain, &format!("mail-{key}-body"), args),
    }
}

/// Queues composed messages in the caller's transaction, many rows per statement (bulk imports).
pub async fn queue_all(conn: &mut Conn, mails: &[outbox::NewMail], now: i64) -> Result<()> {
    outbox::enqueue_many(conn, mails, now).await?;
    Ok(())
}

/// Delivers queued mail by logging it; returns how many messages went out.
pub async fn deliver_pending(app: &App) -> Result<usize> {
    let mut conn = app.db.conn().await?;
    let pending = outbox::unsent(&mut conn, 100).await?;
    for m in &pending {
        tracing::info!(target: "halqe::mail", to = %m.to_addr, subject = %m.subject, body = %m.body_text, "mail (log transport)");
        outbox::mark_sent(&mut conn, &m.id, app.now()).await?;
    }
    Ok(pending.len())
}
