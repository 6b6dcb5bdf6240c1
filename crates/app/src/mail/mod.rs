//! Mail: composed into the outbox inside the caller's transaction, delivered afterwards by
//! [`deliver_pending`] with retries, and kept as dead letters for admins when it cannot go out.

mod dead_letters;
mod deliver;
pub mod links;
pub mod transport;

use halqe_db::{Conn, outbox};
use halqe_domain::locale::Locale;
use lettre::Address;
use lettre::message::Mailbox;

pub use dead_letters::{DeadLetter, Overview, overview, retry};
pub use deliver::deliver_pending;
pub use transport::{SmtpSettings, TlsMode, Transport};

use crate::i18n::{Isolation, t_args};
use crate::{MINUTE_MS, Result};

/// How this node delivers mail: the transport and the retry policy.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub transport: Transport,
    pub from: Mailbox,
    /// Attempts before a message is dead.
    pub max_attempts: i64,
    /// How long a claim holds a message; a send is abandoned after half of it, so a lease never ends while
    /// its message is still being sent.
    pub lease_ms: i64,
    /// The wait after the first failure; each further failure doubles it.
    pub retry_base_ms: i64,
}

impl Mailer {
    /// The development transport with the default policy, from `noreply@localhost`.
    pub fn log(show_links: bool) -> Self {
        Self {
            transport: Transport::Log { show_links },
            from: Mailbox::new(Some("Halqe".into()), Address::new_dangerous("noreply", "localhost")),
            max_attempts: 8,
            lease_ms: 2 * MINUTE_MS,
            retry_base_ms: MINUTE_MS,
        }
    }
}

/// Queues a localized message: `key` names `mail-<key>-subject` and `mail-<key>-body` in Fluent.
pub async fn queue(
    conn: &mut Conn,
    to: &str,
    locale: Locale,
    key: &str,
    args: &[(&'static str, &str)],
    now: i64,
) -> Result<()> {
    let m = compose(to, locale, key, args);
    outbox::enqueue(conn, &m.to, &m.subject, &m.body, now).await?;
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
